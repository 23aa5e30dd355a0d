import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { forUserPost } from './errors.ts';
import { resolveOptions, type ScimOptions } from './options.ts';
import type { Result } from './result.ts';
import { parseUserCreate, parseUserReplace, type UserIntent } from './user-input.ts';

const options = resolveOptions();
const strict = resolveOptions({ strict: true });
const plain = { mapScimUsernameToEnterpriseAttr: false };
const mapped = { mapScimUsernameToEnterpriseAttr: true };

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:2.0:User';

function created(body: unknown, ctx = plain, o: ScimOptions = options): UserIntent {
  const r = parseUserCreate(body, ctx, o);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function replaced(body: unknown, ctx = plain, o: ScimOptions = options): UserIntent {
  const r = parseUserReplace(body, ctx, o);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function errorOf(r: Result<unknown>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('POST /Users — Okta (spec §4.3)', () => {
  const oktaCreate = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'test.user@okta.local',
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
  };

  it('maps every attribute to Snowflake properties', () => {
    expect(created(oktaCreate)).toEqual({
      kind: 'create',
      userName: 'test.user@okta.local',
      NAME: 'TEST.USER@OKTA.LOCAL',
      LOGIN_NAME: 'TEST.USER@OKTA.LOCAL',
      TYPE: 'PERSON',
      DISABLED: false,
      DISPLAY_NAME: 'Test User',
      FIRST_NAME: 'Test',
      LAST_NAME: 'User',
      EMAIL: 'test.user@okta.local',
      PASSWORD: '1mz050nq',
      DEFAULT_ROLE: null,
      DEFAULT_WAREHOUSE: null,
      DEFAULT_SECONDARY_ROLES: null,
      ALLOWED_INTERFACES: null,
      SNOWFLAKE_TAGS: [],
      externalId: '00ujl29u0le5T6Aj10h7',
      extensionNamespace: null,
    });
  });

  it('custom attributes in the enterprise extension', () => {
    const intent = created({
      ...oktaCreate,
      schemas: [CORE, ENTERPRISE],
      [ENTERPRISE]: { defaultRole: 'ANALYST', defaultWarehouse: 'WH_XS', defaultSecondaryRoles: 'ALL' },
    });
    expect(intent).toMatchObject({
      DEFAULT_ROLE: 'ANALYST',
      DEFAULT_WAREHOUSE: 'WH_XS',
      DEFAULT_SECONDARY_ROLES: ['ALL'],
      extensionNamespace: 'enterprise',
    });
  });

  it('uppercaseUserNames: false keeps the case', () => {
    expect(created(oktaCreate, plain, resolveOptions({ uppercaseUserNames: false })).NAME).toBe('test.user@okta.local');
  });
});

describe('POST /Users — Entra (spec §4.4)', () => {
  const entraCreate = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: 'jdoe',
    userName: 'jdoe@contoso.com',
    active: true,
    emails: [{ primary: true, type: 'work', value: 'jdoe@contoso.com' }],
    meta: { resourceType: 'User' },
    name: { formatted: 'John Doe', familyName: 'Doe', givenName: 'John' },
    roles: [],
  };

  it('maps the body; name.formatted, meta and roles:[] are ignored', () => {
    expect(created(entraCreate)).toMatchObject({
      NAME: 'JDOE@CONTOSO.COM',
      FIRST_NAME: 'John',
      LAST_NAME: 'Doe',
      EMAIL: 'jdoe@contoso.com',
      externalId: 'jdoe',
      DISABLED: false,
      TYPE: 'PERSON',
      PASSWORD: undefined,
    });
  });

  it('is accepted in strict mode too (roles:[] is unassigned)', () => {
    expect(parseUserCreate(entraCreate, plain, strict).ok).toBe(true);
  });

  it('the extension:2.0 `type` mapping of the gallery app', () => {
    const intent = created({ ...entraCreate, schemas: [CORE, EXT], [EXT]: { type: 'service' } });
    expect(intent.TYPE).toBe('SERVICE');
    expect(intent.extensionNamespace).toBe('extension');
  });

  it('attribute names are case-insensitive', () => {
    const intent = created({ USERNAME: 'a', Name: { GIVENNAME: 'x' }, ACTIVE: 'False', [EXT.toUpperCase()]: { DefaultRole: 'R' } });
    expect(intent).toMatchObject({ NAME: 'A', FIRST_NAME: 'x', DISABLED: true, DEFAULT_ROLE: 'R', extensionNamespace: 'extension' });
  });
});

describe('POST /Users — Snowflake doc bodies (spec §4.1)', () => {
  it('userName and loginName the same value', () => {
    const intent = created({
      schemas: [CORE, EXT],
      userName: 'test_user_1',
      password: 'test',
      name: { givenName: 'test', familyName: 'user' },
      emails: [{ value: 'test.user@example.com' }],
      displayName: 'test user',
      active: true,
    });
    expect(intent).toMatchObject({ NAME: 'TEST_USER_1', LOGIN_NAME: 'TEST_USER_1', EMAIL: 'test.user@example.com', PASSWORD: 'test' });
  });

  it('separate NAME with MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = TRUE', () => {
    const body = {
      schemas: [CORE, ENTERPRISE],
      [ENTERPRISE]: { snowflakeUserName: 'TEST_USER' },
      userName: 'test.user@example.com',
      active: true,
      displayName: 'test user',
      emails: [{ value: 'test.user@example.com' }],
      name: { givenName: 'test', familyName: 'user' },
      password: 'test',
    };
    expect(created(body, mapped)).toMatchObject({ NAME: 'TEST_USER', LOGIN_NAME: 'TEST.USER@EXAMPLE.COM', extensionNamespace: 'enterprise' });
    // With the parameter FALSE, userName sets both and snowflakeUserName is ignored.
    expect(created(body, plain)).toMatchObject({ NAME: 'TEST.USER@EXAMPLE.COM', LOGIN_NAME: 'TEST.USER@EXAMPLE.COM' });
  });

  it('snowflakeUserName is required with the parameter TRUE (409 on POST, 400 on PUT)', () => {
    const body = { schemas: [CORE], userName: 'a@b.c' };
    const e = errorOf(parseUserCreate(body, mapped, options));
    expect(e).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(forUserPost(e, options).status).toBe(409);
    expect(errorOf(parseUserReplace(body, mapped, options)).status).toBe(400);
  });

  it('tags', () => {
    const intent = created({
      schemas: [CORE, ENTERPRISE],
      userName: 'USER5',
      [ENTERPRISE]: {
        snowflakeUserName: 'USER5',
        snowflakeTags: ['cost_management.tags.cost_center:finance', 'cost_management.tags.type:PowerUser'],
      },
    });
    expect(intent.SNOWFLAKE_TAGS).toEqual([
      { tag: 'cost_management.tags.cost_center', value: 'finance' },
      { tag: 'cost_management.tags.type', value: 'PowerUser' },
    ]);
  });
});

describe('attribute rules', () => {
  it('emails: primary, else first; emailSelection first', () => {
    const emails = [{ value: 'a@x' }, { value: 'b@x', primary: true }];
    expect(created({ userName: 'u', emails }).EMAIL).toBe('b@x');
    expect(created({ userName: 'u', emails }, plain, resolveOptions({ emailSelection: 'first' })).EMAIL).toBe('a@x');
    expect(created({ userName: 'u', emails: [{ type: 'work' }, { value: 'c@x' }] }).EMAIL).toBe('c@x');
    expect(created({ userName: 'u', emails: [] }).EMAIL).toBeNull();
  });

  it('active: booleans, and "True"/"False" unless strict', () => {
    expect(created({ userName: 'u', active: false }).DISABLED).toBe(true);
    expect(created({ userName: 'u', active: 'False' }).DISABLED).toBe(true);
    expect(created({ userName: 'u', active: 'True' }).DISABLED).toBe(false);
    expect(errorOf(parseUserCreate({ schemas: [CORE], userName: 'u', active: 'False' }, plain, strict))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    });
  });

  it('defaultSecondaryRoles: ALL → [ALL]; NONE/"" → []; all-only refuses NONE', () => {
    const role = (v: unknown, o = options) => parseUserCreate({ userName: 'u', [EXT]: { defaultSecondaryRoles: v } }, plain, o);
    expect(role('ALL')).toMatchObject({ ok: true, value: { DEFAULT_SECONDARY_ROLES: ['ALL'] } });
    expect(role('all')).toMatchObject({ ok: true, value: { DEFAULT_SECONDARY_ROLES: ['ALL'] } });
    expect(role('NONE')).toMatchObject({ ok: true, value: { DEFAULT_SECONDARY_ROLES: [] } });
    expect(role('')).toMatchObject({ ok: true, value: { DEFAULT_SECONDARY_ROLES: [] } });
    expect(errorOf(role('SOME'))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(errorOf(role('NONE', resolveOptions({ defaultSecondaryRolesValues: 'all-only' }))).scimType).toBe('invalidValue');
  });

  it('type: person/service/service_agent/legacy_service; absent or null → PERSON; other → 400', () => {
    const t = (v: unknown) => parseUserCreate({ userName: 'u', [EXT]: { type: v } }, plain, options);
    expect(t('service_agent')).toMatchObject({ ok: true, value: { TYPE: 'SERVICE_AGENT' } });
    expect(t('LEGACY_SERVICE')).toMatchObject({ ok: true, value: { TYPE: 'LEGACY_SERVICE' } });
    expect(t(null)).toMatchObject({ ok: true, value: { TYPE: 'PERSON' } });
    expect(errorOf(t('robot'))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(errorOf(t(3))).toMatchObject({ status: 400, scimType: 'invalidValue' });
  });

  it('defaultRole/defaultWarehouse are stored verbatim; "" means none', () => {
    expect(created({ userName: 'u', [ENTERPRISE]: { defaultRole: 'analyst', defaultWarehouse: '' } })).toMatchObject({
      DEFAULT_ROLE: 'analyst',
      DEFAULT_WAREHOUSE: null,
    });
  });

  it('allowedInterfaces is a comma-delimited list', () => {
    expect(created({ userName: 'u', [EXT]: { allowedInterfaces: 'snowflake_intelligence, STREAMLIT' } }).ALLOWED_INTERFACES).toEqual([
      'SNOWFLAKE_INTELLIGENCE',
      'STREAMLIT',
    ]);
  });

  it.each([
    ['a tag without value', ['db.sch.tag']],
    ['a tag that is not db.schema.tag', ['tag:v']],
    ['the same tag twice', ['db.sch.t:a', 'DB.SCH.T:b']],
    ['a non-string', [1]],
  ])('snowflakeTags: %s → 400 invalidValue', (_, tags) => {
    expect(errorOf(parseUserCreate({ userName: 'u', [ENTERPRISE]: { snowflakeTags: tags } }, plain, options))).toMatchObject({
      status: 400,
      scimType: 'invalidValue',
    });
  });

  it('both namespaces: merged, first recorded; conflicting values → 400', () => {
    const ok = created({ userName: 'u', [EXT]: { defaultRole: 'R' }, [ENTERPRISE]: { defaultWarehouse: 'W' } });
    expect(ok).toMatchObject({ DEFAULT_ROLE: 'R', DEFAULT_WAREHOUSE: 'W', extensionNamespace: 'extension' });
    expect(errorOf(parseUserCreate({ userName: 'u', [EXT]: { defaultRole: 'R' }, [ENTERPRISE]: { defaultRole: 'S' } }, plain, options)).scimType).toBe(
      'invalidValue',
    );
  });

  it('groups is read-only: ignored by default, rejected with reject-nonempty', () => {
    const body = { userName: 'u', groups: [{ value: 'g1', display: 'R1' }] };
    expect(parseUserCreate(body, plain, options).ok).toBe(true);
    const o = resolveOptions({ userGroupsOnWrite: 'reject-nonempty' });
    expect(errorOf(parseUserCreate(body, plain, o))).toMatchObject({ status: 400, scimType: 'mutability' });
    expect(parseUserCreate({ userName: 'u', groups: [] }, plain, o).ok).toBe(true);
  });

  it('lenient mode accepts flattened PATCH-style keys', () => {
    expect(created({ userName: 'u', 'name.givenName': 'G', [`${EXT}:defaultRole`]: 'R' })).toMatchObject({ FIRST_NAME: 'G', DEFAULT_ROLE: 'R' });
  });
});

describe('rejections', () => {
  it.each([
    ['a non-object body', [], 'invalidSyntax'],
    ['a string body', 'x', 'invalidSyntax'],
    ['no userName', { displayName: 'x' }, 'invalidValue'],
    ['null userName', { userName: null }, 'invalidValue'],
    ['empty userName', { userName: '  ' }, 'invalidValue'],
    ['numeric userName', { userName: 5 }, 'invalidValue'],
    ['a too long userName', { userName: 'x'.repeat(256) }, 'invalidValue'],
    ['name not an object', { userName: 'u', name: 'x' }, 'invalidValue'],
    ['givenName not a string', { userName: 'u', name: { givenName: 1 } }, 'invalidValue'],
    ['emails not an array', { userName: 'u', emails: 5 }, 'invalidValue'],
    ['an email value not a string', { userName: 'u', emails: [{ value: 1 }] }, 'invalidValue'],
    ['active a number', { userName: 'u', active: 1 }, 'invalidValue'],
    ['password a number', { userName: 'u', password: 1 }, 'invalidValue'],
    ['extension not an object', { userName: 'u', [EXT]: 'x' }, 'invalidValue'],
    ['keys differing only by case', { userName: 'u', USERNAME: 'v' }, 'invalidSyntax'],
  ] as const)('%s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseUserCreate(body, plain, options))).toMatchObject({ status: 400, scimType });
  });

  it.each([
    ['no schemas', { userName: 'u' }, 'invalidSyntax'],
    ['schemas without core User', { schemas: [ENTERPRISE], userName: 'u' }, 'invalidSyntax'],
    ['an unknown schema', { schemas: [CORE, 'urn:x'], userName: 'u' }, 'invalidSyntax'],
    ['an extension not declared in schemas', { schemas: [CORE], userName: 'u', [EXT]: { defaultRole: 'R' } }, 'invalidSyntax'],
    ['an unknown attribute', { schemas: [CORE], userName: 'u', shoeSize: 42 }, 'invalidValue'],
    ['an unsupported RFC attribute', { schemas: [CORE], userName: 'u', locale: 'en-US' }, 'invalidValue'],
    ['a string boolean', { schemas: [CORE], userName: 'u', active: 'true' }, 'invalidValue'],
    ['a bare-string email', { schemas: [CORE], userName: 'u', emails: ['a@b'] }, 'invalidValue'],
    ['two primary emails', { schemas: [CORE], userName: 'u', emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] }, 'invalidValue'],
    ['a flattened key', { schemas: [CORE], userName: 'u', 'name.givenName': 'x' }, 'invalidValue'],
  ] as const)('strict: %s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseUserCreate(body, plain, strict))).toMatchObject({ status: 400, scimType });
  });
});

describe('PUT /Users/{id} (spec §4.1, §2.5)', () => {
  const docPut = {
    schemas: [CORE, ENTERPRISE],
    userName: 'test_user_1',
    password: 'test',
    name: { givenName: 'test', familyName: 'user' },
    displayName: 'test user',
    active: true,
    emails: [{ primary: true, value: 'test.user@example.com', type: 'work' }],
    [ENTERPRISE]: { defaultRole: 'test_role', defaultSecondaryRoles: 'ALL', defaultWarehouse: 'test_warehouse' },
  };

  it('maps the documented body', () => {
    expect(replaced(docPut)).toMatchObject({
      kind: 'replace',
      NAME: 'TEST_USER_1',
      DEFAULT_ROLE: 'test_role',
      DEFAULT_SECONDARY_ROLES: ['ALL'],
      DEFAULT_WAREHOUSE: 'test_warehouse',
      DISABLED: false,
      EMAIL: 'test.user@example.com',
    });
  });

  it('clears omitted optional attributes; type resets to PERSON; tags removed; active unchanged', () => {
    const intent = replaced({ schemas: [CORE], userName: 'u' });
    expect(intent).toMatchObject({
      TYPE: 'PERSON',
      DISPLAY_NAME: null,
      FIRST_NAME: null,
      EMAIL: null,
      DEFAULT_ROLE: null,
      DEFAULT_SECONDARY_ROLES: null,
      externalId: null,
      SNOWFLAKE_TAGS: [],
      DISABLED: undefined,
      PASSWORD: undefined,
    });
  });

  it('putClearsOmitted: false keeps omitted attributes (undefined)', () => {
    const intent = replaced({ userName: 'u' }, plain, resolveOptions({ putClearsOmitted: false }));
    expect(intent.DISPLAY_NAME).toBeUndefined();
    expect(intent.DEFAULT_ROLE).toBeUndefined();
    expect(intent.TYPE).toBe('PERSON');
    expect(intent.SNOWFLAKE_TAGS).toEqual([]);
  });

  it('an attribute that does not exist in Snowflake is 400 (documented) unless putRejectsUnknownAttributes is off', () => {
    const body = { ...docPut, nickName: 'Bob' };
    expect(errorOf(parseUserReplace(body, plain, options))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    expect(parseUserReplace(body, plain, resolveOptions({ putRejectsUnknownAttributes: false })).ok).toBe(true);
    expect(errorOf(parseUserReplace({ ...docPut, [ENTERPRISE]: { employeeNumber: '7' } }, plain, options)).status).toBe(400);
    // POST tolerates it (Okta sends locale).
    expect(parseUserCreate(body, plain, options).ok).toBe(true);
  });

  it('read-only id, meta and groups echoed from a GET are ignored', () => {
    expect(replaced({ ...docPut, id: '32_1', meta: { resourceType: 'User' }, groups: [{ value: '81_2', display: 'r' }] }).NAME).toBe('TEST_USER_1');
  });
});

describe('properties', () => {
  const anyOptions = fc.record({ strict: fc.boolean(), putClearsOmitted: fc.boolean(), uppercaseUserNames: fc.boolean() }).map((p) => resolveOptions(p));
  test.prop([fc.jsonValue(), fc.boolean(), anyOptions])('POST/PUT parsers never throw on arbitrary JSON', (body, map, o) => {
    for (const parse of [parseUserCreate, parseUserReplace]) {
      const r = parse(body, { mapScimUsernameToEnterpriseAttr: map }, o);
      if (!r.ok) expect(r.error.status).toBe(400);
      else expect(typeof r.value.LOGIN_NAME).toBe('string');
    }
  });

  const userish = fc.dictionary(
    fc.constantFrom('userName', 'name', 'emails', 'active', 'displayName', 'password', 'externalId', 'groups', EXT, ENTERPRISE, 'schemas', 'USERNAME'),
    fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom('givenName', 'familyName', 'defaultRole', 'type', 'snowflakeTags', 'defaultSecondaryRoles', 'value', 'primary'), fc.jsonValue()),
    ),
  );
  test.prop([userish, fc.boolean()])('never throws on user-shaped bodies', (body, map) => {
    const r = parseUserCreate(body, { mapScimUsernameToEnterpriseAttr: map }, options);
    expect(r.ok || r.error.status === 400).toBe(true);
  });
});
