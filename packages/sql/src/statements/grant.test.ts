import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { driver, err, names, objects, ok, script, setup, status } from '../test-util.ts';

describe('GRANT / REVOKE', () => {
  it('grants and revokes account privileges, object privileges and roles', () => {
    const { s } = setup();
    script(s, "create role r; create user u; create network policy np allowed_ip_list = ('10.0.0.0/8');");
    expect(status(s, 'grant create user, create role on account to role r')).toBe('Statement executed successfully.');
    expect(status(s, 'grant usage on network policy np to role r')).toBe('Statement executed successfully.');
    expect(status(s, 'grant role r to user u')).toBe('Statement executed successfully.');
    expect(objects(ok(s, 'show grants to role r')).map((g) => [g.privilege, g.granted_on, g.name])).toEqual([
      ['CREATE ROLE', 'ACCOUNT', 'ACCOUNT1'],
      ['CREATE USER', 'ACCOUNT', 'ACCOUNT1'],
      ['USAGE', 'NETWORK_POLICY', 'NP'],
    ]);
    script(s, 'revoke create role on account from role r; revoke usage on network policy np from role r; revoke role r from user u;');
    expect(objects(ok(s, 'show grants to role r')).map((g) => g.privilege)).toEqual(['CREATE USER']);
    expect(ok(s, 'show grants to user u').rows).toEqual([]);
  });

  it('refuses missing objects, wrong privileges and missing privileges with Snowflake texts', () => {
    const { org, s } = setup();
    script(s, 'create role r; create user bob; grant role r to user bob;');
    const seq = org.account('ACCOUNT1')!.seq;
    expect(driver(err(s, 'grant create user on account to role nosuch'))).toBe("002003 (02000): SQL compilation error:\nRole 'NOSUCH' does not exist or not authorized.");
    expect(driver(err(s, 'grant usage on integration nosuch to role r'))).toBe("002003 (02000): SQL compilation error:\nIntegration 'NOSUCH' does not exist or not authorized.");
    expect(driver(err(s, 'grant usage on database demo_db to role r'))).toBe("002003 (02000): SQL compilation error:\nDatabase 'DEMO_DB' does not exist or not authorized.");
    expect(driver(err(s, 'grant select on network policy nosuch to role r'))).toBe("002003 (02000): SQL compilation error:\nNetwork policy 'NOSUCH' does not exist or not authorized.");
    script(s, "create network policy np allowed_ip_list = ('1.2.3.4')");
    const seq2 = org.account('ACCOUNT1')!.seq;
    expect(driver(err(s, 'grant select on network policy np to role r'))).toBe("002214 (42601): SQL compilation error:\nInvalid object type 'NETWORK_POLICY' for privilege 'SELECT'.");
    const bob = createSession(org, { user: 'BOB', role: 'R' });
    expect(err(bob, 'grant create user on account to role r').code).toBe('003001');
    expect(driver(err(bob, 'grant role r to user admin'))).toBe(
      "003001 (42501): SQL access control error:\nInsufficient privileges to operate on role 'R'. Your primary role R must have OWNERSHIP granted on ROLE R",
    );
    expect(org.account('ACCOUNT1')!.seq).toBe(seq2);
    expect(seq2).toBe(seq + 1);
  });

  it('GRANT OWNERSHIP: never to users; ROLE ... TO USER WITH GRANT OPTION is a syntax error', () => {
    const { s } = setup();
    script(s, 'create role r; create user u;');
    expect(driver(err(s, 'grant ownership on user u to user admin'))).toBe('003000 (42601): SQL execution error: Cannot grant OWNERSHIP to users.');
    expect(driver(err(s, 'grant role r to user u with grant option'))).toBe("001003 (42000): SQL compilation error:\nsyntax error line 1 at position 23 unexpected 'with'.");
    expect(err(s, 'grant role r to role sysadmin with grant option').code).toBe('002040');
    expect(status(s, 'grant ownership on user u to role r copy current grants')).toBe('Statement executed successfully.');
    expect(objects(ok(s, 'show users like \'U\''))[0]!.owner).toBe('R');
  });

  it('GRANT OWNERSHIP without COPY/REVOKE is blocked by outbound grants (003036), except on roles', () => {
    const { s } = setup();
    script(s, "create role r; create role r2; create network policy np allowed_ip_list = ('1.2.3.4'); grant usage on network policy np to role r;");
    expect(driver(err(s, 'grant ownership on network policy np to role r2'))).toBe(
      "003036 (23001): SQL execution error: Dependent grant of privilege 'USAGE' on securable 'NP' to role 'R' exists.  It must be revoked first.  More than one dependent grant may exist: use 'SHOW GRANTS' command to view them.  To revoke all dependent grants while transferring object ownership, use convenience command 'GRANT OWNERSHIP ON <target_objects> TO <target_role> REVOKE CURRENT GRANTS'.",
    );
    ok(s, 'grant ownership on network policy np to role r2 revoke current grants');
    expect(objects(ok(s, 'show grants on network policy np')).map((g) => [g.privilege, g.grantee_name])).toEqual([['OWNERSHIP', 'R2']]);
  });

  it('REVOKE GRANT OPTION FOR and grants to users are refused as unsupported', () => {
    const { s } = setup();
    script(s, 'create role r; create user u;');
    expect(err(s, 'revoke grant option for create user on account from role r').code).toBe('002040');
    expect(err(s, 'grant create user on account to user u').code).toBe('002040');
  });
});

describe('SHOW GRANTS', () => {
  it('TO ROLE: 8 columns, OWNERSHIP of owned objects, USAGE on child roles, ordered by granted_on, name, privilege', () => {
    const { org, s } = setup();
    script(s, 'create role parent; create role child; grant role child to role parent; create user u; grant ownership on user u to role parent;');
    const r = ok(s, 'show grants to role parent');
    expect(names(r)).toEqual(['created_on', 'privilege', 'granted_on', 'name', 'granted_to', 'grantee_name', 'grant_option', 'granted_by']);
    expect(r.rows).toEqual([
      [org.now, 'USAGE', 'ROLE', 'CHILD', 'ROLE', 'PARENT', 'false', 'ACCOUNTADMIN'],
      [org.now, 'OWNERSHIP', 'USER', 'U', 'ROLE', 'PARENT', 'true', 'PARENT'],
    ]);
    // A new role lists nothing, not even itself.
    expect(ok(s, 'show grants to role child').rows).toEqual([]);
  });

  it('TO ROLE PUBLIC lists the irrevocable SNOWFLAKE database roles', () => {
    const { s } = setup();
    const rows = objects(ok(s, 'show grants to role public'));
    expect(rows.map((g) => g.name)).toEqual([
      'ALERT_VIEWER', 'CLASSIFICATION_VIEWER', 'CORE_VIEWER', 'DATA_PRIVACY_VIEWER', 'ML_USER', 'MONITORING_VIEWER',
      'NOTIFICATION_VIEWER', 'SNOWFLAKE_TEMPLATE_SNOWGIT_VIEWER', 'SPCS_REGISTRY_VIEWER',
    ]);
    expect(rows[0]).toMatchObject({ privilege: 'USAGE', granted_on: 'DATABASE_ROLE', granted_to: 'ROLE', grantee_name: 'PUBLIC', grant_option: 'false', granted_by: '' });
  });

  it('TO USER: the 2025_01 shape by default, legacy as an option, PUBLIC never listed', () => {
    const { org, s } = setup();
    script(s, 'create role r; create user u; grant role r to user u; grant role public to user u;');
    const r = ok(s, 'show grants to user u');
    expect(names(r)).toEqual(['created_on', 'privilege', 'granted_on', 'name', 'role', 'granted_to', 'grantee_name', 'grant_option', 'granted_by']);
    expect(r.rows).toEqual([[org.now, 'USAGE', 'ROLE', 'R', 'R', 'USER', 'U', 'false', 'ACCOUNTADMIN']]);
    const legacy = createSession(org, { options: { showGrantsToUserShape: 'legacy' } });
    const l = ok(legacy, 'show grants to user u');
    expect(names(l)).toEqual(['created_on', 'role', 'granted_to', 'grantee_name', 'granted_by']);
    expect(l.rows).toEqual([[org.now, 'R', 'USER', 'U', 'ACCOUNTADMIN']]);
    // Bare SHOW GRANTS is the current user's.
    expect(objects(ok(s, 'show grants')).map((g) => g.name)).toEqual(['ACCOUNTADMIN']);
    expect(driver(err(s, 'show grants to user nobody'))).toBe("002003 (02000): SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.");
  });

  it('OF ROLE lists parent roles and users', () => {
    const { org, s } = setup();
    script(s, 'create role analyst; create role dba; grant role analyst to role dba; create user joe; grant role analyst to user joe;');
    const r = ok(s, 'show grants of role analyst');
    expect(names(r)).toEqual(['created_on', 'role', 'granted_to', 'grantee_name', 'granted_by']);
    expect(r.rows).toEqual([
      [org.now, 'ANALYST', 'ROLE', 'DBA', 'ACCOUNTADMIN'],
      [org.now, 'ANALYST', 'USER', 'JOE', 'ACCOUNTADMIN'],
    ]);
  });

  it('ON ROLE / ON NETWORK POLICY / ON INTEGRATION / ON ACCOUNT: 9 columns, granted_by_role_type last by default', () => {
    const { org, s } = setup();
    script(
      s,
      `create role sg_r; create network policy sg_np allowed_ip_list = ('10.0.0.1'); grant usage on network policy sg_np to role sg_r;
       grant role sg_r to role sysadmin;
       create security integration i type = scim scim_client = 'generic' run_as_role = 'SG_R'; grant usage on integration i to role sg_r;`,
    );
    const np = ok(s, 'show grants on network policy sg_np');
    expect(names(np)).toEqual(['created_on', 'privilege', 'granted_on', 'name', 'granted_to', 'grantee_name', 'grant_option', 'granted_by', 'granted_by_role_type']);
    expect(np.rows.map((r) => r.slice(1))).toEqual([
      ['OWNERSHIP', 'NETWORK_POLICY', 'SG_NP', 'ROLE', 'ACCOUNTADMIN', 'true', 'ACCOUNTADMIN', 'ROLE'],
      ['USAGE', 'NETWORK_POLICY', 'SG_NP', 'ROLE', 'SG_R', 'false', 'ACCOUNTADMIN', 'ROLE'],
    ]);
    expect(ok(s, 'show grants on role sg_r').rows.map((r) => r.slice(1, 7))).toEqual([
      ['OWNERSHIP', 'ROLE', 'SG_R', 'ROLE', 'ACCOUNTADMIN', 'true'],
      ['USAGE', 'ROLE', 'SG_R', 'ROLE', 'SYSADMIN', 'false'],
    ]);
    expect(ok(s, 'show grants on integration i').rows.map((r) => [r[1], r[5]])).toEqual([
      ['OWNERSHIP', 'ACCOUNTADMIN'],
      ['USAGE', 'SG_R'],
    ]);
    const before = createSession(org, { options: { grantedByRoleTypePosition: 'beforeGrantedBy' } });
    expect(names(ok(before, 'show grants on account')).slice(-2)).toEqual(['granted_by_role_type', 'granted_by']);
    const account = objects(ok(s, 'show grants on account'));
    expect(account.find((g) => g.grantee_name === 'SECURITYADMIN' && g.privilege === 'MANAGE GRANTS')).toMatchObject({ granted_by: '', name: 'ACCOUNT1' });
    expect(driver(err(s, 'show grants on user nobody'))).toBe("002003 (02000): SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.");
  });

  it('lists grants only to a role that may see them', () => {
    const { org, s } = setup();
    script(s, 'create role r; create role secret; create user bob; grant role r to user bob;');
    const bob = createSession(org, { user: 'BOB', role: 'R' });
    ok(bob, 'show grants to role r');
    ok(bob, 'show grants to role public');
    expect(driver(err(bob, 'show grants to role secret'))).toBe("003001 (42501): SQL access control error:\nInsufficient privileges to operate on role 'SECRET'");
    expect(err(bob, 'show grants to user admin').code).toBe('003001');
    ok(bob, 'show grants to user bob');
    ok(bob, 'show grants');
  });
});
