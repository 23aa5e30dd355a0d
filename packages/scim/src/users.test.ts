/**
 * /Users attribute mapping (spec §2) and list behaviour (spec §1.4, §1.5), checked against the
 * Snowflake user each request leaves in core's state.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, fixture } from './test-support.ts';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const q = (filter: string) => encodeURIComponent(filter);

type F = ReturnType<typeof fixture>;

async function create(f: F, body: Record<string, unknown>, token?: string): Promise<string> {
  const r = await f.json('POST', '/Users', { body, ...(token !== undefined ? { token } : {}) });
  if (r.status !== 201) throw new Error(`POST failed: ${r.status} ${JSON.stringify(r.body)}`);
  return String(r.body?.id);
}

function patch(f: F, id: string, ...ops: Record<string, unknown>[]) {
  return f.json('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: ops } });
}

describe('userName, NAME and LOGIN_NAME', () => {
  it('MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = FALSE: userName sets NAME and LOGIN_NAME, upper-cased', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'alice.johnson' });
    expect(f.user(id)).toMatchObject({ name: 'ALICE.JOHNSON', loginName: 'ALICE.JOHNSON', displayName: 'ALICE.JOHNSON' });
    // snowflakeUserName is ignored while the parameter is FALSE.
    const other = await create(f, { userName: 'bob', [ENTERPRISE]: { snowflakeUserName: 'ROBERT' } });
    expect(f.user(other)).toMatchObject({ name: 'BOB', loginName: 'BOB' });
  });

  it('uppercaseUserNames: false keeps the case sent', async () => {
    const f = fixture({ uppercaseUserNames: false });
    const id = await create(f, { userName: 'Alice.Johnson' });
    expect(f.user(id)).toMatchObject({ name: 'Alice.Johnson', loginName: 'Alice.Johnson' });
    expect((await f.json('GET', `/Users/${id}`)).body?.userName).toBe('Alice.Johnson');
  });

  it('MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = TRUE: userName → LOGIN_NAME, snowflakeUserName → NAME (required)', async () => {
    const f = fixture();
    f.org.execute('ACCOUNT1', { type: 'SetAccountParameters', set: { MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: 'TRUE' } }, ADMIN);
    const missing = await f.json('POST', '/Users', { body: { schemas: [CORE], userName: 'test.user@example.com' } });
    expect(missing.status).toBe(409);
    expect(String(missing.body?.detail)).toMatch(/snowflakeUserName is required/);
    const created = await f.json('POST', '/Users', {
      body: { schemas: [CORE, ENTERPRISE], userName: 'test.user@example.com', [ENTERPRISE]: { snowflakeUserName: 'TEST_USER' } },
    });
    expect(created.status).toBe(201);
    const id = String(created.body?.id);
    expect(f.user(id)).toMatchObject({ name: 'TEST_USER', loginName: 'TEST.USER@EXAMPLE.COM' });
    expect(created.body?.[ENTERPRISE]).toEqual({ snowflakeUserName: 'TEST_USER' });
    // Same NAME, other login: 409.
    const dup = await f.json('POST', '/Users', { body: { userName: 'other@example.com', [ENTERPRISE]: { snowflakeUserName: 'test_user' } } });
    expect(dup.status).toBe(409);
    // PATCH with Snowflake's documented dot path renames NAME only; userName changes LOGIN_NAME only.
    expect((await patch(f, id, { op: 'replace', path: `${ENTERPRISE}.snowflakeUserName`, value: 'USER5' })).status).toBe(200);
    expect(f.user(id)).toMatchObject({ name: 'USER5', loginName: 'TEST.USER@EXAMPLE.COM' });
    expect((await patch(f, id, { op: 'replace', path: 'userName', value: 'test_updated_name' })).status).toBe(200);
    expect(f.user(id)).toMatchObject({ name: 'USER5', loginName: 'TEST_UPDATED_NAME' });
  });

  it('a PATCH rename onto another user\'s NAME or LOGIN_NAME is 409 and changes nothing', async () => {
    const f = fixture();
    await create(f, { userName: 'taken' });
    const id = await create(f, { userName: 'free', name: { givenName: 'F' } });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const r = await patch(f, id, { op: 'replace', path: 'name.givenName', value: 'G' }, { op: 'replace', path: 'userName', value: 'TAKEN' });
    expect(r.status).toBe(409);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
  });
});

describe('extension attributes', () => {
  it('accepts both namespaces and echoes the one the client used', async () => {
    const f = fixture();
    for (const [ns, coreNs] of [[ENTERPRISE, 'enterprise'], [EXT, 'snowflake']] as const) {
      const r = await f.json('POST', '/Users', {
        body: { schemas: [CORE, ns], userName: `u-${coreNs}`, [ns]: { defaultRole: 'analyst', defaultWarehouse: 'wh', defaultSecondaryRoles: 'ALL', type: 'service' } },
      });
      expect(r.status).toBe(201);
      const user = f.user(String(r.body?.id))!;
      // Stored verbatim: Snowflake treats them as case-sensitive (spec §2.2).
      expect(user).toMatchObject({ defaultRole: 'analyst', defaultWarehouse: 'wh', defaultSecondaryRoles: ['ALL'], type: 'SERVICE', scim: { namespace: coreNs } });
      expect(r.body?.[ns]).toEqual({ defaultRole: 'analyst', defaultWarehouse: 'wh', type: 'service' });
      expect(r.body).not.toHaveProperty(ns === ENTERPRISE ? EXT : ENTERPRISE);
    }
  });

  it('defaultSecondaryRoles: ALL → (\'ALL\'), NONE and "" → (); anything else is refused', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'dsr' });
    expect(f.user(id)!.defaultSecondaryRoles).toEqual(['ALL']);
    await patch(f, id, { op: 'replace', path: `${ENTERPRISE}:defaultSecondaryRoles`, value: 'NONE' });
    expect(f.user(id)!.defaultSecondaryRoles).toEqual([]);
    await patch(f, id, { op: 'replace', path: `${ENTERPRISE}:defaultSecondaryRoles`, value: 'ALL' });
    expect(f.user(id)!.defaultSecondaryRoles).toEqual(['ALL']);
    await patch(f, id, { op: 'replace', path: `${ENTERPRISE}:defaultSecondaryRoles`, value: '' });
    expect(f.user(id)!.defaultSecondaryRoles).toEqual([]);
    expect((await patch(f, id, { op: 'replace', path: `${ENTERPRISE}:defaultSecondaryRoles`, value: 'SOME' })).status).toBe(400);
    expect((await f.json('POST', '/Users', { body: { userName: 'bad', [ENTERPRISE]: { defaultSecondaryRoles: 'SOME' } } })).status).toBe(409);
  });

  it('type: POST absent → PERSON; PATCH replace null and remove leave it; PUT absent resets to PERSON', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'typed', [EXT]: { type: 'service' } });
    expect(f.user(id)!.type).toBe('SERVICE');
    await patch(f, id, { op: 'replace', path: `${EXT}:type`, value: null });
    expect(f.user(id)!.type).toBe('SERVICE');
    await patch(f, id, { op: 'remove', path: `${EXT}:type` });
    expect(f.user(id)!.type).toBe('SERVICE');
    expect((await f.json('PUT', `/Users/${id}`, { body: { userName: 'typed' } })).status).toBe(200);
    expect(f.user(id)!.type).toBe('PERSON');
    expect(f.user(await create(f, { userName: 'plain' }))!.type).toBe('PERSON');
    expect((await f.json('POST', '/Users', { body: { userName: 'robot', [EXT]: { type: 'robot' } } })).status).toBe(409);
  });

  it('snowflakeTags and allowedInterfaces are not modelled: setting them is refused, clearing is a no-op', async () => {
    const f = fixture();
    const tags = await f.json('POST', '/Users', { body: { userName: 'tagged', [ENTERPRISE]: { snowflakeTags: ['cost_management.tags.cost_center:finance'] } } });
    expect(tags.status).toBe(409);
    expect(String(tags.body?.detail)).toMatch(/Tag 'cost_management.tags.cost_center' does not exist/);
    const id = await create(f, { userName: 'plain', [ENTERPRISE]: { snowflakeTags: [] } });
    expect((await patch(f, id, { op: 'replace', path: `${ENTERPRISE}.snowflakeTags`, value: ['a.b.c:d'] })).status).toBe(400);
    expect((await patch(f, id, { op: 'add', path: `${EXT}:allowedInterfaces`, value: 'STREAMLIT' })).status).toBe(400);
    expect((await patch(f, id, { op: 'remove', path: `${EXT}:allowedInterfaces` })).status).toBe(200);
  });
});

describe('active, password, emails, externalId', () => {
  it('active maps to DISABLED, inverted', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'inactive', active: false });
    expect(f.user(id)!.disabled).toBe(true);
    await patch(f, id, { op: 'replace', value: { active: true } });
    expect(f.user(id)!.disabled).toBe(false);
  });

  it('password is stored (hashed) only with SYNC_PASSWORD = TRUE, and never returned', async () => {
    const f = fixture();
    const okta = await f.json('POST', '/Users', { body: { userName: 'pw1', password: 'Secret-123' } });
    const id = String(okta.body?.id);
    const hash = f.user(id)!.passwordHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(okta.body)).not.toContain('Secret-123');
    await patch(f, id, { op: 'replace', path: 'password', value: 'Other-456' });
    expect(f.user(id)!.passwordHash).not.toBe(hash);
    // A PUT without a password leaves it (no client can echo a password it never reads).
    await f.json('PUT', `/Users/${id}`, { body: { userName: 'pw1' } });
    expect(f.user(id)!.passwordHash).not.toBeNull();
    // The generic integration has SYNC_PASSWORD = FALSE: silently ignored, the rest processed.
    const generic = await f.json('POST', '/Users', { token: f.generic, body: { userName: 'pw2', password: 'Secret-123', name: { givenName: 'G' } } });
    expect(generic.status).toBe(201);
    expect(f.user(String(generic.body?.id))).toMatchObject({ passwordHash: null, firstName: 'G' });
    const log = JSON.stringify(f.org.requireAccount('ACCOUNT1').log);
    expect(log).not.toContain('Secret-123');
    expect(log).not.toContain('Other-456');
  });

  it('emails: the primary entry wins, else the first; `emailSelection: first` takes the first', async () => {
    const emails = [{ value: 'a@x.com', type: 'home' }, { value: 'b@x.com', primary: true, type: 'work' }];
    const f = fixture();
    expect(f.user(await create(f, { userName: 'e1', emails }))!.email).toBe('b@x.com');
    expect(f.user(await create(f, { userName: 'e2', emails: [{ value: 'c@x.com' }, { value: 'd@x.com' }] }))!.email).toBe('c@x.com');
    const g = fixture({ emailSelection: 'first' });
    expect(g.user(await create(g, { userName: 'e3', emails }))!.email).toBe('a@x.com');
  });

  it('externalId is stored, echoed, replaced and removed', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'ext', externalId: 'abc' });
    expect((await f.json('GET', `/Users/${id}`)).body?.externalId).toBe('abc');
    await patch(f, id, { op: 'replace', path: 'externalId', value: 'def' });
    expect(f.user(id)!.scim?.externalId).toBe('def');
    const removed = await patch(f, id, { op: 'remove', path: 'externalId' });
    expect(removed.body).not.toHaveProperty('externalId');
  });
});

describe('PUT', () => {
  it('replaces: omitted optional attributes are cleared (putClearsOmitted)', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'full', displayName: 'Full', name: { givenName: 'F', familyName: 'L' }, emails: [{ value: 'f@x.com' }], [ENTERPRISE]: { defaultRole: 'R' } });
    const r = await f.json('PUT', `/Users/${id}`, { body: { userName: 'full', name: { givenName: 'F2' } } });
    expect(r.status).toBe(200);
    expect(f.user(id)).toMatchObject({ firstName: 'F2', lastName: null, email: null, displayName: null, defaultRole: null, disabled: false });
  });

  it('keeps omitted attributes with putClearsOmitted: false', async () => {
    const f = fixture({ putClearsOmitted: false });
    const id = await create(f, { userName: 'full', displayName: 'Full', name: { givenName: 'F', familyName: 'L' } });
    await f.json('PUT', `/Users/${id}`, { body: { userName: 'full', name: { givenName: 'F2' } } });
    expect(f.user(id)).toMatchObject({ firstName: 'F2', lastName: 'L', displayName: 'Full' });
  });

  it('refuses attributes Snowflake does not have (400) and changes nothing', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'strictput' });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const r = await f.json('PUT', `/Users/${id}`, { body: { userName: 'strictput', nickName: 'x' } });
    expect(r.status).toBe(400);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
    // Read-only attributes a client echoes from GET are fine.
    const got = (await f.json('GET', `/Users/${id}`)).body!;
    expect((await f.json('PUT', `/Users/${id}`, { body: got })).status).toBe(200);
  });
});

describe('PATCH shapes', () => {
  it('no-path values with bare, dotted and URN keys; paths with filters and both URN separators', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'shapes' });
    await patch(f, id, { op: 'replace', value: { active: false } }, { op: 'replace', value: { givenName: 'deactivated_user' } });
    expect(f.user(id)).toMatchObject({ disabled: true, firstName: 'deactivated_user' });
    await patch(f, id, { op: 'replace', value: { 'name.familyName': 'Dotted', [`${EXT}:defaultRole`]: 'R1', [ENTERPRISE]: { defaultWarehouse: 'W1' } } });
    expect(f.user(id)).toMatchObject({ lastName: 'Dotted', defaultRole: 'R1', defaultWarehouse: 'W1' });
    await patch(f, id, { op: 'add', path: 'emails', value: [{ value: 'p@x.com', primary: true }] }, { op: 'remove', path: 'displayName' });
    expect(f.user(id)).toMatchObject({ email: 'p@x.com', displayName: null });
  });

  it('refuses bad operations with 400 and the SCIM error type, changing nothing', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'bad' });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const cases: [Record<string, unknown>, string][] = [
      [{ op: 'remove' }, 'noTarget'],
      [{ op: 'replace', path: 'groups', value: [] }, 'mutability'],
      [{ op: 'remove', path: 'userName' }, 'mutability'],
      [{ op: 'replace', path: 'noSuchAttr', value: 1 }, 'invalidPath'],
      [{ op: 'replace', path: 'active', value: 'maybe' }, 'invalidValue'],
      [{ op: 'move', path: 'active', value: true }, 'invalidSyntax'],
    ];
    for (const [op, scimType] of cases) {
      const r = await patch(f, id, { op: 'replace', value: { displayName: 'changed' } }, op);
      expect(r.status, JSON.stringify(op)).toBe(400);
      expect(r.body?.scimType, JSON.stringify(op)).toBe(scimType);
    }
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
  });

  it('patchFailureStatus: 204 answers failed PATCHes with an empty 204 (the doc\'s literal reading)', async () => {
    const f = fixture({ patchFailureStatus: 204 });
    const id = await create(f, { userName: 'doc' });
    const r = await f.call('PATCH', `/Users/${id}`, { body: { Operations: [{ op: 'remove' }] } });
    expect(r.status).toBe(204);
    expect(await r.text()).toBe('');
    // The PATCH never ran for an unknown id: still 404.
    expect((await f.call('PATCH', '/Users/nope', { body: { Operations: [] } })).status).toBe(404);
  });
});

describe('lists', () => {
  async function seed(f: F, names: string[]): Promise<void> {
    for (const n of names) await create(f, { userName: n });
  }

  it('filters userName eq / sw case-insensitively on LOGIN_NAME', async () => {
    const f = fixture();
    await seed(f, ['ALBERT', 'alice', 'Bob']);
    const names = async (filter: string) =>
      ((await f.json('GET', `/Users?filter=${q(filter)}`)).body?.Resources as { userName: string }[]).map((u) => u.userName);
    expect(await names('userName eq "abc"')).toEqual([]);
    expect(await names('userName eq "ALICE"')).toEqual(['ALICE']);
    expect(await names('userName sw "al"')).toEqual(['ALBERT', 'ALICE']);
    expect(await names('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "B"')).toEqual(['BOB']);
  });

  it('pages with Snowflake\'s numbers: itemsPerPage = count, totalResults = startIndex + count while more follow', async () => {
    const f = fixture();
    await seed(f, ['u1', 'u2', 'u3', 'u4', 'u5']);
    const page = async (qs: string) => (await f.json('GET', `/Users?${qs}`)).body!;
    expect(await page('startIndex=1&count=2')).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    expect(await page('startIndex=3&count=2')).toMatchObject({ totalResults: 5, startIndex: 3, itemsPerPage: 2 });
    expect(await page('startIndex=5&count=2')).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 2 });
    // The documented loop walks every user exactly once.
    const seen: string[] = [];
    for (let start = 1, total = Infinity; start <= total; ) {
      const body = await page(`startIndex=${start}&count=2`);
      seen.push(...(body.Resources as { userName: string }[]).map((u) => u.userName));
      total = Number(body.totalResults);
      start += Number(body.itemsPerPage);
    }
    expect(seen).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
    expect(await page('startIndex=0&count=-5')).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 0, Resources: [] });
    expect(await page('count=5000')).toMatchObject({ itemsPerPage: 1000, totalResults: 5 });
    // With eq, startIndex and count are ignored.
    expect(await page(`startIndex=4&count=1&filter=${q('userName eq "u2"')}`)).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 100 });
    expect((await f.json('GET', '/Users?count=abc')).status).toBe(400);
    expect((await f.json('GET', '/Users?startIndex=1.5')).status).toBe(400);
  });

  it('filters: other operators and compound filters are 400 invalidFilter; other attributes 200 empty', async () => {
    const f = fixture();
    await seed(f, ['u1']);
    for (const filter of ['userName co "u"', 'userName eq "u1" and userName eq "u1"', 'userName eq', 'userName pr', 'userName eq 1']) {
      const r = await f.json('GET', `/Users?filter=${q(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(r.body?.scimType, filter).toBe('invalidFilter');
    }
    expect((await f.json('GET', `/Users?filter=${q('externalId eq "x"')}`)).body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('excludedAttributes=groups leaves groups out, on lists and on GET by id', async () => {
    const f = fixture();
    const id = await create(f, { userName: 'member' });
    await f.json('POST', '/Groups', { body: { displayName: 'g1', members: [{ value: id }] } });
    const list = await f.json('GET', '/Users?excludedAttributes=groups');
    expect((list.body?.Resources as Record<string, unknown>[])[0]).not.toHaveProperty('groups');
    expect((await f.json('GET', `/Users/${id}?excludedAttributes=groups`)).body).not.toHaveProperty('groups');
    expect((await f.json('GET', `/Users/${id}`)).body?.groups).toEqual([{ value: expect.any(String), display: 'g1' }]);
  });

  it('legacy bundle: an unfiltered list is the synthetic user; bad filters answer 200 empty', async () => {
    const f = fixture({ bundle: 'legacy' });
    await seed(f, ['u1', 'u2']);
    const list = await f.json('GET', '/Users?startIndex=1&count=1');
    expect(list.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: '1', userName: 'synthesis_user', active: false }] });
    expect((await f.json('GET', `/Users?filter=${q('userName co "u"')}`)).body).toMatchObject({ totalResults: 0 });
    expect((await f.json('GET', `/Users?filter=${q('userName eq "u1"')}`)).body).toMatchObject({ totalResults: 1 });
    expect((await f.json('GET', '/ServiceProviderConfig')).body?.filter).toEqual({ supported: 0, maxResults: 1000 });
  });
});
