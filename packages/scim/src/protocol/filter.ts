/**
 * The `filter` query parameter of GET /Users and GET /Groups (spec §1.4).
 *
 * Parsing uses `scim2-parse-filter`, a small dependency-free RFC 7644 §3.4.2.2 filter parser that
 * yields a typed AST (`Filter`). Using it rather than a hand-rolled regex means that every filter
 * RFC 7644 allows is *recognised* (so compound filters, `not`, `pr`, value paths and other
 * operators can be told apart from garbage and refused precisely), while Snowflake's tiny
 * supported subset is enforced on the AST. Its tester (`filter()`) is not used: Snowflake's
 * matching rules (case-insensitive LOGIN_NAME, exact-or-upper role names) differ from RFC's.
 *
 * Supported: `userName eq|sw "x"` on Users, `displayName eq|sw "x"` on Groups. In bundle 2026_03
 * any other operator, a compound or malformed filter, or a non-string value is 400 invalidFilter;
 * a supported operator on another attribute (e.g. `externalId eq "x"`, `id eq "x"`) is 200 with no
 * resources [BCR]. Before 2026_03 everything unsupported was 200 with no resources.
 */
import { parse, type Filter } from 'scim2-parse-filter';
import { scimError } from './errors.ts';
import type { ScimOptions } from './options.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_GROUP_URN, CORE_USER_URN } from './schemas.ts';

/** The two list endpoints. */
export type ListResource = 'Users' | 'Groups';

/** The operators Snowflake supports. */
export type FilterOp = 'eq' | 'sw';

/**
 * A parsed list filter:
 * - `all`: no filter;
 * - `match`: a supported predicate — `userName` (Users, against LOGIN_NAME, case-insensitive) or
 *   `displayName` (Groups: `eq` exact or upper-cased, `sw` case-sensitive);
 * - `none`: matches nothing — an unsupported attribute (both bundles), or in the legacy bundle any
 *   filter Snowflake could not handle. `attr`/`op`/`value` are set when the filter was a simple
 *   comparison (e.g. `externalId eq "x"`).
 */
export type ListFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'match'; readonly attr: 'userName' | 'displayName'; readonly op: FilterOp; readonly value: string }
  | {
      readonly kind: 'none';
      readonly reason: string;
      readonly attr?: string;
      readonly op?: string;
      readonly value?: string;
    };

/** A JSON string literal: quotes around non-quote, non-backslash characters or escape pairs. */
const QUOTED = /"(?:[^"\\]|\\[\s\S])*"/g;

/**
 * Parse filter text into the library's AST, with every string value decoded as the JSON string
 * Snowflake parses ("filter values are parsed as quoted JSON strings", [BCR]). Null when malformed.
 *
 * The library mangles escapes (it doubles every backslash not followed by `"` before decoding, so
 * `"\u0041"` stays six characters and a value ending in `\\` fails to parse). So each quoted
 * literal is decoded here first and replaced by a placeholder literal (`"0"`, `"1"`, ...); after
 * parsing, placeholders are swapped back for the decoded values. Any parser exception, including
 * stack overflow on absurd nesting, becomes null.
 */
export function parseFilterAst(text: string): Filter | null {
  const literals: string[] = [];
  let malformed = false;
  const masked = text.replace(QUOTED, (literal) => {
    try {
      literals.push(JSON.parse(literal) as string);
      return `"${literals.length - 1}"`;
    } catch {
      malformed = true;
      return literal;
    }
  });
  if (malformed) return null;
  try {
    return restoreLiterals(parse(masked), literals);
  } catch {
    return null;
  }
}

function restoreLiterals(f: Filter, literals: readonly string[]): Filter {
  switch (f.op) {
    case 'and':
    case 'or':
      return { op: f.op, filters: f.filters.map((g) => restoreLiterals(g, literals)) };
    case 'not':
      return { op: 'not', filter: restoreLiterals(f.filter, literals) };
    case '[]':
      return { op: '[]', attrPath: f.attrPath, valFilter: restoreLiterals(f.valFilter, literals) };
    case 'pr':
      return f;
    default: {
      // Every string compValue is a placeholder: all quoted literals were masked above.
      const { compValue } = f as { compValue: unknown };
      if (typeof compValue !== 'string') return f;
      return { ...(f as Extract<Filter, { compValue: unknown }>), compValue: literals[Number(compValue)] ?? compValue };
    }
  }
}

/** Strip the core schema URN from a fully qualified attribute path (RFC 7644 §3.10). */
function unqualify(attrPath: string, resource: ListResource): string {
  const urn = (resource === 'Users' ? CORE_USER_URN : CORE_GROUP_URN).toLowerCase() + ':';
  return attrPath.toLowerCase().startsWith(urn) ? attrPath.slice(urn.length) : attrPath;
}

/**
 * Parse the `filter` query parameter (null when absent). Attribute names and operators are
 * case-insensitive (RFC 7644 §3.4.2.2). An empty filter is malformed.
 */
export function parseListFilter(
  raw: string | null,
  resource: ListResource,
  options: Pick<ScimOptions, 'bundle'>,
): Result<ListFilter> {
  if (raw === null) return ok({ kind: 'all' });
  // Legacy Snowflake parsed loosely and answered anything it did not understand with no results.
  const reject = (detail: string): Result<ListFilter> =>
    options.bundle === 'legacy' ? ok({ kind: 'none', reason: detail }) : fail(scimError.invalidFilter(detail));

  const ast = parseFilterAst(raw);
  if (ast === null) return reject(`Malformed filter: ${truncate(raw)}`);
  switch (ast.op) {
    case 'and':
    case 'or':
    case 'not':
      return reject(`Compound filters are not supported (operator '${ast.op}')`);
    case '[]':
      return reject('Value-path filters are not supported');
    case 'pr':
    case 'ne':
    case 'co':
    case 'ew':
    case 'gt':
    case 'lt':
    case 'ge':
    case 'le':
      return reject(`Filter operator '${ast.op}' is not supported; use eq or sw`);
    case 'eq':
    case 'sw': {
      if (typeof ast.compValue !== 'string') {
        return reject(`Filter value must be a quoted string, got ${JSON.stringify(ast.compValue)}`);
      }
      const value = ast.compValue;
      const attr = unqualify(ast.attrPath, resource);
      const supported = resource === 'Users' ? 'userName' : 'displayName';
      if (attr.toLowerCase() === supported.toLowerCase()) {
        return ok({ kind: 'match', attr: supported, op: ast.op, value });
      }
      // [BCR]: a supported operator on an unsupported attribute is an empty 200 in both bundles.
      return ok({ kind: 'none', reason: `Filtering on '${attr}' is not supported`, attr, op: ast.op, value });
    }
    default:
      return reject(`Filter operator '${(ast as { op: string }).op}' is not supported`);
  }
}

function truncate(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}...` : s;
}

/**
 * Whether a user matches: `userName` filters compare against LOGIN_NAME case-insensitively, for
 * both `eq` and `sw` (spec §1.4: `eq "abc"` finds `ABC`; `sw "al"` finds `ALBERT`).
 */
export function matchesUser(filter: ListFilter, user: { readonly loginName: string }): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'match': {
      const login = user.loginName.toUpperCase();
      const value = filter.value.toUpperCase();
      return filter.op === 'eq' ? login === value : login.startsWith(value);
    }
  }
}

/**
 * Whether a group (role) matches: `eq` finds the exact name or its upper-cased form; `sw` is
 * case-sensitive (spec §1.4: `sw "abc"` does not match `ABC_ADMIN`).
 */
export function matchesGroup(filter: ListFilter, group: { readonly displayName: string }): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'match':
      return filter.op === 'eq'
        ? group.displayName === filter.value || group.displayName === filter.value.toUpperCase()
        : group.displayName.startsWith(filter.value);
  }
}

/** With an `eq` filter Snowflake ignores `startIndex` and `count` (spec §1.4). */
export function filterIgnoresPaging(filter: ListFilter): boolean {
  return filter.kind === 'match' && filter.op === 'eq';
}
