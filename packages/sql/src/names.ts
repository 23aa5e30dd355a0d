/**
 * Names as SHOW and DESC print them. Core stores references by id (roles that own objects, grant
 * grantors, attached network policies); output shows names. Also LIKE / STARTS WITH / LIMIT FROM
 * filtering of SHOW output (spec/snowflake-sql.md §0, §4).
 */
import { findNetworkPolicy, findRole, type AccountState } from '@snowglobe/core';
import type { ShowFilter } from './parse/index.ts';

/** A role id as its NAME; '' for none (system grants) or a role that no longer exists. */
export function roleName(s: AccountState, id: string): string {
  if (id === '') return '';
  return findRole(s, { id })?.name ?? '';
}

/** A network policy id as its NAME, or null. */
export function policyName(s: AccountState, id: string | null): string | null {
  if (id === null) return null;
  return findNetworkPolicy(s, { id })?.name ?? null;
}

/**
 * SQL LIKE as a RegExp: `%` any run, `_` one character, `\` escapes the next character
 * (UNCONFIRMED for SHOW; standard for LIKE ... ESCAPE '\').
 */
export function likeRegExp(pattern: string, caseInsensitive: boolean, escape: string | null = '\\'): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (escape !== null && c === escape && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i] as string);
    } else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`, caseInsensitive ? 'iu' : 'u');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Code-unit order, as Snowflake sorts SHOW output by name. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** SHOW commands return at most 10,000 rows (spec §0). */
export const SHOW_ROW_CAP = 10_000;

/**
 * Applies a SHOW filter to named items: sort by name, LIKE (case-insensitive), STARTS WITH and
 * LIMIT n FROM 'x' (both case-sensitive; FROM starts at the first name >= x), then the row cap.
 */
export function applyShowFilter<T>(items: readonly T[], name: (t: T) => string, filter: ShowFilter): T[] {
  const like = filter.like ? likeRegExp(filter.like.value, true) : null;
  const starts = filter.startsWith?.value ?? null;
  const from = filter.limit?.from?.value ?? null;
  const out = items
    .filter((t) => {
      const n = name(t);
      if (like && !like.test(n)) return false;
      if (starts !== null && !n.startsWith(starts)) return false;
      if (from !== null && n < from) return false;
      return true;
    })
    .sort((a, b) => byName(name(a), name(b)));
  const limit = Math.min(filter.limit?.count ?? SHOW_ROW_CAP, SHOW_ROW_CAP);
  return out.slice(0, limit);
}

/** Only a LIKE filter (SHOW INTEGRATIONS, NETWORK POLICIES, CONNECTIONS, ...). */
export const likeOnly = (like: ShowFilter['like']): ShowFilter => ({ like, startsWith: null, limit: null });
