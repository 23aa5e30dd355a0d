/**
 * The documented SCIM setup runbooks, pasted verbatim (seeds/okta-scim-integration.txt, the
 * Entra and custom variants of spec/snowflake-scim.md §7.4, the audit queries of
 * seeds/snowflake-scim-support.txt), run end to end with the SHOW / DESC output asserted.
 */
import { verifyScimToken } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { isResultSet } from './result.ts';
import { column, describe as desc, names, objects, ok, script, setup } from './test-util.ts';

const OKTA = String.raw`use role accountadmin;
create role if not exists okta_provisioner;
grant create user on account to role okta_provisioner;
grant create role on account to role okta_provisioner;
grant role okta_provisioner to role accountadmin;
create or replace security integration okta_provisioning
    type = scim
    scim_client = 'okta'
    run_as_role = 'OKTA_PROVISIONER';
select system$generate_scim_access_token('OKTA_PROVISIONING');`;

const ENTRA = String.raw`use role accountadmin;
create role if not exists aad_provisioner;
grant create user on account to role aad_provisioner;
grant create role on account to role aad_provisioner;
grant role aad_provisioner to role accountadmin;
create or replace security integration aad_provisioning
    type = scim
    scim_client = 'azure'
    run_as_role = 'AAD_PROVISIONER';
select system$generate_scim_access_token('AAD_PROVISIONING');`;

const CUSTOM = String.raw`use role accountadmin;
create role if not exists generic_scim_provisioner;
grant create user on account to role generic_scim_provisioner;
grant create role on account to role generic_scim_provisioner;
grant role generic_scim_provisioner to role accountadmin;
create or replace security integration generic_scim_provisioning
    type = scim
    scim_client = 'generic'
    run_as_role = 'GENERIC_SCIM_PROVISIONER';
select system$generate_scim_access_token('GENERIC_SCIM_PROVISIONING');`;

/** spec/snowflake-replication.md §6.3: the same runbook in upper case, one line per property. */
const OKTA_UPPER = String.raw`   CREATE ROLE IF NOT EXISTS okta_provisioner;
   GRANT CREATE USER ON ACCOUNT TO ROLE okta_provisioner;
   GRANT CREATE ROLE ON ACCOUNT TO ROLE okta_provisioner;
   GRANT ROLE okta_provisioner TO ROLE ACCOUNTADMIN;
   CREATE OR REPLACE SECURITY INTEGRATION okta_provisioning
     TYPE = scim  SCIM_CLIENT = 'okta'  RUN_AS_ROLE = 'OKTA_PROVISIONER';
   SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('OKTA_PROVISIONING');`;

const AUDIT = String.raw`use role accountadmin;
use database demo_db;
use schema information_schema;
select *
    from table(rest_event_history(
        'scim',
        dateadd('minutes',-5,current_timestamp()),
        current_timestamp(),
        200))
    order by event_timestamp;`;

const CASES = [
  { name: 'Okta', sql: OKTA, role: 'OKTA_PROVISIONER', integration: 'OKTA_PROVISIONING', type: 'SCIM - OKTA' },
  { name: 'Entra', sql: ENTRA, role: 'AAD_PROVISIONER', integration: 'AAD_PROVISIONING', type: 'SCIM - AZURE' },
  { name: 'custom', sql: CUSTOM, role: 'GENERIC_SCIM_PROVISIONER', integration: 'GENERIC_SCIM_PROVISIONING', type: 'SCIM - GENERIC' },
] as const;

describe.each(CASES)('$name SCIM setup runbook', ({ sql, role, integration, type }) => {
  it('runs verbatim, statement by statement, with Snowflake status texts', () => {
    const { s } = setup();
    const results = script(s, sql);
    expect(results.map((r) => (isResultSet(r.result) ? r.result.rows[0]![0] : null)).slice(0, 6)).toEqual([
      'Statement executed successfully.',
      `Role ${role} successfully created.`,
      'Statement executed successfully.',
      'Statement executed successfully.',
      'Statement executed successfully.',
      `Integration ${integration} successfully created.`,
    ]);
    const token = results[6]!.result;
    if (!isResultSet(token)) throw new Error('no token');
    expect(names(token)).toEqual([`SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('${integration}')`]);
    expect(token.columns[0]!.type).toBe('text');
  });

  it('issues a token the SCIM endpoint accepts for six months', () => {
    const { org, s } = setup();
    const token = script(s, sql)[6]!.result;
    if (!isResultSet(token)) throw new Error('no token');
    const secret = String(token.rows[0]![0]);
    const check = verifyScimToken(org.account('ACCOUNT1')!.state, secret, org.now);
    expect(check.ok).toBe(true);
    expect(verifyScimToken(org.account('ACCOUNT1')!.state, secret, org.now + 184 * 86_400_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('SHOW INTEGRATIONS and DESC INTEGRATION show the SCIM integration', () => {
    const { org, s } = setup();
    script(s, sql);
    const shown = objects(ok(s, 'show integrations'));
    expect(shown).toEqual([{ name: integration, type, category: 'SECURITY', enabled: true, comment: null, created_on: org.now }]);
    const d = ok(s, `desc security integration ${integration.toLowerCase()}`);
    expect(names(d)).toEqual(['property', 'property_type', 'property_value', 'property_default']);
    expect(d.rows.map((r) => r.slice(0, 2))).toEqual([
      ['ENABLED', 'Boolean'],
      ['NETWORK_POLICY', 'String'],
      ['RUN_AS_ROLE', 'String'],
      ['SYNC_PASSWORD', 'Boolean'],
      ['COMMENT', 'String'],
      ['SCIM_ENDPOINT_ID', 'String'],
    ]);
    const rows = desc(d);
    expect(rows.get('RUN_AS_ROLE')!.property_value).toBe(role);
    expect(rows.get('ENABLED')).toMatchObject({ property_value: 'true', property_default: 'false' });
    expect(rows.get('SYNC_PASSWORD')).toMatchObject({ property_value: 'false', property_default: 'false' });
    expect(String(rows.get('SCIM_ENDPOINT_ID')!.property_value)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('SHOW ROLES and SHOW GRANTS show the provisioner role and its grants', () => {
    const { s } = setup();
    script(s, sql);
    const roles = objects(ok(s, 'show roles'));
    expect(roles.map((r) => r.name)).toEqual(['ACCOUNTADMIN', role, 'ORGADMIN', 'PUBLIC', 'SECURITYADMIN', 'SYSADMIN', 'USERADMIN'].sort());
    expect(roles.find((r) => r.name === role)).toMatchObject({ owner: 'ACCOUNTADMIN', granted_to_roles: 1, granted_roles: 0, assigned_to_users: 0, is_inherited: 'Y' });
    expect(roles.find((r) => r.name === 'ACCOUNTADMIN')).toMatchObject({ is_current: 'Y', is_default: 'Y', granted_roles: 3, owner: '' });
    const grants = ok(s, `show grants to role ${role.toLowerCase()}`);
    expect(grants.rows.map((r) => r.slice(1))).toEqual([
      ['CREATE ROLE', 'ACCOUNT', 'ACCOUNT1', 'ROLE', role, 'false', 'ACCOUNTADMIN'],
      ['CREATE USER', 'ACCOUNT', 'ACCOUNT1', 'ROLE', role, 'false', 'ACCOUNTADMIN'],
    ]);
    expect(ok(s, `show grants of role ${role}`).rows.map((r) => r.slice(1))).toEqual([[role, 'ROLE', 'ACCOUNTADMIN', 'ACCOUNTADMIN']]);
  });

  it('users the provisioner creates are owned by it and listed in full for ACCOUNTADMIN', () => {
    const { org, s } = setup();
    script(s, sql);
    const r = org.execute('ACCOUNT1', { type: 'CreateUser', name: 'JSMITH', props: { loginName: 'jsmith@example.com', email: 'jsmith@example.com' } }, { role });
    expect('type' in r).toBe(false);
    const users = objects(ok(s, 'show users'));
    expect(users.find((u) => u.name === 'JSMITH')).toMatchObject({ owner: role, login_name: 'JSMITH@EXAMPLE.COM', email: 'jsmith@example.com' });
  });
});

describe('runbook text forms', () => {
  it('runs the upper-case, indented variant of spec §6.3', () => {
    const { s } = setup();
    const results = script(s, OKTA_UPPER);
    expect(results).toHaveLength(6);
    expect(column(ok(s, 'SHOW INTEGRATIONS'), 'type')).toEqual(['SCIM - OKTA']);
  });

  it('runs statements one at a time without semicolons, with comments and in mixed case', () => {
    const { s } = setup();
    const statements = [
      '-- set up the provisioner\nUSE ROLE AccountAdmin',
      'Create Role If Not Exists Okta_Provisioner /* the SCIM role */',
      'GRANT create user ON account TO ROLE okta_provisioner',
      '/* leading */ grant CREATE ROLE on ACCOUNT to role OKTA_PROVISIONER -- trailing',
      'Grant Role okta_provisioner To Role accountadmin',
      "CREATE OR REPLACE SECURITY INTEGRATION Okta_Provisioning TYPE = Scim SCIM_CLIENT = 'OKTA' RUN_AS_ROLE = 'OKTA_PROVISIONER' -- done",
      "Select System$Generate_Scim_Access_Token('OKTA_PROVISIONING')",
    ];
    for (const st of statements) ok(s, st);
    expect(column(ok(s, 'show integrations'), 'name')).toEqual(['OKTA_PROVISIONING']);
    // A script that is only a comment has no statement.
    expect(s.execute('-- nothing here\n/* or here */')).toEqual([]);
  });

  it('accepts the whole Okta runbook twice (IF NOT EXISTS, OR REPLACE) with the documented statuses', () => {
    const { s } = setup();
    script(s, OKTA);
    const again = script(s, OKTA);
    expect(isResultSet(again[1]!.result) && again[1]!.result.rows[0]![0]).toBe('OKTA_PROVISIONER already exists, statement succeeded.');
    expect(isResultSet(again[5]!.result) && again[5]!.result.rows[0]![0]).toBe('Integration OKTA_PROVISIONING successfully created.');
  });

  it('runs the audit query of the SCIM support page after a USE of a database that snowglobe does not model', () => {
    const { org, s } = setup();
    script(s, OKTA);
    org.advance('1 minute');
    org.execute(
      'ACCOUNT1',
      {
        type: 'RecordScimRequest',
        request: { endpoint: 'scim/v2/Users', method: 'POST', status: '201', errorCode: null, details: '{}', clientIp: '10.0.0.1', actorName: 'OKTA_PROVISIONER', actorDomain: 'OKTA_PROVISIONING', resourceName: 'JSMITH', resourceDomain: 'user' },
      },
      { role: 'OKTA_PROVISIONER' },
    );
    const results = script(s, AUDIT);
    const r = results[3]!.result;
    if (!isResultSet(r)) throw new Error('no rows');
    expect(objects(r)).toEqual([
      {
        EVENT_TIMESTAMP: org.now,
        EVENT_ID: org.account('ACCOUNT1')!.seq,
        EVENT_TYPE: 'SCIM',
        ENDPOINT: 'scim/v2/Users',
        METHOD: 'POST',
        STATUS: '201',
        ERROR_CODE: null,
        DETAILS: '{}',
        CLIENT_IP: '10.0.0.1',
        ACTOR_NAME: 'OKTA_PROVISIONER',
        ACTOR_DOMAIN: 'OKTA_PROVISIONING',
        RESOURCE_NAME: 'JSMITH',
        RESOURCE_DOMAIN: 'user',
      },
    ]);
    expect(s.database).toBe('DEMO_DB');
    expect(s.schema).toBe('INFORMATION_SCHEMA');
  });

  it('brings an existing user under Okta management (GRANT OWNERSHIP ... TO ROLE okta_provisioner)', () => {
    const { s } = setup();
    script(s, OKTA);
    script(s, "create user jdoe login_name = 'jdoe@example.com'; use role accountadmin; grant ownership on user jdoe to role okta_provisioner;");
    expect(objects(ok(s, 'show users like \'jdoe\''))[0]).toMatchObject({ owner: 'OKTA_PROVISIONER' });
    const on = objects(ok(s, 'show grants on user jdoe'));
    expect(on).toEqual([
      expect.objectContaining({ privilege: 'OWNERSHIP', granted_on: 'USER', name: 'JDOE', granted_to: 'ROLE', grantee_name: 'OKTA_PROVISIONER', grant_option: 'true' }),
    ]);
  });

  it('attaches and detaches a SCIM network policy (Okta doc §Managing SCIM network policies)', () => {
    const { s } = setup();
    script(s, OKTA);
    script(
      s,
      `create network policy okta_scim_np allowed_ip_list = ('203.0.113.0/24');
       alter security integration okta_provisioning set network_policy = okta_scim_np;`,
    );
    expect(desc(ok(s, 'desc integration okta_provisioning')).get('NETWORK_POLICY')!.property_value).toBe('OKTA_SCIM_NP');
    script(s, 'alter security integration okta_provisioning unset network_policy;');
    expect(desc(ok(s, 'desc integration okta_provisioning')).get('NETWORK_POLICY')!.property_value).toBe('');
  });
});
