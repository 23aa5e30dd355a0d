/** Connections (Client Redirect, spec §2.8), routing, and the rows of the SHOW statements. */
import { describe, expect, it } from 'vitest';
import { createOrganization, type Organization, type ExecuteResult } from '../organization.ts';
import type { Command } from '../commands.ts';
import type { Actor } from '../decide/context.ts';
import type { SnowflakeError } from '../errors.ts';
import { findConnection } from '../decide/connections.ts';
import { resolveConnection, resolveHost } from './connections.ts';
import { showConnections, showGroups, showReplicationAccounts, likeMatches } from './show.ts';

const ADMIN: Actor = { role: 'ACCOUNTADMIN', user: 'ADMIN' };

function ok(org: Organization, account: string, command: Command, actor: Actor = ADMIN): ExecuteResult {
  const r = org.execute(account, command, actor);
  if ('type' in r) throw new Error(`${command.type} failed: ${r.code} ${r.message}`);
  return r;
}

function refused(org: Organization, account: string, command: Command, actor: Actor = ADMIN): SnowflakeError {
  const r = org.execute(account, command, actor);
  if (!('type' in r)) throw new Error(`${command.type} was accepted`);
  return r;
}

/** Given WEST and EAST in different regions, WEST2 in WEST's region. */
function givenOrg(): Organization {
  return createOrganization({
    name: 'EXAMPLE',
    seed: 5,
    accounts: [
      { name: 'NORTHAMERICAWEST', region: 'AWS_US_WEST_2', admin: 'ADMIN' },
      { name: 'NORTHAMERICAEAST', region: 'AWS_US_EAST_1', admin: 'ADMIN' },
      { name: 'WEST2', region: 'AWS_US_WEST_2', admin: 'ADMIN' },
    ],
  });
}
const W = 'NORTHAMERICAWEST';
const E = 'NORTHAMERICAEAST';

const enable = (accounts: string[]): Command => ({ type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'enableFailover', accounts } });

function givenConnection(): Organization {
  const org = givenOrg();
  ok(org, W, { type: 'CreateConnection', name: 'GLOBAL', comment: 'redirect' });
  ok(org, W, enable(['example.northamericaeast']));
  ok(org, E, { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'example.northamericawest.global' });
  return org;
}

describe('CREATE CONNECTION', () => {
  it('creates a primary that may fail over to its own account only', () => {
    const org = givenOrg();
    ok(org, W, { type: 'CreateConnection', name: 'GLOBAL' });
    expect(findConnection(org.account(W)!.state, 'GLOBAL')).toMatchObject({ isPrimary: true, primaryAccount: 'EXAMPLE.NORTHAMERICAWEST', failoverAllowedTo: ['EXAMPLE.NORTHAMERICAWEST'], epoch: 0 });
  });

  it('refuses bad names, names taken in the organization (connections and accounts), and non-ACCOUNTADMIN', () => {
    const org = givenOrg();
    expect(refused(org, W, { type: 'CreateConnection', name: '1ST' }).message).toMatch(/must start with a letter/);
    expect(refused(org, W, { type: 'CreateConnection', name: 'WEST2' }).code).toBe('002002');
    ok(org, W, { type: 'CreateConnection', name: 'GLOBAL' });
    expect(refused(org, E, { type: 'CreateConnection', name: 'GLOBAL' }).code).toBe('002002');
    expect(refused(org, W, { type: 'CreateConnection', name: 'GLOBAL' }).code).toBe('002002');
    expect(ok(org, W, { type: 'CreateConnection', name: 'GLOBAL', ifNotExists: true }).decision.output).toEqual({ kind: 'exists', name: 'GLOBAL' });
    expect(refused(org, W, { type: 'CreateConnection', name: 'OTHER' }, { role: 'SECURITYADMIN' }).code).toBe('003001');
  });

  it('AS REPLICA OF needs the account enabled and the same name', () => {
    const org = givenOrg();
    ok(org, W, { type: 'CreateConnection', name: 'GLOBAL' });
    expect(refused(org, E, { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'EXAMPLE.NORTHAMERICAWEST.GLOBAL' }).message).toBe(
      'This account is not authorized to create a secondary connection of this primary connection.',
    );
    ok(org, W, enable(['EXAMPLE.NORTHAMERICAEAST']));
    expect(refused(org, E, { type: 'CreateConnection', name: 'OTHER', replicaOf: 'EXAMPLE.NORTHAMERICAWEST.GLOBAL' }).message).toMatch(/same name as its primary/);
    expect(refused(org, E, { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'EXAMPLE.NORTHAMERICAWEST.NOPE' }).code).toBe('002003');
    ok(org, E, { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'EXAMPLE.NORTHAMERICAWEST.GLOBAL' });
    expect(findConnection(org.account(E)!.state, 'GLOBAL')).toMatchObject({ isPrimary: false, primaryAccount: 'EXAMPLE.NORTHAMERICAWEST' });
  });
});

describe('ALTER CONNECTION', () => {
  it('ENABLE FAILOVER TO ACCOUNTS in the same region is 003813', () => {
    const org = givenOrg();
    ok(org, W, { type: 'CreateConnection', name: 'GLOBAL' });
    const e = refused(org, W, enable(['EXAMPLE.WEST2']));
    expect([e.code, e.sqlState, e.message]).toEqual(['003813', '23001', 'The connection cannot be failed over to an account in the same region']);
    expect(refused(org, W, enable(['EXAMPLE.NOPE'])).code).toBe('002003');
  });

  it('DISABLE FAILOVER [TO ACCOUNTS], SET / UNSET COMMENT', () => {
    const org = givenConnection();
    ok(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'disableFailover', accounts: ['EXAMPLE.NORTHAMERICAEAST'] } });
    expect(findConnection(org.account(W)!.state, 'GLOBAL')!.failoverAllowedTo).toEqual(['EXAMPLE.NORTHAMERICAWEST']);
    ok(org, W, enable(['EXAMPLE.NORTHAMERICAEAST']));
    ok(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'disableFailover', accounts: null } });
    expect(findConnection(org.account(W)!.state, 'GLOBAL')!.failoverAllowedTo).toEqual(['EXAMPLE.NORTHAMERICAWEST']);
    ok(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'setComment', comment: 'x' } });
    ok(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'unsetComment' } });
    expect(findConnection(org.account(W)!.state, 'GLOBAL')!.comment).toBeNull();
    expect(refused(org, E, enable(['EXAMPLE.WEST2'])).message).toMatch(/is a secondary/);
    expect(refused(org, W, { type: 'AlterConnection', name: 'NOPE', action: { kind: 'unsetComment' } }).message).toBe("SQL compilation error:\nConnection 'NOPE' does not exist or not authorized.");
  });

  it('PRIMARY moves the connection URL; the old primary becomes a secondary; failback works', () => {
    const org = givenConnection();
    expect(resolveHost(org, 'example-global.snowflakecomputing.com')).toMatchObject({ kind: 'connection', account: { name: W } });
    ok(org, E, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(resolveConnection(org, 'global')!.account.name).toBe(E);
    expect(resolveHost(org, 'EXAMPLE_GLOBAL.snowflakecomputing.com:443')).toMatchObject({ kind: 'connection', connection: 'GLOBAL', account: { name: E } });
    expect(findConnection(org.account(W)!.state, 'GLOBAL')).toMatchObject({ isPrimary: false, primaryAccount: 'EXAMPLE.NORTHAMERICAEAST' });
    expect(findConnection(org.account(E)!.state, 'GLOBAL')!.failoverAllowedTo).toEqual(['EXAMPLE.NORTHAMERICAEAST', 'EXAMPLE.NORTHAMERICAWEST']);
    ok(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(resolveConnection(org, 'GLOBAL')!.account.name).toBe(W);
    // The same host string again: resolved hosts are cached, and the cache follows the failback.
    expect(resolveHost(org, 'example-global.snowflakecomputing.com')).toMatchObject({ kind: 'connection', account: { name: W } });
    ok(org, E, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(resolveHost(org, 'example-global.snowflakecomputing.com')).toMatchObject({ kind: 'connection', account: { name: E } });
  });

  it('PRIMARY is allowed while the old primary is unavailable; it learns when it comes back', () => {
    const org = givenConnection();
    org.setAvailable(W, false);
    ok(org, E, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(resolveConnection(org, 'GLOBAL')!.account.name).toBe(E);
    expect(findConnection(org.account(W)!.state, 'GLOBAL')!.isPrimary).toBe(true);
    org.setAvailable(W, true);
    expect(findConnection(org.account(W)!.state, 'GLOBAL')).toMatchObject({ isPrimary: false, epoch: 1 });
  });

  it('PRIMARY needs ACCOUNTADMIN or FAILOVER on the connection, and a secondary', () => {
    const org = givenConnection();
    expect(refused(org, E, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } }, { role: 'SECURITYADMIN' }).code).toBe('003001');
    expect(refused(org, W, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } }).message).toMatch(/is a primary/);
  });
});

describe('DROP CONNECTION', () => {
  it('a primary with secondaries cannot be dropped', () => {
    const org = givenConnection();
    expect(refused(org, W, { type: 'DropConnection', name: 'GLOBAL' }).message).toMatch(/Cannot drop primary connection 'GLOBAL' because it has secondary connections in account\(s\) EXAMPLE.NORTHAMERICAEAST/);
    ok(org, E, { type: 'DropConnection', name: 'GLOBAL' });
    expect(ok(org, W, { type: 'DropConnection', name: 'GLOBAL' }).decision.output).toEqual({ kind: 'dropped', name: 'GLOBAL' });
    expect(ok(org, W, { type: 'DropConnection', name: 'GLOBAL', ifExists: true }).decision.output).toEqual({ kind: 'missing', name: 'GLOBAL' });
  });
});

describe('routing', () => {
  it('resolves account hosts, either separator, any case; others are not ours', () => {
    const org = givenConnection();
    expect(resolveHost(org, 'example-northamericaeast.snowflakecomputing.com')).toMatchObject({ kind: 'account', account: { name: E } });
    expect(resolveHost(org, 'Example_West2.privatelink.snowflakecomputing.com')).toMatchObject({ kind: 'account', account: { name: 'WEST2' } });
    expect(resolveHost(org, 'example-global')).toMatchObject({ kind: 'connection' });
    expect(resolveHost(org, 'other-global.snowflakecomputing.com')).toBeNull();
    expect(resolveHost(org, 'example-nope.snowflakecomputing.com')).toBeNull();
    expect(resolveHost(org, 'example-global.example.com')).toBeNull();
  });
});

describe('SHOW rows', () => {
  it('SHOW CONNECTIONS: both rows, ordered by name, with the documented values', () => {
    const org = givenConnection();
    const rows = showConnections(org, W);
    if ('type' in rows) throw new Error(rows.message);
    expect(rows).toEqual([
      expect.objectContaining({
        account_name: 'EXAMPLE.NORTHAMERICAEAST',
        name: 'GLOBAL',
        is_primary: false,
        primary: 'EXAMPLE.NORTHAMERICAWEST.GLOBAL',
        failover_allowed_to_accounts: '',
        connection_url: 'example-global.snowflakecomputing.com',
        organization_name: 'EXAMPLE',
        snowflake_region: 'AWS_US_EAST_1',
      }),
      expect.objectContaining({
        account_name: 'EXAMPLE.NORTHAMERICAWEST',
        is_primary: true,
        comment: 'redirect',
        failover_allowed_to_accounts: 'EXAMPLE.NORTHAMERICAWEST, EXAMPLE.NORTHAMERICAEAST',
      }),
    ]);
    expect(showConnections(org, W, { like: 'glo%' })).toHaveLength(2);
    expect(showConnections(org, W, { like: 'x%' })).toHaveLength(0);
  });

  it('SHOW REPLICATION ACCOUNTS: every account, ACCOUNTADMIN only', () => {
    const org = givenOrg();
    const rows = showReplicationAccounts(org, W, { actor: ADMIN });
    if ('type' in rows) throw new Error(rows.message);
    expect(rows.map((r) => r.account_name)).toEqual([E, W, 'WEST2']);
    expect(rows[0]).toMatchObject({ organization_name: 'EXAMPLE', snowflake_region: 'AWS_US_EAST_1', is_org_admin: false, comment: null });
    expect(showReplicationAccounts(org, W, { like: '%west%' })).toHaveLength(2);
    expect(showReplicationAccounts(org, W, { actor: { role: 'SECURITYADMIN' } })).toMatchObject({ code: '003001' });
  });

  it('SHOW FAILOVER GROUPS lists primaries allowing this account, and linked groups; REPLICATION GROUPS both kinds', () => {
    const org = givenOrg();
    ok(org, W, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', objectTypes: ['ROLES', 'ACCOUNT PARAMETERS', 'INTEGRATIONS'], allowedIntegrationTypes: ['SECURITY INTEGRATIONS', 'API INTEGRATIONS'], allowedAccounts: [E], replicationSchedule: '10 MINUTE' });
    ok(org, W, { type: 'CreateFailoverGroup', kind: 'REPLICATION', name: 'RG', objectTypes: ['DATABASES'], allowedDatabases: ['DB'], allowedAccounts: [E] });
    // Before any secondary exists, the target already sees the primaries it may replicate.
    const before = showGroups(org, E, { kind: 'FAILOVER' });
    if ('type' in before) throw new Error(before.message);
    expect(before).toEqual([
      {
        snowflake_region: 'AWS_US_WEST_2',
        created_on: org.now,
        account_name: W,
        name: 'FG',
        type: 'FAILOVER',
        comment: null,
        is_primary: true,
        primary: 'EXAMPLE.NORTHAMERICAWEST.FG',
        object_types: 'PARAMETERS, INTEGRATIONS, ROLES',
        allowed_integration_types: 'SECURITY, API',
        allowed_accounts: 'EXAMPLE.NORTHAMERICAWEST, EXAMPLE.NORTHAMERICAEAST',
        organization_name: 'EXAMPLE',
        account_locator: org.account(W)!.info.locator,
        replication_schedule: '10 MINUTE',
        secondary_state: null,
        next_scheduled_refresh: null,
        owner: null,
        is_listing_auto_fulfillment_group: false,
        is_optimized_refresh_enabled: false,
      },
    ]);
    ok(org, E, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'EXAMPLE.NORTHAMERICAWEST.FG' });
    const rows = showGroups(org, W, { kind: 'FAILOVER' });
    if ('type' in rows) throw new Error(rows.message);
    expect(rows.map((r) => [r.account_name, r.is_primary, r.object_types, r.secondary_state, r.owner])).toEqual([
      [E, false, '', 'STARTED', null],
      [W, true, 'PARAMETERS, INTEGRATIONS, ROLES', null, 'ACCOUNTADMIN'],
    ]);
    expect(rows[0]!.next_scheduled_refresh).toBe(org.now + 10 * 60_000);
    expect(showGroups(org, W, { kind: 'REPLICATION' })).toHaveLength(3);
    expect(showGroups(org, W, { kind: 'REPLICATION', inAccount: E })).toHaveLength(1);
    // A role without any privilege on the group does not see it.
    expect(showGroups(org, W, { kind: 'FAILOVER', actor: { role: 'PUBLIC' } })).toHaveLength(1);
  });

  it('LIKE is case-insensitive with % and _', () => {
    expect(likeMatches('my_conn%', 'MYXCONNECTION')).toBe(true);
    expect(likeMatches('my\\_conn', 'MYXCONN')).toBe(false);
    expect(likeMatches('a.b', 'AXB')).toBe(false);
  });
});
