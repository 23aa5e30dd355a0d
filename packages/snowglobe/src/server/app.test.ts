/**
 * The HTTP layer over real sockets, with the fake SQL and SCIM layers: routing, protocol-shaped
 * errors, the SQL API's shapes, the admin API. The real layers are exercised in
 * integration.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';
import { fakeEngines } from '../test-support/fake-engines.ts';

let server: RunningServer;
const errorsLogged: string[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, engines: fakeEngines, onError: (l) => errorsLogged.push(l) });
});

afterAll(async () => {
  await server.close();
});

const sql = (statement: string, init: { role?: string; parameters?: Record<string, string>; prefix?: string; auth?: boolean; query?: string } = {}) =>
  fetch(`${server.url}${init.prefix ?? ''}/api/v2/statements${init.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(init.auth !== false && { authorization: 'Bearer anything' }) },
    body: JSON.stringify({ statement, ...(init.role !== undefined && { role: init.role }), ...(init.parameters !== undefined && { parameters: init.parameters }) }),
  });

/** A raw request with a chosen Host header (fetch does not let us set Host). */
function rawRequest(path: string, host: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers: { host, ...(body !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes raw bytes on a new connection and collects everything the server sends until it closes. */
async function rawExchange(bytes: string): Promise<string> {
  const { connect } = await import('node:net');
  return new Promise<string>((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve(text));
  });
}

describe('ready info', () => {
  it('lists both default accounts with path-prefix URLs and host names', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.accounts).toEqual([
      { name: 'ACCOUNT1', url: `${server.url}/accounts/MYORG-ACCOUNT1`, host: 'myorg-account1.snowflakecomputing.com' },
      { name: 'ACCOUNT2', url: `${server.url}/accounts/MYORG-ACCOUNT2`, host: 'myorg-account2.snowflakecomputing.com' },
    ]);
    expect(server.connections).toEqual([]);
  });
});

describe('routing', () => {
  it('sends a bare request to the first account and a prefixed one to the account it names', async () => {
    expect(await (await fetch(`${server.url}/scim/v2/Users`)).json()).toMatchObject({ account: 'ACCOUNT1', path: '/scim/v2/Users', clientIp: '127.0.0.1' });
    expect(await (await fetch(`${server.url}/accounts/MYORG-ACCOUNT2/scim/v2/Users`)).json()).toMatchObject({ account: 'ACCOUNT2', path: '/scim/v2/Users' });
    expect(await (await fetch(`${server.url}/accounts/myorg_account2/scim/v2/Users`)).json()).toMatchObject({ account: 'ACCOUNT2' });
  });

  it('routes by Host name, any case, - or _', async () => {
    for (const host of ['myorg-account2.snowflakecomputing.com', 'MYORG_ACCOUNT2.snowflakecomputing.com:443', 'myorg-account2.localhost']) {
      const r = await rawRequest('/scim/v2/Users', host);
      expect(r.status, host).toBe(200);
      expect(JSON.parse(r.body), host).toMatchObject({ account: 'ACCOUNT2' });
    }
  });

  it('answers 404 in the protocol shape for an account that does not exist', async () => {
    const scim = await fetch(`${server.url}/accounts/MYORG-NOPE/scim/v2/Users`);
    expect(scim.status).toBe(404);
    expect(scim.headers.get('content-type')).toContain('application/scim+json');
    expect(await scim.json()).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: "No account or connection 'MYORG-NOPE' in organization MYORG.", status: '404' });

    const api = await sql('SHOW USERS', { prefix: '/accounts/MYORG-NOPE' });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ code: '390404', message: "No account or connection 'MYORG-NOPE' in organization MYORG." });

    const byHost = await rawRequest('/scim/v2/Users', 'myorg-nope.snowflakecomputing.com');
    expect(byHost.status).toBe(404);
    expect(JSON.parse(byHost.body)).toMatchObject({ status: '404' });
  });

  it('answers 404 for unknown routes in each shape', async () => {
    const other = await fetch(`${server.url}/nothing/here`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'not-found' });
    const api = await fetch(`${server.url}/api/v2/other`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: '390404' });
    const admin = await fetch(`${server.url}/_snowglobe/nothing`);
    expect(admin.status).toBe(404);
    expect(await admin.json()).toMatchObject({ code: 'not-found' });
  });

  it('refuses oversize bodies with 413 in each shape', async () => {
    const big = JSON.stringify({ statement: 'x'.repeat(1024 * 1024 + 10) });
    const api = await fetch(`${server.url}/api/v2/statements`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: big });
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ code: '390142', message: expect.stringMatching(/larger than/) });
    const scim = await fetch(`${server.url}/scim/v2/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json' }, body: big });
    expect(scim.status).toBe(413);
    expect(await scim.json()).toMatchObject({ status: '413', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
    const admin = await fetch(`${server.url}/_snowglobe/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(admin.status).toBe(413);
    expect(await admin.json()).toMatchObject({ code: 'payload-too-large' });
  });

  it('keeps the account prefix in SCIM locations', async () => {
    const r = await fetch(`${server.url}/accounts/MYORG-ACCOUNT1/scim/v2/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify({ userName: 'located' }) });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { id: string; meta: { location: string } };
    expect(r.headers.get('location')).toBe(`${server.url}/accounts/MYORG-ACCOUNT1/scim/v2/Users/${body.id}`);
    expect(body.meta.location).toBe(`${server.url}/accounts/MYORG-ACCOUNT1/scim/v2/Users/${body.id}`);
  });

  it('refuses a chunked body that grows past the limit', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/scim/v2/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((await fetch(`${server.url}/scim/v2/Users`)).status).toBe(200);
  });

  it('survives garbage: a broken request line gets 400 and the server keeps serving', async () => {
    const reply = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${server.url}/scim/v2/Users`)).status).toBe(200);
  });

  it('answers pipelined requests on one connection in order (responses are written at the end of the turn)', async () => {
    const get = (path: string, last = false) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${last ? 'Connection: close\r\n' : ''}\r\n`;
    const reply = await rawExchange(get('/nope') + get('/scim/v2/Users') + get('/_snowglobe/nope') + get('/scim/v2/Users', true));
    expect([...reply.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['404', '200', '404', '200']);
  });

  it('answers while the embedding test suite fakes the global timers', async () => {
    vi.useFakeTimers();
    try {
      const reply = await rawExchange('GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('client IP', () => {
  it('is the socket address, or the first X-Forwarded-For hop only when trusted', async () => {
    const echo = async (s: RunningServer) =>
      ((await (await fetch(`${s.url}/scim/v2/Users`, { headers: { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' } })).json()) as { clientIp: string }).clientIp;
    expect(await echo(server)).toBe('127.0.0.1');
    const trusting = await startServer({ port: 0, engines: fakeEngines, trustForwardedFor: true });
    try {
      expect(await echo(trusting)).toBe('203.0.113.7');
    } finally {
      await trusting.close();
    }
  });
});

describe('SQL API', () => {
  it('answers a statement with the ResultSet shape', async () => {
    const r = await sql('CREATE ROLE ANALYST');
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: '090001',
      sqlState: '00000',
      message: 'Statement executed successfully.',
      data: [['Role ANALYST successfully created.']],
      resultSetMetaData: { numRows: 1, format: 'jsonv2', rowType: [{ name: 'status', type: 'text' }] },
    });
    expect(typeof body.createdOn).toBe('number');
    expect(body.statementStatusUrl).toBe(`/api/v2/statements/${String(body.statementHandle)}?requestId=${String(body.requestId)}`);
    // The handle answers the same again.
    const again = await fetch(`${server.url}/api/v2/statements/${String(body.statementHandle)}`, { headers: { authorization: 'Bearer x' } });
    expect(await again.json()).toEqual(body);
  });

  it('encodes typed cells as strings', async () => {
    const body = (await (await sql('SHOW USERS')).json()) as { data: unknown[][]; resultSetMetaData: { rowType: { name: string; type: string }[] } };
    expect(body.resultSetMetaData.rowType.map((c) => [c.name, c.type])).toEqual([
      ['name', 'text'],
      ['created_on', 'timestamp_ltz'],
      ['disabled', 'boolean'],
    ]);
    expect(body.data[0]).toEqual(['ADMIN', '1767225600.000000000', 'false']);
  });

  it('answers a failed statement with 422 {code, sqlState, message, statementHandle}', async () => {
    const r = await sql('FAIL');
    expect(r.status).toBe(422);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: '001003', sqlState: '42000', message: expect.stringMatching(/^SQL compilation error:\nsyntax error/) });
    expect(typeof body.statementHandle).toBe('string');
    const again = await fetch(`${server.url}${String(body.statementStatusUrl)}`);
    expect(again.status).toBe(422);
  });

  it('runs several statements with MULTI_STATEMENT_COUNT and fetches each child', async () => {
    const r = await sql('CREATE ROLE M1; CREATE ROLE M2; SHOW USERS', { parameters: { MULTI_STATEMENT_COUNT: '3' } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { data: unknown; statementHandles: string[]; resultSetMetaData: { rowType: { name: string }[] } };
    expect(body.data).toEqual([['Multiple statements executed successfully.']]);
    expect(body.resultSetMetaData.rowType[0]?.name).toBe('multiple statement execution');
    expect(body.statementHandles).toHaveLength(3);
    const children = await Promise.all(body.statementHandles.map(async (h) => (await fetch(`${server.url}/api/v2/statements/${h}`)).json()));
    expect(children.map((c) => (c as { data: unknown[][] }).data[0])).toEqual([['Role M1 successfully created.'], ['Role M2 successfully created.'], ['ADMIN', '1767225600.000000000', 'false']]);
  });

  it('refuses a count mismatch before running anything, and stops at a failing child', async () => {
    const mismatch = await sql('CREATE ROLE N1; CREATE ROLE N2');
    expect(mismatch.status).toBe(422);
    expect(await mismatch.json()).toMatchObject({ code: '000008', sqlState: '0A000', message: 'Actual statement count 2 did not match the desired statement count 1.' });
    expect((await (await sql('CREATE ROLE N1')).json()) as object).toMatchObject({ data: [['Role N1 successfully created.']] });

    const failing = await sql('CREATE ROLE F1; FAIL; CREATE ROLE F2', { parameters: { multi_statement_count: '0' } });
    expect(failing.status).toBe(422);
    expect(await failing.json()).toMatchObject({ code: '001003' });
    // F1 ran, F2 did not.
    expect(((await (await sql('CREATE ROLE F1')).json()) as { code: string }).code).toBe('002002');
    expect((await sql('CREATE ROLE F2')).status).toBe(200);
  });

  it('runs as the role given, and refuses one the user does not hold with 400 390186', async () => {
    expect((await sql('SHOW USERS', { role: 'SECURITYADMIN' })).status).toBe(200);
    expect((await sql('SHOW USERS', { role: 'PUBLIC' })).status).toBe(200);
    for (const role of ['NOSUCHROLE', 'accountadmin', 'ANALYST']) {
      const r = await sql('SHOW USERS', { role });
      expect(r.status, role).toBe(400);
      expect(await r.json()).toMatchObject({ code: '390186', message: expect.stringContaining(`('${role}')`) });
    }
  });

  it('answers bad requests in the SQL API shape', async () => {
    const noAuth = await sql('SHOW USERS', { auth: false });
    expect(noAuth.status).toBe(400);
    expect(await noAuth.json()).toMatchObject({ code: '390146' });
    const badJson = await fetch(`${server.url}/api/v2/statements`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{"statement": ' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ code: '390142', message: 'Incoming request does not contain a valid payload.' });
    const empty = await sql('   ');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: '000900' });
    const unknownHandle = await fetch(`${server.url}/api/v2/statements/01000000-0000-0000-0000-00000000ffff`);
    expect(unknownHandle.status).toBe(400);
    expect(await unknownHandle.json()).toMatchObject({ code: '000709' });
    const wrongMethod = await fetch(`${server.url}/api/v2/statements`);
    expect(wrongMethod.status).toBe(405);
  });

  it('keeps the account prefix in status URLs and answers async with 202', async () => {
    const r = await sql('SHOW USERS', { prefix: '/accounts/MYORG-ACCOUNT2', query: '?async=true&requestId=abc' });
    expect(r.status).toBe(202);
    const body = (await r.json()) as { code: string; statementStatusUrl: string };
    expect(body.code).toBe('333334');
    expect(body.statementStatusUrl).toMatch(/^\/accounts\/MYORG-ACCOUNT2\/api\/v2\/statements\/.+\?requestId=abc$/);
    const result = await fetch(`${server.url}${body.statementStatusUrl}`);
    expect(result.status).toBe(200);
  });
});

describe('admin API', () => {
  it('shows the state of every account and the clock', async () => {
    const state = (await (await fetch(`${server.url}/_snowglobe/state`)).json()) as { org: string; clock: { now: number }; accounts: { name: string; available: boolean; seq: number; state: { users: { name: string }[] } }[] };
    expect(state.org).toBe('MYORG');
    expect(state.accounts.map((a) => a.name)).toEqual(['ACCOUNT1', 'ACCOUNT2']);
    expect(state.accounts[1]?.state.users.map((u) => u.name)).toEqual(['ADMIN']);
    expect(state.accounts.every((a) => a.available && a.seq > 0)).toBe(true);
  });

  it('exports an account log as JSONL with the exportLog header', async () => {
    const r = await fetch(`${server.url}/_snowglobe/log?account=account2`);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ format: 'snowglobe-log', version: 1, account: { name: 'ACCOUNT2', region: 'AWS_US_EAST_1', edition: 'BUSINESS_CRITICAL' } });
    expect(lines.slice(1).map((l) => (l.event as { type: string }).type)).toEqual(['AccountCreated', 'UserCreated', 'RoleGranted', 'ObjectsLinked']);
    expect((await fetch(`${server.url}/_snowglobe/log`)).status).toBe(400);
    expect((await fetch(`${server.url}/_snowglobe/log?account=NOPE`)).status).toBe(404);
  });

  it('advances the clock', async () => {
    const before = (await (await fetch(`${server.url}/_snowglobe/clock`)).json()) as { now: number };
    const r = await fetch(`${server.url}/_snowglobe/clock`, { method: 'POST', body: JSON.stringify({ advance: '10 minutes' }) });
    expect(await r.json()).toMatchObject({ now: before.now + 600_000, advancedBy: 600_000 });
    const bad = await fetch(`${server.url}/_snowglobe/clock`, { method: 'POST', body: JSON.stringify({ advance: 'soon' }) });
    expect(bad.status).toBe(400);
    const malformed = await fetch(`${server.url}/_snowglobe/clock`, { method: 'POST', body: '{advance' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'bad-json' });
  });

  it('simulates an outage: SCIM and SQL to the account are refused with 503 until it ends', async () => {
    const outage = (available: boolean) => fetch(`${server.url}/_snowglobe/accounts/ACCOUNT2/outage`, { method: 'POST', body: JSON.stringify({ available }) });
    expect(await (await outage(false)).json()).toEqual({ account: 'ACCOUNT2', available: false });
    const scim = await fetch(`${server.url}/accounts/MYORG-ACCOUNT2/scim/v2/Users`);
    expect(scim.status).toBe(503);
    expect(await scim.json()).toMatchObject({ status: '503', detail: expect.stringMatching(/unavailable/) });
    const api = await sql('SHOW USERS', { prefix: '/accounts/MYORG-ACCOUNT2' });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ code: '390503' });
    // The other account is unaffected.
    expect((await fetch(`${server.url}/scim/v2/Users`)).status).toBe(200);
    await outage(true);
    expect((await fetch(`${server.url}/accounts/MYORG-ACCOUNT2/scim/v2/Users`)).status).toBe(200);
    expect((await fetch(`${server.url}/_snowglobe/accounts/NOPE/outage`, { method: 'POST', body: '{"available":true}' })).status).toBe(404);
    expect((await fetch(`${server.url}/_snowglobe/accounts/ACCOUNT2/outage`, { method: 'POST', body: '{"available":"no"}' })).status).toBe(400);
  });

  it('answers lost-writes for a group that does not exist with an empty list', async () => {
    const r = await fetch(`${server.url}/_snowglobe/lost-writes?group=NOPE`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([]);
    expect((await fetch(`${server.url}/_snowglobe/lost-writes`)).status).toBe(400);
  });

  it('resets to a fresh default organization', async () => {
    await sql('CREATE ROLE BEFORE_RESET');
    const r = await fetch(`${server.url}/_snowglobe/reset`, { method: 'POST' });
    expect(await r.json()).toMatchObject({ reset: true, org: 'MYORG', accounts: ['ACCOUNT1', 'ACCOUNT2'], now: 1767225600000 });
    expect((await sql('CREATE ROLE BEFORE_RESET')).status).toBe(200);
  });

  it('never logged an internal error', () => {
    expect(errorsLogged).toEqual([]);
  });
});
