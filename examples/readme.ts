/**
 * The README's example, runnable: `npx tsx examples/readme.ts`.
 * Snowflake's documented Okta SCIM setup through SQL, then the POST Okta would send.
 */
import { createOrganization } from '@snowglobe/core';
import { createSession } from '@snowglobe/sql';
import { createScimHandler } from '@snowglobe/scim';

const org = createOrganization({ seed: 1, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
const sql = createSession(org, { account: 'ACCOUNT1', user: 'ADMIN', role: 'ACCOUNTADMIN' });

// Snowflake's documented Okta SCIM setup, pasted verbatim.
const results = sql.execute(`
  create role if not exists okta_provisioner;
  grant create user on account to role okta_provisioner;
  grant create role on account to role okta_provisioner;
  grant role okta_provisioner to role accountadmin;
  create or replace security integration okta_provisioning
    type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER';
  select system$generate_scim_access_token('OKTA_PROVISIONING');
`);
const last = results.at(-1)!.result;
const token = 'rows' in last ? String(last.rows[0]![0]) : '';

// What Okta would send.
const scim = createScimHandler(org);
const response = await scim(
  new Request('https://myorg-account1.snowflakecomputing.com/scim/v2/Users', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'alice@example.com', active: true }),
  }),
);
console.log(response.status); // 201

const show = sql.execute('show users')[0]!.result;
if ('rows' in show) {
  const owner = show.columns.findIndex((c) => c.name === 'owner');
  for (const row of show.rows) console.log(`${String(row[0])} owned by ${String(row[owner])}`);
}
// ADMIN owned by ACCOUNTADMIN
// ALICE@EXAMPLE.COM owned by OKTA_PROVISIONER
