/** CREATE / ALTER / DROP FAILOVER | REPLICATION GROUP: every form and every refusal (spec §2.1-2.5). */
import { describe, expect, it } from 'vitest';
import { createOrganization, type Organization, type ExecuteResult } from '../organization.ts';
import type { Command, CreateFailoverGroupCommand, FailoverGroupAction } from '../commands.ts';
import type { Actor } from '../decide/context.ts';
import type { SnowflakeError } from '../errors.ts';
import { decide } from '../decide/index.ts';
import { findGroup } from '../decide/failover-groups.ts';
import { decideContext } from './context.ts';

const ADMIN: Actor = { role: 'ACCOUNTADMIN', user: 'ADMIN' };

/** Given an organization of three accounts (A and B Business Critical, D Enterprise). */
function givenOrg(): Organization {
  return createOrganization({
    seed: 3,
    accounts: [
      { name: 'A', region: 'AWS_US_WEST_2', admin: 'ADMIN' },
      { name: 'B', region: 'AWS_US_EAST_1', admin: 'ADMIN' },
      { name: 'C', region: 'AWS_US_EAST_1', admin: 'ADMIN' },
      { name: 'D', region: 'AWS_EU_WEST_1', admin: 'ADMIN', edition: 'ENTERPRISE' },
    ],
  });
}

function ok(org: Organization, account: string, command: Command, actor: Actor = ADMIN): ExecuteResult {
  const r = org.execute(account, command, actor);
  if ('type' in r) throw new Error(`${command.type} failed: ${r.code} ${r.message}`);
  return r;
}

function refused(org: Organization, account: string, command: Command, actor: Actor = ADMIN): SnowflakeError {
  const before = org.account(account)!.seq;
  const r = org.execute(account, command, actor);
  if (!('type' in r)) throw new Error(`${command.type} was accepted: ${r.decision.events.map((e) => e.type).join(', ')}`);
  expect(org.account(account)!.seq).toBe(before);
  return r;
}

const fg = (over: Partial<CreateFailoverGroupCommand> = {}): CreateFailoverGroupCommand => ({
  type: 'CreateFailoverGroup',
  kind: 'FAILOVER',
  name: 'FG',
  objectTypes: ['USERS', 'ROLES'],
  allowedAccounts: ['MYORG.B'],
  ...over,
});

const alter = (action: FailoverGroupAction, name = 'FG', kind: 'FAILOVER' | 'REPLICATION' = 'FAILOVER'): Command => ({ type: 'AlterFailoverGroup', kind, name, action });

describe('CREATE FAILOVER GROUP (primary)', () => {
  it('creates a primary with the source account added to ALLOWED_ACCOUNTS', () => {
    const org = givenOrg();
    const r = ok(org, 'A', fg({ objectTypes: ['users', 'roles', 'integrations'], allowedIntegrationTypes: ['security integrations'], replicationSchedule: '10 M', comment: 'c' }));
    expect(r.decision.output.kind).toBe('created');
    const g = findGroup(org.account('A')!.state, 'FG')!;
    expect(g).toMatchObject({
      isPrimary: true,
      type: 'FAILOVER',
      objectTypes: ['INTEGRATIONS', 'ROLES', 'USERS'],
      allowedIntegrationTypes: ['SECURITY INTEGRATIONS'],
      allowedAccounts: ['MYORG.A', 'MYORG.B'],
      schedule: { kind: 'interval', minutes: 10, text: '10 MINUTE' },
      owner: 'ACCOUNTADMIN',
      comment: 'c',
      epoch: 0,
    });
    expect(g.globalId).toBe(g.id);
  });

  it('IF NOT EXISTS on an existing name succeeds without events; without it 002002', () => {
    const org = givenOrg();
    ok(org, 'A', fg());
    expect(ok(org, 'A', fg({ ifNotExists: true })).decision.output).toEqual({ kind: 'exists', name: 'FG' });
    expect(refused(org, 'A', fg()).code).toBe('002002');
  });

  it('names are unique across failover and replication groups', () => {
    const org = givenOrg();
    ok(org, 'A', fg({ objectTypes: ['DATABASES'], allowedDatabases: ['DB1'] }));
    expect(refused(org, 'A', fg({ kind: 'REPLICATION', objectTypes: ['DATABASES'], allowedDatabases: ['DB2'] })).code).toBe('002002');
  });

  it.each([
    ['INTEGRATIONS without ALLOWED_INTEGRATION_TYPES', { objectTypes: ['ROLES', 'INTEGRATIONS'] }, /INTEGRATIONS in OBJECT_TYPES requires ALLOWED_INTEGRATION_TYPES/],
    ['ALLOWED_INTEGRATION_TYPES without INTEGRATIONS', { allowedIntegrationTypes: ['SECURITY INTEGRATIONS'] }, /ALLOWED_INTEGRATION_TYPES requires INTEGRATIONS/],
    ['SECURITY INTEGRATIONS without ROLES', { objectTypes: ['USERS', 'INTEGRATIONS'], allowedIntegrationTypes: ['SECURITY INTEGRATIONS'] }, /requires ROLES in OBJECT_TYPES/],
    ['DATABASES without ALLOWED_DATABASES', { objectTypes: ['DATABASES'] }, /DATABASES in OBJECT_TYPES requires ALLOWED_DATABASES/],
    ['ALLOWED_DATABASES without DATABASES', { allowedDatabases: ['DB1'] }, /ALLOWED_DATABASES requires DATABASES/],
    ['SHARES without ALLOWED_SHARES', { objectTypes: ['SHARES'] }, /ALLOWED_SHARES/],
    ['an unknown object type', { objectTypes: ['USERS', 'TABLES'] }, /invalid value 'TABLES' for property 'OBJECT_TYPES'/],
    ['an unknown integration type', { objectTypes: ['ROLES', 'INTEGRATIONS'], allowedIntegrationTypes: ['MAGIC INTEGRATIONS'] }, /ALLOWED_INTEGRATION_TYPES/],
    ['no OBJECT_TYPES', { objectTypes: [] }, /Missing required property 'OBJECT_TYPES'/],
    ['no ALLOWED_ACCOUNTS', { allowedAccounts: [] }, /Missing required property 'ALLOWED_ACCOUNTS'/],
    ['an account of another organization', { allowedAccounts: ['OTHER.B'] }, /Account 'OTHER.B' does not exist/],
    ['an account that does not exist', { allowedAccounts: ['MYORG.NOPE'] }, /Account 'MYORG.NOPE' does not exist/],
    ['a target below Business Critical', { allowedAccounts: ['MYORG.D'] }, /requires Business Critical Edition/],
    ['a bad schedule', { replicationSchedule: '0 MINUTE' }, /REPLICATION_SCHEDULE/],
    ['a bad cron', { replicationSchedule: 'USING CRON 61 * * * * UTC' }, /invalid minute field/],
    ['an unknown time zone', { replicationSchedule: 'USING CRON 0 * * * * Mars/Olympus' }, /unknown time zone/],
  ] as const)('refuses %s', (_, over, message) => {
    expect(refused(givenOrg(), 'A', fg(over as Partial<CreateFailoverGroupCommand>)).message).toMatch(message);
  });

  it('accepts the documented schedules, normalising the interval text', () => {
    const org = givenOrg();
    ok(org, 'A', fg({ name: 'G1', replicationSchedule: 'USING CRON 0 0 10-20 * TUE,THU UTC' }));
    expect(findGroup(org.account('A')!.state, 'G1')!.schedule).toEqual({
      kind: 'cron',
      expr: '0 0 10-20 * TUE,THU',
      timeZone: 'UTC',
      text: 'USING CRON 0 0 10-20 * TUE,THU UTC',
    });
  });

  it('allows only one group with account objects per account', () => {
    const org = givenOrg();
    ok(org, 'A', fg());
    expect(refused(org, 'A', fg({ name: 'FG2', objectTypes: ['NETWORK POLICIES'] })).message).toMatch(/only one replication or failover group that contains account objects; group 'FG'/);
    // Databases and shares are not account objects.
    ok(org, 'A', fg({ name: 'FG3', objectTypes: ['DATABASES'], allowedDatabases: ['DB1'] }));
  });

  it('needs CREATE FAILOVER GROUP (ACCOUNTADMIN by default) from the primary role', () => {
    const org = givenOrg();
    ok(org, 'A', { type: 'CreateRole', name: 'R' });
    expect(refused(org, 'A', fg(), { role: 'SECURITYADMIN' }).code).toBe('003001');
    ok(org, 'A', { type: 'GrantPrivileges', privileges: ['CREATE FAILOVER GROUP'], on: { kind: 'ACCOUNT' }, to: { name: 'R' } });
    ok(org, 'A', fg(), { role: 'R' });
    expect(findGroup(org.account('A')!.state, 'FG')!.owner).not.toBe('ACCOUNTADMIN');
  });

  it('a failover group needs a Business Critical source; a replication group of databases does not', () => {
    const org = givenOrg();
    expect(refused(org, 'D', fg({ allowedAccounts: ['MYORG.A'] })).message).toMatch(/A failover group requires Business Critical/);
    ok(org, 'D', fg({ kind: 'REPLICATION', name: 'RG', objectTypes: ['DATABASES'], allowedDatabases: ['DB1'], allowedAccounts: ['MYORG.A'] }));
    // A Business Critical primary of databases reaches a lower edition only with IGNORE EDITION CHECK.
    expect(refused(org, 'A', fg({ kind: 'REPLICATION', name: 'RG2', objectTypes: ['DATABASES'], allowedDatabases: ['DB1'], allowedAccounts: ['MYORG.D'] })).message).toMatch(/IGNORE EDITION CHECK/);
    ok(org, 'A', fg({ kind: 'REPLICATION', name: 'RG2', objectTypes: ['DATABASES'], allowedDatabases: ['DB1'], allowedAccounts: ['MYORG.D'], ignoreEditionCheck: true }));
  });

  it("decide alone refuses the cross-account forms with a clear message", () => {
    const org = givenOrg();
    const a = org.account('A')!;
    const r = decide(fg({ replicaOf: 'MYORG.B.FG' }), a.state, decideContext(org, a, ADMIN));
    expect(r).toMatchObject({ code: '002040' });
  });
});

describe('ALTER FAILOVER GROUP (primary forms)', () => {
  const setup = () => {
    const org = givenOrg();
    ok(org, 'A', fg({ replicationSchedule: '10 MINUTE' }));
    return org;
  };
  const group = (org: Organization, account = 'A', name = 'FG') => findGroup(org.account(account)!.state, name)!;

  it('RENAME, refusing a taken name', () => {
    const org = setup();
    ok(org, 'A', fg({ name: 'OTHER', objectTypes: ['DATABASES'], allowedDatabases: ['X'] }));
    expect(refused(org, 'A', alter({ kind: 'rename', newName: 'OTHER' })).code).toBe('002002');
    ok(org, 'A', alter({ kind: 'rename', newName: 'FG2' }));
    expect(group(org, 'A', 'FG2')).toMatchObject({ primary: { account: 'A', group: 'FG2' } });
  });

  it('SET OBJECT_TYPES replaces the list and checks the pairings again', () => {
    const org = setup();
    ok(org, 'A', alter({ kind: 'setMembership', objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS', 'NETWORK POLICIES', 'ACCOUNT PARAMETERS'], allowedIntegrationTypes: ['SECURITY INTEGRATIONS'] }));
    expect(group(org).objectTypes).toEqual(['ACCOUNT PARAMETERS', 'INTEGRATIONS', 'NETWORK POLICIES', 'ROLES', 'USERS']);
    // INTEGRATIONS stays listed: the integration types are kept.
    ok(org, 'A', alter({ kind: 'setMembership', objectTypes: ['ROLES', 'INTEGRATIONS'] }));
    expect(group(org).allowedIntegrationTypes).toEqual(['SECURITY INTEGRATIONS']);
    expect(refused(org, 'A', alter({ kind: 'setMembership', objectTypes: ['USERS', 'INTEGRATIONS'] })).message).toMatch(/requires ROLES/);
    ok(org, 'A', alter({ kind: 'setMembership', objectTypes: ['USERS'] }));
    expect(group(org).allowedIntegrationTypes).toEqual([]);
    expect(refused(org, 'A', alter({ kind: 'setMembership', allowedIntegrationTypes: ['SECURITY INTEGRATIONS'] })).message).toMatch(/requires INTEGRATIONS/);
  });

  it('SET OBJECT_TYPES keeps ALLOWED_DATABASES while DATABASES stays listed, resets it otherwise', () => {
    const org = givenOrg();
    ok(org, 'A', fg({ objectTypes: ['USERS', 'DATABASES'], allowedDatabases: ['db1'] }));
    ok(org, 'A', alter({ kind: 'setMembership', objectTypes: ['USERS', 'ROLES', 'DATABASES'] }));
    expect(group(org).allowedDatabases).toEqual(['DB1']);
    ok(org, 'A', alter({ kind: 'setMembership', objectTypes: ['USERS'] }));
    expect(group(org).allowedDatabases).toBeNull();
  });

  it('SET / UNSET REPLICATION_SCHEDULE and COMMENT; the counter restarts', () => {
    const org = setup();
    org.advance('3 minutes');
    ok(org, 'A', alter({ kind: 'set', replicationSchedule: 'USING CRON 0 9 * * MON-FRI America/New_York', comment: 'hello' }));
    expect(group(org)).toMatchObject({ comment: 'hello', scheduleSetAt: org.now, schedule: { kind: 'cron', timeZone: 'America/New_York' } });
    ok(org, 'A', alter({ kind: 'unset', names: ['COMMENT', 'REPLICATION_SCHEDULE'] }));
    expect(group(org)).toMatchObject({ comment: null, schedule: null });
    expect(refused(org, 'A', alter({ kind: 'set', replicationSchedule: 'often' })).message).toMatch(/REPLICATION_SCHEDULE/);
  });

  it('ADD / REMOVE ALLOWED_ACCOUNTS, checking accounts and editions; the source cannot be removed', () => {
    const org = setup();
    ok(org, 'A', alter({ kind: 'addAccounts', accounts: ['myorg.c'] }));
    expect(group(org).allowedAccounts).toEqual(['MYORG.A', 'MYORG.B', 'MYORG.C']);
    expect(refused(org, 'A', alter({ kind: 'addAccounts', accounts: ['MYORG.NOPE'] })).code).toBe('002003');
    expect(refused(org, 'A', alter({ kind: 'addAccounts', accounts: ['MYORG.D'] })).message).toMatch(/Business Critical/);
    ok(org, 'A', alter({ kind: 'removeAccounts', accounts: ['MYORG.B'] }));
    expect(group(org).allowedAccounts).toEqual(['MYORG.A', 'MYORG.C']);
    expect(refused(org, 'A', alter({ kind: 'removeAccounts', accounts: ['MYORG.A'] })).message).toMatch(/Cannot remove the source account/);
    // Adding what is there, removing what is not: nothing to do.
    expect(ok(org, 'A', alter({ kind: 'addAccounts', accounts: ['C'] })).decision.events).toEqual([]);
  });

  it.each([
    ['REFRESH', { kind: 'refresh' }],
    ['PRIMARY', { kind: 'primary' }],
    ['SUSPEND', { kind: 'suspend' }],
    ['RESUME', { kind: 'resume' }],
  ] as const)('refuses the secondary-only form %s on a primary', (word, action) => {
    expect(refused(setup(), 'A', alter(action as FailoverGroupAction)).message).toMatch(new RegExp(`is a primary\\. ALTER FAILOVER GROUP \\.\\.\\. ${word} can only be run on a secondary`));
  });

  it('refuses a missing group with 002003 unless IF EXISTS; ALTER FAILOVER GROUP does not see replication groups', () => {
    const org = setup();
    expect(refused(org, 'A', alter({ kind: 'suspend' }, 'NOPE')).message).toBe("SQL compilation error:\nFailover group 'NOPE' does not exist or not authorized.");
    expect(ok(org, 'A', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'NOPE', ifExists: true, action: { kind: 'refresh' } }).decision.output).toEqual({ kind: 'missing', name: 'NOPE' });
    expect(refused(org, 'A', alter({ kind: 'set', comment: 'x' }, 'FG', 'REPLICATION')).message).toMatch(/Replication group 'FG' does not exist/);
  });

  it('needs OWNERSHIP (or MODIFY) on the group; RENAME needs OWNERSHIP', () => {
    const org = setup();
    ok(org, 'A', { type: 'CreateRole', name: 'OPS' });
    ok(org, 'A', { type: 'GrantRole', role: { name: 'OPS' }, to: { kind: 'USER', ref: { name: 'ADMIN' } } });
    const ops: Actor = { role: 'OPS', user: 'ADMIN', secondaryRoles: 'NONE' };
    expect(refused(org, 'A', alter({ kind: 'set', comment: 'x' }), ops).code).toBe('003001');
    ok(org, 'A', { type: 'GrantPrivileges', privileges: ['MODIFY'], on: { kind: 'FAILOVER_GROUP', ref: { name: 'FG' } }, to: { name: 'OPS' } });
    ok(org, 'A', alter({ kind: 'set', comment: 'x' }), ops);
    expect(refused(org, 'A', alter({ kind: 'rename', newName: 'Y' }), ops).code).toBe('003001');
  });
});

describe('ALTER FAILOVER GROUP (secondary forms) and DROP', () => {
  const setup = () => {
    const org = givenOrg();
    ok(org, 'A', fg({ objectTypes: ['ROLES'], replicationSchedule: '10 MINUTE' }));
    ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' });
    return org;
  };

  it.each([
    ['RENAME', { kind: 'rename', newName: 'X' }],
    ['SET OBJECT_TYPES', { kind: 'setMembership', objectTypes: ['USERS'] }],
    ['SET', { kind: 'set', comment: 'x' }],
    ['UNSET', { kind: 'unset', names: ['COMMENT'] }],
    ['ADD \\.\\.\\. TO ALLOWED_ACCOUNTS', { kind: 'addAccounts', accounts: ['MYORG.C'] }],
    ['REMOVE \\.\\.\\. FROM ALLOWED_ACCOUNTS', { kind: 'removeAccounts', accounts: ['MYORG.C'] }],
  ] as const)('refuses the primary-only form %s on a secondary', (word, action) => {
    expect(refused(setup(), 'B', alter(action as FailoverGroupAction)).message).toMatch(new RegExp(`'FG' is a secondary\\. ALTER FAILOVER GROUP \\.\\.\\. ${word} can only be run on the primary`));
  });

  it('SUSPEND and RESUME the schedule', () => {
    const org = setup();
    ok(org, 'B', alter({ kind: 'suspend', immediate: true }));
    expect(findGroup(org.account('B')!.state, 'FG')!.suspended).toBe(true);
    expect(ok(org, 'B', alter({ kind: 'suspend' })).decision.events).toEqual([]);
    org.advance('5 minutes');
    ok(org, 'B', alter({ kind: 'resume' }));
    expect(findGroup(org.account('B')!.state, 'FG')).toMatchObject({ suspended: false, resumedAt: org.now });
  });

  it('a primary with secondaries cannot be dropped; a secondary can, then the primary', () => {
    const org = setup();
    const drop: Command = { type: 'DropFailoverGroup', kind: 'FAILOVER', name: 'FG' };
    expect(refused(org, 'A', drop).message).toMatch(/Cannot drop primary failover group 'FG' because it has secondary groups in account\(s\) MYORG.B/);
    expect(ok(org, 'B', drop).decision.output).toEqual({ kind: 'dropped', name: 'FG' });
    ok(org, 'A', drop);
    expect(ok(org, 'A', { ...drop, ifExists: true }).decision.output).toEqual({ kind: 'missing', name: 'FG' });
    expect(refused(org, 'A', drop).code).toBe('002003');
  });

  it('DROP needs the owner or ACCOUNTADMIN', () => {
    const org = setup();
    expect(refused(org, 'B', { type: 'DropFailoverGroup', kind: 'FAILOVER', name: 'FG' }, { role: 'SECURITYADMIN' }).code).toBe('003001');
  });

  it('dropping a secondary releases its objects: they become writable local objects', () => {
    const org = setup();
    expect(refused(org, 'B', { type: 'CreateRole', name: 'LOCAL' }).code).toBe('003140');
    ok(org, 'B', { type: 'DropFailoverGroup', kind: 'FAILOVER', name: 'FG' });
    ok(org, 'B', { type: 'CreateRole', name: 'LOCAL' });
  });

  it('a replication group cannot fail over', () => {
    const org = givenOrg();
    ok(org, 'A', fg({ kind: 'REPLICATION', name: 'RG', objectTypes: ['ROLES'] }));
    ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'REPLICATION', name: 'RG', replicaOf: 'MYORG.A.RG' });
    expect(refused(org, 'B', alter({ kind: 'primary' }, 'RG', 'REPLICATION')).message).toMatch(/only failover groups support PRIMARY/);
    // REFRESH works for replication groups.
    ok(org, 'B', alter({ kind: 'refresh' }, 'RG', 'REPLICATION'));
  });
});
