/**
 * Snowflake's procedure "Replicating SCIM security integrations" (shared/seeds excerpt and
 * spec/snowflake-replication.md §6.3), run as written: SQL in the source and target accounts, Okta
 * traffic through the connection URL, REFRESH, PRIMARY on group and connection, SCIM continuing on
 * the new primary with the same token, then failback.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization } from '@snowglobe/core';
import { createSession, type ResultSet, type Session } from '@snowglobe/sql';
import { createScimHandler } from '@snowglobe/scim';

const org = createOrganization({
  name: 'EXAMPLE',
  seed: 11,
  accounts: [
    { name: 'NORTHAMERICAWEST', region: 'AWS_US_WEST_2', admin: 'ADMIN' },
    { name: 'NORTHAMERICAEAST', region: 'AWS_US_EAST_1', admin: 'ADMIN' },
  ],
});
const source = createSession(org, { account: 'NORTHAMERICAWEST', user: 'ADMIN', role: 'ACCOUNTADMIN' });
const target = createSession(org, { account: 'NORTHAMERICAEAST', user: 'ADMIN', role: 'ACCOUNTADMIN' });
const scim = createScimHandler(org);
let token = '';

/** Runs a script; every statement must succeed. Returns the last result set. */
function run(session: Session, script: string): ResultSet {
  const results = session.execute(script);
  for (const r of results) if (!('rows' in r.result)) throw new Error(`${r.statement}: ${r.result.message}`);
  return results.at(-1)!.result as ResultSet;
}
const names = (session: Session, show: string) => run(session, show).rows.map((r) => String(r[1 - 1]));
const userNames = (session: Session) => names(session, 'SHOW USERS');
const integrationNames = (session: Session) => names(session, 'SHOW INTEGRATIONS');

/** Okta creating a user through the connection URL, as configured per the newest docs. */
function oktaCreates(userName: string): Promise<Response> {
  return scim(
    new Request('https://example-global.snowflakecomputing.com/scim/v2/Users', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'New', familyName: 'User' }, active: true }),
    }),
  );
}

describe('Replicating SCIM security integrations, as documented', () => {
  it('source account: SCIM integration, token, connection and failover group', () => {
    run(source, `
      CREATE ROLE IF NOT EXISTS okta_provisioner;
      GRANT CREATE USER ON ACCOUNT TO ROLE okta_provisioner;
      GRANT CREATE ROLE ON ACCOUNT TO ROLE okta_provisioner;
      GRANT ROLE okta_provisioner TO ROLE ACCOUNTADMIN;
      CREATE OR REPLACE SECURITY INTEGRATION okta_provisioning
        TYPE = scim  SCIM_CLIENT = 'okta'  RUN_AS_ROLE = 'OKTA_PROVISIONER';`);
    token = String(run(source, "SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('OKTA_PROVISIONING');").rows[0]![0]);
    expect(token.length).toBeGreaterThan(20);
    run(source, `
      CREATE CONNECTION global;
      ALTER CONNECTION global ENABLE FAILOVER TO ACCOUNTS example.northamericaeast;
      CREATE FAILOVER GROUP FG OBJECT_TYPES = users, roles, warehouses, resource monitors, integrations
        ALLOWED_INTEGRATION_TYPES = security integrations ALLOWED_ACCOUNTS = example.northamericaeast
        REPLICATION_SCHEDULE = '10 MINUTE';`);
    const connections = run(source, 'SHOW CONNECTIONS');
    const url = connections.columns.findIndex((c) => c.name === 'connection_url');
    expect(connections.rows[0]![url]).toBe('example-global.snowflakecomputing.com');
  });

  it('target account: the secondary connection and group; the initial refresh brings the integration', () => {
    expect(userNames(target)).toEqual(['ADMIN']);
    expect(integrationNames(target)).toEqual([]);
    run(target, 'CREATE CONNECTION global AS REPLICA OF example.northamericawest.global;');
    // Both accounts have a user ADMIN made outside replication: link it, as the docs advise,
    // before the first refresh that brings USERS (spec §4.3).
    // The secondary group is created, but its automatic initial refresh fails on the ADMIN name
    // clash (the procedure's own warning, spec §4.3); linking by name and refreshing resolves it.
    const created = target.execute('CREATE FAILOVER GROUP fg AS REPLICA OF example.northamericawest.fg;')[0]!.result;
    expect(created).toEqual({ columns: [{ name: 'status', type: 'text' }], rows: [['Failover group FG successfully created.']] });
    expect(integrationNames(target)).toEqual([]);
    run(target, "SELECT SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME('fg'); ALTER FAILOVER GROUP fg REFRESH;");
    expect(integrationNames(target)).toEqual(['OKTA_PROVISIONING']);
    expect(userNames(target)).toEqual(['ADMIN']);
  });

  it('a user Okta creates through the connection URL reaches the target only at REFRESH', async () => {
    expect((await oktaCreates('new.user@example.com')).status).toBe(201);
    expect(userNames(source)).toContain('NEW.USER@EXAMPLE.COM');
    const before = userNames(target);
    expect(before).not.toContain('NEW.USER@EXAMPLE.COM');
    run(target, 'ALTER FAILOVER GROUP fg REFRESH;');
    const after = userNames(target);
    expect(after).toContain('NEW.USER@EXAMPLE.COM');
    expect(after.length).toBe(before.length + 1);
    // The replica is read-only: neither SQL nor SCIM may change it there.
    const refused = target.execute('CREATE USER local_only')[0]!.result;
    expect('code' in refused && refused.code).toBe('003140');
  });

  it('PRIMARY on group and connection: SCIM continues on the new primary with the same token', async () => {
    run(target, 'ALTER FAILOVER GROUP fg PRIMARY; ALTER CONNECTION global PRIMARY;');
    expect((await oktaCreates('after.failover@example.com')).status).toBe(201);
    expect(userNames(target)).toContain('AFTER.FAILOVER@EXAMPLE.COM');
    expect(userNames(source)).not.toContain('AFTER.FAILOVER@EXAMPLE.COM');
    // The old source is now the secondary: read-only.
    const refused = source.execute('CREATE USER stray')[0]!.result;
    expect('code' in refused && refused.code).toBe('003140');
  });

  it('failback: the original source refreshes, becomes primary again, and SCIM follows the connection', async () => {
    run(source, 'ALTER FAILOVER GROUP fg RESUME; ALTER FAILOVER GROUP fg REFRESH;');
    expect(userNames(source)).toContain('AFTER.FAILOVER@EXAMPLE.COM');
    run(source, 'ALTER FAILOVER GROUP fg PRIMARY; ALTER CONNECTION global PRIMARY;');
    expect((await oktaCreates('after.failback@example.com')).status).toBe(201);
    expect(userNames(source)).toContain('AFTER.FAILBACK@EXAMPLE.COM');
    run(target, 'ALTER FAILOVER GROUP fg REFRESH;');
    expect(userNames(target).sort()).toEqual(userNames(source).sort());
  });
});
