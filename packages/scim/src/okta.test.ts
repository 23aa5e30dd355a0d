/**
 * What Okta sends: the SCIM 2.0 SPEC test sequence Okta's validator runs against an app
 * (list with count=1, GET by id, filter miss, create with application/json, duplicate 409, 404 and
 * 401 bodies with `status` as a string), and the Snowflake OIN app's provisioning lifecycle
 * (spec §4.3, §10), asserting both the SCIM answers and the Snowflake state they leave.
 */
import { describe, expect, it } from 'vitest';
import { findRole, shKeys } from '@snowglobe/core';
import { ERROR_URN, LIST_RESPONSE_URN } from './protocol/index.ts';
import { fixture, restEvents } from './test-support.ts';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const OKTA_HEADERS = { 'content-type': 'application/json', 'user-agent': 'Okta SCIM Client 1.0.0' };

/** Okta's create body (spec §4.3). */
function oktaUser(login: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [CORE],
    userName: login,
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: login, type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
    ...extra,
  };
}

describe('Okta SCIM 2.0 SPEC test sequence', () => {
  it('passes every step Okta checks', async () => {
    const f = fixture();
    // The app has users before the test starts.
    for (const login of ['seed.one@atko.com', 'seed.two@atko.com']) {
      expect((await f.call('POST', '/Users', { body: oktaUser(login), headers: OKTA_HEADERS })).status).toBe(201);
    }

    // 1. GET /Users?count=1&startIndex=1: a ListResponse with integer paging numbers.
    const list = await f.json('GET', '/Users?count=1&startIndex=1', { headers: OKTA_HEADERS });
    expect(list.status).toBe(200);
    expect(list.response.headers.get('content-type')).toBe('application/scim+json');
    expect(list.body).toMatchObject({ schemas: [LIST_RESPONSE_URN], startIndex: 1, itemsPerPage: 1 });
    const resources = list.body?.Resources as Record<string, unknown>[];
    expect(resources).toHaveLength(1);
    // Snowflake's quirk: more pages follow, so totalResults = startIndex + count.
    expect(list.body?.totalResults).toBe(2);
    const first = resources[0]!;
    expect(typeof first.id).toBe('string');
    expect(first.userName).toBe('SEED.ONE@ATKO.COM');

    // 2. GET /Users/{id} of that user.
    const byId = await f.json('GET', `/Users/${String(first.id)}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: first.id, userName: 'SEED.ONE@ATKO.COM', active: true });

    // 3. A filter that matches nobody: 200, totalResults 0, empty Resources.
    const miss = await f.json('GET', `/Users?filter=${encodeURIComponent('userName eq "f9b3c2e1@atko.com"')}&startIndex=1&count=100`);
    expect(miss.status).toBe(200);
    expect(miss.body).toMatchObject({ totalResults: 0, Resources: [] });

    // 4. Create with Content-Type application/json.
    const created = await f.json('POST', '/Users', { body: oktaUser('f9b3c2e1@atko.com'), headers: OKTA_HEADERS });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: 'F9B3C2E1@ATKO.COM', active: true, externalId: '00ujl29u0le5T6Aj10h7' });
    expect(created.body).not.toHaveProperty('password');
    const id = String(created.body?.id);

    // 5. The new user reads back.
    expect((await f.json('GET', `/Users/${id}`)).body).toMatchObject({ id, name: { givenName: 'Test', familyName: 'User' } });

    // 6. The same user again: 409 with a SCIM error body.
    const dup = await f.json('POST', '/Users', { body: oktaUser('f9b3c2e1@atko.com'), headers: OKTA_HEADERS });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ schemas: [ERROR_URN], status: '409', detail: 'User exists with given userName and/or enterprise:user.snowflakeUserName' });

    // 7. An unknown id: 404, status as a string.
    const missing = await f.json('GET', '/Users/010101010101010101010');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR_URN], status: '404' });
    expect(typeof missing.body?.detail).toBe('string');

    // 8. A bad token: 401, status as a string.
    const unauthorized = await f.json('GET', '/Users?count=1', { token: 'not-a-token' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toMatchObject({ schemas: [ERROR_URN], status: '401' });
    expect(unauthorized.response.headers.get('www-authenticate')).toBe('Bearer');

    // Every request is a REST_EVENT_HISTORY row, the failures included.
    const rows = restEvents(f.org);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.status)).toEqual(['201', '201', '200', '200', '200', '201', '200', '409', '404', '401']);
  });
});

describe('Okta provisioning lifecycle (Snowflake OIN app)', () => {
  it('create, profile update, deactivate, reactivate, group push, membership, rename, delete', async () => {
    const f = fixture();
    const state = () => f.org.requireAccount('ACCOUNT1').state;
    const provisioner = findRole(state(), { name: 'OKTA_PROVISIONER' })!;

    // Assign: "user exists?" then create, with the enterprise extension for mapped custom attributes.
    expect((await f.json('GET', `/Users?filter=${encodeURIComponent('userName eq "jane.doe@example.com"')}&startIndex=1&count=100`)).body).toMatchObject({
      totalResults: 0,
    });
    const created = await f.json('POST', '/Users', {
      body: oktaUser('jane.doe@example.com', {
        schemas: [CORE, ENTERPRISE],
        name: { givenName: 'Jane', familyName: 'Doe' },
        displayName: 'Jane Doe',
        [ENTERPRISE]: { defaultRole: 'ANALYST', defaultWarehouse: 'COMPUTE_WH', defaultSecondaryRoles: 'ALL' },
      }),
      headers: OKTA_HEADERS,
    });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    let user = f.user(id)!;
    expect(user).toMatchObject({
      name: 'JANE.DOE@EXAMPLE.COM',
      loginName: 'JANE.DOE@EXAMPLE.COM',
      firstName: 'Jane',
      lastName: 'Doe',
      displayName: 'Jane Doe',
      email: 'jane.doe@example.com',
      disabled: false,
      defaultRole: 'ANALYST',
      defaultWarehouse: 'COMPUTE_WH',
      defaultSecondaryRoles: ['ALL'],
      type: 'PERSON',
      owner: provisioner.id,
      scim: { externalId: '00ujl29u0le5T6Aj10h7', namespace: 'enterprise' },
    });
    // The Okta integration has SYNC_PASSWORD = TRUE: the password is stored, as a hash only.
    expect(user.passwordHash).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body?.[ENTERPRISE]).toEqual({ defaultRole: 'ANALYST', defaultWarehouse: 'COMPUTE_WH' });

    // Profile update: GET by id, then PUT the modified full body (including id and meta).
    const current = (await f.json('GET', `/Users/${id}`)).body!;
    const put = await f.json('PUT', `/Users/${id}`, {
      body: { ...current, name: { givenName: 'Jane', familyName: 'Smith' }, emails: [{ primary: true, value: 'jane.smith@example.com', type: 'work' }] },
    });
    expect(put.status).toBe(200);
    user = f.user(id)!;
    expect(user).toMatchObject({ lastName: 'Smith', email: 'jane.smith@example.com', displayName: 'Jane Doe', defaultRole: 'ANALYST' });

    // Deactivate, reactivate.
    const deactivate = await f.json('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] } });
    expect(deactivate.status).toBe(200);
    expect(deactivate.body).toMatchObject({ active: false });
    expect(f.user(id)!.disabled).toBe(true);
    await f.call('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] } });
    expect(f.user(id)!.disabled).toBe(false);

    // Group push.
    const group = await f.json('POST', '/Groups', { body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'okta_role1', members: [] } });
    expect(group.status).toBe(201);
    const gid = String(group.body?.id);
    expect(f.roleNamed('okta_role1')).toMatchObject({ id: gid, owner: provisioner.id });

    // Membership: Okta sends the rename (same name, with id) along with every membership change.
    const add = await f.json('PATCH', `/Groups/${gid}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', value: { id: gid, displayName: 'okta_role1' } },
          { op: 'add', path: 'members', value: [{ value: id, display: 'jane.doe@example.com' }] },
        ],
      },
    });
    // 200 with the group: the integration's SCIM_CLIENT is OKTA (spec §3.2).
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ id: gid, members: [{ value: id, display: 'JANE.DOE@EXAMPLE.COM' }] });
    expect([...shKeys(f.roleNamed('okta_role1')!.users)]).toEqual([id]);
    expect(f.user(id)!.roles.map((g) => g.role)).toEqual([gid]);
    expect((await f.json('GET', `/Users/${id}`)).body?.groups).toEqual([{ value: gid, display: 'okta_role1' }]);

    const remove = await f.json('PATCH', `/Groups/${gid}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', value: { id: gid, displayName: 'okta_role1' } },
          { op: 'remove', path: `members[value eq "${id}"]` },
        ],
      },
    });
    expect(remove.status).toBe(200);
    expect(f.roleNamed('okta_role1')!.users.size).toBe(0);

    // Rename.
    const rename = await f.json('PATCH', `/Groups/${gid}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: gid, displayName: 'okta_role_renamed' } }] } });
    expect(rename.body).toMatchObject({ displayName: 'okta_role_renamed' });
    expect(f.roleNamed('okta_role1')).toBeUndefined();
    expect(f.roleNamed('okta_role_renamed')?.id).toBe(gid);

    // Unlink with delete.
    expect((await f.call('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect(findRole(state(), { id: gid })).toBeUndefined();
    expect((await f.call('GET', `/Groups/${gid}`)).status).toBe(404);

    // Okta never deletes users, but the endpoint drops them.
    expect((await f.call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect(f.user(id)).toBeUndefined();

    const rows = restEvents(f.org);
    expect(rows.every((r) => r.actorName === 'OKTA_PROVISIONER' && r.actorDomain === 'OKTA_PROVISIONING')).toBe(true);
    expect(rows.find((r) => r.method === 'POST' && r.endpoint === 'scim/v2/Users')).toMatchObject({
      status: '201',
      details: JSON.stringify({ id }),
      resourceName: 'JANE.DOE@EXAMPLE.COM',
      resourceDomain: 'user',
    });
    expect(rows.at(-1)).toMatchObject({ endpoint: `scim/v2/Users/${id}`, method: 'DELETE', status: '204' });
  });

  it('answers the Okta "Conflict" case: an existing user not owned by the provisioner is invisible, POST is 409', async () => {
    const f = fixture();
    f.org.execute('ACCOUNT1', { type: 'CreateUser', name: 'JOHN@EXAMPLE.COM', props: {} }, { role: 'ACCOUNTADMIN', user: 'ADMIN' });
    const lookup = await f.json('GET', `/Users?filter=${encodeURIComponent('userName eq "john@example.com"')}`);
    expect(lookup.body).toMatchObject({ totalResults: 0 });
    const post = await f.json('POST', '/Users', { body: oktaUser('john@example.com') });
    expect(post.status).toBe(409);
    // The fix Okta's KB gives: GRANT OWNERSHIP ON USER ... TO ROLE OKTA_PROVISIONER.
    f.org.execute(
      'ACCOUNT1',
      { type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'JOHN@EXAMPLE.COM' } }, to: { name: 'OKTA_PROVISIONER' } },
      { role: 'ACCOUNTADMIN', user: 'ADMIN' },
    );
    const found = await f.json('GET', `/Users?filter=${encodeURIComponent('userName eq "john@example.com"')}`);
    expect(found.body).toMatchObject({ totalResults: 1 });
  });
});
