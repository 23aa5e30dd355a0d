/**
 * Pagination of GET /Users and GET /Groups and the ListResponse body (spec §1.5).
 *
 * Snowflake's list responses are quirky and reproduced exactly: `itemsPerPage` is the `count`
 * used, not the number of resources returned, and `totalResults` is `startIndex + count` while
 * more pages exist (the true total only on the last page). Before bundle 2026_03 an unfiltered list
 * returned one synthetic object instead of the real resources.
 */
import { scimError } from './errors.ts';
import type { ListFilter } from './filter.ts';
import { filterIgnoresPaging } from './filter.ts';
import type { ScimOptions } from './options.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_GROUP_URN, CORE_USER_URN, ENTERPRISE_USER_URN, LIST_RESPONSE_URN, SNOWFLAKE_USER_URN } from './schemas.ts';

/** Default `count` when absent (spec §1.5). */
export const DEFAULT_COUNT = 100;
/** Largest `count`; larger values are treated as this (spec §1.5). */
export const MAX_COUNT = 1000;

/** The validated paging parameters. */
export interface Paging {
  /** 1-based, at least 1. */
  readonly startIndex: number;
  /** 0..MAX_COUNT. */
  readonly count: number;
}

/** Parse an integer query value: optional sign and digits only ("1.5", "1e3", "abc" are not). */
function parseInteger(raw: string): number | null {
  if (!/^[+-]?\d+$/.test(raw)) return null;
  const n = Number(raw);
  // Digit strings beyond 2^53 still parse to a finite number; clamp rather than fail.
  return Math.max(Math.min(n, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
}

/**
 * Parse `startIndex` and `count` (spec §1.5): startIndex default 1, values < 1 treated as 1;
 * count default 100, > 1000 treated as 1000, negative treated as 0; a non-integer value of either
 * is 400 invalidValue. In the legacy bundle the parameters were not honoured, so they are not
 * validated either and the defaults are returned.
 */
export function parsePaging(params: URLSearchParams, options: Pick<ScimOptions, 'bundle'>): Result<Paging> {
  if (options.bundle === 'legacy') return ok({ startIndex: 1, count: DEFAULT_COUNT });
  const rawStart = params.get('startIndex');
  const rawCount = params.get('count');
  let startIndex = 1;
  let count = DEFAULT_COUNT;
  if (rawStart !== null) {
    const n = parseInteger(rawStart.trim());
    if (n === null) return fail(scimError.invalidValue(`startIndex must be an integer, got '${rawStart}'`));
    startIndex = Math.max(1, n);
  }
  if (rawCount !== null) {
    const n = parseInteger(rawCount.trim());
    if (n === null) return fail(scimError.invalidValue(`count must be an integer, got '${rawCount}'`));
    count = Math.min(MAX_COUNT, Math.max(0, n));
  }
  return ok({ startIndex, count });
}

/**
 * How a list is cut into a page:
 * - `paged`: real pagination (2026_03, unfiltered or `sw`);
 * - `eq`: an `eq` filter, where startIndex and count are ignored (spec §1.4);
 * - `legacy-filtered`: a filtered list before 2026_03, returned whole;
 * - `legacy-synthetic`: an unfiltered list before 2026_03, answered by one synthetic object.
 */
export type PagingMode = 'paged' | 'eq' | 'legacy-filtered' | 'legacy-synthetic';

/** The paging mode for a filter under the configured bundle. */
export function pagingMode(filter: ListFilter, options: Pick<ScimOptions, 'bundle'>): PagingMode {
  if (options.bundle === 'legacy') return filter.kind === 'all' ? 'legacy-synthetic' : 'legacy-filtered';
  return filterIgnoresPaging(filter) ? 'eq' : 'paged';
}

/** One page of a list, with the numbers Snowflake reports for it. */
export interface Page<T> {
  readonly resources: readonly T[];
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
}

/**
 * Cut the matching items into the page Snowflake would return. In `paged` mode `totalResults` is
 * `startIndex + count` while more items follow, so a client looping "while startIndex +
 * itemsPerPage <= totalResults" (the documented loop) walks every page and stops. With `count=0`
 * no items are returned and `totalResults` is the true total (RFC 7644 §3.4.2.4), because
 * `startIndex + 0` would make that loop spin forever. `legacy-synthetic` is not a page of real
 * items: use {@link legacySyntheticListResponse}; here it yields an empty page.
 */
export function paginate<T>(items: readonly T[], paging: Paging, mode: PagingMode): Page<T> {
  switch (mode) {
    case 'eq':
      return { resources: items, totalResults: items.length, startIndex: 1, itemsPerPage: DEFAULT_COUNT };
    case 'legacy-filtered':
      return { resources: items, totalResults: items.length, startIndex: 1, itemsPerPage: items.length };
    case 'legacy-synthetic':
      return { resources: [], totalResults: 0, startIndex: 1, itemsPerPage: 0 };
    case 'paged': {
      const { startIndex, count } = paging;
      const offset = startIndex - 1;
      const resources = items.slice(offset, offset + count);
      const moreFollow = count > 0 && offset + count < items.length;
      return { resources, totalResults: moreFollow ? startIndex + count : items.length, startIndex, itemsPerPage: count };
    }
  }
}

/** The body of a list response. */
export interface ListResponseBody {
  readonly schemas: readonly [typeof LIST_RESPONSE_URN];
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly Resources: readonly unknown[];
}

/**
 * A `urn:ietf:params:scim:api:messages:2.0:ListResponse` body. Key order follows Snowflake's doc
 * example: schemas, Resources, totalResults, startIndex, itemsPerPage.
 */
export function listResponse(
  resources: readonly unknown[],
  totalResults: number,
  startIndex: number,
  itemsPerPage: number,
): ListResponseBody {
  return { schemas: [LIST_RESPONSE_URN], Resources: resources, totalResults, startIndex, itemsPerPage };
}

/** A list response for a page whose items were already rendered. */
export function pageResponse(page: Page<unknown>): ListResponseBody {
  return listResponse(page.resources, page.totalResults, page.startIndex, page.itemsPerPage);
}

/**
 * The synthetic user of the legacy bundle (spec §1.5, CONFIRMED [BCR]): returned instead of the
 * real users by an unfiltered GET /Users.
 */
export function legacySyntheticUser(): Record<string, unknown> {
  return {
    schemas: [CORE_USER_URN, SNOWFLAKE_USER_URN, ENTERPRISE_USER_URN],
    id: '1',
    externalId: 'synthesis_user_external_id',
    userName: 'synthesis_user',
    displayName: 'synthesis_user_display_name',
    active: false,
  };
}

/** The synthetic group of the legacy bundle (spec §1.5; fields UNCONFIRMED, guessed). */
export function legacySyntheticGroup(): Record<string, unknown> {
  return { schemas: [CORE_GROUP_URN], id: '1', displayName: 'synthetic_group' };
}

/** The legacy answer to an unfiltered list: one synthetic object, totalResults/startIndex/itemsPerPage 1. */
export function legacySyntheticListResponse(resource: 'Users' | 'Groups'): ListResponseBody {
  return listResponse([resource === 'Users' ? legacySyntheticUser() : legacySyntheticGroup()], 1, 1, 1);
}
