import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, driver, err, names, objects, ok, script, setup, status } from '../test-util.ts';

describe('ALTER ACCOUNT and SHOW PARAMETERS', () => {
  it('SHOW PARAMETERS IN ACCOUNT: key | value | default | level | description | type', () => {
    const { s } = setup();
    const r = ok(s, "show parameters like 'NETWORK%' in account");
    expect(names(r)).toEqual(['key', 'value', 'default', 'level', 'description', 'type']);
    expect(r.rows).toEqual([['NETWORK_POLICY', '', '', '', 'Network policy assigned for the given target.', 'STRING']]);
  });

  it('ALTER ACCOUNT SET / UNSET changes the value and level', () => {
    const { s } = setup();
    script(s, "create network policy np allowed_ip_list = ('10.0.0.0/8');");
    expect(status(s, 'alter account set map_scim_username_to_enterprise_attr = true network_policy = np')).toBe('Statement executed successfully.');
    const rows = Object.fromEntries(objects(ok(s, 'show parameters in account')).map((o) => [o.key, o]));
    expect(rows.MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR).toMatchObject({ value: 'true', default: 'false', level: 'ACCOUNT', type: 'BOOLEAN' });
    expect(rows.NETWORK_POLICY).toMatchObject({ value: 'NP', level: 'ACCOUNT' });
    ok(s, 'alter account unset network_policy, map_scim_username_to_enterprise_attr');
    expect(objects(ok(s, "show parameters like '%scim%' in account"))[0]).toMatchObject({ value: 'false', level: '' });
  });

  it('refuses unknown parameters, bad values and non-ACCOUNTADMIN roles', () => {
    const { org, s } = setup();
    expect(driver(err(s, 'alter account set no_such = 1'))).toBe("001420 (22023): SQL compilation error:\ninvalid property 'NO_SUCH' for 'ACCOUNT'");
    expect(driver(err(s, "alter account set map_scim_username_to_enterprise_attr = 'perhaps'"))).toBe(
      "001008 (22023): SQL compilation error:\ninvalid value [perhaps] for parameter 'MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR'",
    );
    script(s, 'create user bob; grant role securityadmin to user bob; grant role sysadmin to user bob;');
    const bob = createSession(org, { user: 'BOB', role: 'SYSADMIN', secondaryRoles: 'NONE' });
    expect(err(bob, 'alter account set map_scim_username_to_enterprise_attr = true').code).toBe('003001');
  });

  it('default scope and IN SESSION include session parameters with their level', () => {
    const { s } = setup();
    ok(s, "alter session set timezone = 'UTC'");
    const all = Object.fromEntries(objects(ok(s, 'show parameters')).map((o) => [o.key, o]));
    expect(all.TIMEZONE).toMatchObject({ value: 'UTC', level: 'SESSION', default: 'America/Los_Angeles' });
    expect(all.NETWORK_POLICY).toBeDefined();
    expect(column(ok(s, 'show parameters in session'), 'key')).toEqual(['QUERY_TAG', 'QUOTED_IDENTIFIERS_IGNORE_CASE', 'STATEMENT_TIMEOUT_IN_SECONDS', 'TIMEZONE']);
    expect(column(ok(s, 'show parameters in user'), 'key')).toEqual(['NETWORK_POLICY', 'QUERY_TAG', 'QUOTED_IDENTIFIERS_IGNORE_CASE', 'STATEMENT_TIMEOUT_IN_SECONDS', 'TIMEZONE']);
  });
});
