import { describe, expect, it } from 'vitest';
import { activeRoles, rolesHoldAccountPrivilege } from './access.ts';
import { as, createRole, createUser, given, grantAccount, grantRoleToRole, grantRoleToUser, OKTA_SETUP } from '../test-support/gwt.ts';
import { findUser } from './context.ts';

describe('GRANT / REVOKE ROLE', () => {
  it('grants a role to a user and to a role; repeating is a no-op', () => {
    given(createRole('R'), createUser('U')).when(grantRoleToUser('R', 'U')).thenEvents({ type: 'RoleGranted', to: { kind: 'USER' }, grantedBy: 'ACCOUNTADMIN' });
    given(createRole('R'), createUser('U'), grantRoleToUser('R', 'U')).when(grantRoleToUser('R', 'U')).thenNothing();
    given(createRole('R')).when(grantRoleToRole('R', 'SYSADMIN')).thenEvents({ type: 'RoleGranted', to: { kind: 'ROLE', id: 'SYSADMIN' } });
  });

  it('refuses cycles in the hierarchy', () => {
    given(createRole('A'), createRole('B'), grantRoleToRole('A', 'B')).when(grantRoleToRole('B', 'A')).thenError('003012', /cycle/);
    given(createRole('A')).when(grantRoleToRole('A', 'A')).thenError('003012');
  });

  it('needs ownership of the role or MANAGE GRANTS', () => {
    given(createRole('R'), createRole('S'), createUser('U')).when(grantRoleToUser('R', 'U'), as('S')).thenError('003001', /operate on role 'R'/);
    // SECURITYADMIN holds MANAGE GRANTS and may grant a role ACCOUNTADMIN owns.
    given(createRole('R'), createUser('U')).when(grantRoleToUser('R', 'U'), as('SECURITYADMIN')).thenEvents({ type: 'RoleGranted' });
  });

  it('refuses missing grantees', () => {
    given(createRole('R')).when(grantRoleToUser('R', 'NOBODY')).thenError('002003', /User 'NOBODY'/);
    given().when(grantRoleToUser('NOROLE', 'ADMIN')).thenError('002003', /Role 'NOROLE'/);
  });

  it('revokes; Snowflake-made system grants cannot be revoked', () => {
    given(createRole('R'), createUser('U'), grantRoleToUser('R', 'U'))
      .when({ type: 'RevokeRole', role: { name: 'R' }, from: { kind: 'USER', ref: { name: 'U' } } })
      .thenEvents({ type: 'RoleRevoked' });
    given().when({ type: 'RevokeRole', role: { name: 'USERADMIN' }, from: { kind: 'ROLE', ref: { name: 'SECURITYADMIN' } } }).thenError('003024');
  });

  it('privileges flow up the hierarchy, and secondary roles count unless NONE', () => {
    const g = given(createRole('R'), grantAccount(['CREATE ROLE'], 'R'), createUser('U'), grantRoleToUser('R', 'U'));
    const s = g.org.account('ACCOUNT1')!.state;
    expect(rolesHoldAccountPrivilege(s, activeRoles(s, { role: 'PUBLIC', user: 'U' }).all, 'CREATE ROLE')).toBe(true);
    expect(rolesHoldAccountPrivilege(s, activeRoles(s, { role: 'PUBLIC', user: 'U', secondaryRoles: 'NONE' }).all, 'CREATE ROLE')).toBe(false);
    expect(rolesHoldAccountPrivilege(s, activeRoles(s, { role: 'ACCOUNTADMIN' }).all, 'CREATE USER')).toBe(true);
  });
});

describe('GRANT / REVOKE privileges', () => {
  it('grants account privileges (MANAGE GRANTS needed) and revokes them', () => {
    given(createRole('R')).when(grantAccount(['CREATE USER', 'CREATE ROLE'], 'R')).thenEvents(
      { type: 'PrivilegeGranted', grant: { privilege: 'CREATE USER', on: { kind: 'ACCOUNT' } } },
      { type: 'PrivilegeGranted', grant: { privilege: 'CREATE ROLE' } },
    );
    given(createRole('R'), grantAccount(['CREATE USER'], 'R'))
      .when({ type: 'RevokePrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, from: { name: 'R' } })
      .thenEvents({ type: 'PrivilegeRevoked' });
    given(createRole('R')).when(grantAccount(['CREATE USER'], 'R'), as('USERADMIN')).thenError('003001');
  });

  it('ACCOUNTADMIN-only privileges cannot be granted by SECURITYADMIN', () => {
    given(createRole('R')).when(grantAccount(['CREATE INTEGRATION'], 'R'), as('SECURITYADMIN')).thenError('003001');
    given(createRole('R')).when(grantAccount(['CREATE INTEGRATION'], 'R')).thenEvents({ type: 'PrivilegeGranted' });
  });

  it('rejects unknown privileges and privileges of the wrong kind', () => {
    given(createRole('R')).when(grantAccount(['FLY'], 'R')).thenError('002214', /Invalid privilege 'FLY'/);
    given(createRole('R'), { type: 'CreateNetworkPolicy', name: 'NP' })
      .when({ type: 'GrantPrivileges', privileges: ['SELECT'], on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'R' } })
      .thenError('002214', "SQL compilation error:\nInvalid object type 'NETWORK_POLICY' for privilege 'SELECT'.");
  });

  it('records the object owner as grantor of object privileges', () => {
    given(createRole('R'), { type: 'CreateNetworkPolicy', name: 'NP' })
      .when({ type: 'GrantPrivileges', privileges: ['USAGE'], on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'R' } }, as('SECURITYADMIN'))
      .thenEvents({ type: 'PrivilegeGranted', grant: { privilege: 'USAGE', grantedBy: 'ACCOUNTADMIN' } });
  });
});

describe('GRANT OWNERSHIP', () => {
  it('brings a user under SCIM management', () => {
    const g = given(...OKTA_SETUP, createUser('LEGACY'));
    g.when({ type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'LEGACY' } }, to: { name: 'OKTA_PROVISIONER' } }).thenEvents({ type: 'OwnershipTransferred' });
    const s = g.org.account('ACCOUNT1')!.state;
    expect(findUser(s, { name: 'LEGACY' })!.owner).not.toBe('ACCOUNTADMIN');
  });

  it('is blocked by outbound grants unless COPY or REVOKE CURRENT GRANTS (003036)', () => {
    const setup = [createRole('R'), createRole('NEWOWNER'), { type: 'CreateNetworkPolicy', name: 'NP' } as const, {
      type: 'GrantPrivileges', privileges: ['USAGE'], on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'R' },
    } as const];
    given(...setup).when({ type: 'GrantOwnership', on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'NEWOWNER' } }).thenError('003036', /Dependent grant of privilege 'USAGE'/);
    const r = given(...setup).when({ type: 'GrantOwnership', on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'NEWOWNER' }, currentGrants: 'REVOKE' });
    r.thenEvents({ type: 'OwnershipTransferred', currentGrants: 'REVOKE' });
    expect([...r.org.account('ACCOUNT1')!.state.privileges.values()].filter((p) => p.on.kind === 'NETWORK_POLICY')).toEqual([]);
    const c = given(...setup).when({ type: 'GrantOwnership', on: { kind: 'NETWORK_POLICY', ref: { name: 'NP' } }, to: { name: 'NEWOWNER' }, currentGrants: 'COPY' });
    c.thenEvents({ type: 'OwnershipTransferred' });
    const grant = [...c.org.account('ACCOUNT1')!.state.privileges.values()].find((p) => p.on.kind === 'NETWORK_POLICY')!;
    expect(c.org.account('ACCOUNT1')!.state.roles).toBeDefined();
    expect(grant.grantedBy).not.toBe('ACCOUNTADMIN');
  });

  it('needs ownership or MANAGE GRANTS; connections cannot be transferred; a no-op to the same owner', () => {
    given(createRole('R'), createUser('U')).when({ type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'U' } }, to: { name: 'R' } }, as('R')).thenError('003001');
    given(createRole('R'), createUser('U')).when({ type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'U' } }, to: { name: 'ACCOUNTADMIN' } }).thenNothing();
    given().when({ type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'NOPE' } }, to: { name: 'SYSADMIN' } }).thenError('002003');
  });
});

describe('grants in a secondary account', () => {
  it('privileges on local objects (groups) may be granted to replicated roles; on replicated objects they may not', async () => {
    const { createOrganization } = await import('../organization.ts');
    const org = createOrganization({ seed: 3, accounts: [{ name: 'A1', admin: 'ADMIN', region: 'AWS_US_WEST_2' }, { name: 'A2', region: 'AWS_US_EAST_1' }] });
    const admin = { role: 'ACCOUNTADMIN' };
    const ok = (account: string, command: Parameters<typeof org.execute>[1]) => {
      const r = org.execute(account, command, admin);
      if ('type' in r) throw new Error(r.message);
    };
    ok('A1', { type: 'CreateRole', name: 'REPL_OPERATOR' });
    ok('A1', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', objectTypes: ['ROLES'], allowedAccounts: ['MYORG.A2'] });
    ok('A2', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A1.FG' });
    ok('A2', { type: 'GrantPrivileges', privileges: ['REPLICATE'], on: { kind: 'FAILOVER_GROUP', ref: { name: 'FG' } }, to: { name: 'REPL_OPERATOR' } });
    const refused = org.execute('A2', { type: 'GrantPrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, to: { name: 'REPL_OPERATOR' } }, admin);
    expect('type' in refused && refused.reason).toBe('ReadOnlyReplica');
  });
});
