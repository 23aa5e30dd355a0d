import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, driver, err, names, objects, ok, script, setup, status } from '../test-util.ts';

describe('CREATE / ALTER / DROP ROLE', () => {
  it('answers with the documented status texts', () => {
    const { s } = setup();
    expect(status(s, 'create role r')).toBe('Role R successfully created.');
    expect(status(s, 'create role if not exists r')).toBe('R already exists, statement succeeded.');
    expect(status(s, "create or replace role r comment = 'again'")).toBe('Role R successfully created.');
    expect(status(s, 'create role "Mixed Case"')).toBe('Role Mixed Case successfully created.');
    expect(status(s, "alter role r set comment = 'c'")).toBe('Statement executed successfully.');
    expect(status(s, 'alter role r rename to r2')).toBe('Statement executed successfully.');
    expect(status(s, 'drop role r2')).toBe('R2 successfully dropped.');
    expect(status(s, 'drop role if exists r2')).toBe('Drop statement executed successfully (R2 already dropped).');
    expect(status(s, 'drop role if exists never_existed')).toBe('Drop statement executed successfully (NEVER_EXISTED already dropped).');
  });

  it('refuses duplicates, missing roles, system roles and the current role', () => {
    const { s } = setup();
    ok(s, 'create role engineer_role');
    expect(driver(err(s, 'create role engineer_role'))).toBe("002002 (42710): SQL compilation error:\nObject 'ENGINEER_ROLE' already exists.");
    expect(driver(err(s, 'drop role x'))).toBe("002003 (02000): SQL compilation error:\nRole 'X' does not exist or not authorized.");
    expect(err(s, 'drop role sysadmin').code).toBe('003021');
    script(s, 'grant role engineer_role to role accountadmin; use role engineer_role;');
    expect(driver(err(s, 'drop role engineer_role'))).toBe('003025 (42601): SQL execution error: Cannot drop role ENGINEER_ROLE as it is the current primary role.');
  });
});

describe('SHOW ROLES', () => {
  it('has the documented columns; Y/N flags from the session; counts of grants', () => {
    const { org, s } = setup();
    script(s, "create role analyst comment = 'Data analyst'; create user joe; grant role analyst to user joe; grant role analyst to role sysadmin;");
    const r = ok(s, 'show roles');
    expect(names(r)).toEqual(['created_on', 'name', 'is_default', 'is_current', 'is_inherited', 'assigned_to_users', 'granted_to_roles', 'granted_roles', 'owner', 'comment']);
    expect(r.columns.map((c) => c.type)).toEqual(['timestamp_ltz', 'text', 'text', 'text', 'text', 'fixed', 'fixed', 'fixed', 'text', 'text']);
    const rows = Object.fromEntries(objects(r).map((o) => [o.name, o]));
    expect(rows.ACCOUNTADMIN).toEqual({ created_on: org.now, name: 'ACCOUNTADMIN', is_default: 'Y', is_current: 'Y', is_inherited: 'N', assigned_to_users: 1, granted_to_roles: 0, granted_roles: 2, owner: '', comment: '' });
    expect(rows.ANALYST).toMatchObject({ is_default: 'N', is_current: 'N', is_inherited: 'Y', assigned_to_users: 1, granted_to_roles: 1, granted_roles: 0, owner: 'ACCOUNTADMIN', comment: 'Data analyst' });
    expect(rows.SYSADMIN).toMatchObject({ is_inherited: 'Y', granted_to_roles: 1, granted_roles: 1 });
    expect(rows.ORGADMIN).toMatchObject({ is_inherited: 'N' });
    expect(rows.PUBLIC).toMatchObject({ is_inherited: 'Y' });
  });

  it('lists every role to any role, with LIKE / STARTS WITH / LIMIT and TERSE', () => {
    const { org, s } = setup();
    script(s, 'create role okta_a; create role okta_b; create role other; create user bob;');
    const bob = createSession(org, { user: 'BOB' });
    expect(bob.role).toBe('PUBLIC');
    expect(column(ok(bob, "show roles like 'okta%'"), 'name')).toEqual(['OKTA_A', 'OKTA_B']);
    expect(column(ok(bob, "show terse roles like 'OKTA%' starts with 'OK' limit 10 from 'OKTA_B'"), 'name')).toEqual(['OKTA_B']);
    expect(names(ok(bob, 'show terse roles'))).toEqual(['created_on', 'name', 'is_default', 'is_current', 'is_inherited', 'is_from_organization_user_group']);
    expect(objects(ok(bob, "show roles like 'public'"))[0]).toMatchObject({ is_current: 'Y', is_inherited: 'N' });
  });
});
