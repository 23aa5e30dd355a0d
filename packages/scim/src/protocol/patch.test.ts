import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { resolveOptions, type ScimOptions } from './options.ts';
import { parseUserPatch, type UserPatch } from './patch.ts';
import type { Result } from './result.ts';

const options = resolveOptions();
const strict = resolveOptions({ strict: true });
const plain = { mapScimUsernameToEnterpriseAttr: false, userId: '32_1' };
const mapped = { mapScimUsernameToEnterpriseAttr: true, userId: '32_1' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function patchOf(Operations: unknown[]): unknown {
  return { schemas: [PATCH_OP], Operations };
}

function parsed(body: unknown, ctx = plain, o: ScimOptions = options): UserPatch {
  const r = parseUserPatch(body, ctx, o);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function errorOf(r: Result<unknown>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('Okta PATCH (spec §4.3, §10)', () => {
  it('deactivate', () => {
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] };
    expect(parsed(body).changes).toEqual([{ kind: 'set', property: 'DISABLED', value: true }]);
  });
  it('reactivate', () => {
    expect(parsed(patchOf([{ op: 'replace', value: { active: true } }])).changes).toEqual([{ kind: 'set', property: 'DISABLED', value: false }]);
  });
  it('password sync', () => {
    expect(parsed(patchOf([{ op: 'replace', value: { password: 'n3w' } }])).changes).toEqual([{ kind: 'set', property: 'PASSWORD', value: 'n3w' }]);
  });
});

describe('Snowflake doc PATCH bodies (spec §4.1)', () => {
  it('deactivate and rename with a bare givenName', () => {
    const body = patchOf([
      { op: 'replace', value: { active: false } },
      { op: 'replace', value: { givenName: 'deactivated_user' } },
    ]);
    expect(parsed(body).changes).toEqual([
      { kind: 'set', property: 'DISABLED', value: true },
      { kind: 'set', property: 'FIRST_NAME', value: 'deactivated_user' },
    ]);
  });

  it('userName and enterprise snowflakeUserName path form (URN.attr)', () => {
    const body = patchOf([
      { op: 'replace', path: 'userName', value: 'test_updated_name' },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.snowflakeUserName', value: 'USER5' },
    ]);
    expect(parsed(body, mapped)).toEqual({
      changes: [
        { kind: 'set', property: 'LOGIN_NAME', value: 'TEST_UPDATED_NAME' },
        { kind: 'set', property: 'NAME', value: 'USER5' },
      ],
      extensionNamespace: 'enterprise',
    });
    // Parameter FALSE: userName renames both, snowflakeUserName is ignored.
    expect(parsed(body, plain).changes).toEqual([
      { kind: 'set', property: 'LOGIN_NAME', value: 'TEST_UPDATED_NAME' },
      { kind: 'set', property: 'NAME', value: 'TEST_UPDATED_NAME' },
    ]);
  });

  it('tags', () => {
    const body = patchOf([
      {
        op: 'replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.snowflakeTags',
        value: ['cost_management.tags.cost_center:finance'],
      },
    ]);
    expect(parsed(body).changes).toEqual([
      { kind: 'set', property: 'SNOWFLAKE_TAGS', value: [{ tag: 'cost_management.tags.cost_center', value: 'finance' }] },
    ]);
    const add = patchOf([{ op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:snowflakeTags', value: ['d.s.t:v'] }]);
    expect(parsed(add).changes).toEqual([{ kind: 'addTags', value: [{ tag: 'd.s.t', value: 'v' }] }]);
  });
});

describe('Entra PATCH (spec §4.4, §10)', () => {
  it('capitalised ops with paths', () => {
    const body = patchOf([
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@contoso.com' },
      { op: 'Replace', path: 'name.familyName', value: 'Smith' },
      { op: 'Replace', path: 'userName', value: 'jsmith@contoso.com' },
    ]);
    expect(parsed(body).changes).toEqual([
      { kind: 'set', property: 'EMAIL', value: 'new@contoso.com' },
      { kind: 'set', property: 'LAST_NAME', value: 'Smith' },
      { kind: 'set', property: 'LOGIN_NAME', value: 'JSMITH@CONTOSO.COM' },
      { kind: 'set', property: 'NAME', value: 'JSMITH@CONTOSO.COM' },
    ]);
  });

  it('disable with boolean false and with the legacy string "False"', () => {
    expect(parsed(patchOf([{ op: 'Replace', path: 'active', value: false }])).changes).toEqual([{ kind: 'set', property: 'DISABLED', value: true }]);
    expect(parsed(patchOf([{ op: 'Replace', path: 'active', value: 'False' }])).changes).toEqual([{ kind: 'set', property: 'DISABLED', value: true }]);
    expect(parsed(patchOf([{ op: 'Replace', path: 'active', value: 'True' }])).changes).toEqual([{ kind: 'set', property: 'DISABLED', value: false }]);
  });

  it('extension path URN:attr (Microsoft gallery mapping and demo)', () => {
    const body = patchOf([{ op: 'Replace', path: 'urn:ietf:params:scim:schemas:extension:2.0:User:defaultRole', value: 'ANALYST' }]);
    expect(parsed(body)).toEqual({ changes: [{ kind: 'set', property: 'DEFAULT_ROLE', value: 'ANALYST' }], extensionNamespace: 'extension' });
    const type = patchOf([{ op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:2.0:User:type', value: 'service' }]);
    expect(parsed(type).changes).toEqual([{ kind: 'set', property: 'TYPE', value: 'SERVICE' }]);
  });

  it('aadOptscim062020: one no-path value with dotted keys', () => {
    const body = patchOf([
      {
        op: 'replace',
        value: {
          'name.givenName': 'John',
          'name.familyName': 'Doe',
          'emails[type eq "work"].value': 'jdoe@contoso.com',
          active: false,
          'urn:ietf:params:scim:schemas:extension:2.0:User:defaultWarehouse': 'WH',
        },
      },
    ]);
    expect(parsed(body).changes).toEqual([
      { kind: 'set', property: 'FIRST_NAME', value: 'John' },
      { kind: 'set', property: 'LAST_NAME', value: 'Doe' },
      { kind: 'set', property: 'EMAIL', value: 'jdoe@contoso.com' },
      { kind: 'set', property: 'DISABLED', value: true },
      { kind: 'set', property: 'DEFAULT_WAREHOUSE', value: 'WH' },
    ]);
  });

  it('no-path value with an extension object', () => {
    const body = patchOf([{ op: 'replace', value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { defaultRole: 'R', defaultSecondaryRoles: 'NONE' } } }]);
    expect(parsed(body)).toEqual({
      changes: [
        { kind: 'set', property: 'DEFAULT_ROLE', value: 'R' },
        { kind: 'set', property: 'DEFAULT_SECONDARY_ROLES', value: [] },
      ],
      extensionNamespace: 'enterprise',
    });
  });
});

describe('type rules (spec §2.2)', () => {
  const TYPE_PATH = 'urn:ietf:params:scim:schemas:extension:2.0:User:type';
  it('replace with null leaves TYPE unchanged', () => {
    expect(parsed(patchOf([{ op: 'replace', path: TYPE_PATH, value: null }])).changes).toEqual([]);
  });
  it('remove leaves TYPE unchanged', () => {
    expect(parsed(patchOf([{ op: 'remove', path: TYPE_PATH }])).changes).toEqual([]);
  });
  it('an invalid type is 400 invalidValue', () => {
    expect(errorOf(parseUserPatch(patchOf([{ op: 'replace', path: TYPE_PATH, value: 'robot' }]), plain, options)).scimType).toBe('invalidValue');
  });
});

describe('remove and null', () => {
  it('remove unsets; replace with null unsets', () => {
    expect(
      parsed(
        patchOf([
          { op: 'remove', path: 'displayName' },
          { op: 'remove', path: 'emails[type eq "work"]' },
          { op: 'replace', path: 'name.givenName', value: null },
          { op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:2.0:User:defaultSecondaryRoles' },
          { op: 'remove', path: 'name' },
        ]),
      ).changes,
    ).toEqual([
      { kind: 'unset', property: 'DISPLAY_NAME' },
      { kind: 'unset', property: 'EMAIL' },
      { kind: 'unset', property: 'FIRST_NAME' },
      { kind: 'unset', property: 'DEFAULT_SECONDARY_ROLES' },
      { kind: 'unset', property: 'FIRST_NAME' },
      { kind: 'unset', property: 'LAST_NAME' },
    ]);
  });
  it('emails type/primary sub-attributes are no-ops', () => {
    expect(parsed(patchOf([{ op: 'replace', path: 'emails[type eq "work"].primary', value: true }])).changes).toEqual([]);
  });
  it('remove of a whole extension unsets its attributes but not TYPE', () => {
    const r = parsed(patchOf([{ op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:2.0:User' }]));
    expect(r.changes.map((c) => (c.kind === 'unset' ? c.property : c.kind))).toEqual([
      'DEFAULT_ROLE',
      'DEFAULT_WAREHOUSE',
      'DEFAULT_SECONDARY_ROLES',
      'ALLOWED_INTERFACES',
      'SNOWFLAKE_TAGS',
    ]);
  });
});

describe('empty Operations', () => {
  it('is a no-op unless strict', () => {
    expect(parsed(patchOf([])).changes).toEqual([]);
    expect(errorOf(parseUserPatch(patchOf([]), plain, strict))).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
  });
});

describe('rejections', () => {
  it.each([
    ['a non-object body', [], 'invalidSyntax'],
    ['no Operations', { schemas: [PATCH_OP] }, 'invalidSyntax'],
    ['Operations not an array', { Operations: {} }, 'invalidSyntax'],
    ['an operation not an object', patchOf(['replace']), 'invalidSyntax'],
    ['an unknown op', patchOf([{ op: 'delete', path: 'displayName' }]), 'invalidSyntax'],
    ['op not a string', patchOf([{ op: 1, path: 'displayName' }]), 'invalidSyntax'],
    ['remove without a path', patchOf([{ op: 'remove' }]), 'noTarget'],
    ['replace without value', patchOf([{ op: 'replace', path: 'displayName' }]), 'invalidValue'],
    ['no-path value not an object', patchOf([{ op: 'replace', value: 'x' }]), 'invalidValue'],
    ['an unknown attribute', patchOf([{ op: 'replace', path: 'shoeSize', value: 1 }]), 'invalidPath'],
    ['an unknown key in a no-path value', patchOf([{ op: 'replace', value: { shoeSize: 1 } }]), 'invalidPath'],
    ['an unknown extension attribute', patchOf([{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:2.0:User:foo', value: 1 }]), 'invalidPath'],
    ['an unknown schema', patchOf([{ op: 'replace', path: 'urn:example:foo:bar', value: 1 }]), 'invalidPath'],
    ['a malformed filter', patchOf([{ op: 'replace', path: 'emails[type eq].value', value: 'x' }]), 'invalidPath'],
    ['a filter on a single-valued attribute', patchOf([{ op: 'replace', path: 'userName[x eq "y"]', value: 'x' }]), 'invalidPath'],
    ['path not a string', patchOf([{ op: 'replace', path: 5, value: 'x' }]), 'invalidPath'],
    ['groups (read-only)', patchOf([{ op: 'add', path: 'groups', value: [{ value: 'g' }] }]), 'mutability'],
    ['id in a value that differs', patchOf([{ op: 'replace', value: { id: 'other' } }]), 'mutability'],
    ['remove userName', patchOf([{ op: 'remove', path: 'userName' }]), 'mutability'],
    ['userName null', patchOf([{ op: 'replace', path: 'userName', value: null }]), 'invalidValue'],
    ['active a number', patchOf([{ op: 'replace', path: 'active', value: 0 }]), 'invalidValue'],
    ['displayName an object', patchOf([{ op: 'replace', path: 'displayName', value: {} }]), 'invalidValue'],
  ] as const)('%s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseUserPatch(body, plain, options))).toMatchObject({ status: 400, scimType });
  });

  it('remove of snowflakeUserName with the parameter TRUE is 400 mutability', () => {
    const body = patchOf([{ op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:snowflakeUserName' }]);
    expect(errorOf(parseUserPatch(body, mapped, options)).scimType).toBe('mutability');
  });

  it('the error detail names the operation', () => {
    expect(errorOf(parseUserPatch(patchOf([{ op: 'replace', value: {} }, { op: 'remove' }]), plain, options)).detail).toMatch(/^Operations\[1\]/);
  });

  it.each([
    ['capitalised op', patchOf([{ op: 'Replace', path: 'active', value: false }]), 'invalidSyntax'],
    ['string boolean', patchOf([{ op: 'replace', path: 'active', value: 'False' }]), 'invalidValue'],
    ['missing schemas', { Operations: [{ op: 'replace', path: 'active', value: false }] }, 'invalidSyntax'],
    ['bare givenName', patchOf([{ op: 'replace', value: { givenName: 'x' } }]), 'invalidPath'],
    ['an unsupported RFC attribute', patchOf([{ op: 'replace', path: 'locale', value: 'en' }]), 'invalidValue'],
    ['empty path', patchOf([{ op: 'replace', path: '', value: { active: false } }]), 'invalidPath'],
  ] as const)('strict: %s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseUserPatch(body, plain, strict))).toMatchObject({ status: 400, scimType });
  });

  it('lenient: unsupported RFC attributes are ignored', () => {
    expect(parsed(patchOf([{ op: 'replace', path: 'locale', value: 'en' }])).changes).toEqual([]);
  });

  it('lenient: an id equal to the user id is ignored', () => {
    expect(parsed(patchOf([{ op: 'replace', value: { id: '32_1', active: true } }])).changes).toEqual([
      { kind: 'set', property: 'DISABLED', value: false },
    ]);
  });
});

describe('properties', () => {
  const anyOptions = fc.boolean().map((s) => resolveOptions({ strict: s }));
  test.prop([fc.jsonValue(), fc.boolean(), anyOptions])('never throws on arbitrary JSON', (body, map, o) => {
    const r = parseUserPatch(body, { mapScimUsernameToEnterpriseAttr: map }, o);
    if (!r.ok) expect(r.error.status).toBe(400);
    else expect(Array.isArray(r.value.changes)).toBe(true);
  });

  const path = fc.oneof(
    fc.constantFrom(
      'userName',
      'active',
      'name.givenName',
      'emails[type eq "work"].value',
      'groups',
      'urn:ietf:params:scim:schemas:extension:2.0:User:defaultRole',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.snowflakeTags',
      'urn:ietf:params:scim:schemas:extension:2.0:User',
    ),
    fc.string(),
  );
  const op = fc.record(
    { op: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'REMOVE', 'copy'), path, value: fc.jsonValue() },
    { requiredKeys: ['op'] },
  );
  test.prop([fc.array(op, { maxLength: 6 }), fc.boolean()])('never throws on PatchOp-shaped bodies', (ops, map) => {
    const r = parseUserPatch(patchOf(ops), { mapScimUsernameToEnterpriseAttr: map }, options);
    expect(r.ok || r.error.status === 400).toBe(true);
  });
});
