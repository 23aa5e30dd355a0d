import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseGroupPatch, type GroupChange } from './group-patch.ts';
import { resolveOptions, type ScimOptions } from './options.ts';
import type { Result } from './result.ts';

const options = resolveOptions();
const strict = resolveOptions({ strict: true });
const ctx = { groupId: '81_2' };
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function patchOf(Operations: unknown[]): unknown {
  return { schemas: [PATCH_OP], Operations };
}

function changes(body: unknown, o: ScimOptions = options): readonly GroupChange[] {
  const r = parseGroupPatch(body, ctx, o);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function errorOf(r: Result<unknown>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('Okta group PATCH (spec §4.3, §10)', () => {
  it('rename with the group id inside value', () => {
    expect(changes(patchOf([{ op: 'replace', value: { id: '81_2', displayName: 'Test SCIMv2 renamed' } }]))).toEqual([
      { kind: 'rename', displayName: 'Test SCIMv2 renamed' },
    ]);
  });

  it('membership: remove by filter and add, as Okta sends them together', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: 'members[value eq "61_1"]' },
        { op: 'add', path: 'members', value: [{ value: '32_1', display: 'test.user@okta.local' }] },
      ],
    };
    expect(changes(body)).toEqual([
      { kind: 'removeMembers', ids: ['61_1'] },
      { kind: 'addMembers', ids: ['32_1'] },
    ]);
  });

  it('full replace of members', () => {
    expect(changes(patchOf([{ op: 'replace', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }]))).toEqual([
      { kind: 'replaceMembers', ids: ['u1', 'u2'] },
    ]);
    expect(errorOf(parseGroupPatch(patchOf([{ op: 'replace', path: 'members', value: [] }]), ctx, resolveOptions({ groupMembersReplace: 'reject' }))).scimType).toBe(
      'invalidPath',
    );
  });

  it('an id in the value that is not the group is 400 mutability', () => {
    expect(errorOf(parseGroupPatch(patchOf([{ op: 'replace', value: { id: '99_2', displayName: 'x' } }]), ctx, options)).scimType).toBe('mutability');
  });
});

describe('Entra group PATCH (spec §4.4, §10)', () => {
  it('rename', () => {
    expect(changes(patchOf([{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }]))).toEqual([
      { kind: 'rename', displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
    ]);
  });

  it('add members with $ref null', () => {
    expect(changes(patchOf([{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }]))).toEqual([
      { kind: 'addMembers', ids: ['f648f8d5ea4e4cd38e9c'] },
    ]);
  });

  it('legacy remove with a value list', () => {
    expect(changes(patchOf([{ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }]))).toEqual([
      { kind: 'removeMembers', ids: ['f648f8d5ea4e4cd38e9c'] },
    ]);
  });

  it('flagged remove with a filter path', () => {
    expect(changes(patchOf([{ op: 'remove', path: 'members[value eq "f648f8d5ea4e4cd38e9c"]' }]))).toEqual([
      { kind: 'removeMembers', ids: ['f648f8d5ea4e4cd38e9c'] },
    ]);
  });

  it('bare-string member values', () => {
    expect(changes(patchOf([{ op: 'Add', path: 'members', value: ['u1', 'u2'] }]))).toEqual([{ kind: 'addMembers', ids: ['u1', 'u2'] }]);
  });
});

describe('Snowflake doc group PATCH (spec §3.2)', () => {
  it('rename, remove and a path-less add of a member list in one request', () => {
    const body = patchOf([
      { op: 'replace', value: { displayName: 'updated_name' } },
      { op: 'remove', path: 'members[value eq "user_id_1"]' },
      { op: 'add', value: [{ value: 'user_id_2' }] },
    ]);
    expect(changes(body)).toEqual([
      { kind: 'rename', displayName: 'updated_name' },
      { kind: 'removeMembers', ids: ['user_id_1'] },
      { kind: 'addMembers', ids: ['user_id_2'] },
    ]);
  });

  it('demo: add with path members', () => {
    expect(changes(patchOf([{ op: 'add', path: 'members', value: [{ value: '1049_199900202969_3' }] }]))).toEqual([
      { kind: 'addMembers', ids: ['1049_199900202969_3'] },
    ]);
  });
});

describe('other shapes', () => {
  it('remove members without a value removes all (RFC 7644 §3.5.2.2)', () => {
    expect(changes(patchOf([{ op: 'remove', path: 'members' }]))).toEqual([{ kind: 'replaceMembers', ids: [] }]);
  });
  it('or-joined value filters remove several members', () => {
    expect(changes(patchOf([{ op: 'remove', path: 'members[value eq "a" or value eq "b"]' }]))).toEqual([{ kind: 'removeMembers', ids: ['a', 'b'] }]);
  });
  it('a no-path value with members adds them; externalId is settable', () => {
    expect(changes(patchOf([{ op: 'add', value: { members: [{ value: 'u1' }], externalId: 'e1' } }]))).toEqual([
      { kind: 'addMembers', ids: ['u1'] },
      { kind: 'setExternalId', value: 'e1' },
    ]);
    expect(changes(patchOf([{ op: 'remove', path: 'externalId' }]))).toEqual([{ kind: 'setExternalId', value: null }]);
  });
  it('roleNameCase upper applies to renames', () => {
    expect(changes(patchOf([{ op: 'replace', path: 'displayName', value: 'abc' }]), resolveOptions({ roleNameCase: 'upper' }))).toEqual([
      { kind: 'rename', displayName: 'ABC' },
    ]);
  });
  it('empty add is a no-op', () => {
    expect(changes(patchOf([{ op: 'add', path: 'members', value: [] }]))).toEqual([]);
  });
});

describe('rejections', () => {
  it.each([
    ['remove without a path', patchOf([{ op: 'remove' }]), 'noTarget'],
    ['remove displayName', patchOf([{ op: 'remove', path: 'displayName' }]), 'mutability'],
    ['displayName null', patchOf([{ op: 'replace', path: 'displayName', value: null }]), 'mutability'],
    ['displayName a number', patchOf([{ op: 'replace', path: 'displayName', value: 1 }]), 'invalidValue'],
    ['a members filter on display', patchOf([{ op: 'remove', path: 'members[display eq "x"]' }]), 'invalidFilter'],
    ['a members filter with and', patchOf([{ op: 'remove', path: 'members[value eq "a" and value eq "b"]' }]), 'invalidFilter'],
    ['a filtered add', patchOf([{ op: 'add', path: 'members[value eq "a"]', value: [] }]), 'invalidPath'],
    ['a members sub-attribute', patchOf([{ op: 'replace', path: 'members.display', value: 'x' }]), 'invalidPath'],
    ['an unknown attribute', patchOf([{ op: 'replace', path: 'owner', value: 'x' }]), 'invalidPath'],
    ['a user extension path', patchOf([{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:2.0:User:defaultRole', value: 'x' }]), 'invalidPath'],
    ['a member without value', patchOf([{ op: 'add', path: 'members', value: [{ display: 'x' }] }]), 'invalidValue'],
    ['add without value', patchOf([{ op: 'add', path: 'members' }]), 'invalidValue'],
    ['a no-path scalar value', patchOf([{ op: 'replace', value: 'x' }]), 'invalidValue'],
    ['remove of id', patchOf([{ op: 'remove', path: 'id' }]), 'mutability'],
    ['an unknown op', patchOf([{ op: 'move', path: 'members' }]), 'invalidSyntax'],
  ] as const)('%s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseGroupPatch(body, ctx, options))).toMatchObject({ status: 400, scimType });
  });

  it.each([
    ['capitalised op', patchOf([{ op: 'Add', path: 'members', value: [{ value: 'u' }] }]), 'invalidSyntax'],
    ['bare-string members', patchOf([{ op: 'add', path: 'members', value: ['u'] }]), 'invalidValue'],
    ['a path-less member list', patchOf([{ op: 'add', value: [{ value: 'u' }] }]), 'invalidValue'],
    ['empty Operations', patchOf([]), 'invalidSyntax'],
  ] as const)('strict: %s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseGroupPatch(body, ctx, strict))).toMatchObject({ status: 400, scimType });
  });
});

describe('properties', () => {
  test.prop([fc.jsonValue(), fc.boolean()])('never throws on arbitrary JSON', (body, s) => {
    const r = parseGroupPatch(body, ctx, s ? strict : options);
    expect(r.ok || r.error.status === 400).toBe(true);
  });
  const op = fc.record(
    {
      op: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'Remove'),
      path: fc.oneof(fc.constantFrom('members', 'displayName', 'members[value eq "x"]', 'externalId'), fc.string()),
      value: fc.oneof(fc.jsonValue(), fc.array(fc.record({ value: fc.oneof(fc.string(), fc.jsonValue()), $ref: fc.constant(null) }))),
    },
    { requiredKeys: ['op'] },
  );
  test.prop([fc.array(op, { maxLength: 6 })])('never throws on PatchOp-shaped bodies', (ops) => {
    const r = parseGroupPatch(patchOf(ops), ctx, options);
    expect(r.ok || r.error.status === 400).toBe(true);
  });
});
