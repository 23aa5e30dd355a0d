import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

describe('GRANT / REVOKE privileges', () => {
  it('GRANT <priv>[, <priv>] ON ACCOUNT TO [ROLE] r [WITH GRANT OPTION]', () => {
    expect(noPos(parseOne('GRANT CREATE USER, create role ON ACCOUNT TO ROLE okta_provisioner WITH GRANT OPTION'))).toEqual({
      kind: 'GrantPrivileges',
      privileges: [{ name: 'CREATE USER' }, { name: 'CREATE ROLE' }],
      on: { kind: 'account' },
      to: { kind: 'ROLE', name: id('okta_provisioner') },
      withGrantOption: true,
    });
    expect(parseOne('grant manage grants on account to security_admins')).toMatchObject({
      privileges: [{ name: 'MANAGE GRANTS' }],
      to: { kind: 'ROLE', name: { name: 'SECURITY_ADMINS' } },
      withGrantOption: false,
    });
  });

  it.each([
    'CREATE USER', 'CREATE ROLE', 'CREATE INTEGRATION', 'MANAGE GRANTS', 'MONITOR USER', 'MONITOR ROLE',
    'CREATE NETWORK POLICY', 'CREATE FAILOVER GROUP', 'CREATE REPLICATION GROUP', 'CREATE CONNECTION',
    'CREATE DATABASE', 'CREATE WAREHOUSE', 'APPLY MASKING POLICY', 'ALL PRIVILEGES', 'ALL',
  ])('accepts the multi-word privilege %s', (priv) => {
    expect(parseOne(`GRANT ${priv} ON ACCOUNT TO ROLE r`)).toMatchObject({ privileges: [{ name: priv }] });
  });

  it.each([
    ['INTEGRATION', 'INTEGRATION'],
    ['NETWORK POLICY', 'NETWORK POLICY'],
    ['USER', 'USER'],
    ['ROLE', 'ROLE'],
    ['FAILOVER GROUP', 'FAILOVER GROUP'],
    ['REPLICATION GROUP', 'REPLICATION GROUP'],
    ['CONNECTION', 'CONNECTION'],
    ['DATABASE', 'DATABASE'],
    ['WAREHOUSE', 'WAREHOUSE'],
    ['RESOURCE MONITOR', 'RESOURCE MONITOR'],
  ])('GRANT <priv> ON %s x TO ROLE r', (words, objectType) => {
    expect(noPos(parseOne(`GRANT USAGE ON ${words} x TO ROLE r`))).toEqual({
      kind: 'GrantPrivileges',
      privileges: [{ name: 'USAGE' }],
      on: { kind: 'object', objectType, qualifier: [], name: id('x') },
      to: { kind: 'ROLE', name: id('r') },
      withGrantOption: false,
    });
  });

  it('accepts qualified names only where the object is schema-level', () => {
    expect(noPos(parseOne('GRANT APPLY ON TAG db.sch.cost_center TO ROLE r'))).toMatchObject({
      on: { objectType: 'TAG', qualifier: [id('db'), id('sch')], name: id('cost_center') },
    });
    expect(noPos(parseOne('GRANT USAGE ON SCHEMA db.sch TO ROLE r'))).toMatchObject({
      on: { objectType: 'SCHEMA', qualifier: [id('db')], name: id('sch') },
    });
    expect(parseErr('GRANT USAGE ON INTEGRATION a.b TO ROLE r').message).toBe(syntaxMsg(1, 28, '.'));
  });

  it('grants privileges to users', () => {
    expect(noPos(parseOne('GRANT USAGE ON DATABASE test_db TO USER user1'))).toMatchObject({ to: { kind: 'USER', name: id('user1') } });
  });

  it('REVOKE [GRANT OPTION FOR] <priv> ON ... FROM [ROLE] r [CASCADE|RESTRICT]', () => {
    expect(noPos(parseOne('REVOKE CREATE USER ON ACCOUNT FROM ROLE okta_provisioner'))).toEqual({
      kind: 'RevokePrivileges',
      grantOptionFor: false,
      privileges: [{ name: 'CREATE USER' }],
      on: { kind: 'account' },
      from: { kind: 'ROLE', name: id('okta_provisioner') },
      cascade: null,
    });
    expect(parseOne('revoke grant option for usage on integration i from r cascade')).toMatchObject({
      grantOptionFor: true,
      on: { kind: 'object', objectType: 'INTEGRATION' },
      cascade: 'CASCADE',
    });
    expect(parseOne('REVOKE USAGE ON NETWORK POLICY p FROM ROLE r RESTRICT')).toMatchObject({ cascade: 'RESTRICT' });
  });
});

describe('GRANT / REVOKE ROLE', () => {
  it('GRANT ROLE r TO ROLE r2 | TO USER u', () => {
    expect(noPos(parseOne('GRANT ROLE okta_provisioner TO ROLE ACCOUNTADMIN'))).toEqual({
      kind: 'GrantRole',
      role: id('okta_provisioner'),
      to: { kind: 'ROLE', name: id('ACCOUNTADMIN') },
      withGrantOption: false,
    });
    expect(noPos(parseOne('grant role analyst to user jsmith'))).toMatchObject({ to: { kind: 'USER', name: id('jsmith') } });
    expect(parseOne('GRANT ROLE r TO USER u WITH GRANT OPTION')).toMatchObject({ withGrantOption: true });
  });

  it('requires ROLE or USER after TO', () => {
    expect(parseErr('GRANT ROLE r TO r2').message).toBe(syntaxMsg(1, 16, 'r2'));
  });

  it('REVOKE ROLE r FROM ROLE r2 | FROM USER u', () => {
    expect(noPos(parseOne('REVOKE ROLE r FROM ROLE r2'))).toEqual({
      kind: 'RevokeRole',
      role: id('r'),
      from: { kind: 'ROLE', name: id('r2') },
    });
    expect(noPos(parseOne('revoke role r from user u'))).toMatchObject({ from: { kind: 'USER', name: id('u') } });
  });

  it('treats ROLE followed by ON as a privilege word', () => {
    expect(parseOne('GRANT CREATE ROLE ON ACCOUNT TO ROLE r')).toMatchObject({ kind: 'GrantPrivileges' });
  });
});

describe('GRANT OWNERSHIP', () => {
  it.each([
    ['USER', 'USER'],
    ['ROLE', 'ROLE'],
    ['INTEGRATION', 'INTEGRATION'],
    ['NETWORK POLICY', 'NETWORK POLICY'],
    ['FAILOVER GROUP', 'FAILOVER GROUP'],
    ['REPLICATION GROUP', 'REPLICATION GROUP'],
  ])('GRANT OWNERSHIP ON %s x TO [ROLE] r', (words, objectType) => {
    expect(noPos(parseOne(`GRANT OWNERSHIP ON ${words} x TO ROLE r`))).toEqual({
      kind: 'GrantOwnership',
      on: { kind: 'object', objectType, qualifier: [], name: id('x') },
      to: { kind: 'ROLE', name: id('r') },
      currentGrants: null,
    });
  });

  it('COPY | REVOKE CURRENT GRANTS, optional ROLE, USER grantee kept for the executor', () => {
    expect(parseOne('grant ownership on user jsmith to okta_provisioner copy current grants')).toMatchObject({
      to: { kind: 'ROLE', name: { name: 'OKTA_PROVISIONER' } },
      currentGrants: 'COPY',
    });
    expect(parseOne('GRANT OWNERSHIP ON ROLE r TO ROLE r2 REVOKE CURRENT GRANTS')).toMatchObject({ currentGrants: 'REVOKE' });
    expect(parseOne('GRANT OWNERSHIP ON ROLE r TO USER u')).toMatchObject({ to: { kind: 'USER' } });
  });

  it('rejects OWNERSHIP ON ACCOUNT and unknown object kinds', () => {
    expect(parseErr('GRANT OWNERSHIP ON ACCOUNT TO ROLE r').message).toBe(syntaxMsg(1, 19, 'ACCOUNT'));
    expect(parseErr('GRANT USAGE ON GIZMO g TO ROLE r').message).toBe(syntaxMsg(1, 15, 'GIZMO'));
    expect(parseErr('GRANT ON ACCOUNT TO ROLE r').message).toBe(syntaxMsg(1, 6, 'ON'));
    expect(parseErr('GRANT USAGE ON ACCOUNT TO').message).toBe(syntaxMsg(1, 25, '<EOF>'));
    expect(parseErr('GRANT USAGE, ON ACCOUNT TO ROLE r').message).toBe(syntaxMsg(1, 13, 'ON'));
  });
});

describe('SHOW GRANTS', () => {
  it.each([
    ['SHOW GRANTS', { kind: 'currentUser' }],
    ['SHOW GRANTS TO ROLE r', { kind: 'toRole', role: id('r') }],
    ['show grants to user u', { kind: 'toUser', user: id('u') }],
    ['SHOW GRANTS OF ROLE r', { kind: 'ofRole', role: id('r') }],
    ['SHOW GRANTS ON ACCOUNT', { kind: 'on', target: { kind: 'account' } }],
    ['SHOW GRANTS ON USER u', { kind: 'on', target: { kind: 'object', objectType: 'USER', qualifier: [], name: id('u') } }],
    ['SHOW GRANTS ON ROLE r', { kind: 'on', target: { kind: 'object', objectType: 'ROLE', qualifier: [], name: id('r') } }],
    ['SHOW GRANTS ON INTEGRATION i', { kind: 'on', target: { kind: 'object', objectType: 'INTEGRATION', qualifier: [], name: id('i') } }],
    ['SHOW GRANTS ON NETWORK POLICY p', { kind: 'on', target: { kind: 'object', objectType: 'NETWORK POLICY', qualifier: [], name: id('p') } }],
    ['SHOW GRANTS ON FAILOVER GROUP g', { kind: 'on', target: { kind: 'object', objectType: 'FAILOVER GROUP', qualifier: [], name: id('g') } }],
  ])('%s', (sql, target) => {
    expect(noPos(parseOne(sql))).toEqual({ kind: 'ShowGrants', target });
  });

  it('rejects incomplete forms', () => {
    expect(parseErr('SHOW GRANTS OF ROLE').message).toBe(syntaxMsg(1, 19, '<EOF>'));
    expect(parseErr('SHOW GRANTS TO r').message).toBe(syntaxMsg(1, 15, 'r'));
  });
});
