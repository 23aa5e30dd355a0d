/**
 * Failover groups and connections, driven by the replication runbook of
 * spec/snowflake-replication.md §6.3 (Okta SCIM integration replicated to a second account).
 */
import { createOrganization } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, describe as desc, driver, err, names, objects, ok, script, status } from '../test-util.ts';

/** Organization `example` with a source account (admin ADMIN) and an empty target in another region. */
function twoAccounts() {
  const org = createOrganization({
    name: 'example',
    seed: 3,
    accounts: [
      { name: 'northamericawest', admin: 'ADMIN', region: 'AWS_US_WEST_2' },
      { name: 'northamericaeast', region: 'AWS_US_EAST_1' },
    ],
  });
  return { org, s: createSession(org) };
}

const SOURCE = String.raw`CREATE ROLE IF NOT EXISTS okta_provisioner;
GRANT CREATE USER ON ACCOUNT TO ROLE okta_provisioner;
GRANT CREATE ROLE ON ACCOUNT TO ROLE okta_provisioner;
GRANT ROLE okta_provisioner TO ROLE ACCOUNTADMIN;
CREATE OR REPLACE SECURITY INTEGRATION okta_provisioning
  TYPE = scim  SCIM_CLIENT = 'okta'  RUN_AS_ROLE = 'OKTA_PROVISIONER';
SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('OKTA_PROVISIONING');
CREATE USER jsmith;
CREATE CONNECTION global;
ALTER CONNECTION global ENABLE FAILOVER TO ACCOUNTS example.northamericaeast;
CREATE FAILOVER GROUP FG OBJECT_TYPES = users, roles, warehouses, resource monitors, integrations ALLOWED_INTEGRATION_TYPES = security integrations ALLOWED_ACCOUNTS = example.northamericaeast REPLICATION_SCHEDULE = '10 MINUTE';`;

const TARGET = String.raw`USE ACCOUNT example.northamericaeast;
CREATE CONNECTION global AS REPLICA OF example.northamericawest.global;
CREATE FAILOVER GROUP fg AS REPLICA OF example.northamericawest.fg;`;

describe('failover groups (spec/snowflake-replication.md §6.3)', () => {
  it('replicates the SCIM setup to the target and reports it in SHOW', () => {
    const { org, s } = twoAccounts();
    script(s, SOURCE);
    const results = script(s, TARGET);
    expect(results.map((r) => ('columns' in r.result ? r.result.rows[0]![0] : null))).toEqual([
      expect.stringMatching(/^Session now uses account EXAMPLE\.NORTHAMERICAEAST/),
      'Connection GLOBAL successfully created.',
      'Failover group FG successfully created.',
    ]);
    expect([s.account, s.user, s.role]).toEqual(['NORTHAMERICAEAST', null, 'ACCOUNTADMIN']);
    expect(column(ok(s, 'show users'), 'name')).toEqual(['ADMIN', 'JSMITH']);
    expect(objects(ok(s, 'show integrations'))).toMatchObject([{ name: 'OKTA_PROVISIONING', type: 'SCIM - OKTA' }]);
    const west = org.account('northamericawest')!.state.integrations.values().next().value!;
    expect(desc(ok(s, 'desc integration okta_provisioning')).get('SCIM_ENDPOINT_ID')!.property_value).toBe(west.props.kind === 'SCIM' ? west.props.scimEndpointId : '');
    const history = objects(ok(s, "select phase_name, job_uuid, error from table(information_schema.replication_group_refresh_history('fg'))"));
    expect(history.map((h) => [h.PHASE_NAME, h.ERROR])).toEqual([['COMPLETED', null]]);

    const groups = ok(s, 'show failover groups');
    expect(names(groups)).toEqual([
      'snowflake_region', 'created_on', 'account_name', 'name', 'type', 'comment', 'is_primary', 'primary', 'object_types', 'allowed_integration_types',
      'allowed_accounts', 'organization_name', 'account_locator', 'replication_schedule', 'secondary_state', 'next_scheduled_refresh', 'owner',
      'is_listing_auto_fulfillment_group', 'is_optimized_refresh_enabled',
    ]);
    expect(objects(groups).map((g) => [g.account_name, g.is_primary, g.primary, g.object_types, g.allowed_integration_types, g.allowed_accounts, g.secondary_state])).toEqual([
      ['NORTHAMERICAEAST', false, 'EXAMPLE.NORTHAMERICAWEST.FG', '', '', '', 'STARTED'],
      ['NORTHAMERICAWEST', true, 'EXAMPLE.NORTHAMERICAWEST.FG', 'INTEGRATIONS, RESOURCE MONITORS, ROLES, USERS, WAREHOUSES', 'SECURITY', 'EXAMPLE.NORTHAMERICAWEST, EXAMPLE.NORTHAMERICAEAST', null],
    ]);
    expect(names(ok(s, 'show replication groups')).includes('is_optimized_refresh_enabled')).toBe(false);

    const conns = objects(ok(s, 'show connections'));
    expect(conns.map((c) => [c.account_name, c.is_primary, c.primary, c.connection_url])).toEqual([
      ['EXAMPLE.NORTHAMERICAEAST', 'false', 'EXAMPLE.NORTHAMERICAWEST.GLOBAL', 'example-global.snowflakecomputing.com'],
      ['EXAMPLE.NORTHAMERICAWEST', 'true', 'EXAMPLE.NORTHAMERICAWEST.GLOBAL', 'example-global.snowflakecomputing.com'],
    ]);
    expect(column(ok(s, "show replication accounts like 'north%'"), 'account_name')).toEqual(['NORTHAMERICAEAST', 'NORTHAMERICAWEST']);
  });

  it('secondaries are read-only; REFRESH brings new users; the clock runs the schedule', () => {
    const { org, s } = twoAccounts();
    script(s, SOURCE);
    script(s, TARGET);
    expect(err(s, 'create user local_user').code).toBe('003140');
    script(s, 'use account example.northamericawest; create user new_hire;');
    script(s, 'use account example.northamericaeast;');
    expect(column(ok(s, "show users like 'new%'"), 'name')).toEqual([]);
    expect(status(s, 'ALTER FAILOVER GROUP fg REFRESH')).toBe('Statement executed successfully.');
    expect(column(ok(s, "show users like 'new%'"), 'name')).toEqual(['NEW_HIRE']);
    script(s, 'use account example.northamericawest; create user later;');
    ok(s, "alter simulation advance clock by '11 minutes'");
    script(s, 'use account example.northamericaeast;');
    expect(column(ok(s, "show users like 'later'"), 'name')).toEqual(['LATER']);
    expect(org.account('northamericaeast')!.state.failoverGroups.values().next().value!.refreshes.length).toBe(3);
  });

  it('fails over during an outage, moves the connection, and reports the lost writes (simulator function)', () => {
    const { s } = twoAccounts();
    script(s, SOURCE);
    script(s, TARGET);
    script(s, 'use account example.northamericawest; create user lost_one; alter simulation set account example.northamericawest available = false;');
    expect(err(s, 'show users').code).toBe('250001');
    script(s, 'use account example.northamericaeast; ALTER FAILOVER GROUP fg PRIMARY; ALTER CONNECTION global PRIMARY;');
    ok(s, 'create user after_failover');
    const lost = JSON.parse(String(ok(s, "select system$snowglobe_lost_writes('fg')").rows[0]![0])) as { account: string; type: string; event: { user: { name: string } } }[];
    expect(lost.map((w) => [w.account, w.type, w.event.user.name])).toEqual([['NORTHAMERICAWEST', 'UserCreated', 'LOST_ONE']]);
    expect(objects(ok(s, 'show connections')).map((c) => [c.account_name, c.is_primary])).toEqual([
      ['EXAMPLE.NORTHAMERICAEAST', 'true'],
      ['EXAMPLE.NORTHAMERICAWEST', 'false'],
    ]);
    // Failback: the old primary comes back, refreshes (discarding its lost write) and is promoted again.
    script(
      s,
      `alter simulation set account example.northamericawest available = true;
       use account example.northamericawest;
       ALTER FAILOVER GROUP fg REFRESH;`,
    );
    expect(column(ok(s, "show users like '%_one'"), 'name')).toEqual([]);
    expect(column(ok(s, "show users like 'after%'"), 'name')).toEqual(['AFTER_FAILOVER']);
    script(s, 'ALTER FAILOVER GROUP fg PRIMARY; ALTER CONNECTION global PRIMARY; use account example.northamericaeast; ALTER FAILOVER GROUP fg RESUME;');
    expect(objects(ok(s, 'show failover groups')).find((g) => g.account_name === 'NORTHAMERICAWEST')!.is_primary).toBe(true);
  });

  it('refuses what the docs refuse, with the texts core gives', () => {
    const { org, s } = twoAccounts();
    script(s, SOURCE);
    const before = org.account('northamericawest')!.seq;
    expect(driver(err(s, 'create failover group fg2 object_types = users, roles allowed_accounts = example.nosuch'))).toBe(
      "002003 (02000): SQL compilation error:\nAccount 'EXAMPLE.NOSUCH' does not exist or not authorized.",
    );
    expect(driver(err(s, 'alter failover group fg add demo_db to allowed_databases'))).toBe("002003 (02000): SQL compilation error:\nDatabase 'DEMO_DB' does not exist or not authorized.");
    expect(driver(err(s, 'alter failover group nosuch refresh'))).toBe("002003 (02000): SQL compilation error:\nFailover group 'NOSUCH' does not exist or not authorized.");
    expect(status(s, 'alter failover group if exists nosuch resume')).toBe('Statement executed successfully.');
    expect(err(s, 'alter failover group fg set optimized_refresh = true').code).toBe('002040');
    expect(err(s, "alter failover group fg set colour = 'red'").code).toBe('001420');
    expect(driver(err(s, 'alter failover group fg refresh'))).toBe(
      "003128 (55000): SQL execution error: Failover group 'FG' is a primary. ALTER FAILOVER GROUP ... REFRESH can only be run on a secondary, in a target account.",
    );
    expect(driver(err(s, 'alter connection global enable failover to accounts example.northamericawest'))).toBe(
      '003813 (23001): The connection cannot be failed over to an account in the same region',
    );
    expect(org.account('northamericawest')!.seq).toBe(before);
    script(s, TARGET);
    script(s, 'use account example.northamericawest;');
    expect(driver(err(s, 'drop failover group fg'))).toBe(
      "003130 (55000): SQL execution error: Cannot drop primary failover group 'FG' because it has secondary groups in account(s) EXAMPLE.NORTHAMERICAEAST. Drop the secondary groups first, or promote a secondary and then drop this group.",
    );
    expect(status(s, 'drop failover group if exists nosuch')).toBe('Drop statement executed successfully (NOSUCH already dropped).');
  });

  it('creates, alters and drops replication groups and connections with their status texts', () => {
    const { s } = twoAccounts();
    expect(status(s, 'create replication group rg object_types = roles allowed_accounts = example.northamericaeast')).toBe('Replication group RG successfully created.');
    expect(status(s, "alter replication group rg set comment = 'c' replication_schedule = '5 MINUTE'")).toBe('Statement executed successfully.');
    expect(objects(ok(s, 'show replication groups'))[0]).toMatchObject({ name: 'RG', type: 'REPLICATION', comment: 'c', replication_schedule: '5 MINUTE' });
    expect(ok(s, 'show failover groups').rows).toEqual([]);
    expect(status(s, 'alter replication group rg unset comment')).toBe('Statement executed successfully.');
    expect(status(s, 'drop replication group rg')).toBe('RG successfully dropped.');
    expect(status(s, "create connection c2 comment = 'x'")).toBe('Connection C2 successfully created.');
    expect(status(s, 'create connection if not exists c2')).toBe('C2 already exists, statement succeeded.');
    expect(status(s, "alter connection c2 set comment = 'y'")).toBe('Statement executed successfully.');
    expect(status(s, 'alter connection c2 disable failover')).toBe('Statement executed successfully.');
    expect(status(s, 'drop connection c2')).toBe('C2 successfully dropped.');
    expect(status(s, 'drop connection if exists c2')).toBe('Drop statement executed successfully (C2 already dropped).');
  });

  it('links pre-existing target objects by name (SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME)', () => {
    const org = createOrganization({
      name: 'example',
      accounts: [
        { name: 'west', admin: 'ADMIN', region: 'AWS_US_WEST_2' },
        { name: 'east', admin: 'ADMIN', region: 'AWS_US_EAST_1' },
      ],
    });
    const s = createSession(org);
    script(s, 'create failover group fg object_types = users, roles allowed_accounts = example.east; use account example.east;');
    // The same-named ADMIN user makes the first refresh fail until it is linked.
    ok(s, 'create failover group fg as replica of example.west.fg');
    expect(objects(ok(s, "select phase_name from table(replication_group_refresh_history('FG'))")).map((r) => r.PHASE_NAME)).toEqual(['FAILED']);
    expect(ok(s, "select system$link_account_objects_by_name('fg')").rows).toEqual([['Linked 1 account object(s): USER ADMIN.']]);
    ok(s, 'alter failover group fg refresh');
    expect(column(ok(s, "select phase_name from table(information_schema.replication_group_refresh_history('fg')) order by start_time"), 'PHASE_NAME')).toEqual(['FAILED', 'COMPLETED']);
    expect(ok(s, "select phase_name from table(information_schema.replication_group_refresh_progress('fg'))").rows.at(-1)).toEqual(['COMPLETED']);
  });
});
