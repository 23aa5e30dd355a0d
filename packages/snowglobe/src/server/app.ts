/**
 * The whole HTTP surface as one web-standard fetch handler: `(Request, connection) => Response`.
 * It routes a request to an account (Host name, `/accounts/<org>-<name>` prefix, or the first
 * account), then by path to SCIM, the SQL API or the admin API, and holds every response until
 * the writes before it are durable. It never throws: anything unexpected becomes a 500 in the
 * protocol's shape and a line on the error log.
 */
import { lostWrites } from '@snowglobe/core';
import type { Simulator } from '../simulator.ts';
import { RouteCache } from '../routing/route-cache.ts';
import { withoutAccountPrefix } from '../routing/target.ts';
import { createHandleSource, StatementResultCache } from '../sql-api/handles.ts';
import { readBodyLimited } from '../sql-api/request.ts';
import { DurabilityError } from '../persistence/ack-barrier.ts';
import { handleAdmin } from './admin.ts';
import type { LostWritesFn } from './admin.ts';
import { handleSqlApi } from './sql-api-handler.ts';
import { errorFor, protocolOf } from './errors.ts';
import type { Protocol } from './errors.ts';
import { pathnameOf } from './light-request.ts';

/** The default request body limit: far above any SCIM or SQL API request, far below harm. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  readonly simulator: Simulator;
  /** Bodies above this get 413. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number;
  /**
   * Take the client IP from the first `X-Forwarded-For` entry instead of the socket. Only behind
   * a proxy you trust: anyone can send the header, and the IP decides network policies.
   */
  readonly trustForwardedFor?: boolean;
  /** The lost-writes report for `/_snowglobe/lost-writes`. Default: core's `lostWrites`. */
  readonly lostWrites?: LostWritesFn;
  /** Where internal errors are reported (one line each). Default: stderr. */
  readonly onError?: (line: string) => void;
  /** How many SQL API results are kept for `GET /api/v2/statements/{handle}`. Default 1000. */
  readonly statementCacheSize?: number;
}

/** What the server knows about the connection a request came on. */
export interface ConnectionInfo {
  /** The peer address of the socket. */
  readonly remoteAddress?: string | undefined;
}

/** The fetch handler. */
export type AppHandler = (request: Request, connection?: ConnectionInfo) => Promise<Response>;

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
export function normalizeIp(address: string | undefined): string {
  if (address === undefined || address === '') return '127.0.0.1';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** The client IP: the socket's, or the first `X-Forwarded-For` hop when trusted. */
export function clientIpOf(request: Request, connection: ConnectionInfo | undefined, trustForwardedFor: boolean): string {
  if (trustForwardedFor) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded !== undefined && forwarded !== '') return normalizeIp(forwarded);
  }
  return normalizeIp(connection?.remoteAddress);
}

/** Creates the fetch handler of `options.simulator`. */
export function createApp(options: AppOptions): AppHandler {
  const { simulator } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const trustForwardedFor = options.trustForwardedFor ?? false;
  const onError = options.onError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cache = new StatementResultCache(options.statementCacheSize ?? 1000);
  const nextHandle = createHandleSource({ namespace: 0 });
  const nextRequestId = createHandleSource({ namespace: 1 });
  let reportedDurability = false;

  const routes = new RouteCache(simulator);

  const route = async (request: Request, pathname: string, connection: ConnectionInfo | undefined): Promise<Response> => {
    if (protocolOf(pathname) === 'admin') {
      const tooLarge = declaredTooLarge(request, maxBodyBytes);
      if (tooLarge) return errorFor('admin', { kind: 'payload-too-large', limit: maxBodyBytes });
      return handleAdmin(request, pathname, { simulator, maxBodyBytes, lostWrites: options.lostWrites ?? lostWrites });
    }

    const org = simulator.org;
    const found = routes.resolve(pathname, request.headers.get('host') ?? new URL(request.url).host);
    const { target, prefix, account } = found;
    const path = prefix === '' ? pathname : pathname.slice(prefix.length) || '/';
    const protocol = protocolOf(path);
    if (declaredTooLarge(request, maxBodyBytes)) return errorFor(protocol, { kind: 'payload-too-large', limit: maxBodyBytes });

    if (account === null) {
      const name = target.kind === 'unknown' ? target.name : target.kind === 'connection' ? target.connection : '';
      return errorFor(protocol, { kind: 'not-found', message: `No account or connection '${name}' in organization ${org.name}.` });
    }
    if (account === 'no-primary') {
      return errorFor(protocol, { kind: 'unavailable', message: `Connection '${target.kind === 'connection' ? target.connection : ''}' has no primary that can be reached.` });
    }
    if (!org.isAvailable(account.name)) {
      return errorFor(protocol, { kind: 'unavailable', message: `Account ${org.name}.${account.name} is unavailable (simulated outage): ${org.hostOf(account)} does not answer.` });
    }

    switch (protocol) {
      case 'scim': {
        const info = { account: account.name, clientIp: clientIpOf(request, connection, trustForwardedFor) };
        if (prefix === '') return simulator.scim(request, info);
        const url = new URL(request.url);
        const scimRequest = await withPath(request, url, path, maxBodyBytes);
        if (scimRequest === 'too-large') return errorFor('scim', { kind: 'payload-too-large', limit: maxBodyBytes });
        return withPrefixedLocations(await simulator.scim(scimRequest, info), url.origin, prefix);
      }
      case 'sql-api': {
        const response = await handleSqlApi(request, path, { org, sql: simulator.sql, account, basePath: prefix, cache, nextHandle, nextRequestId, maxBodyBytes });
        return response ?? errorFor('sql-api', { kind: 'not-found', message: `No SQL API route ${request.method} ${path}.` });
      }
      case 'admin':
      case 'other':
        return errorFor(protocol, { kind: 'not-found', message: `Nothing at ${request.method} ${pathname}. SCIM is under /scim/v2/, the SQL API under /api/v2/statements, the admin API under /_snowglobe/.` });
    }
  };

  return async (request, connection) => {
    let protocol: Protocol = 'other';
    try {
      const pathname = pathnameOf(request);
      protocol = protocolOf(withoutAccountPrefix(pathname));
      const response = await route(request, pathname, connection);
      // Durable before visible: see AckBarrier.
      const barrier = simulator.barrier;
      if (barrier !== null && (!barrier.idle || barrier.failure !== null)) await barrier.wait();
      return response;
    } catch (e) {
      if (e instanceof DurabilityError) {
        if (!reportedDurability) onError(`snowglobe: ${e.message}. Writes are no longer acknowledged; restart the server to recover from the log.`);
        reportedDurability = true;
        return errorFor(protocol, { kind: 'internal', message: `${e.message}. The server no longer acknowledges writes; restart it.` });
      }
      onError(`snowglobe: internal error on ${request.method} ${safeUrl(request)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return errorFor(protocol, { kind: 'internal', message: `Internal error: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
}

function safeUrl(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return '?';
  }
}

/** Whether Content-Length announces more than the limit (chunked bodies are counted by the readers). */
function declaredTooLarge(request: Request, maxBodyBytes: number): boolean {
  const declared = request.headers.get('content-length');
  if (declared === null) return false;
  const n = Number(declared.trim());
  return Number.isFinite(n) && n > maxBodyBytes;
}

/**
 * The SCIM layer writes `meta.location` and `Location` from the URL it saw, which had the
 * `/accounts/<org>-<name>` prefix stripped; without it those URLs would lead to the default
 * account. Rewriting them here keeps the SCIM layer unaware of our path prefixes.
 */
async function withPrefixedLocations(response: Response, origin: string, prefix: string): Promise<Response> {
  const from = `${origin}/scim/v2`;
  const to = `${origin}${prefix}/scim/v2`;
  const headers = new Headers(response.headers);
  const location = headers.get('location');
  if (location?.startsWith(from)) headers.set('location', to + location.slice(from.length));
  if (response.body === null) return new Response(null, { status: response.status, headers });
  const text = await response.text();
  headers.delete('content-length');
  return new Response(text.replaceAll(from, to), { status: response.status, headers });
}

/**
 * `request` with its path replaced by `path` (the `/accounts/<org>-<name>` prefix stripped), so the
 * SCIM handler sees the `/scim/v2/...` it serves. The body is read first (bounded), because a
 * streamed body cannot be handed to a second Request without `duplex`, which not every runtime's
 * Request accepts.
 */
async function withPath(request: Request, url: URL, path: string, maxBodyBytes: number): Promise<Request | 'too-large'> {
  const target = new URL(url);
  target.pathname = path;
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || request.body === null) return new Request(target, { method, headers: request.headers });
  const read = await readBodyLimited(request, maxBodyBytes);
  if (!read.ok) return 'too-large';
  return new Request(target, { method, headers: request.headers, body: read.bytes });
}
