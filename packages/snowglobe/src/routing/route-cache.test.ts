import { isSnowflakeError } from '@snowglobe/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultEngines } from '../default-engines.ts';
import { DEFAULT_ADMIN_ROLE, DEFAULT_ADMIN_USER } from '../default-org.ts';
import { Simulator } from '../simulator.ts';
import { RouteCache } from './route-cache.ts';
import type { Route } from './route-cache.ts';

const CONN_HOST = 'myorg-global.snowflakecomputing.com';

let simulator: Simulator;
let routes: RouteCache;

function sql(account: string, text: string): void {
  const session = simulator.sql.createSession(simulator.org, { account, user: DEFAULT_ADMIN_USER, role: DEFAULT_ADMIN_ROLE });
  for (const statement of simulator.sql.split(text)) {
    for (const outcome of session.execute(statement)) {
      if (isSnowflakeError(outcome.result)) throw new Error(`${outcome.statement}: ${outcome.result.message}`);
    }
  }
}

/** The account a route reaches, by name. */
function reached(route: Route): string | null {
  return route.account === null || route.account === 'no-primary' ? route.account : route.account.name;
}

/** A connection GLOBAL with its primary in ACCOUNT1 and a secondary in ACCOUNT2. */
function setUpConnection(): void {
  sql(
    'ACCOUNT1',
    `CREATE FAILOVER GROUP FG OBJECT_TYPES = USERS, ROLES ALLOWED_ACCOUNTS = MYORG.ACCOUNT2;
     CREATE CONNECTION GLOBAL;
     ALTER CONNECTION GLOBAL ENABLE FAILOVER TO ACCOUNTS MYORG.ACCOUNT2`,
  );
  sql('ACCOUNT2', 'CREATE FAILOVER GROUP FG AS REPLICA OF MYORG.ACCOUNT1.FG; CREATE CONNECTION GLOBAL AS REPLICA OF MYORG.ACCOUNT1.GLOBAL');
}

beforeEach(async () => {
  simulator = await Simulator.create({ engines: defaultEngines() });
  routes = new RouteCache(simulator);
});

describe('RouteCache', () => {
  it('resolves hosts and path prefixes like parseTarget, and reuses the answer', () => {
    const local = routes.resolve('/scim/v2/Users', '127.0.0.1:4280');
    expect(local).toMatchObject({ target: { kind: 'default' }, prefix: '', via: 'none' });
    expect(reached(local)).toBe('ACCOUNT1');
    expect(routes.resolve('/scim/v2/Groups', '127.0.0.1:4280')).toBe(local);

    const byHost = routes.resolve('/scim/v2/Users', 'myorg-account2.snowflakecomputing.com');
    expect(byHost).toMatchObject({ target: { kind: 'account', account: 'ACCOUNT2' }, via: 'host' });
    expect(reached(byHost)).toBe('ACCOUNT2');

    const byPath = routes.resolve('/accounts/MYORG-ACCOUNT2/api/v2/statements', '127.0.0.1:4280');
    expect(byPath).toMatchObject({ target: { kind: 'account', account: 'ACCOUNT2' }, prefix: '/accounts/MYORG-ACCOUNT2', via: 'path' });
    // The prefix wins over the Host header, whatever the Host.
    expect(routes.resolve('/accounts/MYORG-ACCOUNT2', 'myorg-account1.snowflakecomputing.com')).toBe(byPath);

    const unknown = routes.resolve('/scim/v2/Users', 'myorg-nope.snowflakecomputing.com');
    expect(unknown.target).toEqual({ kind: 'unknown', name: 'myorg-nope' });
    expect(reached(unknown)).toBeNull();
  });

  it('learns about a connection created after its name was looked up', () => {
    expect(routes.resolve('/', CONN_HOST).target.kind).toBe('unknown');
    expect(routes.resolve('/accounts/MYORG-GLOBAL/scim/v2/Users', '127.0.0.1').target.kind).toBe('unknown');
    setUpConnection();
    expect(routes.resolve('/', CONN_HOST)).toMatchObject({ target: { kind: 'connection', connection: 'GLOBAL' } });
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT1');
    expect(reached(routes.resolve('/accounts/MYORG-GLOBAL/scim/v2/Users', '127.0.0.1'))).toBe('ACCOUNT1');
  });

  it('follows the connection to the new primary after a failover, and back', () => {
    setUpConnection();
    expect(reached(routes.resolve('/scim/v2/Users', CONN_HOST))).toBe('ACCOUNT1');
    expect(reached(routes.resolve('/accounts/myorg_global/scim/v2/Users', '127.0.0.1'))).toBe('ACCOUNT1');

    sql('ACCOUNT2', 'ALTER CONNECTION GLOBAL PRIMARY');
    expect(simulator.connectionAccount('GLOBAL')?.name).toBe('ACCOUNT2');
    expect(reached(routes.resolve('/scim/v2/Users', CONN_HOST))).toBe('ACCOUNT2');
    expect(reached(routes.resolve('/accounts/myorg_global/scim/v2/Users', '127.0.0.1'))).toBe('ACCOUNT2');

    sql('ACCOUNT1', 'ALTER CONNECTION GLOBAL PRIMARY');
    expect(reached(routes.resolve('/scim/v2/Users', CONN_HOST))).toBe('ACCOUNT1');
  });

  it('follows a failover made while the old primary was in an outage, and its return', () => {
    setUpConnection();
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT1');
    simulator.org.setAvailable('ACCOUNT1', false);
    sql('ACCOUNT2', 'ALTER CONNECTION GLOBAL PRIMARY');
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT2');
    // ACCOUNT1 comes back still believing it is the primary until it settles: routing must not flip back.
    simulator.org.setAvailable('ACCOUNT1', true);
    expect(reached(routes.resolve('/', CONN_HOST))).toBe(simulator.connectionAccount('GLOBAL')?.name);
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT2');
  });

  it('forgets a dropped connection', () => {
    setUpConnection();
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT1');
    sql('ACCOUNT2', 'DROP CONNECTION GLOBAL');
    sql('ACCOUNT1', 'DROP CONNECTION GLOBAL');
    expect(routes.resolve('/', CONN_HOST).target.kind).toBe('unknown');
  });

  it('starts over when a reset replaces the organization', async () => {
    setUpConnection();
    const before = routes.resolve('/', '127.0.0.1');
    expect(reached(routes.resolve('/', CONN_HOST))).toBe('ACCOUNT1');
    await simulator.reset();
    const after = routes.resolve('/', '127.0.0.1');
    expect(after).not.toBe(before);
    expect(after.account).toBe(simulator.org.accounts[0]);
    expect(routes.resolve('/', CONN_HOST).target.kind).toBe('unknown');
    // The old organization's appends no longer reach the cache (it follows the new one only).
    expect(routes.resolve('/', '127.0.0.1')).toBe(after);
  });

  it('stays bounded when clients make up host names', () => {
    for (let i = 0; i < 5000; i++) routes.resolve('/', `host${i}.example.com`);
    expect(reached(routes.resolve('/', 'host4999.example.com'))).toBe('ACCOUNT1');
  });
});
