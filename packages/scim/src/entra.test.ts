/**
 * What Microsoft Entra ID sends (spec §4.4, §10): the Snowflake gallery app's provisioning cycle,
 * and its quirks — capitalised ops, "True"/"False" strings, empty Operations, bare-string member
 * values, attribute names in another case, the non-URN ADSCIM group schema, the legacy remove
 * form — plus strict mode refusing the same requests.
 */
import { describe, expect, it } from 'vitest';
import { findRole, shKeys } from '@snowglobe/core';
import { fixture, restEvents } from './test-support.ts';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = (filter: string) => encodeURIComponent(filter);

/** Entra's create body for the Snowflake gallery mapping (spec §4.4). */
function entraUser(upn: string) {
  return {
    schemas: [CORE, ENTERPRISE],
    externalId: upn.split('@')[0],
    userName: upn,
    active: true,
    displayName: 'Adele Vance',
    emails: [{ primary: true, type: 'work', value: upn }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Adele Vance', familyName: 'Vance', givenName: 'Adele' },
    roles: [],
    [`${EXT}:type`]: 'person',
  };
}

describe('Entra provisioning cycle (Snowflake gallery app)', () => {
  it('create, update, disable, enable, group create, members add/remove, rename, delete', async () => {
    const f = fixture();
    const token = f.entra;
    const state = () => f.org.requireAccount('ACCOUNT1').state;
    const provisioner = findRole(state(), { name: 'AAD_PROVISIONER' })!;

    expect((await f.json('GET', `/Users?filter=${q('userName eq "AdeleV@contoso.com"')}`, { token })).body).toMatchObject({ totalResults: 0 });
    // Entra never sends a password; its integration has SYNC_PASSWORD = FALSE anyway.
    const created = await f.json('POST', '/Users', { token, body: entraUser('AdeleV@contoso.com') });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    expect(f.user(id)).toMatchObject({
      name: 'ADELEV@CONTOSO.COM',
      loginName: 'ADELEV@CONTOSO.COM',
      firstName: 'Adele',
      lastName: 'Vance',
      email: 'AdeleV@contoso.com',
      owner: provisioner.id,
      passwordHash: null,
      type: 'PERSON',
      scim: { externalId: 'AdeleV', namespace: 'snowflake' },
    });
    // The filter is case-insensitive on LOGIN_NAME.
    expect((await f.json('GET', `/Users?filter=${q('userName eq "adelev@CONTOSO.com"')}`, { token })).body).toMatchObject({ totalResults: 1 });

    // Update: capitalised ops, value-filter paths, the colon-separated extension path.
    const update = await f.json('PATCH', `/Users/${id}`, {
      token,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'adele.vance@contoso.com' },
          { op: 'Replace', path: 'name.familyName', value: 'Vance-Smith' },
          { op: 'Add', path: `${EXT}:defaultRole`, value: 'ANALYST' },
          { op: 'Replace', path: `${EXT}:defaultWarehouse`, value: 'WH_XS' },
          { op: 'Replace', path: `${EXT}:defaultSecondaryRoles`, value: 'NONE' },
        ],
      },
    });
    expect(update.status).toBe(200);
    expect(f.user(id)).toMatchObject({ email: 'adele.vance@contoso.com', lastName: 'Vance-Smith', defaultRole: 'ANALYST', defaultWarehouse: 'WH_XS', defaultSecondaryRoles: [] });
    // Echoed under the namespace the client used.
    expect(update.body?.[EXT]).toEqual({ defaultRole: 'ANALYST', defaultWarehouse: 'WH_XS', defaultSecondaryRoles: 'NONE' });
    expect(update.body).not.toHaveProperty(ENTERPRISE);

    // Disable with the legacy string "False", enable with "True".
    expect((await f.call('PATCH', `/Users/${id}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] } })).status).toBe(200);
    expect(f.user(id)!.disabled).toBe(true);
    expect((await f.call('PATCH', `/Users/${id}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] } })).status).toBe(200);
    expect(f.user(id)!.disabled).toBe(false);

    // Groups: lookup with excludedAttributes, create with the ADSCIM schema and an externalId.
    expect((await f.json('GET', `/Groups?excludedAttributes=members&filter=${q('displayName eq "Sales"')}`, { token })).body).toMatchObject({ totalResults: 0 });
    const group = await f.json('POST', '/Groups', { token, body: { schemas: [GROUP, ADSCIM], externalId: '8aa1a0c0-c4c3-4bc0-a4a5-2ef676900159', displayName: 'Sales', meta: { resourceType: 'Group' } } });
    expect(group.status).toBe(201);
    const gid = String(group.body?.id);
    expect(group.body).toMatchObject({ displayName: 'Sales', externalId: '8aa1a0c0-c4c3-4bc0-a4a5-2ef676900159', members: [] });
    expect(f.roleNamed('Sales')).toMatchObject({ owner: provisioner.id });
    const got = await f.json('GET', `/Groups/${gid}?excludedAttributes=members`, { token });
    expect(got.body).not.toHaveProperty('members');

    // Members: Entra expects 204 for every group PATCH (the integration is AZURE).
    const add = await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }] } });
    expect(add.status).toBe(204);
    expect(await add.text()).toBe('');
    expect([...shKeys(f.roleNamed('Sales')!.users)]).toEqual([id]);
    const remove = await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }] } });
    expect(remove.status).toBe(204);
    expect(f.roleNamed('Sales')!.users.size).toBe(0);
    // The flagged remove form.
    await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] } });
    await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] } });
    expect(f.roleNamed('Sales')!.users.size).toBe(0);

    // Rename.
    expect((await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }] } })).status).toBe(204);
    expect(f.roleNamed('Sales EMEA')?.id).toBe(gid);

    // Hard delete in Entra: DELETE both.
    expect((await f.call('DELETE', `/Groups/${gid}`, { token })).status).toBe(204);
    expect((await f.call('DELETE', `/Users/${id}`, { token })).status).toBe(204);
    expect(f.user(id)).toBeUndefined();
    expect(findRole(state(), { id: gid })).toBeUndefined();

    const rows = restEvents(f.org);
    expect(rows.every((r) => r.actorName === 'AAD_PROVISIONER' && r.actorDomain === 'AAD_PROVISIONING')).toBe(true);
    expect(rows).toHaveLength(16);
  });
});

describe('Entra quirks', () => {
  it('empty Operations is a no-op: 200 for a user, 204 for a group, nothing written', async () => {
    const f = fixture();
    const token = f.entra;
    const id = String((await f.json('POST', '/Users', { token, body: entraUser('noop@contoso.com') })).body?.id);
    const gid = String((await f.json('POST', '/Groups', { token, body: { schemas: [GROUP], displayName: 'Noop' } })).body?.id);
    const before = f.org.requireAccount('ACCOUNT1').state;
    const user = await f.json('PATCH', `/Users/${id}`, { token, body: { schemas: [PATCH_OP], Operations: [] } });
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ id });
    expect((await f.call('PATCH', `/Groups/${gid}`, { token, body: { schemas: [PATCH_OP], Operations: [] } })).status).toBe(204);
    const after = f.org.requireAccount('ACCOUNT1').state;
    expect(after.users).toBe(before.users);
    expect(after.roles).toBe(before.roles);
  });

  it('accepts bare-string member values and attribute names in another case', async () => {
    const f = fixture();
    const token = f.entra;
    const created = await f.json('POST', '/Users', {
      token,
      body: { Schemas: [CORE], UserName: 'Case@Contoso.com', Active: 'True', NAME: { GivenName: 'Casey', FAMILYNAME: 'Case' }, Emails: [{ Value: 'case@contoso.com', Primary: 'true' }] },
    });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    expect(f.user(id)).toMatchObject({ loginName: 'CASE@CONTOSO.COM', firstName: 'Casey', lastName: 'Case', email: 'case@contoso.com', disabled: false });
    const patched = await f.json('PATCH', `/Users/${id}`, {
      token,
      body: { Operations: [{ OP: 'REPLACE', Path: 'DisplayName', Value: 'Casey C.' }, { op: 'replace', value: { 'name.givenName': 'Kasey', ACTIVE: 'False' } }] },
    });
    expect(patched.status).toBe(200);
    expect(f.user(id)).toMatchObject({ displayName: 'Casey C.', firstName: 'Kasey', disabled: true });

    const gid = String((await f.json('POST', '/Groups', { token, body: { schemas: [GROUP], DisplayName: 'Bare' } })).body?.id);
    const add = await f.call('PATCH', `/Groups/${gid}`, { token, body: { Operations: [{ op: 'Add', path: 'members', value: [id] }] } });
    expect(add.status).toBe(204);
    expect([...shKeys(f.roleNamed('Bare')!.users)]).toEqual([id]);
    // A filter with the attribute in another case.
    expect((await f.json('GET', `/Users?filter=${q('USERNAME eq "case@contoso.com"')}`, { token })).body).toMatchObject({ totalResults: 1 });
  });

  it('strict mode refuses the same quirks with 400 and changes nothing', async () => {
    const f = fixture({ strict: true });
    const token = f.entra;
    const id = String((await f.json('POST', '/Users', { token, body: { schemas: [CORE], userName: 'strict@contoso.com' } })).body?.id);
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    for (const body of [
      { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'False' }] },
      { schemas: [PATCH_OP], Operations: [] },
      { Operations: [{ op: 'replace', path: 'active', value: false }] },
    ]) {
      const r = await f.json('PATCH', `/Users/${id}`, { token, body });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ status: '400' });
    }
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
    const ok = await f.call('PATCH', `/Users/${id}`, { token, body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] } });
    expect(ok.status).toBe(200);
  });

  it('an Entra UPN change breaks the link: the old userName no longer matches', async () => {
    const f = fixture();
    const token = f.entra;
    const id = String((await f.json('POST', '/Users', { token, body: entraUser('old@contoso.com') })).body?.id);
    await f.call('PATCH', `/Users/${id}`, { token, body: { Operations: [{ op: 'Replace', path: 'userName', value: 'new@contoso.com' }] } });
    // userName renames NAME and LOGIN_NAME (MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = FALSE).
    expect(f.user(id)).toMatchObject({ name: 'NEW@CONTOSO.COM', loginName: 'NEW@CONTOSO.COM' });
    expect((await f.json('GET', `/Users?filter=${q('userName eq "old@contoso.com"')}`, { token })).body).toMatchObject({ totalResults: 0 });
  });
});
