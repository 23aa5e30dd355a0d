import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { filterIgnoresPaging, matchesGroup, matchesUser, parseListFilter, type ListFilter } from './filter.ts';
import { resolveOptions } from './options.ts';

const current = resolveOptions();
const legacy = resolveOptions({ bundle: 'legacy' });

function value(raw: string | null, resource: 'Users' | 'Groups' = 'Users', options = current): ListFilter {
  const r = parseListFilter(raw, resource, options);
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`);
  return r.value;
}

function errorOf(raw: string, resource: 'Users' | 'Groups' = 'Users') {
  const r = parseListFilter(raw, resource, current);
  if (r.ok) throw new Error(`expected an error for ${raw}`);
  return r.error;
}

describe('parseListFilter — supported filters', () => {
  it('no filter lists everything', () => expect(value(null)).toEqual({ kind: 'all' }));

  it('Okta: userName eq "test.user@okta.local" (spec §4.3)', () => {
    // The decoded form of filter=userName%20eq%20%22test.user%40okta.local%22
    const raw = new URLSearchParams('filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100').get('filter');
    expect(value(raw)).toEqual({ kind: 'match', attr: 'userName', op: 'eq', value: 'test.user@okta.local' });
  });

  it('Entra: displayName eq on Groups (spec §4.4)', () => {
    expect(value('displayName eq "Sales Team"', 'Groups')).toEqual({ kind: 'match', attr: 'displayName', op: 'eq', value: 'Sales Team' });
  });

  it('sw is supported; attribute names and operators are case-insensitive', () => {
    expect(value('USERNAME SW "al"')).toEqual({ kind: 'match', attr: 'userName', op: 'sw', value: 'al' });
    expect(value('displayname Eq "x"', 'Groups')).toMatchObject({ kind: 'match', attr: 'displayName' });
  });

  it('accepts the fully qualified core attribute', () => {
    expect(value('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"')).toMatchObject({ kind: 'match', value: 'a' });
  });

  it('decodes the value as a JSON string', () => {
    expect(value('userName eq "a\\"b"')).toMatchObject({ value: 'a"b' });
    expect(value('userName eq "a\\\\b"')).toMatchObject({ value: 'a\\b' });
    expect(value('userName eq "\\u0041x"')).toMatchObject({ value: 'Ax' });
  });

  it('externalId / id / other attributes match nothing with 200 (spec §1.4)', () => {
    expect(value('externalId eq "00ujl29u0le5T6Aj10h7"')).toMatchObject({ kind: 'none', attr: 'externalId', op: 'eq' });
    expect(value('id eq "32_1"')).toMatchObject({ kind: 'none', attr: 'id' });
    expect(value('userName eq "x"', 'Groups')).toMatchObject({ kind: 'none' });
    expect(value('displayName eq "x"', 'Users')).toMatchObject({ kind: 'none' });
  });
});

describe('parseListFilter — 2026_03 rejections are 400 invalidFilter', () => {
  it.each([
    'userName co "a"',
    'userName ne "a"',
    'userName ew "a"',
    'userName gt "a"',
    'userName pr',
    'userName eq "a" and displayName eq "b"',
    'userName eq "a" or userName eq "b"',
    'not (userName eq "a")',
    'emails[type eq "work"]',
    'userName eq',
    'userName eq abc',
    'userName eq 12',
    'userName eq true',
    'userName eq null',
    '',
    '   ',
    'userName eq "a" junk',
    '((userName eq "a")',
    'externalId co "x"',
  ])('%j', (raw) => {
    const e = errorOf(raw);
    expect(e.status).toBe(400);
    expect(e.scimType).toBe('invalidFilter');
  });
});

describe('parseListFilter — legacy bundle answers 200 with nothing', () => {
  it.each(['userName co "a"', 'userName eq "a" and displayName eq "b"', 'garbage(', ''])('%j', (raw) => {
    expect(value(raw, 'Users', legacy).kind).toBe('none');
  });
  it('still honours supported filters', () => {
    expect(value('userName eq "a"', 'Users', legacy)).toMatchObject({ kind: 'match' });
  });
});

describe('matching (spec §1.4)', () => {
  it('users: eq and sw are case-insensitive against LOGIN_NAME', () => {
    expect(matchesUser(value('userName eq "abc"'), { loginName: 'ABC' })).toBe(true);
    expect(matchesUser(value('userName sw "al"'), { loginName: 'ALBERT' })).toBe(true);
    expect(matchesUser(value('userName sw "al"'), { loginName: 'ALICE' })).toBe(true);
    expect(matchesUser(value('userName sw "al"'), { loginName: 'BOB' })).toBe(false);
    expect(matchesUser(value('userName eq "ab"'), { loginName: 'ABC' })).toBe(false);
    expect(matchesUser(value('externalId eq "ABC"'), { loginName: 'ABC' })).toBe(false);
    expect(matchesUser(value(null), { loginName: 'ABC' })).toBe(true);
  });
  it('groups: eq matches exact or upper-cased; sw is case-sensitive', () => {
    expect(matchesGroup(value('displayName eq "abc"', 'Groups'), { displayName: 'ABC' })).toBe(true);
    expect(matchesGroup(value('displayName eq "abc"', 'Groups'), { displayName: 'abc' })).toBe(true);
    expect(matchesGroup(value('displayName eq "abc"', 'Groups'), { displayName: 'Abc' })).toBe(false);
    expect(matchesGroup(value('displayName sw "abc"', 'Groups'), { displayName: 'ABC_ADMIN' })).toBe(false);
    expect(matchesGroup(value('displayName sw "ABC"', 'Groups'), { displayName: 'ABC_ADMIN' })).toBe(true);
  });
  it('eq ignores paging, sw does not', () => {
    expect(filterIgnoresPaging(value('userName eq "a"'))).toBe(true);
    expect(filterIgnoresPaging(value('userName sw "a"'))).toBe(false);
    expect(filterIgnoresPaging(value(null))).toBe(false);
  });
});

describe('string literals', () => {
  it('refuses invalid JSON escapes and raw control characters', () => {
    expect(errorOf('userName eq "\\x"').scimType).toBe('invalidFilter');
    expect(errorOf('userName eq "a\tb"').scimType).toBe('invalidFilter');
  });
  it('keeps brackets and keywords inside quotes literal', () => {
    expect(value('userName eq "a and b or (c) [d]"')).toMatchObject({ value: 'a and b or (c) [d]' });
    expect(value('userName eq "\\\\"')).toMatchObject({ value: '\\' });
  });
});

describe('properties', () => {
  test.prop([fc.string(), fc.constantFrom('Users' as const, 'Groups' as const), fc.boolean()])(
    'never throws; returns a filter or a 400 invalidFilter',
    (raw, resource, isLegacy) => {
      const r = parseListFilter(raw, resource, isLegacy ? legacy : current);
      if (r.ok) expect(['all', 'match', 'none']).toContain(r.value.kind);
      else {
        expect(isLegacy).toBe(false);
        expect(r.error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
      }
    },
  );
  test.prop([fc.string(), fc.constantFrom('eq', 'sw')])('round-trips any JSON-quoted value', (v, op) => {
    const r = parseListFilter(`userName ${op} ${JSON.stringify(v)}`, 'Users', current);
    // The parser refuses raw line breaks inside quotes; JSON.stringify escapes them, so all values round-trip.
    expect(r).toEqual({ ok: true, value: { kind: 'match', attr: 'userName', op, value: v } });
  });
  test.prop([fc.string({ unit: fc.constantFrom('(', ')', '"', '\\', 'a', ' ', 'eq', 'and', '[', ']', 'not') })])(
    'never throws on filter-like noise',
    (raw) => {
      expect(typeof parseListFilter(raw, 'Users', current).ok).toBe('boolean');
    },
  );
});
