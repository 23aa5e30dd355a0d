/**
 * The real server (in-process `startServer({ port: 0 })`, real SQL and SCIM layers) driven over
 * HTTP with fetch: the SQL API, SCIM set up the documented way, connection routing across a
 * failover, the admin API, and persistence across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './index.ts';
import type { RunningServer } from './index.ts';
import { rawRequest, scimHeaders, scimUser, setUpScim, sqlApi } from './test-support/http.ts';

let server: RunningServer;
let token: string;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0, onError: (l) => errors.push(l) });
});

afterAll(async () => {
  await server.close();
});

const SHOW_USERS_COLUMNS = [
  'name', 'created_on', 'login_name', 'display_name', 'first_name', 'last_name', 'email', 'mins_to_unlock', 'days_to_expiry', 'comment',
  'disabled', 'must_change_password', 'snowflake_lock', 'default_warehouse', 'default_namespace', 'default_role', 'default_secondary_roles',
  'ext_authn_duo', 'ext_authn_uid', 'mins_to_bypass_mfa', 'owner', 'last_success_login', 'expires_at_time', 'locked_until_time',
  'has_password', 'has_rsa_public_key', 'type', 'has_mfa', 'has_pat', 'has_workload_identity', 'is_from_organization_user',
];

describe('SQL API', () => {
  it('creates a role and a user', async () => {
    const role = await sqlApi(server.url, 'CREATE ROLE ANALYST');
    expect(role.status).toBe(200);
    expect(role.body.data).toEqual([['Role ANALYST successfully created.']]);
    const user = await sqlApi(server.url, "CREATE USER ALICE LOGIN_NAME = 'alice@example.com' DEFAULT_ROLE = ANALYST");
    expect(user.status).toBe(200);
    expect(user.body.data).toEqual([['User ALICE successfully created.']]);
  });

  it('answers SHOW USERS with the documented columns, every cell a string or null', async () => {
    const r = await sqlApi(server.url, "SHOW USERS LIKE 'ALICE'");
    expect(r.status).toBe(200);
    const meta = r.body.resultSetMetaData as { numRows: number; rowType: { name: string; type: string }[] };
    expect(meta.rowType.map((c) => c.name)).toEqual(SHOW_USERS_COLUMNS);
    expect(meta.rowType[1]?.type).toBe('timestamp_ltz');
    expect(meta.numRows).toBe(1);
    const row = r.body.data?.[0] ?? [];
    expect(row[0]).toBe('ALICE');
    expect(row[1]).toBe('1767225600.000000000');
    expect(row[2]).toBe('ALICE@EXAMPLE.COM');
    expect(row.every((c) => c === null || typeof c === 'string')).toBe(true);
    expect(r.body).toMatchObject({ code: '090001', sqlState: '00000', message: 'Statement executed successfully.' });
  });

  it('answers a failing statement with 422 and Snowflake\'s error', async () => {
    const r = await sqlApi(server.url, 'CREATE ROLE ANALYST');
    expect(r.status).toBe(422);
    expect(Object.keys(r.body).sort()).toEqual(['code', 'createdOn', 'message', 'sqlState', 'statementHandle', 'statementStatusUrl']);
    expect(r.body).toMatchObject({ code: '002002', sqlState: '42710', message: "SQL compilation error:\nObject 'ANALYST' already exists." });
    const syntax = await sqlApi(server.url, 'CREATE ROLLE X');
    expect(syntax.status).toBe(422);
    expect(syntax.body.code).toBe('001003');
  });

  it('runs a multi-statement request across accounts and serves each child', async () => {
    const r = await sqlApi(server.url, 'CREATE ROLE R1; USE ACCOUNT ACCOUNT2; CREATE ROLE R2; SHOW ROLES LIKE \'R%\'', { count: 4 });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([['Multiple statements executed successfully.']]);
    const handles = r.body.statementHandles ?? [];
    expect(handles).toHaveLength(4);
    const last = (await (await fetch(`${server.url}/api/v2/statements/${handles[3] ?? ''}`)).json()) as { data: string[][]; resultSetMetaData: { rowType: { name: string }[] } };
    const nameColumn = last.resultSetMetaData.rowType.findIndex((c) => c.name === 'name');
    expect(last.data.map((row) => row[nameColumn])).toEqual(['R2']);
    // R1 went to ACCOUNT1, R2 to ACCOUNT2.
    expect((await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'CREATE ROLE R2')).status).toBe(422);
    expect((await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'CREATE ROLE R1')).status).toBe(200);
  });

  it('runs as the role given and refuses a role ADMIN does not hold', async () => {
    const r = await sqlApi(server.url, 'SELECT CURRENT_ROLE()', { role: 'USERADMIN' });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([['USERADMIN']]);
    const refused = await sqlApi(server.url, 'SHOW USERS', { role: 'ANALYST' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('390186');
  });
});

describe('SCIM', () => {
  it('provisions users with a token generated through the SQL API', async () => {
    token = await setUpScim(server.url);
    const created = await fetch(`${server.url}/scim/v2/Users`, { method: 'POST', headers: scimHeaders(token), body: scimUser('jdoe@example.com') });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; userName: string; active: boolean };
    expect(user).toMatchObject({ userName: 'JDOE@EXAMPLE.COM', active: true });

    const got = await fetch(`${server.url}/scim/v2/Users/${user.id}`, { headers: scimHeaders(token) });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: user.id, userName: 'JDOE@EXAMPLE.COM' });

    const list = await fetch(`${server.url}/scim/v2/Users?filter=${encodeURIComponent('userName eq "jdoe@example.com"')}`, { headers: scimHeaders(token) });
    expect(await list.json()).toMatchObject({ totalResults: 1, Resources: [{ id: user.id }] });

    const duplicate = await fetch(`${server.url}/scim/v2/Users`, { method: 'POST', headers: scimHeaders(token), body: scimUser('jdoe@example.com') });
    expect(duplicate.status).toBe(409);

    const shown = await sqlApi(server.url, "SHOW USERS LIKE 'JDOE%'");
    expect(shown.body.data?.[0]?.[0]).toBe('JDOE@EXAMPLE.COM');
  });

  it('refuses a bad token, and a token of another account', async () => {
    const bad = await fetch(`${server.url}/scim/v2/Users`, { headers: scimHeaders('nope') });
    expect(bad.status).toBe(401);
    const other = await fetch(`${server.url}/accounts/MYORG-ACCOUNT2/scim/v2/Users`, { headers: scimHeaders(token) });
    expect(other.status).toBe(401);
  });

  it('serves SCIM by Host name too', async () => {
    const r = await rawRequest(`${server.url}/scim/v2/Users?count=1`, { host: 'myorg-account1.snowflakecomputing.com', headers: scimHeaders(token) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] });
  });
});

describe('replication: connection routing follows failover', () => {
  const host = 'myorg-global.snowflakecomputing.com';
  const post = (userName: string) => rawRequest(`${server.url}/scim/v2/Users`, { method: 'POST', host, headers: scimHeaders(token), body: scimUser(userName) });

  it('runs the documented procedure through the SQL API', async () => {
    // From a fresh default organization: earlier tests created same-named roles in both accounts,
    // which (faithfully) makes the first USERS/ROLES refresh fail.
    expect((await fetch(`${server.url}/_snowglobe/reset`, { method: 'POST' })).status).toBe(200);
    token = await setUpScim(server.url);
    const primary = await sqlApi(
      server.url,
      `CREATE FAILOVER GROUP FG OBJECT_TYPES = USERS, ROLES, INTEGRATIONS ALLOWED_INTEGRATION_TYPES = SECURITY INTEGRATIONS ALLOWED_ACCOUNTS = MYORG.ACCOUNT2;
       CREATE CONNECTION GLOBAL;
       ALTER CONNECTION GLOBAL ENABLE FAILOVER TO ACCOUNTS MYORG.ACCOUNT2`,
      { count: 3 },
    );
    expect(primary.status, JSON.stringify(primary.body)).toBe(200);
    const secondary = await sqlApi(
      `${server.url}/accounts/MYORG-ACCOUNT2`,
      `CREATE FAILOVER GROUP FG AS REPLICA OF MYORG.ACCOUNT1.FG;
       CREATE CONNECTION GLOBAL AS REPLICA OF MYORG.ACCOUNT1.GLOBAL;
       ALTER FAILOVER GROUP FG REFRESH`,
      { count: 3 },
    );
    // The first USERS refresh keeps ADMIN because the default organization linked it.
    expect(secondary.status, JSON.stringify(secondary.body)).toBe(200);
    expect(server.info().connections).toEqual([{ name: 'GLOBAL', url: `${server.url}/accounts/MYORG-GLOBAL`, host, account: 'ACCOUNT1' }]);
  });

  it('sends the connection URL to the primary, then to the new primary after failover', async () => {
    expect((await post('before@example.com')).status).toBe(201);
    const refreshed = await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'ALTER FAILOVER GROUP FG REFRESH');
    expect(refreshed.status).toBe(200);
    // A write the secondary never receives: acknowledged by the old primary after the last refresh.
    expect((await post('lost@example.com')).status).toBe(201);

    const failover = await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'ALTER FAILOVER GROUP FG PRIMARY; ALTER CONNECTION GLOBAL PRIMARY', { count: 2 });
    expect(failover.status, JSON.stringify(failover.body)).toBe(200);
    expect(server.info().connections[0]?.account).toBe('ACCOUNT2');

    // The replicated token works on the new primary, through the connection URL.
    expect((await post('after@example.com')).status).toBe(201);
    const inAccount2 = await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'SHOW USERS');
    const names = (inAccount2.body.data ?? []).map((r) => r[0]);
    expect(names).toContain('AFTER@EXAMPLE.COM');
    expect(names).toContain('BEFORE@EXAMPLE.COM');
    expect(names).not.toContain('LOST@EXAMPLE.COM');
    // The path prefix form of the connection URL routes the same way.
    const viaPath = await fetch(`${server.url}/accounts/MYORG-GLOBAL/scim/v2/Users?filter=${encodeURIComponent('userName eq "after@example.com"')}`, { headers: scimHeaders(token) });
    expect(await viaPath.json()).toMatchObject({ totalResults: 1 });
  });

  it('reports the write the failover lost', async () => {
    const r = await fetch(`${server.url}/_snowglobe/lost-writes?group=FG`);
    expect(r.status).toBe(200);
    const lost = (await r.json()) as { account: string; event: { type: string; user?: { name: string } } }[];
    expect(lost.some((w) => w.account === 'ACCOUNT1' && w.event.type === 'UserCreated' && w.event.user?.name === 'LOST@EXAMPLE.COM')).toBe(true);
  });
});

describe('admin API', () => {
  it('refuses SCIM and SQL to an account in an outage', async () => {
    await fetch(`${server.url}/_snowglobe/accounts/ACCOUNT1/outage`, { method: 'POST', body: '{"available": false}' });
    expect((await fetch(`${server.url}/accounts/MYORG-ACCOUNT1/scim/v2/Users`, { headers: scimHeaders(token) })).status).toBe(503);
    expect((await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT1`, 'SHOW USERS')).status).toBe(503);
    // A statement that reaches into the unavailable account from another one gets Snowflake's error.
    const reach = await sqlApi(`${server.url}/accounts/MYORG-ACCOUNT2`, 'USE ACCOUNT ACCOUNT1; SHOW USERS', { count: 2 });
    expect(reach.status).toBe(422);
    await fetch(`${server.url}/_snowglobe/accounts/ACCOUNT1/outage`, { method: 'POST', body: '{"available": true}' });
    expect((await fetch(`${server.url}/accounts/MYORG-ACCOUNT1/scim/v2/Users`, { headers: scimHeaders(token) })).status).toBe(200);
  });

  it('moves the clock: scheduled refreshes and token expiry follow it', async () => {
    const before = (await (await fetch(`${server.url}/_snowglobe/clock`)).json()) as { now: number };
    const r = await fetch(`${server.url}/_snowglobe/clock`, { method: 'POST', body: JSON.stringify({ advance: '200 days' }) });
    expect(await r.json()).toMatchObject({ now: before.now + 200 * 86_400_000 });
    // SCIM tokens are valid for six months.
    expect((await fetch(`${server.url}/scim/v2/Users`, { headers: scimHeaders(token) })).status).toBe(401);
  });

  it('shows state and logs', async () => {
    const state = (await (await fetch(`${server.url}/_snowglobe/state`)).json()) as { accounts: { name: string; state: { users: { name: string }[] } }[] };
    expect(state.accounts[1]?.state.users.map((u) => u.name)).toContain('AFTER@EXAMPLE.COM');
    const log = await (await fetch(`${server.url}/_snowglobe/log?account=ACCOUNT2`)).text();
    expect(log.split('\n').some((l) => l.includes('"FailoverGroupCreated"'))).toBe(true);
  });

  it('resets everything', async () => {
    expect((await fetch(`${server.url}/_snowglobe/reset`, { method: 'POST' })).status).toBe(200);
    expect(server.info().connections).toEqual([]);
    expect((await sqlApi(server.url, 'CREATE ROLE ANALYST')).status).toBe(200);
  });

  it('logged no internal error', () => {
    expect(errors).toEqual([]);
  });
});

describe('persistence across a restart', () => {
  it('keeps every acknowledged SCIM write and the organization replays identically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snowglobe-int-'));
    try {
      let s = await startServer({ port: 0, data: dir });
      const t = await setUpScim(s.url);
      const names = Array.from({ length: 40 }, (_, i) => `p${i}@example.com`);
      const statuses = await Promise.all(names.map(async (n) => (await fetch(`${s.url}/scim/v2/Users`, { method: 'POST', headers: scimHeaders(t), body: scimUser(n) })).status));
      expect(statuses.every((x) => x === 201)).toBe(true);
      const state = await (await fetch(`${s.url}/_snowglobe/state`)).text();
      await s.close();
      s = await startServer({ port: 0, data: dir });
      expect(s.simulator.durable?.restored).toBe(true);
      expect(await (await fetch(`${s.url}/_snowglobe/state`)).text()).toBe(state.replace(/"seed":\d+/, `"seed":${s.simulator.org.seed}`));
      const list = (await (await fetch(`${s.url}/scim/v2/Users?count=200`, { headers: scimHeaders(t) })).json()) as { totalResults: number };
      expect(list.totalResults).toBe(40);
      await s.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
