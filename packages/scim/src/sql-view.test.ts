/**
 * The Okta guide end to end, as a connector author would run it: the SQL of Snowflake's guide
 * (spec §7.4) through @snowglobe/sql, the IdP's requests through the SCIM handler, then what
 * `SHOW USERS`, `SHOW GRANTS OF ROLE` and `REST_EVENT_HISTORY` report. @snowglobe/scim does not
 * depend on @snowglobe/sql; this test imports it by relative path only.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization } from '@snowglobe/core';
import { createSession, isResultSet, type ResultSet } from '../../sql/src/index.ts';
import { createScimHandler } from './handler.ts';

function rows(result: ResultSet): Record<string, unknown>[] {
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
}

describe('SQL view of SCIM provisioning', () => {
  it('SHOW USERS, SHOW GRANTS OF ROLE and REST_EVENT_HISTORY see what the IdP did', async () => {
    const org = createOrganization({ seed: 11, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
    const sql = createSession(org);
    const run = (text: string): ResultSet => {
      const results = sql.execute(text);
      const last = results.at(-1)!.result;
      for (const r of results) if (!isResultSet(r.result)) throw new Error(`${r.statement}: ${r.result.message}`);
      return last as ResultSet;
    };
    run(`use role accountadmin;
      create role if not exists okta_provisioner;
      grant create user on account to role okta_provisioner;
      grant create role on account to role okta_provisioner;
      grant role okta_provisioner to role accountadmin;
      create or replace security integration okta_provisioning
        type = scim
        scim_client = 'okta'
        run_as_role = 'OKTA_PROVISIONER';`);
    const token = String(run("select system$generate_scim_access_token('OKTA_PROVISIONING')").rows[0]![0]);

    const scim = createScimHandler(org);
    const call = async (method: string, path: string, body?: unknown) =>
      scim(
        new Request(`https://myorg-account1.snowflakecomputing.com/scim/v2${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        }),
        { clientIp: '198.51.100.7' },
      );
    const created = await call('POST', '/Users', {
      userName: 'alice.johnson@example.com',
      name: { givenName: 'Alice', familyName: 'Johnson' },
      emails: [{ primary: true, value: 'alice.johnson@example.com' }],
      displayName: 'Alice Johnson',
      active: true,
    });
    const uid = ((await created.json()) as { id: string }).id;
    const group = await call('POST', '/Groups', { displayName: 'okta_role1', members: [{ value: uid }] });
    expect(group.status).toBe(201);
    await call('PATCH', `/Users/${uid}`, { Operations: [{ op: 'replace', value: { active: false } }] });

    const users = rows(run('show users'));
    expect(users.map((u) => u.name)).toEqual(['ADMIN', 'ALICE.JOHNSON@EXAMPLE.COM']);
    expect(users[1]).toMatchObject({
      login_name: 'ALICE.JOHNSON@EXAMPLE.COM',
      display_name: 'Alice Johnson',
      first_name: 'Alice',
      last_name: 'Johnson',
      email: 'alice.johnson@example.com',
      // SHOW USERS prints DISABLED as text.
      disabled: 'true',
      owner: 'OKTA_PROVISIONER',
    });
    const grants = rows(run('show grants of role "okta_role1"'));
    expect(grants).toMatchObject([{ role: 'okta_role1', granted_to: 'USER', grantee_name: 'ALICE.JOHNSON@EXAMPLE.COM' }]);

    const history = rows(run("select endpoint, method, status, client_ip, actor_name, actor_domain, resource_name from table(rest_event_history('scim')) order by event_id"));
    expect(history).toEqual([
      { ENDPOINT: 'scim/v2/Users', METHOD: 'POST', STATUS: '201', CLIENT_IP: '198.51.100.7', ACTOR_NAME: 'OKTA_PROVISIONER', ACTOR_DOMAIN: 'OKTA_PROVISIONING', RESOURCE_NAME: 'ALICE.JOHNSON@EXAMPLE.COM' },
      { ENDPOINT: 'scim/v2/Groups', METHOD: 'POST', STATUS: '201', CLIENT_IP: '198.51.100.7', ACTOR_NAME: 'OKTA_PROVISIONER', ACTOR_DOMAIN: 'OKTA_PROVISIONING', RESOURCE_NAME: 'okta_role1' },
      { ENDPOINT: `scim/v2/Users/${uid}`, METHOD: 'PATCH', STATUS: '200', CLIENT_IP: '198.51.100.7', ACTOR_NAME: 'OKTA_PROVISIONER', ACTOR_DOMAIN: 'OKTA_PROVISIONING', RESOURCE_NAME: 'ALICE.JOHNSON@EXAMPLE.COM' },
    ]);
  });
});
