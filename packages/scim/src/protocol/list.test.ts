import { describe, expect, it } from 'vitest';
import { parseExcludedAttributes } from './excluded-attributes.ts';
import { parseListFilter, type ListFilter } from './filter.ts';
import { groupListResponse, userListResponse } from './list.ts';
import { resolveOptions, type ScimOptions } from './options.ts';
import { parsePaging } from './paging.ts';
import type { ScimGroupRecord, ScimUserRecord } from './render.ts';

function user(i: number, login: string): ScimUserRecord {
  return {
    id: `${i}_1`,
    name: login.toUpperCase(),
    loginName: login,
    displayName: login,
    firstName: null,
    lastName: null,
    email: null,
    disabled: false,
    defaultRole: null,
    defaultWarehouse: null,
    defaultSecondaryRoles: null,
    type: null,
    createdOn: 0,
    updatedOn: 0,
    groups: [],
    extensionNamespace: null,
  };
}

const users = [user(1, 'albert'), user(2, 'alice'), user(3, 'bob'), ...Array.from({ length: 200 }, (_, i) => user(10 + i, `u${i}`))];
const groups: ScimGroupRecord[] = [
  { id: '81_2', displayName: 'ABC_ADMIN', members: [{ id: '1_1', display: 'ALBERT' }], createdOn: 0, updatedOn: 0 },
  { id: '82_2', displayName: 'abc', members: [], createdOn: 0, updatedOn: 0 },
];

function filterOf(raw: string | null, resource: 'Users' | 'Groups', o: ScimOptions): ListFilter {
  const r = parseListFilter(raw, resource, o);
  if (!r.ok) throw new Error();
  return r.value;
}

function pagingOf(q: string, o: ScimOptions) {
  const r = parsePaging(new URLSearchParams(q), o);
  if (!r.ok) throw new Error();
  return r.value;
}

describe('userListResponse', () => {
  const o = resolveOptions();
  it('Okta "user exists?" check', () => {
    const body = userListResponse(users, filterOf('userName eq "ALICE"', 'Users', o), pagingOf('startIndex=1&count=100', o), { options: o });
    expect(body.totalResults).toBe(1);
    expect(body.Resources).toEqual([expect.objectContaining({ id: '2_1', userName: 'ALICE' })]);
  });
  it('pages with Snowflake numbers and excludes groups', () => {
    const body = userListResponse(users, filterOf(null, 'Users', o), pagingOf('count=100', o), {
      options: o,
      exclusions: parseExcludedAttributes('groups', 'Users'),
    });
    expect(body).toMatchObject({ totalResults: 101, startIndex: 1, itemsPerPage: 100 });
    expect(body.Resources).toHaveLength(100);
    expect(body.Resources[0]).not.toHaveProperty('groups');
  });
  it('legacy unfiltered list is the synthetic user', () => {
    const legacy = resolveOptions({ bundle: 'legacy' });
    const body = userListResponse(users, filterOf(null, 'Users', legacy), pagingOf('', legacy), { options: legacy });
    expect(body).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ userName: 'synthesis_user' }] });
  });
});

describe('groupListResponse', () => {
  const o = resolveOptions();
  it('Entra lookup: excludedAttributes=members&filter=displayName eq', () => {
    const body = groupListResponse(groups, filterOf('displayName eq "abc"', 'Groups', o), pagingOf('', o), {
      options: o,
      exclusions: parseExcludedAttributes('members', 'Groups'),
    });
    expect(body.Resources.map((g) => (g as { id: string }).id)).toEqual(['82_2']);
    expect(body.Resources[0]).not.toHaveProperty('members');
  });
  it('sw is case-sensitive', () => {
    expect(groupListResponse(groups, filterOf('displayName sw "abc"', 'Groups', o), pagingOf('', o), { options: o }).totalResults).toBe(1);
    expect(groupListResponse(groups, filterOf('displayName sw "ABC"', 'Groups', o), pagingOf('', o), { options: o }).totalResults).toBe(1);
  });
});
