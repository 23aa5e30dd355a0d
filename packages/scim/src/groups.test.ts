/**
 * /Groups (spec §3, §1.4): roles as groups, filters on displayName, membership as direct grants,
 * Snowflake's documented PATCH example, and the group options.
 */
import { describe, expect, it } from 'vitest';
import { findRole, shKeys } from '@snowglobe/core';
import { ADMIN, fixture } from './test-support.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = (filter: string) => encodeURIComponent(filter);
type F = ReturnType<typeof fixture>;

async function user(f: F, userName: string): Promise<string> {
  return String((await f.json('POST', '/Users', { body: { userName } })).body?.id);
}
async function group(f: F, displayName: string, members: string[] = []): Promise<string> {
  const r = await f.json('POST', '/Groups', { body: { displayName, members: members.map((value) => ({ value })) } });
  if (r.status !== 201) throw new Error(`POST /Groups: ${r.status} ${JSON.stringify(r.body)}`);
  return String(r.body?.id);
}
function members(f: F, id: string): string[] {
  return [...shKeys(findRole(f.org.requireAccount('ACCOUNT1').state, { id })!.users)].sort();
}

describe('filters', () => {
  it('eq matches the exact name and its upper-cased form; sw is case-sensitive', async () => {
    const f = fixture();
    for (const name of ['abc', 'ABC_ADMIN', 'Mixed']) await group(f, name);
    f.org.execute('ACCOUNT1', { type: 'CreateRole', name: 'UPPER' }, ADMIN);
    f.org.execute('ACCOUNT1', { type: 'GrantOwnership', on: { kind: 'ROLE', ref: { name: 'UPPER' } }, to: { name: 'OKTA_PROVISIONER' } }, ADMIN);
    const names = async (filter: string) => ((await f.json('GET', `/Groups?filter=${q(filter)}`)).body?.Resources as { displayName: string }[]).map((g) => g.displayName);
    expect(await names('displayName eq "abc"')).toEqual(['abc']);
    expect(await names('displayName eq "upper"')).toEqual(['UPPER']);
    expect(await names('displayName eq "mixed"')).toEqual([]);
    expect(await names('displayName sw "abc"')).toEqual(['abc']);
    expect(await names('displayName sw "ABC"')).toEqual(['ABC_ADMIN']);
    expect((await f.json('GET', `/Groups?filter=${q('displayName co "a"')}`)).status).toBe(400);
    expect((await f.json('GET', `/Groups?filter=${q('externalId eq "a"')}`)).body).toMatchObject({ totalResults: 0 });
  });

  it('pages and honours excludedAttributes=members', async () => {
    const f = fixture();
    const u = await user(f, 'm1');
    for (const name of ['g1', 'g2', 'g3']) await group(f, name, [u]);
    const page = await f.json('GET', '/Groups?startIndex=2&count=1&excludedAttributes=members');
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    const [only] = page.body?.Resources as Record<string, unknown>[];
    expect(only).toMatchObject({ displayName: 'g2' });
    expect(only).not.toHaveProperty('members');
    expect(((await f.json('GET', '/Groups')).body?.Resources as { members: unknown[] }[])[0]?.members).toEqual([{ value: u, display: 'M1' }]);
  });
});

describe('PATCH', () => {
  it("runs Snowflake's documented three-operation example: rename, remove by filter, path-less add", async () => {
    const f = fixture();
    const [u1, u2] = [await user(f, 'user_1'), await user(f, 'user_2')];
    const gid = await group(f, 'scim_test_group2', [u1]);
    const r = await f.json('PATCH', `/Groups/${gid}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', value: { displayName: 'updated_name' } },
          { op: 'remove', path: `members[value eq "${u1}"]` },
          { op: 'add', value: [{ value: u2 }] },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(f.roleNamed('updated_name')?.id).toBe(gid);
    expect(members(f, gid)).toEqual([u2]);
    // GRANT / REVOKE are recorded in the log as role grants to the users.
    const events = f.org.requireAccount('ACCOUNT1').log.map((e) => e.event.type);
    expect(events).toContain('RoleRevoked');
    expect(events).toContain('RoleGranted');
  });

  it('replace of members computes the delta; remove without a value removes everyone', async () => {
    const f = fixture();
    const [a, b, c] = [await user(f, 'a'), await user(f, 'b'), await user(f, 'c')];
    const gid = await group(f, 'team', [a, b]);
    const before = f.org.requireAccount('ACCOUNT1').log.length;
    await f.call('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'replace', path: 'members', value: [{ value: b }, { value: c }] }] } });
    expect(members(f, gid)).toEqual([b, c].sort());
    // One revoke (a), one grant (c), one row: b was left alone.
    const added = f.org.requireAccount('ACCOUNT1').log.slice(before).map((e) => e.event.type);
    expect(added).toEqual(['RoleRevoked', 'RoleGranted', 'ScimRequestRecorded']);
    await f.call('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'remove', path: 'members' }] } });
    expect(members(f, gid)).toEqual([]);
  });

  it('adding a member twice or removing a non-member is a no-op', async () => {
    const f = fixture();
    const a = await user(f, 'a');
    const gid = await group(f, 'team', [a]);
    const before = f.org.requireAccount('ACCOUNT1').state.roles;
    await f.call('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'add', path: 'members', value: [{ value: a }] }, { op: 'remove', path: 'members[value eq "ghost"]' }] } });
    expect(f.org.requireAccount('ACCOUNT1').state.roles).toBe(before);
  });

  it('a rename onto an existing role is 409; another id inside the value is 400; nothing changes', async () => {
    const f = fixture();
    const a = await user(f, 'a');
    const gid = await group(f, 'one');
    await group(f, 'two');
    const before = f.org.requireAccount('ACCOUNT1').state.roles;
    const clash = await f.json('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'add', path: 'members', value: [{ value: a }] }, { op: 'replace', path: 'displayName', value: 'two' }] } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ scimType: 'uniqueness' });
    const otherId = await f.json('PATCH', `/Groups/${gid}`, { body: { Operations: [{ op: 'replace', value: { id: 'someone-else', displayName: 'x' } }] } });
    expect(otherId.status).toBe(400);
    expect(f.org.requireAccount('ACCOUNT1').state.roles).toBe(before);
  });

  it('groupMembersReplace: reject refuses replace on members; groupPatchResponse: always-200 answers Entra with a body', async () => {
    const f = fixture({ groupMembersReplace: 'reject', groupPatchResponse: 'always-200' });
    const gid = String((await f.json('POST', '/Groups', { token: f.entra, body: { displayName: 'g' } })).body?.id);
    expect((await f.call('PATCH', `/Groups/${gid}`, { token: f.entra, body: { Operations: [{ op: 'replace', path: 'members', value: [] }] } })).status).toBe(400);
    const ok = await f.json('PATCH', `/Groups/${gid}`, { token: f.entra, body: { Operations: [{ op: 'replace', path: 'displayName', value: 'h' }] } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ displayName: 'h' });
  });
});

describe('names and deletion', () => {
  it('keeps the role name as sent by default; roleNameCase: upper upper-cases it', async () => {
    const f = fixture();
    await group(f, 'okta_role1');
    expect(f.roleNamed('okta_role1')).toBeDefined();
    const g = fixture({ roleNameCase: 'upper' });
    await group(g, 'okta_role1');
    expect(g.roleNamed('OKTA_ROLE1')).toBeDefined();
    expect(g.roleNamed('okta_role1')).toBeUndefined();
  });

  it('DELETE drops the role and its grants; the members keep existing', async () => {
    const f = fixture();
    const a = await user(f, 'a');
    const gid = await group(f, 'doomed', [a]);
    expect(f.user(a)!.roles).toHaveLength(1);
    expect((await f.call('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect(f.user(a)!.roles).toEqual([]);
    expect((await f.call('DELETE', `/Groups/${gid}`)).status).toBe(404);
  });

  it('stores the group externalId given on create', async () => {
    const f = fixture();
    const r = await f.json('POST', '/Groups', { body: { displayName: 'ext', externalId: 'e-1' } });
    expect(r.body).toMatchObject({ externalId: 'e-1' });
    expect(f.roleNamed('ext')?.externalId).toBe('e-1');
  });
});
