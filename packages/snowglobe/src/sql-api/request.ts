/**
 * Parsing of `POST /api/v2/statements` requests (spec §3 "Request body"). Everything a client can
 * get wrong comes back as a {@link SqlApiError} value in Snowflake's `{code, message}` shape; this
 * function never throws on input.
 */
import { sqlApiError } from './reply.ts';
import type { SqlApiError } from './reply.ts';

/** A bind variable, as `bindings: {"1": {"type": "FIXED", "value": "123"}}`. */
export interface Binding {
  readonly type: string;
  readonly value: string | null;
}

/** A well-formed statement request. */
export interface StatementRequest {
  readonly type: 'StatementRequest';
  /** The SQL text; one or more statements separated by `;`. Never empty or blank. */
  readonly statement: string;
  /** The role to run as; case-sensitive, as Snowflake documents. */
  readonly role?: string;
  readonly database?: string;
  readonly schema?: string;
  readonly warehouse?: string;
  /** `timeout` in seconds, as sent (0 means the maximum, 604800). */
  readonly timeout?: number;
  /** Session parameters with lower-case keys and string values (`multi_statement_count: "2"`). */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * How many statements the client declared: `MULTI_STATEMENT_COUNT` as a number; 1 when absent
   * (a single statement), 0 for "any number".
   */
  readonly multiStatementCount: number;
  readonly bindings?: Readonly<Record<string, Binding>>;
  /** `?requestId=`; absent when the client sent none (the server then makes one). */
  readonly requestId?: string;
  /** `?async=true`. */
  readonly async: boolean;
  /** `?retry=true`. */
  readonly retry: boolean;
  /** False with `?nullable=false`: SQL NULL is then sent as the string `"null"`. */
  readonly nullable: boolean;
}

export interface ParseStatementOptions {
  /** Bodies larger than this are refused with 413 without being read to the end. */
  readonly maxBodyBytes: number;
}

/** Snowflake's code for a body it cannot use. */
export const INVALID_PAYLOAD_CODE = '390142';
export const INVALID_PAYLOAD_MESSAGE = 'Incoming request does not contain a valid payload.';
/** Recorded against a live account: 400, `000900`, `Empty SQL statement`. */
export const EMPTY_STATEMENT_CODE = '000900';
export const EMPTY_STATEMENT_MESSAGE = 'Empty SQL statement';

function invalidPayload(): SqlApiError {
  return sqlApiError(400, { code: INVALID_PAYLOAD_CODE, message: INVALID_PAYLOAD_MESSAGE });
}

/**
 * UNCONFIRMED: Snowflake documents 413/415 statuses without their bodies. We keep its
 * `{code, message}` shape and reuse 390142 (the code it gives a payload it cannot use, and what a
 * wrong Content-Type produced in a recorded session) with a message that says what went wrong.
 */
function unsupportedMediaType(contentType: string | null): SqlApiError {
  const what = contentType === null ? 'no Content-Type' : `Content-Type '${contentType}'`;
  return sqlApiError(415, { code: INVALID_PAYLOAD_CODE, message: `Unsupported media type: ${what}; the request body must be application/json.` });
}

function payloadTooLarge(maxBodyBytes: number): SqlApiError {
  return sqlApiError(413, { code: INVALID_PAYLOAD_CODE, message: `Request body is larger than ${maxBodyBytes} bytes.` });
}

/** Whether a Content-Type header names JSON: `application/json`, any case, any parameters. */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

type BodyRead = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: SqlApiError };

/**
 * Reads the body with a byte limit. Content-Length is checked first so an honest oversize client
 * is refused without reading; the stream is still counted because Content-Length may be absent
 * (chunked) or lie.
 */
export async function readBodyLimited(request: Request, maxBodyBytes: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBodyBytes) {
    return { ok: false, error: payloadTooLarge(maxBodyBytes) };
  }
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        return { ok: false, error: payloadTooLarge(maxBodyBytes) };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away or sent a broken stream: there is no payload to speak of.
    return { ok: false, error: invalidPayload() };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** An optional string field: absent/null → undefined, a string → itself, else invalid. */
function optionalString(body: Record<string, unknown>, key: string): string | undefined | 'invalid' {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : 'invalid';
}

function parseParameters(raw: unknown): Record<string, string> | 'invalid' {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) return 'invalid';
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    // Snowflake documents the keys in lower case but its own example writes
    // MULTI_STATEMENT_COUNT; session parameter names are case-insensitive, so fold them.
    const k = key.toLowerCase();
    if (typeof value === 'string') out[k] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[k] = String(value);
    else if (typeof value === 'boolean') out[k] = String(value);
    else return 'invalid';
  }
  return out;
}

function parseBindings(raw: unknown): Record<string, Binding> | undefined | 'invalid' {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) return 'invalid';
  const out: Record<string, Binding> = {};
  for (const [key, b] of Object.entries(raw)) {
    if (!isRecord(b) || typeof b.type !== 'string') return 'invalid';
    const value = b.value;
    if (value === null || value === undefined) out[key] = { type: b.type, value: null };
    else if (typeof value === 'string') out[key] = { type: b.type, value };
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = { type: b.type, value: String(value) };
    else return 'invalid';
  }
  return out;
}

/**
 * Parses a `POST /api/v2/statements` request: checks the Content-Type (415), the size (413), the
 * JSON (400 `390142`), the statement (400 `000900` when missing or blank) and the optional fields,
 * and reads `requestId`, `async`, `retry`, `nullable` from the query string.
 */
export async function parseStatementRequest(request: Request, options: ParseStatementOptions): Promise<StatementRequest | SqlApiError> {
  const contentType = request.headers.get('content-type');
  if (!isJsonContentType(contentType)) return unsupportedMediaType(contentType);

  const read = await readBodyLimited(request, options.maxBodyBytes);
  if (!read.ok) return read.error;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return invalidPayload();
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return invalidPayload();
  }
  if (!isRecord(body)) return invalidPayload();

  const statement = body.statement;
  if (statement !== undefined && statement !== null && typeof statement !== 'string') return invalidPayload();
  if (typeof statement !== 'string' || statement.trim() === '') {
    return sqlApiError(400, { code: EMPTY_STATEMENT_CODE, message: EMPTY_STATEMENT_MESSAGE });
  }

  const role = optionalString(body, 'role');
  const database = optionalString(body, 'database');
  const schema = optionalString(body, 'schema');
  const warehouse = optionalString(body, 'warehouse');
  if (role === 'invalid' || database === 'invalid' || schema === 'invalid' || warehouse === 'invalid') return invalidPayload();

  let timeout: number | undefined;
  if (body.timeout !== undefined && body.timeout !== null) {
    const t = typeof body.timeout === 'string' && /^\d+$/.test(body.timeout) ? Number(body.timeout) : body.timeout;
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return invalidPayload();
    timeout = t;
  }

  const parameters = parseParameters(body.parameters);
  if (parameters === 'invalid') return invalidPayload();
  let multiStatementCount = 1;
  const declared = parameters.multi_statement_count;
  if (declared !== undefined) {
    // UNCONFIRMED: Snowflake's answer to a non-numeric count is not recorded; refusing the payload
    // beats silently running an unknown number of statements.
    if (!/^\d+$/.test(declared.trim())) return invalidPayload();
    multiStatementCount = Number(declared.trim());
    if (!Number.isSafeInteger(multiStatementCount)) return invalidPayload();
  }

  const bindings = parseBindings(body.bindings);
  if (bindings === 'invalid') return invalidPayload();

  const query = new URL(request.url).searchParams;
  const requestId = query.get('requestId');

  return {
    type: 'StatementRequest',
    statement,
    ...(role !== undefined && { role }),
    ...(database !== undefined && { database }),
    ...(schema !== undefined && { schema }),
    ...(warehouse !== undefined && { warehouse }),
    ...(timeout !== undefined && { timeout }),
    parameters,
    multiStatementCount,
    ...(bindings !== undefined && { bindings }),
    ...(requestId !== null && requestId !== '' && { requestId }),
    async: query.get('async')?.toLowerCase() === 'true',
    retry: query.get('retry')?.toLowerCase() === 'true',
    nullable: query.get('nullable')?.toLowerCase() !== 'false',
  };
}
