/** Secondaries, REFRESH, PRIMARY, failback, lost writes, schedules and history (spec §2.1-2.2, §4, §5). */
import { describe, expect, it } from 'vitest';
import { createOrganization, type Organization, type ExecuteResult } from '../organization.ts';
import type { Command } from '../commands.ts';
import type { Actor } from '../decide/context.ts';
import type { SnowflakeError } from '../errors.ts';
import type { Event } from '../events.ts';
import { findUser, findRole } from '../decide/context.ts';
import { findGroup } from '../decide/failover-groups.ts';
import { verifyScimToken } from '../scim-tokens.ts';
import { project, viewsEqual } from './project.ts';
import { refreshGroup, scheduleAsyncRefresh, cancelRefresh, linkAccountObjectsByName, completeAsyncRefreshes } from './refresh.ts';
import { promoteGroup } from './promote.ts';
import { lostWrites } from './lost-writes.ts';
import { refreshHistory, refreshProgress, showGroups } from './show.ts';
import { replicable, replicableEvents } from './replicable.ts';
import { currentPrimary } from './lineage.ts';
import { exportLog } from '../log-io.ts';

const ADMIN: Actor = { role: 'ACCOUNTADMIN', user: 'ADMIN' };
const MINUTE = 60_000;

function ok(org: Organization, account: string, command: Command, actor: Actor = ADMIN): ExecuteResult {
  const r = org.execute(account, command, actor);
  if ('type' in r) throw new Error(`${command.type} failed: ${r.code} ${r.message}`);
  return r;
}

function fails(r: unknown): SnowflakeError {
  if (typeof r !== 'object' || r === null || (r as { type?: string }).type !== 'SnowflakeError') throw new Error(`expected an error, got ${JSON.stringify(r)?.slice(0, 200)}`);
  return r as SnowflakeError;
}

function succeeds<T>(r: T | SnowflakeError): T {
  if (typeof r === 'object' && r !== null && (r as { type?: string }).type === 'SnowflakeError') throw new Error((r as SnowflakeError).message);
  return r as T;
}

const group = (org: Organization, account: string, name = 'FG') => findGroup(org.account(account)!.state, name)!;

/**
 * Given A (primary, with users and roles) and B, C (targets, in other regions), a failover group
 * FG on A carrying `objectTypes`, and a secondary of it on B already refreshed.
 */
function givenReplica(opts: { objectTypes?: string[]; schedule?: string; secondaries?: string[]; integrations?: boolean } = {}): Organization {
  const org = createOrganization({
    seed: 11,
    accounts: [
      { name: 'A', region: 'AWS_US_WEST_2', admin: 'ADMIN' },
      { name: 'B', region: 'AWS_US_EAST_1', admin: 'ADMIN' },
      { name: 'C', region: 'AZURE_WESTEUROPE', admin: 'ADMIN' },
    ],
  });
  ok(org, 'A', { type: 'CreateRole', name: 'R1' });
  ok(org, 'A', { type: 'CreateUser', name: 'ALICE', props: {} });
  ok(org, 'A', { type: 'GrantRole', role: { name: 'R1' }, to: { kind: 'USER', ref: { name: 'ALICE' } } });
  ok(org, 'A', {
    type: 'CreateFailoverGroup',
    kind: 'FAILOVER',
    name: 'FG',
    objectTypes: opts.objectTypes ?? ['USERS', 'ROLES'],
    allowedIntegrationTypes: opts.integrations ? ['SECURITY INTEGRATIONS'] : [],
    allowedAccounts: ['MYORG.B', 'MYORG.C'],
    replicationSchedule: opts.schedule ?? null,
  });
  for (const s of opts.secondaries ?? ['B']) {
    ok(org, s, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' });
    succeeds(linkAccountObjectsByName(org, s, 'FG', { actor: ADMIN }));
    succeeds(refreshGroup(org, s, 'FG', { actor: ADMIN }));
  }
  return org;
}

const converged = (org: Organization, target: string, name = 'FG') => {
  const p = currentPrimary(org, group(org, target, name).globalId)!;
  return viewsEqual(project(org.account(target)!.state, p.group), project(p.account.state, p.group));
};

describe('CREATE FAILOVER GROUP ... AS REPLICA OF', () => {
  it('creates a secondary and runs the initial refresh', () => {
    const org = givenReplica({ objectTypes: ['ROLES'], secondaries: [] });
    const r = ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG_B', replicaOf: 'myorg.a.FG' });
    expect(r.decision.output.kind).toBe('created');
    expect(group(org, 'B', 'FG_B')).toMatchObject({ isPrimary: false, primary: { account: 'A', group: 'FG' }, cursorAccount: 'A', objectTypes: ['ROLES'] });
    expect(findRole(org.account('B')!.state, { name: 'R1' })).toBeDefined();
    expect(refreshHistory(org, 'B', 'FG_B')).toMatchObject([{ PHASE_NAME: 'COMPLETED', ERROR: null }]);
    expect(converged(org, 'B', 'FG_B')).toBe(true);
  });

  it.each([
    ['an account not in ALLOWED_ACCOUNTS', 'MYORG.A.FG', 'D', /Account MYORG.D is not in the allowed accounts of failover group 'MYORG.A.FG'/],
    ['a missing group', 'MYORG.A.NOPE', 'B', /Failover group 'MYORG.A.NOPE' does not exist/],
    ['another organization', 'OTHER.A.FG', 'B', /does not exist/],
    ['its own source account', 'MYORG.A.FG', 'A', /already exists/],
  ])('refuses %s', (_, ref, account, message) => {
    const org = givenReplica({ secondaries: [] });
    org.addAccount({ name: 'D', region: 'GCP_US_CENTRAL1', admin: 'ADMIN' });
    const r = org.execute(account, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: ref }, ADMIN);
    expect(fails(r).message).toMatch(message);
  });

  it('refuses a second secondary of the same primary, a secondary of a secondary and an Enterprise target', () => {
    const org = givenReplica();
    expect(fails(org.execute('B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG2', replicaOf: 'MYORG.A.FG' }, ADMIN)).message).toMatch(/already has failover group 'FG', a secondary of MYORG.A.FG/);
    expect(fails(org.execute('C', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.B.FG' }, ADMIN)).message).toMatch(/is not a primary group. The current primary is MYORG.A.FG/);
    // IGNORE EDITION CHECK does not let a failover group reach a lower edition (spec §2.5).
    org.addAccount({ name: 'E', region: 'GCP_US_CENTRAL1', admin: 'ADMIN', edition: 'ENTERPRISE' });
    const add: Command = { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'addAccounts', accounts: ['MYORG.E'], ignoreEditionCheck: true } };
    expect(fails(org.execute('A', add, ADMIN)).message).toMatch(/requires Business Critical Edition/);
  });

  it('IF NOT EXISTS over an existing name does nothing', () => {
    const org = givenReplica();
    const r = ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG', ifNotExists: true });
    expect(r.decision.output).toEqual({ kind: 'exists', name: 'FG' });
  });

  it('refuses while the primary account is unavailable', () => {
    const org = givenReplica({ secondaries: [] });
    org.setAvailable('A', false);
    expect(fails(org.execute('B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' }, ADMIN)).message).toMatch(/primary account MYORG.A is unavailable/);
  });
});

describe('the first USERS / ROLES refresh over same-named local objects (spec §4.3)', () => {
  const setup = () => {
    const org = givenReplica({ secondaries: [] });
    // B has its own ALICE and R1 (same names, other global ids) and a BOB the source lacks.
    ok(org, 'B', { type: 'CreateRole', name: 'R1' });
    ok(org, 'B', { type: 'CreateUser', name: 'ALICE', props: { comment: 'local' } });
    ok(org, 'B', { type: 'CreateUser', name: 'BOB', props: {} });
    ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' });
    return org;
  };

  it('fails (FAILED row) and names the colliding objects; the secondary exists', () => {
    const org = setup();
    const [row] = succeeds(refreshHistory(org, 'B', 'FG'));
    expect(row).toMatchObject({ PHASE_NAME: 'FAILED', ERROR: { errorCode: '003133' } });
    expect(row!.ERROR!.errorMessage).toMatch(/ROLE 'R1', USER 'ADMIN', USER 'ALICE'.*REFRESH FORCE.*SYSTEM\$LINK_ACCOUNT_OBJECTS_BY_NAME\('FG'\)/s);
    expect(fails(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).code).toBe('003133');
    // The group is already read-only for the types it carries.
    expect(fails(org.execute('B', { type: 'CreateUser', name: 'ZED', props: {} }, ADMIN)).code).toBe('003140');
  });

  it('REFRESH FORCE drops the local users and roles and recreates the source ones, recording them as discarded', () => {
    const org = setup();
    const localAlice = findUser(org.account('B')!.state, { name: 'ALICE' })!.id;
    const r = succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN, force: true }));
    expect(r.mode).toBe('initial');
    const s = org.account('B')!.state;
    expect(findUser(s, { name: 'ALICE' })!.id).toBe(findUser(org.account('A')!.state, { name: 'ALICE' })!.id);
    expect(findUser(s, { name: 'ALICE' })!.id).not.toBe(localAlice);
    expect(findUser(s, { name: 'BOB' })).toBeUndefined();
    expect(r.discarded.map((d) => d.event.type)).toContain('UserCreated');
    expect(converged(org, 'B')).toBe(true);
  });

  it('SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME keeps same-named objects (linked); unmatched ones still go', () => {
    const org = setup();
    const localAlice = findUser(org.account('B')!.state, { name: 'ALICE' })!;
    const links = succeeds(linkAccountObjectsByName(org, 'B', 'FG', { actor: ADMIN }));
    expect(links.links.map((l) => `${l.kind} ${l.name}`)).toEqual(['ROLE R1', 'USER ADMIN', 'USER ALICE']);
    succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    const alice = findUser(org.account('B')!.state, { name: 'ALICE' })!;
    expect(alice.id).toBe(findUser(org.account('A')!.state, { name: 'ALICE' })!.id);
    // Linked, then updated from the source: the local comment is gone, the creation kept its id.
    expect(alice.comment).toBeNull();
    expect(alice.createdOn).toBe(findUser(org.account('A')!.state, { name: 'ALICE' })!.createdOn);
    expect(localAlice.comment).toBe('local');
    expect(findUser(org.account('B')!.state, { name: 'BOB' })).toBeUndefined();
  });

  it('LINK needs ACCOUNTADMIN and a secondary', () => {
    const org = setup();
    expect(fails(linkAccountObjectsByName(org, 'B', 'FG', { actor: { role: 'SECURITYADMIN' } })).code).toBe('003001');
    expect(fails(linkAccountObjectsByName(org, 'A', 'FG', { actor: ADMIN })).message).toMatch(/is a primary/);
  });
});

describe('REFRESH', () => {
  it('a user created on the primary is visible on the secondary only after REFRESH, as ONE incremental ReplicaRefreshed', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateUser', name: 'NEWBIE', props: {} });
    ok(org, 'A', { type: 'GrantRole', role: { name: 'R1' }, to: { kind: 'USER', ref: { name: 'NEWBIE' } } });
    ok(org, 'A', { type: 'RecordScimRequest', request: { endpoint: '/scim/v2/Users', method: 'POST', status: '201', errorCode: null, details: '', clientIp: '1.2.3.4', actorName: 'X', actorDomain: 'INTEGRATION', resourceName: null, resourceDomain: null } });
    expect(findUser(org.account('B')!.state, { name: 'NEWBIE' })).toBeUndefined();
    const before = org.account('B')!.seq;
    const r = succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(r.mode).toBe('incremental');
    expect(org.account('B')!.seq).toBe(before + 1);
    const entry = org.account('B')!.log.at(-1)!.event as Extract<Event, { type: 'ReplicaRefreshed' }>;
    // The REST event history never replicates.
    expect(entry.events.map((e) => e.type)).toEqual(['UserCreated', 'RoleGranted']);
    expect(entry.source).toEqual({ account: 'A', seq: org.account('A')!.seq });
    expect(findUser(org.account('B')!.state, { name: 'NEWBIE' })).toBeDefined();
    expect(converged(org, 'B')).toBe(true);
    // Nothing new: an empty incremental refresh.
    expect(succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).events).toBe(0);
  });

  it('writes on the secondary are refused; reads work', () => {
    const org = givenReplica();
    for (const command of [
      { type: 'CreateUser', name: 'X', props: {} },
      { type: 'AlterUser', target: { name: 'ALICE' }, set: { comment: 'x' } },
      { type: 'DropRole', target: { name: 'R1' } },
      { type: 'GrantRole', role: { name: 'R1' }, to: { kind: 'ROLE', ref: { name: 'SYSADMIN' } } },
      { type: 'GrantPrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, to: { name: 'R1' } },
    ] as Command[]) {
      expect(fails(org.execute('B', command, ADMIN)).message).toMatch(/cannot be modified because it is a replicated \(secondary\) object/);
    }
    // Not carried by the group: network policies stay writable on B.
    ok(org, 'B', { type: 'CreateNetworkPolicy', name: 'LOCAL_NP', allowedIpList: ['10.0.0.0/8'] });
  });

  it('FORCE always reconciles; a membership change on the primary also does, bringing the new types', () => {
    const org = givenReplica();
    expect(succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN, force: true })).mode).toBe('reconcile');
    ok(org, 'A', { type: 'CreateNetworkPolicy', name: 'NP1', allowedIpList: ['10.0.0.0/8'] });
    ok(org, 'A', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'setMembership', objectTypes: ['USERS', 'ROLES', 'NETWORK POLICIES'] } });
    const r = succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(r.mode).toBe('reconcile');
    expect(group(org, 'B').objectTypes).toEqual(['NETWORK POLICIES', 'ROLES', 'USERS']);
    expect([...org.account('B')!.state.networkPolicies.values()].map((p) => p.name)).toEqual(['NP1']);
    expect(succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).mode).toBe('incremental');
  });

  it('fails with 003131 when the snapshot names a policy the group does not carry', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateNetworkPolicy', name: 'NP1', allowedIpList: ['10.0.0.0/8'] });
    ok(org, 'A', { type: 'AlterUser', target: { name: 'ALICE' }, set: { networkPolicy: [...org.account('A')!.state.networkPolicies.values()][0]!.id } });
    const e = fails(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(e.code).toBe('003131');
    expect(e.message).toBe(
      "Dangling references in the snapshot. Correct the errors before refreshing again.\nThe following references are missing (referred entity <- [referring entities]):\nNETWORK_POLICY 'NP1' <- [USER 'ALICE']",
    );
    expect(succeeds(refreshProgress(org, 'B', 'FG')).map((r) => r.PHASE_NAME)).toEqual(['SECONDARY_SYNCHRONIZING_MEMBERSHIP', 'SECONDARY_UPLOADING_INVENTORY', 'FAILED']);
  });

  it('while the primary account is unavailable: a FAILED row, and the cursor stays', () => {
    const org = givenReplica();
    const cursor = group(org, 'B').cursor;
    org.setAvailable('A', false);
    const e = fails(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(e.message).toMatch(/primary account MYORG.A is unavailable/);
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ PHASE_NAME: 'FAILED', ERROR: { errorCode: '003134' } });
    expect(group(org, 'B').cursor).toBe(cursor);
    org.setAvailable('A', true);
    expect(succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).mode).toBe('incremental');
  });

  it('needs REPLICATE or OWNERSHIP on the secondary; with USERS the user must hold REPLICATE in the source', () => {
    const org = givenReplica();
    expect(fails(refreshGroup(org, 'B', 'FG', { actor: { role: 'SECURITYADMIN' } })).code).toBe('003001');
    // ALICE (replicated, holding R1) runs it as B's group owner; in the source she lacks REPLICATE.
    const alice: Actor = { role: 'ACCOUNTADMIN', user: 'ALICE', secondaryRoles: 'NONE' };
    const e = fails(refreshGroup(org, 'B', 'FG', { actor: alice }));
    expect(e.code).toBe('003137');
    expect(e.message).toMatch(/User 'ALICE' cannot refresh replication group 'FG': the user must exist in the source account MYORG.A/);
    ok(org, 'A', { type: 'GrantPrivileges', privileges: ['REPLICATE'], on: { kind: 'FAILOVER_GROUP', ref: { name: 'FG' } }, to: { name: 'R1' } });
    succeeds(refreshGroup(org, 'B', 'FG', { actor: alice }));
  });

  it('history rows carry phases, OBJECT_COUNT and PRIMARY_SNAPSHOT_TIMESTAMP', () => {
    const org = givenReplica();
    org.advance('1 minute');
    succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN, force: true }));
    const row = succeeds(refreshHistory(org, 'B', 'FG')).at(-1)!;
    expect(row).toMatchObject({ GROUP_NAME: 'FG', GROUP_TYPE: 'FAILOVER', PHASE_NAME: 'COMPLETED', PRIMARY_SNAPSHOT_TIMESTAMP: org.now, ERROR: null });
    expect(row.OBJECT_COUNT!.objectTypes.map((t) => t.objectType)).toEqual(['users', 'roles', 'grants']);
    expect(row.OBJECT_COUNT!.totalObjects).toBeGreaterThan(0);
    expect(succeeds(refreshProgress(org, 'B', 'FG')).map((r) => r.PHASE_NAME)).toEqual([
      'SECONDARY_SYNCHRONIZING_MEMBERSHIP',
      'SECONDARY_UPLOADING_INVENTORY',
      'PRIMARY_UPLOADING_METADATA',
      'PRIMARY_UPLOADING_DATA',
      'SECONDARY_DOWNLOADING_METADATA',
      'SECONDARY_DOWNLOADING_DATA',
      'SECONDARY_COMMITTING',
      'COMPLETED',
    ]);
  });
});

describe('SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH', () => {
  it('runs until the clock moves; meanwhile REFRESH gets 003101 and PRIMARY 003122', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateUser', name: 'LATER', props: {} });
    const job = succeeds(scheduleAsyncRefresh(org, 'B', 'FG', { actor: ADMIN }));
    expect(fails(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).message).toBe(
      'Replication group "FG" is already being refreshed. Only one refresh statement can execute at a time.',
    );
    expect(fails(promoteGroup(org, 'B', 'FG', { actor: ADMIN })).message).toBe(
      'Replication group "FG" cannot currently be set as primary because it is being refreshed. Either wait for the refresh to finish or cancel the refresh and try again.',
    );
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ JOB_UUID: job.jobId, END_TIME: null });
    org.advance('1 minute');
    expect(findUser(org.account('B')!.state, { name: 'LATER' })).toBeDefined();
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ JOB_UUID: job.jobId, PHASE_NAME: 'COMPLETED' });
    succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
  });

  it('SYSTEM$CANCEL_QUERY cancels it: a CANCELED row, nothing applied', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateUser', name: 'LATER', props: {} });
    const job = succeeds(scheduleAsyncRefresh(org, 'B', 'FG', { actor: ADMIN }));
    expect(cancelRefresh(org, 'B', job.jobId)).toBe(`query [${job.jobId}] terminated.`);
    completeAsyncRefreshes(org);
    expect(findUser(org.account('B')!.state, { name: 'LATER' })).toBeUndefined();
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ PHASE_NAME: 'CANCELED' });
  });
});

describe('PRIMARY (failover) and failback', () => {
  it('swaps primary and secondary; writes flip; schedules suspend; the third account follows at its next refresh', () => {
    const org = givenReplica({ secondaries: ['B', 'C'], schedule: '10 MINUTE' });
    const r = succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(r.notified).toEqual(['A', 'C']);
    expect(group(org, 'B')).toMatchObject({ isPrimary: true, epoch: 1 });
    expect(group(org, 'A')).toMatchObject({ isPrimary: false, suspended: true, primary: { account: 'B', group: 'FG' } });
    expect(group(org, 'C')).toMatchObject({ isPrimary: false, suspended: true });
    ok(org, 'B', { type: 'CreateUser', name: 'ON_B', props: {} });
    expect(fails(org.execute('A', { type: 'CreateUser', name: 'ON_A', props: {} }, ADMIN)).code).toBe('003140');
    const c = succeeds(refreshGroup(org, 'C', 'FG', { actor: ADMIN }));
    expect(c.mode).toBe('reconcile');
    expect(findUser(org.account('C')!.state, { name: 'ON_B' })).toBeDefined();
    expect(converged(org, 'C')).toBe(true);
    const rows = succeeds(showGroups(org, 'A', { kind: 'FAILOVER' }));
    expect(rows.map((x) => [x.account_name, x.is_primary, x.primary, x.secondary_state])).toEqual([
      ['A', false, 'MYORG.B.FG', 'SUSPENDED'],
      ['B', true, 'MYORG.B.FG', null],
      ['C', false, 'MYORG.B.FG', 'SUSPENDED'],
    ]);
  });

  it('is refused on a primary, without FAILOVER, and from an account no longer allowed', () => {
    const org = givenReplica({ secondaries: ['B', 'C'] });
    expect(fails(promoteGroup(org, 'A', 'FG', { actor: ADMIN })).message).toMatch(/is a primary/);
    expect(fails(promoteGroup(org, 'B', 'FG', { actor: { role: 'SECURITYADMIN' } })).code).toBe('003001');
    ok(org, 'A', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'removeAccounts', accounts: ['MYORG.C'] } });
    expect(fails(promoteGroup(org, 'C', 'FG', { actor: ADMIN })).message).toMatch(/Account MYORG.C is not in the allowed accounts/);
  });

  it('an unplanned failover: the old primary learns when it comes back; what it acknowledged after the last refresh is lost', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateUser', name: 'UNREPLICATED', props: {} });
    const lostSeq = org.account('A')!.seq;
    org.setAvailable('A', false);
    const r = succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(r.pending).toEqual(['A']);
    // Not yet told: A still says primary, but B is the current primary (higher epoch).
    expect(group(org, 'A').isPrimary).toBe(true);
    expect(currentPrimary(org, group(org, 'B').globalId)!.account.name).toBe('B');
    expect(lostWrites(org, 'FG')).toMatchObject([{ account: 'A', seq: lostSeq, event: { type: 'UserCreated', user: { name: 'UNREPLICATED' } } }]);
    org.setAvailable('A', true);
    expect(group(org, 'A')).toMatchObject({ isPrimary: false, suspended: true, epoch: 1 });
    expect(fails(org.execute('A', { type: 'CreateUser', name: 'SPLIT', props: {} }, ADMIN)).code).toBe('003140');
  });

  it('failback: REFRESH in the old primary reconciles and records the discarded writes, then PRIMARY again', () => {
    const org = givenReplica();
    ok(org, 'A', { type: 'CreateUser', name: 'LOST_ON_A', props: {} });
    succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    ok(org, 'B', { type: 'CreateUser', name: 'MADE_ON_B', props: {} });
    const r = succeeds(refreshGroup(org, 'A', 'FG', { actor: ADMIN }));
    expect(r.mode).toBe('reconcile');
    expect(r.discarded.map((d) => (d.event.type === 'UserCreated' ? d.event.user.name : d.event.type))).toEqual(['LOST_ON_A']);
    expect(findUser(org.account('A')!.state, { name: 'LOST_ON_A' })).toBeUndefined();
    expect(findUser(org.account('A')!.state, { name: 'MADE_ON_B' })).toBeDefined();
    succeeds(promoteGroup(org, 'A', 'FG', { actor: ADMIN }));
    expect(group(org, 'A')).toMatchObject({ isPrimary: true, epoch: 2 });
    // B is a secondary again and follows by reconcile (the history is no longer a prefix).
    expect(succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN })).mode).toBe('reconcile');
    expect(converged(org, 'B')).toBe(true);
    expect(lostWrites(org, 'MYORG.A.FG').map((l) => l.account)).toEqual(['A']);
  });

  it('lost writes follow provenance across a chain of failovers to a stale secondary', () => {
    const org = givenReplica({ secondaries: ['B', 'C'] });
    const name = (l: { event: Event }) => (l.event.type === 'UserCreated' ? l.event.user.name : l.event.type);
    ok(org, 'A', { type: 'CreateUser', name: 'SEEN_BY_C_ONLY', props: {} });
    succeeds(refreshGroup(org, 'C', 'FG', { actor: ADMIN }));
    ok(org, 'A', { type: 'CreateUser', name: 'SEEN_BY_NOBODY', props: {} });
    succeeds(promoteGroup(org, 'C', 'FG', { actor: ADMIN }));
    expect(lostWrites(org, 'FG').map(name)).toEqual(['SEEN_BY_NOBODY']);
    ok(org, 'C', { type: 'CreateUser', name: 'MADE_ON_C', props: {} });
    // B never refreshed since the start: promoting it loses what only C had, too.
    succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(lostWrites(org, 'FG').map(name)).toEqual(['SEEN_BY_C_ONLY', 'SEEN_BY_NOBODY', 'MADE_ON_C']);
    expect(lostWrites(org, 'FG').map((l) => l.account)).toEqual(['A', 'A', 'C']);
  });

  it('SCIM tokens issued on the original primary keep working after failover', () => {
    const org = givenReplica({ objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'], integrations: true, secondaries: [] });
    ok(org, 'A', { type: 'CreateRole', name: 'OKTA_PROVISIONER' });
    ok(org, 'A', { type: 'CreateIntegration', name: 'OKTA', props: { kind: 'SCIM', scimClient: 'OKTA', runAsRole: 'OKTA_PROVISIONER' } });
    const out = ok(org, 'A', { type: 'GenerateScimToken', integration: { name: 'OKTA' } }).decision.output;
    if (out.kind !== 'token') throw new Error('no token');
    ok(org, 'B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' });
    succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN, force: true }));
    succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(verifyScimToken(org.account('B')!.state, out.token, org.now)).toMatchObject({ ok: true, integration: { name: 'OKTA' } });
    // And a token generated on a secondary is refused (read-only integration).
    expect(fails(org.execute('A', { type: 'GenerateScimToken', integration: { name: 'OKTA' } }, ADMIN)).code).toBe('003140');
  });
});

describe('REPLICATION_SCHEDULE', () => {
  it('runs every n minutes counted from the previous start; a manual refresh resets the count', () => {
    const org = givenReplica({ schedule: '10 MINUTE' });
    const t0 = org.now;
    ok(org, 'A', { type: 'CreateUser', name: 'U1', props: {} });
    org.advance('9 minutes');
    expect(findUser(org.account('B')!.state, { name: 'U1' })).toBeUndefined();
    org.advance('1 minute');
    expect(findUser(org.account('B')!.state, { name: 'U1' })).toBeDefined();
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ START_TIME: t0 + 10 * MINUTE, PHASE_NAME: 'COMPLETED' });
    org.advance('3 minutes');
    succeeds(refreshGroup(org, 'B', 'FG', { actor: ADMIN }));
    expect(succeeds(showGroups(org, 'B', { kind: 'FAILOVER' })).find((r) => r.account_name === 'B')!.next_scheduled_refresh).toBe(org.now + 10 * MINUTE);
    org.advance('9 minutes');
    const count = group(org, 'B').refreshes.length;
    org.advance('1 minute');
    expect(group(org, 'B').refreshes.length).toBe(count + 1);
  });

  it('several due times in one advance run once; suspended secondaries do not run; an unavailable primary gives FAILED rows', () => {
    const org = givenReplica({ schedule: '10 MINUTE' });
    const n = group(org, 'B').refreshes.length;
    org.advance('1 hour');
    expect(group(org, 'B').refreshes.length).toBe(n + 1);
    ok(org, 'B', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'suspend' } });
    org.advance('1 hour');
    expect(group(org, 'B').refreshes.length).toBe(n + 1);
    ok(org, 'B', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'resume' } });
    org.setAvailable('A', false);
    org.advance('10 minutes');
    expect(succeeds(refreshHistory(org, 'B', 'FG')).at(-1)).toMatchObject({ PHASE_NAME: 'FAILED', ERROR: { errorCode: '003134' } });
  });

  it('a cron schedule fires at its times in its time zone', () => {
    // 2026-01-01T00:00Z is 16:00 on Dec 31 in Los Angeles (UTC-8): 17:30 local is 01:30Z.
    const org = givenReplica({ schedule: 'USING CRON 30 17 * * * America/Los_Angeles' });
    const start = org.now;
    org.advance('1 hour');
    expect(group(org, 'B').refreshes.some((r) => r.trigger === 'SCHEDULED')).toBe(false);
    org.advance('31 minutes');
    expect(group(org, 'B').refreshes.at(-1)).toMatchObject({ trigger: 'SCHEDULED', startTime: start + 90 * MINUTE });
    expect(succeeds(showGroups(org, 'B', { kind: 'FAILOVER' })).find((r) => r.account_name === 'B')!.next_scheduled_refresh).toBe(start + (24 * 60 + 90) * MINUTE);
  });

  it('after failover every secondary is suspended until RESUME, which restarts the count', () => {
    const org = givenReplica({ schedule: '10 MINUTE' });
    succeeds(promoteGroup(org, 'B', 'FG', { actor: ADMIN }));
    const n = group(org, 'A').refreshes.length;
    org.advance('30 minutes');
    expect(group(org, 'A').refreshes.length).toBe(n);
    ok(org, 'A', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'resume' } });
    org.advance('10 minutes');
    expect(group(org, 'A').refreshes.at(-1)).toMatchObject({ trigger: 'SCHEDULED', phase: 'COMPLETED', mode: 'reconcile' });
  });
});

describe('determinism', () => {
  it('the same seed and the same operations give byte-identical logs, replication included', () => {
    const run = () => {
      const org = givenReplica({ secondaries: ['B', 'C'], schedule: 'USING CRON */5 * * * * UTC' });
      ok(org, 'A', { type: 'CreateUser', name: 'X', props: {} });
      org.advance('7 minutes');
      succeeds(promoteGroup(org, 'C', 'FG', { actor: ADMIN }));
      succeeds(scheduleAsyncRefresh(org, 'A', 'FG', { actor: ADMIN }));
      org.advance('1 minute');
      return org.accounts.map((a) => exportLog(a)).join('');
    };
    expect(run()).toBe(run());
  });
});

describe('replicable(event, group)', () => {
  const users = { objectTypes: ['USERS'] as const, allowedIntegrationTypes: [] as const };
  const roles = { objectTypes: ['ROLES'] as const, allowedIntegrationTypes: [] as const };
  const both = { objectTypes: ['ROLES', 'USERS'] as const, allowedIntegrationTypes: [] as const };
  const grantToUser: Event = { type: 'RoleGranted', role: 'R', to: { kind: 'USER', id: 'u' }, grantedBy: 'X', at: 0 };
  const grantToRole: Event = { type: 'RoleGranted', role: 'R', to: { kind: 'ROLE', id: 'r' }, grantedBy: 'X', at: 0 };

  it('role-to-user grants need ROLES and USERS; the hierarchy ROLES alone', () => {
    expect(replicable(grantToUser, roles)).toBeNull();
    expect(replicable(grantToUser, users)).toBeNull();
    expect(replicable(grantToUser, both)).toBe(grantToUser);
    expect(replicable(grantToRole, roles)).toBe(grantToRole);
  });

  it('without ROLES a replicated user is owned by ACCOUNTADMIN', () => {
    const e: Event = { type: 'UserCreated', user: { ...({} as Extract<Event, { type: 'UserCreated' }>['user']), id: 'u', name: 'U', owner: 'R' } };
    expect(replicable(e, users)).toMatchObject({ user: { owner: 'ACCOUNTADMIN' } });
    expect(replicable(e, both)).toMatchObject({ user: { owner: 'R' } });
  });

  it('never the REST event history, groups or connections; a nested refresh contributes its events', () => {
    expect(replicable({ type: 'FailoverGroupDropped', id: 'x' }, both)).toBeNull();
    expect(replicable({ type: 'ConnectionDropped', id: 'x' }, both)).toBeNull();
    const nested: Event = {
      type: 'ReplicaRefreshed',
      groupId: 'g',
      refresh: { id: 'j', phase: 'COMPLETED', startTime: 0, endTime: 0, primarySnapshotTimestamp: 0, objectCount: 0, mode: 'incremental', error: null, errorCode: null, trigger: 'MANUAL', force: false, failedPhase: null, objectTypes: [] },
      source: { account: 'A', seq: 1 },
      events: [grantToUser, grantToRole],
      discarded: [],
    };
    expect(replicableEvents(nested, roles)).toEqual([grantToRole]);
    expect(replicable(nested, users)).toBeNull();
  });
});
