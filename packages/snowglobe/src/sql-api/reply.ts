/**
 * The value every SQL API builder returns: an HTTP status and a JSON body, kept as plain data so
 * tests compare shapes and the server decides how to send them ({@link toResponse}).
 */

/** The `{code, message}` body every SQL API error carries; 422s add SQLSTATE and the handle. */
export interface SqlApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly sqlState?: string;
  readonly statementHandle?: string;
  readonly statementStatusUrl?: string;
  readonly createdOn?: number;
}

/** An HTTP answer of the SQL API. A `null` body is sent empty (405 sends none). */
export interface SqlApiReply<B = unknown> {
  readonly status: number;
  readonly body: B;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A request the SQL API refuses before running anything (bad content type, bad JSON, empty
 * statement, body too large, unknown handle). A discriminated value, never thrown.
 */
export interface SqlApiError extends SqlApiReply<SqlApiErrorBody> {
  readonly type: 'SqlApiError';
}

/** Builds a {@link SqlApiError}. */
export function sqlApiError(status: number, body: SqlApiErrorBody, headers?: Readonly<Record<string, string>>): SqlApiError {
  return headers === undefined ? { type: 'SqlApiError', status, body } : { type: 'SqlApiError', status, body, headers };
}

/** Whether a value is a {@link SqlApiError}. */
export function isSqlApiError(x: unknown): x is SqlApiError {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SqlApiError';
}

/** Turns a reply into a web-standard `Response` with a JSON body (or none). */
export function toResponse(reply: SqlApiReply): Response {
  const headers = new Headers(reply.headers);
  if (reply.body === null) {
    headers.set('content-length', '0');
    return new Response(null, { status: reply.status, headers });
  }
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers });
}
