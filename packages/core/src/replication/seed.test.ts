/**
 * The documented procedure "Replicating SCIM security integrations" (seeds/replication-of-
 * security-integrations-excerpt.txt, spec §6.3), step by step at the model level: source setup,
 * failover group and connection, the target's secondary and initial refresh, a user provisioned
 * on the source reaching the target at the next refresh, failover of group and connection, the
 * SCIM token still working on the new primary, and failback with its discarded writes.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization, type ExecuteResult, type Organization } from '../organization.ts';
import type { Command } from '../commands.ts';
import type { Actor } from '../decide/context.ts';
import { findRole, findUser } from '../decide/context.ts';
import { findGroup } from '../decide/failover-groups.ts';
import { verifyScimToken } from '../scim-tokens.ts';
import { project, viewsEqual } from './project.ts';
import { linkAccountObjectsByName } from './refresh.ts';
import { resolveHost } from './connections.ts';
import { lostWrites } from './lost-writes.ts';
import { refreshHistory, showConnections } from './show.ts';

const ADMIN: Actor = { role: 'ACCOUNTADMIN', user: 'ADMIN' };
/** What the SCIM service runs as: the integration's RUN_AS_ROLE, no user. */
const OKTA: Actor = { role: 'OKTA_PROVISIONER' };
const SOURCE = 'NORTHAMERICAWEST';
const TARGET = 'NORTHAMERICAEAST';

function run(org: Organization, account: string, command: Command, actor: Actor = ADMIN): ExecuteResult {
  const r = org.execute(account, command, actor);
  if ('type' in r) throw new Error(`${account} ${command.type}: ${r.code} ${r.message}`);
  return r;
}

const users = (org: Organization, account: string) => org.account(account)!.state.users.size;
const integrations = (org: Organization, account: string) => org.account(account)!.state.integrations.size;
const primaryHost = (org: Organization) => resolveHost(org, 'example-global.snowflakecomputing.com')!.account.name;

describe('Replicating SCIM security integrations (the documented procedure)', () => {
  it('source setup, target steps, failover and failback', () => {
    // Given the source and target accounts of the docs' example (different regions).
    const org = createOrganization({
      name: 'EXAMPLE',
      seed: 2026,
      accounts: [
        { name: SOURCE, region: 'AWS_US_WEST_2', admin: 'ADMIN' },
        { name: TARGET, region: 'AWS_US_EAST_1', admin: 'ADMIN' },
      ],
    });

    // Source account steps. 1. The primary connection.
    run(org, SOURCE, { type: 'CreateConnection', name: 'GLOBAL' });
    run(org, SOURCE, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'enableFailover', accounts: ['example.northamericaeast'] } });
    // 2. The Okta SCIM integration and its token.
    run(org, SOURCE, { type: 'CreateRole', name: 'OKTA_PROVISIONER', ifNotExists: true });
    run(org, SOURCE, { type: 'GrantPrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, to: { name: 'OKTA_PROVISIONER' } });
    run(org, SOURCE, { type: 'GrantPrivileges', privileges: ['CREATE ROLE'], on: { kind: 'ACCOUNT' }, to: { name: 'OKTA_PROVISIONER' } });
    run(org, SOURCE, { type: 'GrantRole', role: { name: 'OKTA_PROVISIONER' }, to: { kind: 'ROLE', ref: { name: 'ACCOUNTADMIN' } } });
    run(org, SOURCE, { type: 'CreateIntegration', name: 'OKTA_PROVISIONING', orReplace: true, props: { kind: 'SCIM', scimClient: 'OKTA', runAsRole: 'OKTA_PROVISIONER' } });
    const out = run(org, SOURCE, { type: 'GenerateScimToken', integration: { name: 'OKTA_PROVISIONING' } }).decision.output;
    if (out.kind !== 'token') throw new Error('no token');
    const token = out.token;
    // 3. Okta pushes a user, owned by the provisioner role.
    run(org, SOURCE, { type: 'CreateUser', name: 'JDOE', props: { loginName: 'jdoe@example.com' }, scim: { externalId: '00u1' } }, OKTA);
    // 4. The failover group carries users, roles and security integrations.
    run(org, SOURCE, {
      type: 'CreateFailoverGroup',
      kind: 'FAILOVER',
      name: 'FG',
      objectTypes: ['users', 'roles', 'warehouses', 'resource monitors', 'integrations'],
      allowedIntegrationTypes: ['security integrations'],
      allowedAccounts: ['example.northamericaeast'],
      replicationSchedule: '10 MINUTE',
    });

    // Target account steps. 1. Baseline: the target's own administrator, no integration.
    expect([users(org, TARGET), integrations(org, TARGET)]).toEqual([1, 0]);
    run(org, TARGET, { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'example.northamericawest.global' });
    // 2. The secondary runs its initial refresh; the target's ADMIN has the source ADMIN's name,
    // so that first USERS refresh stops (spec §4.3) until the objects are linked (or FORCE).
    run(org, TARGET, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'example.northamericawest.fg' });
    expect(refreshHistory(org, TARGET, 'FG')).toMatchObject([{ PHASE_NAME: 'FAILED', ERROR: { errorCode: '003133' } }]);
    const linked = linkAccountObjectsByName(org, TARGET, 'FG', { actor: ADMIN });
    expect(linked).toMatchObject({ links: [{ kind: 'USER', name: 'ADMIN' }] });
    run(org, TARGET, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'refresh' } });
    // The target now has the integration and the users, read-only.
    expect([users(org, TARGET), integrations(org, TARGET)]).toEqual([2, 1]);
    // Ownership mirrors the source: the provisioner role (same global id) owns the SCIM user.
    const provisioner = findRole(org.account(TARGET)!.state, { name: 'OKTA_PROVISIONER' })!;
    expect(provisioner.id).toBe(findRole(org.account(SOURCE)!.state, { name: 'OKTA_PROVISIONER' })!.id);
    expect(findUser(org.account(TARGET)!.state, { name: 'JDOE' })).toMatchObject({ owner: provisioner.id, scim: { externalId: '00u1' } });
    const fg = findGroup(org.account(SOURCE)!.state, 'FG')!;
    expect(viewsEqual(project(org.account(TARGET)!.state, fg), project(org.account(SOURCE)!.state, fg))).toBe(true);

    // Okta creates a new user in the source; the target sees it only after REFRESH.
    run(org, SOURCE, { type: 'CreateUser', name: 'NEWHIRE', props: {} }, OKTA);
    expect(findUser(org.account(TARGET)!.state, { name: 'NEWHIRE' })).toBeUndefined();
    expect(users(org, TARGET)).toBe(2);
    run(org, TARGET, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'refresh' } });
    expect(findUser(org.account(TARGET)!.state, { name: 'NEWHIRE' })).toBeDefined();
    expect(users(org, TARGET)).toBe(3);
    // SCIM writes on the secondary are refused (replicated objects are read-only).
    expect(org.execute(TARGET, { type: 'CreateUser', name: 'NOPE', props: {} }, OKTA)).toMatchObject({ code: '003140' });

    // A write acknowledged by the source after the last refresh: failover will lose it.
    run(org, SOURCE, { type: 'CreateUser', name: 'LATECOMER', props: {} }, OKTA);

    // 4-5. Failover: promote the group and the connection in the target.
    expect(primaryHost(org)).toBe(SOURCE);
    run(org, TARGET, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'primary' } });
    run(org, TARGET, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(primaryHost(org)).toBe(TARGET);
    expect(showConnections(org, TARGET)).toMatchObject([
      { account_name: 'EXAMPLE.NORTHAMERICAEAST', is_primary: true },
      { account_name: 'EXAMPLE.NORTHAMERICAWEST', is_primary: false },
    ]);
    // The same SCIM token verifies on the new primary, and SCIM writes land there.
    expect(verifyScimToken(org.account(TARGET)!.state, token, org.now)).toMatchObject({ ok: true, integration: { name: 'OKTA_PROVISIONING' } });
    run(org, TARGET, { type: 'CreateUser', name: 'AFTER_FAILOVER', props: {} }, OKTA);
    expect(org.execute(SOURCE, { type: 'CreateUser', name: 'NOPE', props: {} }, OKTA)).toMatchObject({ code: '003140' });
    expect(lostWrites(org, 'FG')).toMatchObject([{ account: SOURCE, event: { type: 'UserCreated', user: { name: 'LATECOMER' } } }]);

    // 6. Replicate in the reverse direction: RESUME in the original source account.
    run(org, SOURCE, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'resume' } });
    org.advance('10 minutes');
    const back = org.account(SOURCE)!.log.at(-1)!.event;
    expect(back).toMatchObject({ type: 'ReplicaRefreshed', refresh: { trigger: 'SCHEDULED', mode: 'reconcile', phase: 'COMPLETED' } });
    if (back.type !== 'ReplicaRefreshed') throw new Error('unreachable');
    // The reconcile dropped what the source acknowledged but the target never received.
    expect(back.discarded.map((d) => (d.event.type === 'UserCreated' ? d.event.user.name : d.event.type))).toEqual(['LATECOMER']);
    expect(findUser(org.account(SOURCE)!.state, { name: 'LATECOMER' })).toBeUndefined();
    expect(findUser(org.account(SOURCE)!.state, { name: 'AFTER_FAILOVER' })).toBeDefined();

    // Failback: PRIMARY again in the original account, then the connection.
    run(org, SOURCE, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'primary' } });
    run(org, SOURCE, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect(primaryHost(org)).toBe(SOURCE);
    expect(verifyScimToken(org.account(SOURCE)!.state, token, org.now).ok).toBe(true);
    run(org, TARGET, { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'refresh' } });
    expect(viewsEqual(project(org.account(TARGET)!.state, fg), project(org.account(SOURCE)!.state, fg))).toBe(true);
    expect(lostWrites(org, 'FG').map((l) => l.account)).toEqual([SOURCE]);
  });
});
