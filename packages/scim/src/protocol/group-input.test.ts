import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseGroupCreate, parseGroupReplace, parseMemberIds } from './group-input.ts';
import { resolveOptions } from './options.ts';
import type { Result } from './result.ts';

const options = resolveOptions();
const strict = resolveOptions({ strict: true });

function errorOf(r: Result<unknown>) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('POST /Groups', () => {
  it('Snowflake doc body (spec §3.2)', () => {
    expect(parseGroupCreate({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'scim_test_group2' }, options)).toEqual({
      ok: true,
      value: { kind: 'create', displayName: 'scim_test_group2', memberIds: [], externalId: null },
    });
  });

  it('Okta group push (spec §4.3)', () => {
    const r = parseGroupCreate({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Test SCIMv2', members: [] }, strict);
    expect(r).toMatchObject({ ok: true, value: { displayName: 'Test SCIMv2', memberIds: [] } });
  });

  it('Entra create with the ADSCIM schema URI, externalId and meta (spec §4.4), also in strict mode', () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Group1DisplayName',
      meta: { resourceType: 'Group' },
    };
    for (const o of [options, strict]) {
      expect(parseGroupCreate(body, o)).toEqual({
        ok: true,
        value: { kind: 'create', displayName: 'Group1DisplayName', memberIds: [], externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159' },
      });
    }
  });

  it('members are user ids, deduplicated', () => {
    const r = parseGroupCreate({ displayName: 'r', members: [{ value: 'u1', display: 'a@x' }, { $ref: null, value: 'u2' }, { value: 'u1' }] }, options);
    expect(r).toMatchObject({ ok: true, value: { memberIds: ['u1', 'u2'] } });
  });

  it('keeps the role name case by default; roleNameCase upper', () => {
    expect(parseGroupCreate({ displayName: 'okta_role1' }, options)).toMatchObject({ value: { displayName: 'okta_role1' } });
    expect(parseGroupCreate({ displayName: 'okta_role1' }, resolveOptions({ roleNameCase: 'upper' }))).toMatchObject({ value: { displayName: 'OKTA_ROLE1' } });
  });

  it('PUT parses the same shape', () => {
    expect(parseGroupReplace({ displayName: 'r', members: [{ value: 'u1' }] }, options)).toMatchObject({ ok: true, value: { kind: 'replace', memberIds: ['u1'] } });
  });

  it.each([
    ['a non-object', 'x', 'invalidSyntax'],
    ['no displayName', { members: [] }, 'invalidValue'],
    ['empty displayName', { displayName: ' ' }, 'invalidValue'],
    ['numeric displayName', { displayName: 5 }, 'invalidValue'],
    ['a too long displayName', { displayName: 'r'.repeat(256) }, 'invalidValue'],
    ['members not an array', { displayName: 'r', members: 5 }, 'invalidValue'],
    ['a member without value', { displayName: 'r', members: [{ display: 'x' }] }, 'invalidValue'],
    ['a numeric member value', { displayName: 'r', members: [{ value: 1 }] }, 'invalidValue'],
    ['a numeric externalId', { displayName: 'r', externalId: 1 }, 'invalidValue'],
  ] as const)('%s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseGroupCreate(body, options))).toMatchObject({ status: 400, scimType });
  });

  it.each([
    ['no schemas', { displayName: 'r' }, 'invalidSyntax'],
    ['an unknown schema', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'urn:x'], displayName: 'r' }, 'invalidSyntax'],
    ['an unknown attribute', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'r', owner: 'x' }, 'invalidValue'],
    ['bare-string members', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'r', members: ['u1'] }, 'invalidValue'],
  ] as const)('strict: %s → 400 %s', (_, body, scimType) => {
    expect(errorOf(parseGroupCreate(body, strict))).toMatchObject({ status: 400, scimType });
  });
});

describe('parseMemberIds', () => {
  it('lenient: bare strings and a single object', () => {
    expect(parseMemberIds(['u1', 'u2'], options)).toEqual({ ok: true, value: ['u1', 'u2'] });
    expect(parseMemberIds({ value: 'u1' }, options)).toEqual({ ok: true, value: ['u1'] });
    expect(parseMemberIds(null, options)).toEqual({ ok: true, value: [] });
  });
});

describe('properties', () => {
  test.prop([fc.jsonValue(), fc.boolean()])('never throws on arbitrary JSON', (body, s) => {
    const r = parseGroupCreate(body, s ? strict : options);
    expect(r.ok || r.error.status === 400).toBe(true);
  });
});
