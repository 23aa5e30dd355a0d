import { createOrganization } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { isResultSet } from './result.ts';
import { createSession } from './session.ts';
import { driver, err, ok, script, setup, status } from './test-util.ts';

describe('createSession', () => {
  it('defaults to the first account, user ADMIN, its default role and secondary roles ALL', () => {
    const { s } = setup();
    expect([s.account, s.user, s.role, s.secondaryRoles]).toEqual(['ACCOUNT1', 'ADMIN', 'ACCOUNTADMIN', { kind: 'all' }]);
    expect([s.database, s.schema, s.warehouse]).toEqual([null, null, null]);
  });

  it('uses the requested role only if the user holds it, else the default role, else PUBLIC (spec §5)', () => {
    const org = createOrganization({ accounts: [{ name: 'A1', admin: 'ADMIN' }] });
    const admin = createSession(org);
    script(admin, "create user bob default_role = 'ANALYST'; create role analyst; create role other; grant role analyst to user bob;");
    expect(createSession(org, { user: 'BOB' }).role).toBe('ANALYST');
    expect(createSession(org, { user: 'BOB', role: 'OTHER' }).role).toBe('ANALYST');
    expect(createSession(org, { user: 'bob', role: 'PUBLIC' }).role).toBe('PUBLIC');
    script(admin, 'revoke role analyst from user bob');
    expect(createSession(org, { user: 'BOB' }).role).toBe('PUBLIC');
    script(admin, 'alter user bob set default_secondary_roles = ()');
    expect(createSession(org, { user: 'BOB' }).secondaryRoles).toEqual({ kind: 'none' });
  });

  it('opens a session without a user (every existing role usable) and refuses unknown users', () => {
    const org = createOrganization({ accounts: [{ name: 'A1' }] });
    const s = createSession(org);
    expect([s.user, s.role]).toEqual([null, 'PUBLIC']);
    expect(createSession(org, { role: 'securityadmin' }).role).toBe('PUBLIC');
    expect(createSession(org, { role: 'SECURITYADMIN' }).role).toBe('SECURITYADMIN');
    expect(status(s, 'use role useradmin')).toBe('Statement executed successfully.');
    expect(s.role).toBe('USERADMIN');
    expect(() => createSession(org, { user: 'NOBODY' })).toThrow(/No user NOBODY/);
  });
});

describe('execute / executeOne', () => {
  it('returns one result per statement, in order, with its text and account', () => {
    const { s } = setup();
    const results = s.execute('create role r1;\n\n  create role r2 ;; -- done\n');
    expect(results.map((r) => [r.statement, r.account])).toEqual([
      ['create role r1', 'ACCOUNT1'],
      ['create role r2', 'ACCOUNT1'],
    ]);
  });

  it('keeps going after a failed statement, which changes nothing', () => {
    const { org, s } = setup();
    const before = org.account('ACCOUNT1')!.seq;
    const results = s.execute('create role r1; create role r1; create role r2;');
    expect(results.map((r) => isResultSet(r.result))).toEqual([true, false, true]);
    expect(org.account('ACCOUNT1')!.seq).toBe(before + 2);
  });

  it('reports syntax errors with line and position inside the statement', () => {
    const { s } = setup();
    const [a, b] = s.execute('create role r1;\ncreate rol r2;');
    expect(isResultSet(a!.result)).toBe(true);
    expect(driver(b!.result as never)).toBe("001003 (42000): SQL compilation error:\nsyntax error line 1 at position 7 unexpected 'rol'.");
  });

  it('executeOne refuses empty text and more than one statement', () => {
    const { s } = setup();
    expect(driver(err(s, '  -- nothing'))).toBe('000900 (42601): Empty SQL statement.');
    expect(driver(err(s, 'show roles; show users'))).toBe('000008 (0A000): Actual statement count 2 did not match the desired statement count 1.');
  });

  it('answers an unavailable account like a network failure, except for simulator statements', () => {
    const { org, s } = setup();
    org.setAvailable('ACCOUNT1', false);
    expect(driver(err(s, 'show users'))).toBe('250001 (08001): Failed to connect to DB: myorg-account1.snowflakecomputing.com:443. The account is unavailable.');
    ok(s, 'alter simulation set account myorg.account1 available = true');
    ok(s, 'show users');
  });
});

describe('USE', () => {
  it('USE ROLE needs the role granted to the user, directly or through the hierarchy', () => {
    const { s } = setup();
    script(s, 'create role parent; create role child; grant role child to role parent; create user u; grant role parent to user u;');
    const u = createSession(s.org, { user: 'U' });
    expect(status(u, 'use role child')).toBe('Statement executed successfully.');
    expect(u.role).toBe('CHILD');
    ok(u, 'use role public');
    expect(driver(err(u, 'use role accountadmin'))).toBe(
      "003013 (42501): SQL access control error:\nRequested role 'ACCOUNTADMIN' is not assigned to the executing user.  Specify another role to activate.",
    );
    expect(u.role).toBe('PUBLIC');
  });

  it('USE ROLE of a role that does not exist: 003013 by default, 002003 as an option', () => {
    const { org, s } = setup();
    expect(err(s, 'use role nosuch').message).toBe(
      "SQL access control error:\nRequested role 'NOSUCH' is not assigned to the executing user.  Specify another role to activate.",
    );
    const strict = createSession(org, { options: { useRoleMissingRole: 'doesNotExist' } });
    expect(driver(err(strict, 'use role "NoSuch"'))).toBe("002003 (02000): SQL compilation error:\nRole 'NoSuch' does not exist or not authorized.");
  });

  it('USE SECONDARY ROLES ALL | NONE | list', () => {
    const { s } = setup();
    ok(s, 'use secondary roles none');
    expect(s.secondaryRoles).toEqual({ kind: 'none' });
    ok(s, 'use secondary roles accountadmin');
    expect(s.secondaryRoles).toEqual({ kind: 'list', names: ['ACCOUNTADMIN'] });
    expect(err(s, 'use secondary roles nosuch').code).toBe('003013');
    ok(s, 'USE SECONDARY ROLES ALL');
    expect(s.secondaryRoles).toEqual({ kind: 'all' });
  });

  it('USE DATABASE / SCHEMA / WAREHOUSE are recorded in the session', () => {
    const { s } = setup();
    expect(driver(err(s, 'use schema information_schema'))).toBe(
      "090105 (22000): Cannot perform USE SCHEMA. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
    );
    script(s, 'use database demo_db; use schema information_schema; use warehouse compute_wh;');
    expect([s.database, s.schema, s.warehouse]).toEqual(['DEMO_DB', 'INFORMATION_SCHEMA', 'COMPUTE_WH']);
    ok(s, 'use "Other"."Sch"');
    expect([s.database, s.schema]).toEqual(['Other', 'Sch']);
    const r = ok(s, 'select current_database(), current_schema(), current_warehouse()');
    expect(r.rows).toEqual([['Other', 'Sch', 'COMPUTE_WH']]);
  });

  it('secondary roles count for privileges only with ALL', () => {
    const { s } = setup();
    script(s, 'create user u; grant role useradmin to user u; create role r; grant role r to user u;');
    const u = createSession(s.org, { user: 'U', role: 'R' });
    expect(u.role).toBe('R');
    // CREATE needs the primary role; ALTER may use secondary roles.
    expect(err(u, 'create role x').code).toBe('003001');
    script(s, 'create role owned; grant ownership on role owned to role useradmin;');
    ok(u, "alter role owned set comment = 'via secondary roles'");
    ok(u, 'use secondary roles none');
    expect(err(u, "alter role owned set comment = 'no'").code).toBe('003001');
  });
});

describe('ALTER SESSION', () => {
  it('sets and unsets session parameters shown by SHOW PARAMETERS', () => {
    const { s } = setup();
    ok(s, "alter session set query_tag = 'runbook', timezone = 'UTC'");
    expect(s.parameters.get('QUERY_TAG')).toBe('runbook');
    const r = ok(s, "show parameters like 'query_tag' in session");
    expect(r.rows).toEqual([['QUERY_TAG', 'runbook', '', 'SESSION', 'String (up to 4000 characters) used to tag statements executed by the session', 'STRING']]);
    ok(s, 'alter session unset query_tag');
    expect(s.parameters.has('QUERY_TAG')).toBe(false);
    expect(driver(err(s, 'alter session set quoted_identifiers_ignore_case = maybe'))).toBe(
      "001008 (22023): SQL compilation error:\ninvalid value [MAYBE] for parameter 'QUOTED_IDENTIFIERS_IGNORE_CASE'",
    );
    expect(err(s, 'alter session set no_such_param = 1').code).toBe('001420');
  });
});
