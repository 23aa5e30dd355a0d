/**
 * The admin API under `/_snowglobe/`: what a test needs to drive and inspect the simulation that
 * Snowflake itself has no API for — the state of every account, the logs, the simulated clock,
 * outages, a reset, and the writes a failover lost. Organization-wide: it ignores the account a
 * request was routed to.
 */
import { exportLog, formatTimestamp, isSnowflakeError, stateToJSON } from '@snowglobe/core';
import type { Organization, SnowflakeError } from '@snowglobe/core';
import type { Simulator } from '../simulator.ts';
import { readBodyLimited } from '../sql-api/request.ts';
import { adminErrorResponse, errorFor, json } from './errors.ts';

/** `lostWrites(org, group)` from core's replication, when available. */
export type LostWritesFn = (org: Organization, group: string) => unknown;

export interface AdminContext {
  readonly simulator: Simulator;
  readonly maxBodyBytes: number;
  /** Core's lost-writes report; the route answers 501 without it. */
  readonly lostWrites?: LostWritesFn;
}

/** The admin routes, for the index and the docs. */
export const ADMIN_ROUTES = [
  'GET  /_snowglobe/state',
  'GET  /_snowglobe/log?account=<name>',
  'GET  /_snowglobe/clock',
  'POST /_snowglobe/clock {"advance": "10 minutes" | <ms>}',
  'POST /_snowglobe/accounts/<name>/outage {"available": false | true}',
  'POST /_snowglobe/reset',
  'GET  /_snowglobe/lost-writes?group=<name>',
  'GET  /_snowglobe/stats',
] as const;

type Body = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly response: Response };

async function readJsonBody(request: Request, maxBodyBytes: number, required: boolean): Promise<Body> {
  const read = await readBodyLimited(request, maxBodyBytes);
  if (!read.ok) {
    return { ok: false, response: read.error.status === 413 ? errorFor('admin', { kind: 'payload-too-large', limit: maxBodyBytes }) : errorFor('admin', { kind: 'bad-json', message: 'Unreadable request body.' }) };
  }
  const text = new TextDecoder().decode(read.bytes);
  if (text.trim() === '') {
    return required ? { ok: false, response: errorFor('admin', { kind: 'bad-json', message: 'The request body must be a JSON object.' }) } : { ok: true, value: {} };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, response: errorFor('admin', { kind: 'bad-json', message: `Malformed JSON: ${e instanceof Error ? e.message : String(e)}` }) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, response: errorFor('admin', { kind: 'bad-json', message: 'The request body must be a JSON object.' }) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A path segment decoded; malformed percent-encoding is kept as written (it then matches nothing). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function clockBody(org: Organization): { now: number; iso: string } {
  return { now: org.now, iso: new Date(org.now).toISOString() };
}

/** The whole simulation as JSON: core's canonical `stateToJSON` per account, plus the clock. */
export function stateSnapshot(simulator: Simulator): unknown {
  const org = simulator.org;
  const connections = simulator.directory().connections.map((name) => ({ name, account: simulator.connectionAccount(name)?.name ?? null }));
  return {
    org: org.name,
    seed: org.seed,
    clock: { ...clockBody(org), display: formatTimestamp(org.now) },
    accounts: org.accounts.map((a) => ({
      name: a.name,
      info: a.info,
      available: org.isAvailable(a.name),
      seq: a.seq,
      state: stateToJSON(a.state),
    })),
    connections,
  };
}

/** Handles `/_snowglobe/...`; `path` is the request path. */
export async function handleAdmin(request: Request, path: string, ctx: AdminContext): Promise<Response> {
  const { simulator } = ctx;
  const method = request.method.toUpperCase();
  const rest = path.replace(/^\/_snowglobe\/?/, '').replace(/\/$/, '');
  const segments = rest === '' ? [] : rest.split('/').map(safeDecode);
  const [first, second, third, ...extra] = segments;
  const url = new URL(request.url);
  const allow = (allowed: string): Response => new Response(null, { status: 405, headers: { allow: allowed, 'content-length': '0' } });

  if (first === undefined) return method === 'GET' ? json(200, { routes: ADMIN_ROUTES }) : allow('GET');

  switch (first) {
    case 'state':
      if (second !== undefined) break;
      return method === 'GET' ? json(200, stateSnapshot(simulator)) : allow('GET');

    case 'stats':
      if (second !== undefined) break;
      if (method !== 'GET') return allow('GET');
      return json(200, {
        persistence: simulator.durable === null ? null : { dir: simulator.durable.dir, store: simulator.durable.store.stats(), barrier: simulator.durable.barrier.stats() },
        accounts: simulator.org.accounts.map((a) => ({ name: a.name, seq: a.seq })),
      });

    case 'log': {
      if (second !== undefined) break;
      if (method !== 'GET') return allow('GET');
      const name = url.searchParams.get('account');
      if (name === null || name === '') return adminErrorResponse(400, 'bad-request', 'Say which account: /_snowglobe/log?account=ACCOUNT1');
      const account = simulator.org.account(name);
      if (account === undefined) return adminErrorResponse(404, 'not-found', `No account ${name} in ${simulator.org.name}.`);
      return new Response(exportLog(account), { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
    }

    case 'clock': {
      if (second !== undefined) break;
      if (method === 'GET') return json(200, clockBody(simulator.org));
      if (method !== 'POST') return allow('GET, POST');
      const body = await readJsonBody(request, ctx.maxBodyBytes, true);
      if (!body.ok) return body.response;
      const by = body.value.advance;
      if (typeof by !== 'string' && (typeof by !== 'number' || !Number.isFinite(by))) {
        return adminErrorResponse(400, 'bad-request', 'Send {"advance": "10 minutes"} (a duration) or {"advance": 600000} (milliseconds).');
      }
      const before = simulator.org.now;
      try {
        simulator.org.advance(by);
      } catch (e) {
        return adminErrorResponse(400, 'bad-request', e instanceof Error ? e.message : String(e));
      }
      return json(200, { ...clockBody(simulator.org), advancedBy: simulator.org.now - before });
    }

    case 'accounts': {
      if (second === undefined || third !== 'outage' || extra.length > 0) break;
      if (method !== 'POST') return allow('POST');
      const account = simulator.org.account(second);
      if (account === undefined) return adminErrorResponse(404, 'not-found', `No account ${second} in ${simulator.org.name}.`);
      const body = await readJsonBody(request, ctx.maxBodyBytes, true);
      if (!body.ok) return body.response;
      const available = body.value.available;
      if (typeof available !== 'boolean') return adminErrorResponse(400, 'bad-request', 'Send {"available": false} to start an outage, {"available": true} to end it.');
      simulator.org.setAvailable(account.name, available);
      return json(200, { account: account.name, available });
    }

    case 'reset': {
      if (second !== undefined) break;
      if (method !== 'POST') return allow('POST');
      await simulator.reset();
      return json(200, { reset: true, org: simulator.org.name, accounts: simulator.org.accounts.map((a) => a.name), ...clockBody(simulator.org) });
    }

    case 'lost-writes': {
      if (second !== undefined) break;
      if (method !== 'GET') return allow('GET');
      const group = url.searchParams.get('group');
      if (group === null || group === '') return adminErrorResponse(400, 'bad-request', 'Say which failover group: /_snowglobe/lost-writes?group=MYFG');
      if (ctx.lostWrites === undefined) return adminErrorResponse(501, 'not-implemented', "This build's replication model does not report lost writes yet.");
      const report = ctx.lostWrites(simulator.org, group);
      if (isSnowflakeError(report)) return snowflakeErrorAsAdmin(report);
      return json(200, report);
    }
  }
  return errorFor('admin', { kind: 'not-found', message: `No admin route ${method} ${path}. Routes: ${ADMIN_ROUTES.join('; ')}` });
}

function snowflakeErrorAsAdmin(e: SnowflakeError): Response {
  return json(e.reason === 'DoesNotExist' ? 404 : 400, { code: e.code, sqlState: e.sqlState, message: e.message });
}
