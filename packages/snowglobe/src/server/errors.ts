/**
 * Error answers in the shape of the protocol a request was speaking, chosen by its path (after
 * any `/accounts/<org>-<name>` prefix): SCIM errors are RFC 7644 error bodies, SQL API errors are
 * Snowflake's `{code, message}`, and the admin API (and anything else) uses the same
 * `{code, message}` with readable string codes. A client of one protocol never has to parse
 * another's error shape.
 */

/** The protocol a path belongs to. */
export type Protocol = 'scim' | 'sql-api' | 'admin' | 'other';

/** Which protocol `path` (account prefix stripped) speaks. */
export function protocolOf(path: string): Protocol {
  if (path === '/scim' || path.startsWith('/scim/')) return 'scim';
  if (path === '/api' || path.startsWith('/api/')) return 'sql-api';
  if (path === '/_snowglobe' || path.startsWith('/_snowglobe/')) return 'admin';
  return 'other';
}

const SCIM_ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** An RFC 7644 §3.12 error (status as a string, as the RFC and Okta's tests want it). */
export function scimErrorResponse(status: number, detail: string, scimType?: string): Response {
  const body = { schemas: [SCIM_ERROR_URN], ...(scimType !== undefined && { scimType }), detail, status: String(status) };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/scim+json' } });
}

/**
 * Snowflake codes for the answers its docs list without a body. UNCONFIRMED: Snowflake documents
 * a bare 404 / 500 / 503 for the SQL API; we keep its `{code, message}` shape so a client parses
 * one shape, with codes from the same 39xxxx family as its other HTTP-level refusals.
 */
export const SQL_API_CODES = {
  invalidPayload: '390142',
  notFound: '390404',
  payloadTooLarge: '390142',
  internal: '390500',
  unavailable: '390503',
  missingToken: '390146',
  roleNotGranted: '390186',
} as const;

/** A SQL API error body `{code, message}` (plus any extra fields). */
export function sqlApiErrorResponse(status: number, code: string, message: string, extra?: Record<string, unknown>): Response {
  return json(status, { code, message, ...extra });
}

/** An admin API error body `{code, message}`. */
export function adminErrorResponse(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}

/** The kinds of refusal every protocol can give, mapped to each shape by {@link errorFor}. */
export type CommonError =
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'payload-too-large'; readonly limit: number }
  | { readonly kind: 'bad-json'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string; readonly code?: string }
  | { readonly kind: 'internal'; readonly message: string };

/** The answer to `error` in the shape of `protocol`. */
export function errorFor(protocol: Protocol, error: CommonError): Response {
  const status = statusOf(error);
  const message = error.kind === 'payload-too-large' ? `Request body is larger than ${error.limit} bytes.` : error.message;
  switch (protocol) {
    case 'scim':
      return scimErrorResponse(status, message, error.kind === 'bad-json' ? 'invalidSyntax' : undefined);
    case 'sql-api': {
      const code =
        error.kind === 'not-found'
          ? SQL_API_CODES.notFound
          : error.kind === 'payload-too-large'
            ? SQL_API_CODES.payloadTooLarge
            : error.kind === 'bad-json'
              ? SQL_API_CODES.invalidPayload
              : error.kind === 'unavailable'
                ? (error.code ?? SQL_API_CODES.unavailable)
                : SQL_API_CODES.internal;
      return sqlApiErrorResponse(status, code, message);
    }
    case 'admin':
    case 'other':
      return adminErrorResponse(status, error.kind, message);
  }
}

function statusOf(error: CommonError): number {
  switch (error.kind) {
    case 'not-found':
      return 404;
    case 'payload-too-large':
      return 413;
    case 'bad-json':
      return 400;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}
