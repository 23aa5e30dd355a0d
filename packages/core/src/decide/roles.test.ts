import { describe, expect, it } from 'vitest';
import { as, createRole, createUser, given, grantAccount, grantRoleToRole, grantRoleToUser } from '../test-support/gwt.ts';
import { findRole, findUser } from './context.ts';

describe('roles', () => {
  it('creates a role owned by the creating role', () => {
    given().when(createRole('ANALYST')).thenEvents({ type: 'RoleCreated', role: { name: 'ANALYST', owner: 'ACCOUNTADMIN' } });
  });

  it('refuses duplicates, missing privileges and missing roles', () => {
    given(createRole('R')).when(createRole('R')).thenError('002002', "SQL compilation error:\nObject 'R' already exists.");
    given(createRole('R')).when(createRole('S'), as('R')).thenError('003001');
    given().when({ type: 'DropRole', target: { name: 'NOPE' } }).thenError('002003', "SQL compilation error:\nRole 'NOPE' does not exist or not authorized.");
  });

  it('system roles cannot be dropped or renamed', () => {
    given().when({ type: 'DropRole', target: { name: 'SYSADMIN' } }).thenError('003021');
    given().when({ type: 'RenameRole', target: { name: 'PUBLIC' }, newName: 'X' }).thenError('003021');
  });

  it('refuses to drop the current primary role', () => {
    // ADMIN holds R and, as a secondary role, ACCOUNTADMIN which owns R: only the primary-role rule refuses.
    given(createRole('R'), grantRoleToUser('R', 'ADMIN'))
      .when({ type: 'DropRole', target: { name: 'R' } }, as('R', 'ADMIN'))
      .thenError('003025', 'SQL execution error: Cannot drop role R as it is the current primary role.');
  });

  it('DROP ROLE hands what the role owned to the dropping role and revokes its grants', () => {
    const g = given(createRole('P'), grantAccount(['CREATE USER'], 'P'), [createUser('U'), as('P')], grantRoleToUser('P', 'U'), grantRoleToRole('P', 'SYSADMIN'));
    g.when({ type: 'DropRole', target: { name: 'P' } }).thenEvents(
      { type: 'OwnershipTransferred', object: { kind: 'USER' }, to: 'ACCOUNTADMIN' },
      { type: 'RoleDropped' },
    );
    const s = g.org.account('ACCOUNT1')!.state;
    expect(findUser(s, { name: 'U' })!.owner).toBe('ACCOUNTADMIN');
    expect(findUser(s, { name: 'U' })!.roles).toEqual([]);
    expect([...findRole(s, { name: 'SYSADMIN' })!.granted.keys()]).toEqual([]);
    expect([...s.privileges.values()].filter((p) => p.to !== 'ACCOUNTADMIN')).toEqual([]);
  });

  it('alters the comment and renames, keeping grants (ids are stable)', () => {
    const g = given(createRole('R'), createUser('U'), grantRoleToUser('R', 'U'));
    g.when({ type: 'AlterRole', target: { name: 'R' }, comment: 'c' }).thenEvents({ type: 'RoleAltered', comment: 'c' });
    g.when({ type: 'RenameRole', target: { name: 'R' }, newName: 'R2' }).thenEvents({ type: 'RoleRenamed', name: 'R2' });
    const s = g.org.account('ACCOUNT1')!.state;
    expect(findRole(s, { name: 'R' })).toBeUndefined();
    expect(findRole(s, { name: 'R2' })!.users.size).toBe(1);
  });

  it('ALTER ROLE needs ownership, with the hint Snowflake prints', () => {
    given(createRole('R'), createRole('S')).when({ type: 'AlterRole', target: { name: 'R' }, comment: 'x' }, as('S')).thenError(
      '003001',
      "SQL access control error:\nInsufficient privileges to operate on role 'R'. Your primary role S must have OWNERSHIP granted on ROLE R",
    );
  });
});
