/**
 * PATCH `path` syntax (RFC 7644 §3.5.2): `[URN(:|.)]attr[ "[" valFilter "]" ][.subAttr]`.
 *
 * Both extension path forms are in use against Snowflake — `URN:attr` (Microsoft's gallery
 * mapping, the public demo) and `URN.attr` (Snowflake's own PATCH example) — so both are accepted
 * (spec §2.2). The value filter is parsed with `scim2-parse-filter` so that a malformed filter is
 * refused (400 invalidPath) rather than silently treated as "all values".
 */
import type { Filter } from 'scim2-parse-filter';
import { scimError } from './errors.ts';
import { parseFilterAst } from './filter.ts';
import { fail, ok, type Result } from './result.ts';
import { splitSchemaPrefix, type ExtensionNamespace } from './schemas.ts';

/** A parsed PATCH path. */
export interface PatchPath {
  /** The path as sent. */
  readonly raw: string;
  /** The schema the path is in: the resource's core schema or a user extension. */
  readonly schema: 'core' | ExtensionNamespace;
  /** The attribute name as sent; '' when the path is an extension URN alone (the whole object). */
  readonly attr: string;
  /** The value filter inside brackets, if any. */
  readonly filter: Filter | null;
  /** The sub-attribute after `.`, if any. */
  readonly sub: string | null;
}

/** RFC 7643 ATTRNAME: ALPHA *( "-" / "_" / DIGIT / ALPHA ); `$ref` is allowed as a sub-attribute. */
const ATTR_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SUB_ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/** Index of the `]` closing the bracket opened at `open`, skipping quoted strings; -1 if none. */
function closingBracket(s: string, open: number): number {
  let inQuote = false;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"') inQuote = true;
    else if (c === ']') return i;
  }
  return -1;
}

/** A 400 invalidPath for `raw` (a module-level helper, not a per-call closure: hot path). */
function invalidPath(raw: string, why: string): Result<PatchPath> {
  return fail(scimError.invalidPath(`Invalid path '${raw}': ${why}`));
}

/**
 * Parse a PATCH path against a resource's core schema URN. Returns 400 invalidPath for a path that
 * is not syntactically a SCIM path or names a schema this endpoint does not serve.
 */
export function parsePatchPath(raw: string, coreUrn: string): Result<PatchPath> {
  const path = raw.trim();
  if (path === '') return invalidPath(raw, 'empty');
  const qualified = splitSchemaPrefix(path, coreUrn);
  if (qualified === null) return invalidPath(raw, 'unknown schema');
  const { schema, rest } = qualified;
  if (rest === '') {
    return schema === 'core' ? invalidPath(raw, 'a schema URN alone is not an attribute') : ok({ raw, schema, attr: '', filter: null, sub: null });
  }
  const open = rest.indexOf('[');
  let attr: string;
  let filter: Filter | null = null;
  let sub: string | null = null;
  if (open >= 0) {
    attr = rest.slice(0, open);
    const close = closingBracket(rest, open);
    if (close < 0) return invalidPath(raw, 'unclosed "["');
    const parsed = parseFilterAst(rest.slice(open + 1, close));
    if (parsed === null) return invalidPath(raw, 'malformed value filter');
    filter = parsed;
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith('.')) return invalidPath(raw, 'unexpected text after "]"');
      sub = after.slice(1);
    }
  } else {
    const parts = rest.split('.');
    if (parts.length > 2) return invalidPath(raw, 'too many "." segments');
    attr = parts[0] ?? '';
    sub = parts[1] ?? null;
  }
  if (!ATTR_NAME.test(attr)) return invalidPath(raw, `'${attr}' is not an attribute name`);
  if (sub !== null && !SUB_ATTR_NAME.test(sub)) return invalidPath(raw, `'${sub}' is not a sub-attribute name`);
  return ok({ raw, schema, attr, filter, sub });
}
