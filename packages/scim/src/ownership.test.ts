/**
 * Ownership and visibility (spec §1.3, §3.2, §7.4): SCIM sees and changes what its RUN_AS_ROLE
 * owns, directly or through a role in its hierarchy; MONITOR USER / MONITOR ROLE widen visibility
 * only; GRANT OWNERSHIP ON USER brings a user under management; an existing role cannot be adopted.
 */
import { describe, expect, it } from 'vitest';
import { findRole, type Command, shKeys } from '@snowglobe/core';
import { ADMIN, fixture } from './test-support.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = (filter: string) => encodeURIComponent(filter);

function admin(f: ReturnType<typeof fixture>, ...commands: Command[]): void {
  for (const c of commands) {
    const r = f.org.execute('ACCOUNT1', c, ADMIN);
    if ('type' in r) throw new Error(r.message);
  }
}

describe('users', () => {
  it('a user SCIM does not own is invisible: list, filter, GET, PATCH, PUT and DELETE all miss it', async () => {
    const f = fixture();
    admin(f, { type: 'CreateUser', name: 'MANUAL', props: { loginName: 'manual@example.com' } });
    const id = f.userByName('MANUAL')!.id;
    await f.call('POST', '/Users', { body: { userName: 'scim@example.com' } });
    const list = await f.json('GET', '/Users');
    expect((list.body?.Resources as { userName: string }[]).map((u) => u.userName)).toEqual(['SCIM@EXAMPLE.COM']);
    expect((await f.json('GET', `/Users?filter=${q('userName eq "manual@example.com"')}`)).body).toMatchObject({ totalResults: 0 });
    expect((await f.json('GET', `/Users?filter=${q('userName sw "m"')}`)).body).toMatchObject({ totalResults: 0 });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    expect((await f.call('GET', `/Users/${id}`)).status).toBe(404);
    expect((await f.call('PATCH', `/Users/${id}`, { body: { Operations: [{ op: 'replace', value: { active: false } }] } })).status).toBe(404);
    expect((await f.call('PUT', `/Users/${id}`, { body: { userName: 'manual@example.com' } })).status).toBe(404);
    expect((await f.call('DELETE', `/Users/${id}`)).status).toBe(404);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
  });

  it('MONITOR USER makes every user visible, but not changeable (403)', async () => {
    const f = fixture();
    admin(
      f,
      { type: 'CreateUser', name: 'MANUAL', props: { loginName: 'manual@example.com' } },
      { type: 'GrantPrivileges', privileges: ['MONITOR USER'], on: { kind: 'ACCOUNT' }, to: { name: 'OKTA_PROVISIONER' } },
    );
    const id = f.userByName('MANUAL')!.id;
    expect((await f.json('GET', `/Users?filter=${q('userName eq "MANUAL@example.com"')}`)).body).toMatchObject({ totalResults: 1 });
    expect((await f.json('GET', `/Users/${id}`)).body).toMatchObject({ id, userName: 'MANUAL@EXAMPLE.COM' });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const patch = await f.json('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] } });
    expect(patch.status).toBe(403);
    expect(String(patch.body?.detail)).toMatch(/Insufficient privileges to operate on user 'MANUAL'/);
    expect((await f.call('PUT', `/Users/${id}`, { body: { userName: 'manual@example.com' } })).status).toBe(403);
    expect((await f.call('DELETE', `/Users/${id}`)).status).toBe(403);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
  });

  it('GRANT OWNERSHIP ON USER brings a user under management; its NAME follows userName', async () => {
    const f = fixture();
    admin(
      f,
      { type: 'CreateUser', name: 'JSMITH', props: { loginName: 'john.smith@example.com' } },
      { type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'JSMITH' } }, to: { name: 'OKTA_PROVISIONER' } },
    );
    const id = f.userByName('JSMITH')!.id;
    const found = await f.json('GET', `/Users?filter=${q('userName eq "john.smith@example.com"')}`);
    expect(found.body).toMatchObject({ totalResults: 1 });
    const put = await f.json('PUT', `/Users/${id}`, { body: { userName: 'john.smith@example.com', name: { givenName: 'John', familyName: 'Smith' }, active: true } });
    expect(put.status).toBe(200);
    // "The name for existing users brought under Okta's management will be updated to match Okta's username" (spec §2.3).
    expect(f.user(id)).toMatchObject({ name: 'JOHN.SMITH@EXAMPLE.COM', loginName: 'JOHN.SMITH@EXAMPLE.COM', firstName: 'John' });
  });

  it('ownership through the hierarchy: a user owned by a role RUN_AS_ROLE inherits is managed', async () => {
    const f = fixture();
    admin(
      f,
      { type: 'CreateRole', name: 'HR_USERS' },
      { type: 'GrantRole', role: { name: 'HR_USERS' }, to: { kind: 'ROLE', ref: { name: 'OKTA_PROVISIONER' } } },
      { type: 'CreateUser', name: 'HR1', props: { loginName: 'hr1@example.com' } },
      { type: 'GrantOwnership', on: { kind: 'USER', ref: { name: 'HR1' } }, to: { name: 'HR_USERS' } },
    );
    const id = f.userByName('HR1')!.id;
    expect((await f.call('GET', `/Users/${id}`)).status).toBe(200);
    expect((await f.call('PATCH', `/Users/${id}`, { body: { Operations: [{ op: 'replace', value: { active: false } }] } })).status).toBe(200);
    expect(f.user(id)!.disabled).toBe(true);
  });

  it('two integrations do not see each other\'s users', async () => {
    const f = fixture();
    const id = String((await f.json('POST', '/Users', { body: { userName: 'okta.only@example.com' } })).body?.id);
    expect((await f.call('GET', `/Users/${id}`, { token: f.entra })).status).toBe(404);
    expect((await f.json('POST', '/Users', { token: f.entra, body: { userName: 'okta.only@example.com' } })).status).toBe(409);
  });
});

describe('groups', () => {
  it('an existing role SCIM does not own cannot be adopted: POST is 409, the role is untouched', async () => {
    const f = fixture();
    admin(f, { type: 'CreateRole', name: 'analysts' });
    const before = f.roleNamed('analysts')!;
    const r = await f.json('POST', '/Groups', { body: { displayName: 'analysts', members: [] } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(String(r.body?.detail)).toMatch(/cannot be brought under SCIM management/);
    expect(f.roleNamed('analysts')).toBe(before);
    // Invisible to lists and lookups without MONITOR ROLE.
    expect((await f.json('GET', `/Groups?filter=${q('displayName eq "analysts"')}`)).body).toMatchObject({ totalResults: 0 });
    expect((await f.call('GET', `/Groups/${before.id}`)).status).toBe(404);
  });

  it('a role SCIM created answers 409 on a second POST too', async () => {
    const f = fixture();
    expect((await f.call('POST', '/Groups', { body: { displayName: 'dup' } })).status).toBe(201);
    const again = await f.json('POST', '/Groups', { body: { displayName: 'dup' } });
    expect(again.status).toBe(409);
    expect(again.body?.detail).toBe("Group 'dup' already exists");
  });

  it('MONITOR ROLE makes every role visible (system roles too) but not changeable', async () => {
    const f = fixture();
    admin(f, { type: 'CreateRole', name: 'analysts' }, { type: 'GrantPrivileges', privileges: ['MONITOR ROLE'], on: { kind: 'ACCOUNT' }, to: { name: 'OKTA_PROVISIONER' } });
    const id = f.roleNamed('analysts')!.id;
    const names = ((await f.json('GET', '/Groups?count=1000')).body?.Resources as { displayName: string }[]).map((g) => g.displayName);
    expect(names).toEqual(expect.arrayContaining(['ACCOUNTADMIN', 'analysts', 'OKTA_PROVISIONER']));
    const before = f.org.requireAccount('ACCOUNT1').state.roles;
    expect((await f.call('PATCH', `/Groups/${id}`, { body: { Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] } })).status).toBe(403);
    expect((await f.call('DELETE', `/Groups/${id}`)).status).toBe(403);
    // A system role: core's own refusal ("Cannot modify system role"), a 400.
    const system = await f.json('DELETE', '/Groups/ACCOUNTADMIN');
    expect(system.status).toBe(400);
    expect(String(system.body?.detail)).toMatch(/Cannot modify system role ACCOUNTADMIN/);
    expect(f.org.requireAccount('ACCOUNT1').state.roles).toBe(before);
  });

  it('members must be users SCIM sees; a group id (nested group) is refused; nothing is granted on failure', async () => {
    const f = fixture();
    admin(f, { type: 'CreateUser', name: 'MANUAL', props: {} });
    const manual = f.userByName('MANUAL')!.id;
    const mine = String((await f.json('POST', '/Users', { body: { userName: 'mine@example.com' } })).body?.id);
    const gid = String((await f.json('POST', '/Groups', { body: { displayName: 'team' } })).body?.id);
    const other = String((await f.json('POST', '/Groups', { body: { displayName: 'other' } })).body?.id);
    const before = f.org.requireAccount('ACCOUNT1').state.roles;
    for (const value of [manual, other, 'no-such-id']) {
      const r = await f.json('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'add', path: 'members', value: [{ value: mine }, { value }] }] } });
      expect(r.status, value).toBe(400);
    }
    expect(f.org.requireAccount('ACCOUNT1').state.roles).toBe(before);
    // POST with members validates them before CREATE ROLE.
    expect((await f.call('POST', '/Groups', { body: { displayName: 'team2', members: [{ value: manual }] } })).status).toBe(400);
    expect(f.roleNamed('team2')).toBeUndefined();
    // With MONITOR USER the manual user is visible, and a role SCIM owns can be granted to it.
    admin(f, { type: 'GrantPrivileges', privileges: ['MONITOR USER'], on: { kind: 'ACCOUNT' }, to: { name: 'OKTA_PROVISIONER' } });
    expect((await f.call('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'add', path: 'members', value: [{ value: manual }, { value: mine }] }] } })).status).toBe(200);
    expect([...shKeys(findRole(f.org.requireAccount('ACCOUNT1').state, { id: gid })!.users)].sort()).toEqual([manual, mine].sort());
  });

  it('nestedGroupMembers: ignore skips group ids', async () => {
    const f = fixture({ nestedGroupMembers: 'ignore' });
    const mine = String((await f.json('POST', '/Users', { body: { userName: 'mine@example.com' } })).body?.id);
    const gid = String((await f.json('POST', '/Groups', { body: { displayName: 'team' } })).body?.id);
    const other = String((await f.json('POST', '/Groups', { body: { displayName: 'other' } })).body?.id);
    const r = await f.json('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'add', path: 'members', value: [{ value: mine }, { value: other }] }] } });
    expect(r.status).toBe(200);
    expect(r.body?.members).toEqual([{ value: mine, display: 'MINE@EXAMPLE.COM' }]);
  });

  it('members lists direct grants only, not users who inherit the role', async () => {
    const f = fixture();
    const direct = String((await f.json('POST', '/Users', { body: { userName: 'direct@example.com' } })).body?.id);
    const inherits = String((await f.json('POST', '/Users', { body: { userName: 'inherits@example.com' } })).body?.id);
    const parent = String((await f.json('POST', '/Groups', { body: { displayName: 'parent', members: [{ value: inherits }] } })).body?.id);
    const child = String((await f.json('POST', '/Groups', { body: { displayName: 'child', members: [{ value: direct }] } })).body?.id);
    // child granted to parent: `inherits` holds child through parent.
    const g = f.org.execute('ACCOUNT1', { type: 'GrantRole', role: { id: child }, to: { kind: 'ROLE', ref: { id: parent } } }, { role: 'OKTA_PROVISIONER' });
    expect('type' in g).toBe(false);
    const body = (await f.json('GET', `/Groups/${child}`)).body;
    expect(body?.members).toEqual([{ value: direct, display: 'DIRECT@EXAMPLE.COM' }]);
  });

  it('every object SCIM creates is owned by RUN_AS_ROLE', async () => {
    const f = fixture();
    const state = () => f.org.requireAccount('ACCOUNT1').state;
    const uid = String((await f.json('POST', '/Users', { token: f.generic, body: { userName: 'g@example.com' } })).body?.id);
    const gid = String((await f.json('POST', '/Groups', { token: f.generic, body: { displayName: 'g' } })).body?.id);
    const owner = findRole(state(), { name: 'GENERIC_SCIM_PROVISIONER' })!.id;
    expect(f.user(uid)!.owner).toBe(owner);
    expect(findRole(state(), { id: gid })!.owner).toBe(owner);
    // GENERIC is not Okta: group PATCH answers 204.
    expect((await f.call('PATCH', `/Groups/${gid}`, { token: f.generic, body: { Operations: [{ op: 'add', path: 'members', value: [{ value: uid }] }] } })).status).toBe(204);
  });
});
