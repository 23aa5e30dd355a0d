/**
 * A whole list request in one call: filter, page, render only the page. The handler supplies the
 * visible records in Snowflake's order; rendering only the page keeps a 1000-item page of a 100k
 * account cheap.
 */
import type { ListFilter } from './filter.ts';
import { matchesGroup, matchesUser } from './filter.ts';
import type { ScimOptions } from './options.ts';
import { legacySyntheticListResponse, paginate, pagingMode, pageResponse, type ListResponseBody, type Paging } from './paging.ts';
import { renderGroup, renderUser, type RenderContext, type ScimGroupRecord, type ScimUserRecord } from './render.ts';

/** Rendering context plus the bundle. */
export type ListContext = RenderContext & { readonly options: RenderContext['options'] & Pick<ScimOptions, 'bundle'> };

/** The body of GET /Users for the visible users. */
export function userListResponse(users: Iterable<ScimUserRecord>, filter: ListFilter, paging: Paging, ctx: ListContext): ListResponseBody {
  const mode = pagingMode(filter, ctx.options);
  if (mode === 'legacy-synthetic') return legacySyntheticListResponse('Users');
  const matching: ScimUserRecord[] = [];
  for (const u of users) if (matchesUser(filter, u)) matching.push(u);
  const page = paginate(matching, paging, mode);
  return pageResponse({ ...page, resources: page.resources.map((u) => renderUser(u, ctx)) });
}

/** The body of GET /Groups for the visible roles. */
export function groupListResponse(groups: Iterable<ScimGroupRecord>, filter: ListFilter, paging: Paging, ctx: ListContext): ListResponseBody {
  const mode = pagingMode(filter, ctx.options);
  if (mode === 'legacy-synthetic') return legacySyntheticListResponse('Groups');
  const matching: ScimGroupRecord[] = [];
  for (const g of groups) if (matchesGroup(filter, g)) matching.push(g);
  const page = paginate(matching, paging, mode);
  return pageResponse({ ...page, resources: page.resources.map((g) => renderGroup(g, ctx)) });
}
