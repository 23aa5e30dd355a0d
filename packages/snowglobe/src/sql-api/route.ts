/**
 * Which SQL API operation a method and path (already stripped of any `/accounts/<org>-<name>`
 * prefix) ask for (spec §3 "Endpoints").
 */
import type { SqlApiReply } from './reply.ts';

/** The SQL API operation of a request, or why there is none. */
export type StatementsRoute =
  | { readonly kind: 'submit' }
  | { readonly kind: 'status'; readonly handle: string }
  | { readonly kind: 'cancel'; readonly handle: string }
  /** A SQL API path with the wrong method; `allow` is the method it takes. */
  | { readonly kind: 'method-not-allowed'; readonly allow: 'GET' | 'POST' }
  /** Not a SQL API path at all: the caller tries its other routes or answers 404. */
  | { readonly kind: 'none' };

const PREFIX = '/api/v2/statements';

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Classifies `method` + `pathname`. A trailing slash is tolerated. */
export function matchStatementsRoute(method: string, pathname: string): StatementsRoute {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const m = method.toUpperCase();
  if (path === PREFIX) return m === 'POST' ? { kind: 'submit' } : { kind: 'method-not-allowed', allow: 'POST' };
  if (!path.startsWith(`${PREFIX}/`)) return { kind: 'none' };
  const segments = path.slice(PREFIX.length + 1).split('/');
  const [first, second, ...rest] = segments;
  if (first === undefined || first === '' || rest.length > 0) return { kind: 'none' };
  const handle = decodeSegment(first);
  if (handle === null) return { kind: 'none' };
  if (second === undefined) return m === 'GET' ? { kind: 'status', handle } : { kind: 'method-not-allowed', allow: 'GET' };
  if (second === 'cancel') return m === 'POST' ? { kind: 'cancel', handle } : { kind: 'method-not-allowed', allow: 'POST' };
  return { kind: 'none' };
}

/** 405 with an empty body and `Content-Length: 0`, as Snowflake answers a wrong method. */
export function methodNotAllowed(allow: 'GET' | 'POST'): SqlApiReply<null> {
  return { status: 405, body: null, headers: { allow } };
}
