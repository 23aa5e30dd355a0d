import { describe as group, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, describe, driver, err, names, objects, ok, script, setup, status } from '../test-util.ts';

group('CREATE / ALTER / DROP USER', () => {
  it('answers with the documented status texts', () => {
    const { s } = setup();
    expect(status(s, 'create user jsmith')).toBe('User JSMITH successfully created.');
    expect(status(s, 'create user if not exists jsmith')).toBe('JSMITH already exists, statement succeeded.');
    expect(status(s, 'create or replace user jsmith')).toBe('User JSMITH successfully created.');
    expect(status(s, 'create user "jdoe"')).toBe('User jdoe successfully created.');
    expect(status(s, "alter user jsmith set email = 'j@example.com'")).toBe('Statement executed successfully.');
    expect(status(s, 'alter user if exists nobody set disabled = true')).toBe('Statement executed successfully.');
    expect(status(s, 'drop user jsmith')).toBe('JSMITH successfully dropped.');
    expect(status(s, 'drop user if exists jsmith')).toBe('Drop statement executed successfully (JSMITH already dropped).');
    expect(status(s, 'drop user "jdoe"')).toBe('jdoe successfully dropped.');
  });

  it('refuses duplicates, missing users, IF NOT EXISTS with OR REPLACE', () => {
    const { s } = setup();
    ok(s, 'create user u1');
    expect(driver(err(s, 'create user U1'))).toBe("002002 (42710): SQL compilation error:\nObject 'U1' already exists.");
    expect(driver(err(s, 'drop user nobody'))).toBe("002003 (02000): SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.");
    expect(driver(err(s, 'alter user "nobody" set disabled = true'))).toBe("002003 (02000): SQL compilation error:\nUser 'nobody' does not exist or not authorized.");
    expect(driver(err(s, 'create or replace user if not exists u2'))).toBe('002028 (0A000): SQL compilation error:\noptions IF NOT EXISTS and OR REPLACE are incompatible');
  });

  it('validates properties: unknown 001420, bad values 001008, unmodelled ones unsupported', () => {
    const { org, s } = setup();
    const seq = org.account('ACCOUNT1')!.seq;
    expect(driver(err(s, "create user u rsa_public_key_fp = 'x'"))).toBe("001420 (22023): SQL compilation error:\ninvalid property 'RSA_PUBLIC_KEY_FP' for 'USER'");
    expect(driver(err(s, 'create user u days_to_expiry = 1.5'))).toBe("001008 (22023): SQL compilation error:\ninvalid value [1.5] for parameter 'DAYS_TO_EXPIRY'");
    expect(driver(err(s, "create user u disabled = 'maybe'"))).toBe("001008 (22023): SQL compilation error:\ninvalid value [maybe] for parameter 'DISABLED'");
    expect(driver(err(s, "create user u default_secondary_roles = ('R1')"))).toBe("001008 (22023): SQL compilation error:\ninvalid value [('R1')] for parameter 'DEFAULT_SECONDARY_ROLES'");
    expect(driver(err(s, 'create user u type = robot'))).toBe("001008 (22023): SQL compilation error:\ninvalid value [robot] for parameter 'TYPE'");
    expect(err(s, 'create user u mins_to_bypass_mfa = 5').code).toBe('002040');
    expect(driver(err(s, 'create user u network_policy = nosuch'))).toBe("002003 (02000): SQL compilation error:\nNetwork policy 'NOSUCH' does not exist or not authorized.");
    expect(err(s, 'alter user admin unset no_such_thing').code).toBe('001420');
    expect(org.account('ACCOUNT1')!.seq).toBe(seq);
  });

  it('refuses person-only properties on SERVICE users', () => {
    const { s } = setup();
    expect(err(s, "create user svc type = service password = 'p'").message).toBe('SQL compilation error:\nCannot set PASSWORD on users with TYPE=SERVICE.');
    ok(s, 'create user svc type = service');
    expect(err(s, "alter user svc set first_name = 'A'").message).toBe('SQL compilation error:\nCannot set FIRST_NAME on users with TYPE=SERVICE.');
    ok(s, "alter user svc set type = legacy_service, password = 'p'");
  });

  it('needs CREATE USER on the primary role and OWNERSHIP to alter or drop', () => {
    const { s } = setup();
    script(s, 'create user bob; create role r; grant role r to user bob;');
    const bob = createSession(s.org, { user: 'BOB', role: 'R' });
    const locator = s.org.account('ACCOUNT1')!.info.locator;
    expect(driver(err(bob, 'create user x'))).toBe(`003001 (42501): SQL access control error:\nInsufficient privileges to operate on account '${locator}'`);
    expect(driver(err(bob, 'drop user admin'))).toBe("003001 (42501): SQL access control error:\nInsufficient privileges to operate on user 'ADMIN'");
    // A user may change their own defaults.
    ok(bob, 'alter user bob set default_role = r');
    expect(err(bob, "alter user bob set email = 'b@x'").code).toBe('003001');
  });

  it('stores identifiers by Snowflake rules and strings verbatim', () => {
    const { s } = setup();
    ok(s, `create user jsmith login_name = 'JSmith@Example.com' display_name = 'Jane Smith' first_name = 'Jane' last_name = 'Smith'
      email = 'jane.smith@example.com' default_role = analyst default_warehouse = "my_wh" default_namespace = my_db.my_schema
      default_secondary_roles = () must_change_password = true comment = 'c'`);
    const u = objects(ok(s, 'show users like \'jsmith\''))[0]!;
    expect(u).toMatchObject({
      login_name: 'JSMITH@EXAMPLE.COM',
      display_name: 'Jane Smith',
      first_name: 'Jane',
      last_name: 'Smith',
      email: 'jane.smith@example.com',
      default_role: 'ANALYST',
      default_warehouse: 'my_wh',
      default_namespace: 'MY_DB.MY_SCHEMA',
      default_secondary_roles: '[]',
      must_change_password: 'true',
      comment: 'c',
    });
    ok(s, "alter user jsmith set default_secondary_roles = ('all')");
    expect(objects(ok(s, 'show users like \'jsmith\''))[0]!.default_secondary_roles).toBe('["ALL"]');
    ok(s, 'alter user jsmith unset login_name, comment, default_secondary_roles');
    expect(objects(ok(s, 'show users like \'jsmith\''))[0]).toMatchObject({ login_name: 'JSMITH', comment: null, default_secondary_roles: '["ALL"]' });
    ok(s, 'alter user jsmith rename to "Jane"');
    expect(column(ok(s, 'show users'), 'name')).toEqual(['ADMIN', 'Jane']);
  });

  it('refuses RESET PASSWORD and programmatic access tokens as unsupported', () => {
    const { s } = setup();
    expect(err(s, 'alter user admin reset password').code).toBe('002040');
    expect(err(s, "alter user admin add pat t1 role_restriction = 'R'").code).toBe('002040');
  });
});

group('SHOW USERS', () => {
  it('has the 31 documented columns in order, with their types', () => {
    const { s } = setup();
    const r = ok(s, 'show users');
    expect(names(r)).toEqual([
      'name', 'created_on', 'login_name', 'display_name', 'first_name', 'last_name', 'email', 'mins_to_unlock', 'days_to_expiry',
      'comment', 'disabled', 'must_change_password', 'snowflake_lock', 'default_warehouse', 'default_namespace', 'default_role',
      'default_secondary_roles', 'ext_authn_duo', 'ext_authn_uid', 'mins_to_bypass_mfa', 'owner', 'last_success_login', 'expires_at_time',
      'locked_until_time', 'has_password', 'has_rsa_public_key', 'type', 'has_mfa', 'has_pat', 'has_workload_identity', 'is_from_organization_user',
    ]);
    expect(r.columns.filter((c) => c.type === 'boolean').map((c) => c.name)).toEqual([
      'has_password', 'has_rsa_public_key', 'has_mfa', 'has_pat', 'has_workload_identity', 'is_from_organization_user',
    ]);
    expect(r.columns.filter((c) => c.type === 'timestamp_ltz').map((c) => c.name)).toEqual(['created_on', 'last_success_login', 'expires_at_time', 'locked_until_time']);
  });

  it('TERSE returns the documented subset', () => {
    const { s } = setup();
    expect(names(ok(s, 'show terse users'))).toEqual([
      'name', 'created_on', 'display_name', 'first_name', 'last_name', 'email', 'org_identity', 'comment', 'has_password',
      'has_rsa_public_key', 'type', 'has_mfa', 'has_pat', 'has_federated_workload_authentication', 'is_from_organization_user',
    ]);
  });

  it('shows a role without rights only name, created_on, owner, expires_at_time and locked_until_time', () => {
    const { org, s } = setup();
    script(s, "create user jsmith email = 'j@x' password = 'p' days_to_expiry = 30 mins_to_unlock = 15; create role nobody; create user viewer; grant role nobody to user viewer;");
    const v = createSession(org, { user: 'VIEWER', role: 'NOBODY' });
    const row = objects(ok(v, "show users like 'JSMITH'"))[0]!;
    expect(row).toEqual({
      name: 'JSMITH', created_on: org.now, login_name: null, display_name: null, first_name: null, last_name: null, email: null,
      mins_to_unlock: null, days_to_expiry: null, comment: null, disabled: null, must_change_password: null, snowflake_lock: null,
      default_warehouse: null, default_namespace: null, default_role: null, default_secondary_roles: null, ext_authn_duo: null,
      ext_authn_uid: null, mins_to_bypass_mfa: null, owner: 'ACCOUNTADMIN', last_success_login: null,
      expires_at_time: org.now + 30 * 86_400_000, locked_until_time: org.now + 15 * 60_000,
      has_password: false, has_rsa_public_key: false, type: null, has_mfa: false, has_pat: false, has_workload_identity: false, is_from_organization_user: false,
    });
    // The owner (ACCOUNTADMIN, also MANAGE GRANTS) sees everything; the countdown starts at 14.
    expect(objects(ok(s, "show users like 'JSMITH'"))[0]).toMatchObject({ email: 'j@x', has_password: true, mins_to_unlock: '14', days_to_expiry: '29.99999' });
    org.advance('10 minutes');
    expect(objects(ok(s, "show users like 'JSMITH'"))[0]).toMatchObject({ mins_to_unlock: '4' });
    org.advance('5 minutes');
    expect(objects(ok(s, "show users like 'JSMITH'"))[0]).toMatchObject({ mins_to_unlock: null, locked_until_time: null });
  });

  it('LIKE is case-insensitive with % and _, STARTS WITH and LIMIT ... FROM are case-sensitive', () => {
    const { s } = setup();
    script(s, 'create user alice; create user albert; create user bob; create user "al_x";');
    expect(column(ok(s, "show users like 'al%'"), 'name')).toEqual(['ALBERT', 'ALICE', 'al_x']);
    expect(column(ok(s, "show users like 'AL_X'"), 'name')).toEqual(['al_x']);
    expect(column(ok(s, "show users starts with 'AL'"), 'name')).toEqual(['ALBERT', 'ALICE']);
    expect(column(ok(s, "show users starts with 'al'"), 'name')).toEqual(['al_x']);
    expect(column(ok(s, 'show users limit 2'), 'name')).toEqual(['ADMIN', 'ALBERT']);
    expect(column(ok(s, "show users limit 2 from 'ALI'"), 'name')).toEqual(['ALICE', 'BOB']);
    expect(column(ok(s, "show users starts with 'A' limit 10 from 'B'"), 'name')).toEqual([]);
  });
});

group('DESC USER', () => {
  it('lists the documented properties in order with values, defaults and descriptions', () => {
    const { s } = setup();
    ok(s, "create user jsmith password = 'secret' first_name = 'Jane' rsa_public_key = 'MIIBIjAN'");
    const r = ok(s, 'desc user jsmith');
    expect(names(r)).toEqual(['property', 'value', 'default', 'description']);
    expect(column(r, 'property')).toEqual([
      'NAME', 'COMMENT', 'DISPLAY_NAME', 'TYPE', 'LOGIN_NAME', 'FIRST_NAME', 'MIDDLE_NAME', 'LAST_NAME', 'EMAIL', 'PASSWORD',
      'MUST_CHANGE_PASSWORD', 'DISABLED', 'SNOWFLAKE_LOCK', 'SNOWFLAKE_SUPPORT', 'DAYS_TO_EXPIRY', 'MINS_TO_UNLOCK', 'DEFAULT_WAREHOUSE',
      'DEFAULT_NAMESPACE', 'DEFAULT_ROLE', 'DEFAULT_SECONDARY_ROLES', 'EXT_AUTHN_DUO', 'EXT_AUTHN_UID', 'DEFAULT_MFA_METHOD', 'HAS_MFA',
      'HAS_PAT', 'HAS_FEDERATED_WORKLOAD_AUTHENTICATION', 'MINS_TO_BYPASS_MFA', 'MINS_TO_BYPASS_NETWORK_POLICY', 'RSA_PUBLIC_KEY',
      'RSA_PUBLIC_KEY_FP', 'RSA_PUBLIC_KEY_LAST_SET_TIME', 'RSA_PUBLIC_KEY_2', 'RSA_PUBLIC_KEY_2_FP', 'RSA_PUBLIC_KEY_2_LAST_SET_TIME',
      'PASSWORD_LAST_SET_TIME', 'CUSTOM_LANDING_PAGE_URL', 'CUSTOM_LANDING_PAGE_URL_FLUSH_NEXT_UI_LOAD', 'IS_FROM_ORGANIZATION_USER',
    ]);
    const d = describe(r);
    expect(d.get('NAME')).toEqual({ property: 'NAME', value: 'JSMITH', default: 'null', description: 'Name' });
    expect(d.get('LOGIN_NAME')).toMatchObject({ value: 'JSMITH', description: 'Login name of the user' });
    expect(d.get('COMMENT')!.value).toBe('null');
    expect(d.get('PASSWORD')!.value).toBe('********');
    expect(d.get('DEFAULT_SECONDARY_ROLES')).toMatchObject({ value: '["ALL"]', default: '[ALL]' });
    expect(d.get('MUST_CHANGE_PASSWORD')).toMatchObject({ value: 'false', default: 'false' });
    expect(String(d.get('RSA_PUBLIC_KEY_FP')!.value)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}=$/);
    expect(d.get('PASSWORD_LAST_SET_TIME')!.value).toBe('2026-01-01 00:00:00.000');
  });

  it('lets a user describe themself; anyone else needs OWNERSHIP', () => {
    const { org, s } = setup();
    script(s, 'create user bob; create role r; grant role r to user bob;');
    const bob = createSession(org, { user: 'BOB', role: 'R' });
    ok(bob, 'desc user bob');
    expect(driver(err(bob, 'describe user admin'))).toBe("003001 (42501): SQL access control error:\nInsufficient privileges to operate on user 'ADMIN'");
    expect(driver(err(s, 'desc user nobody'))).toBe("002003 (02000): SQL compilation error:\nUser 'NOBODY' does not exist or not authorized.");
    expect(err(bob, 'show parameters in user admin').code).toBe('003001');
  });
});
