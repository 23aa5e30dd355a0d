import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseListFilter } from './filter.ts';
import { resolveOptions } from './options.ts';
import {
  DEFAULT_COUNT,
  legacySyntheticListResponse,
  listResponse,
  pageResponse,
  paginate,
  pagingMode,
  parsePaging,
  type Paging,
} from './paging.ts';
import { LIST_RESPONSE_URN } from './schemas.ts';

const current = resolveOptions();
const legacy = resolveOptions({ bundle: 'legacy' });

function paging(query: string): Paging {
  const r = parsePaging(new URLSearchParams(query), current);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('parsePaging (spec §1.5)', () => {
  it('defaults: startIndex 1, count 100', () => expect(paging('')).toEqual({ startIndex: 1, count: 100 }));
  it('Okta import: startIndex=1&count=100', () => expect(paging('startIndex=1&count=100')).toEqual({ startIndex: 1, count: 100 }));
  it('startIndex < 1 is 1', () => {
    expect(paging('startIndex=0').startIndex).toBe(1);
    expect(paging('startIndex=-7').startIndex).toBe(1);
  });
  it('count > 1000 is 1000, negative is 0', () => {
    expect(paging('count=5000').count).toBe(1000);
    expect(paging('count=-1').count).toBe(0);
    expect(paging('count=99999999999999999999999').count).toBe(1000);
  });
  it.each(['startIndex=abc', 'count=ten', 'count=1.5', 'startIndex=1e3', 'startIndex=', 'count=0x10'])('%s is 400 invalidValue', (q) => {
    const r = parsePaging(new URLSearchParams(q), current);
    expect(r.ok ? null : r.error).toMatchObject({ status: 400, scimType: 'invalidValue' });
  });
  it('legacy does not validate', () => {
    expect(parsePaging(new URLSearchParams('startIndex=abc'), legacy)).toEqual({ ok: true, value: { startIndex: 1, count: DEFAULT_COUNT } });
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 250 }, (_, i) => i + 1);

  it('itemsPerPage is the count used, not the number returned (doc example)', () => {
    const page = paginate([1, 2], paging(''), 'paged');
    expect(page).toEqual({ resources: [1, 2], totalResults: 2, startIndex: 1, itemsPerPage: 100 });
  });

  it('totalResults is startIndex + count while more pages exist', () => {
    expect(paginate(items, paging('startIndex=1&count=100'), 'paged')).toMatchObject({ totalResults: 101, itemsPerPage: 100 });
    expect(paginate(items, paging('startIndex=101&count=100'), 'paged')).toMatchObject({ totalResults: 201 });
    const last = paginate(items, paging('startIndex=201&count=100'), 'paged');
    expect(last.totalResults).toBe(250);
    expect(last.resources).toHaveLength(50);
  });

  it('the documented loop visits every item exactly once', () => {
    const seen: number[] = [];
    let startIndex = 1;
    for (let guard = 0; guard < 100; guard++) {
      const page = paginate(items, { startIndex, count: 30 }, 'paged');
      seen.push(...page.resources);
      if (!(page.startIndex + page.itemsPerPage <= page.totalResults)) break;
      startIndex += page.itemsPerPage;
    }
    expect(seen).toEqual(items);
  });

  test.prop([fc.nat(400), fc.integer({ min: 1, max: 1000 })])('the documented loop terminates and is complete', (n, count) => {
    const all = Array.from({ length: n }, (_, i) => i);
    const seen: number[] = [];
    let startIndex = 1;
    for (let guard = 0; guard <= n + 1; guard++) {
      const page = paginate(all, { startIndex, count }, 'paged');
      seen.push(...page.resources);
      if (!(page.startIndex + page.itemsPerPage <= page.totalResults)) break;
      startIndex += page.itemsPerPage;
    }
    expect(seen).toEqual(all);
  });

  it('count=0 returns no items and the true total', () => {
    expect(paginate(items, paging('count=-3'), 'paged')).toEqual({ resources: [], totalResults: 250, startIndex: 1, itemsPerPage: 0 });
  });

  it('startIndex past the end returns nothing with the true total', () => {
    expect(paginate(items, paging('startIndex=900'), 'paged')).toMatchObject({ resources: [], totalResults: 250 });
  });

  it('eq ignores startIndex and count (spec §1.4)', () => {
    const f = parseListFilter('userName eq "a"', 'Users', current);
    if (!f.ok) throw new Error();
    const mode = pagingMode(f.value, current);
    expect(mode).toBe('eq');
    expect(paginate([7], paging('startIndex=5&count=0'), mode)).toEqual({ resources: [7], totalResults: 1, startIndex: 1, itemsPerPage: 100 });
  });

  it('legacy: unfiltered → synthetic; filtered → whole list', () => {
    const all = parseListFilter(null, 'Users', legacy);
    const some = parseListFilter('userName sw "a"', 'Users', legacy);
    if (!all.ok || !some.ok) throw new Error();
    expect(pagingMode(all.value, legacy)).toBe('legacy-synthetic');
    expect(pagingMode(some.value, legacy)).toBe('legacy-filtered');
    expect(paginate([1, 2, 3], paging(''), 'legacy-filtered')).toEqual({ resources: [1, 2, 3], totalResults: 3, startIndex: 1, itemsPerPage: 3 });
  });
});

describe('list bodies', () => {
  it('listResponse has the ListResponse URN', () => {
    expect(listResponse([], 0, 1, 100)).toEqual({ schemas: [LIST_RESPONSE_URN], Resources: [], totalResults: 0, startIndex: 1, itemsPerPage: 100 });
    expect(pageResponse({ resources: [1], totalResults: 1, startIndex: 1, itemsPerPage: 100 }).Resources).toEqual([1]);
  });

  it('legacy synthetic user (spec §1.5, verbatim)', () => {
    expect(legacySyntheticListResponse('Users')).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [
        {
          schemas: [
            'urn:ietf:params:scim:schemas:core:2.0:User',
            'urn:ietf:params:scim:schemas:extension:2.0:User',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          ],
          id: '1',
          externalId: 'synthesis_user_external_id',
          userName: 'synthesis_user',
          displayName: 'synthesis_user_display_name',
          active: false,
        },
      ],
    });
  });

  it('legacy synthetic group', () => {
    expect(legacySyntheticListResponse('Groups').Resources).toEqual([
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: '1', displayName: 'synthetic_group' },
    ]);
  });
});
