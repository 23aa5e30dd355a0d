/**
 * Narrowing of parsed JSON (`unknown`) and case-insensitive attribute lookup.
 *
 * RFC 7643 §2.1 makes attribute names case-insensitive and Entra relies on it, so request objects
 * are read through a {@link CiObject}: a view keyed by lower-cased names. Two keys that differ only
 * by case are ambiguous and refused rather than resolved by key order.
 */
import { scimError } from './errors.ts';
import { fail, ok, type Result } from './result.ts';

/** A JSON object (not null, not an array). */
export type JsonObject = { readonly [key: string]: unknown };

/** Whether a value is a JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a value counts as "unassigned": absent, null, or an empty array. RFC 7644 §3.5.1 treats
 * null and [] as equivalent to omitting the attribute; Okta sends `groups: []` and Entra `roles: []`
 * on every create, which must not count as setting anything.
 */
export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** One attribute of a {@link CiObject}: the key as sent and its value. */
export interface CiEntry {
  readonly key: string;
  readonly value: unknown;
}

/** A case-insensitive view of a JSON object. */
export interface CiObject {
  /** The entry whose key equals `name` ignoring case. */
  get(name: string): CiEntry | undefined;
  /** The value whose key equals `name` ignoring case (undefined when absent). */
  value(name: string): unknown;
  /** All entries in body order. */
  readonly entries: readonly CiEntry[];
}

/** The {@link CiObject} implementation: methods on the prototype, no closures per view (hot path). */
class CiView implements CiObject {
  readonly #byName: Map<string, CiEntry>;
  readonly entries: readonly CiEntry[];

  constructor(byName: Map<string, CiEntry>, entries: readonly CiEntry[]) {
    this.#byName = byName;
    this.entries = entries;
  }

  get(name: string): CiEntry | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  value(name: string): unknown {
    return this.#byName.get(name.toLowerCase())?.value;
  }
}

// Attribute names repeat from body to body (userName, emails, ...): lower-case each once. Only
// short names are kept, so that hostile bodies cannot make the memo hold megabytes.
const LOWER = new Map<string, string>();
const LOWER_LIMIT = 512;

function lowerCase(key: string): string {
  if (key.length > 64) return key.toLowerCase();
  let lower = LOWER.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (LOWER.size >= LOWER_LIMIT) LOWER.clear();
    LOWER.set(key, lower);
  }
  return lower;
}

/** Build a case-insensitive view, refusing keys that collide ignoring case (400 invalidSyntax). */
export function ciObject(obj: JsonObject, where: string): Result<CiObject> {
  const byName = new Map<string, CiEntry>();
  const entries: CiEntry[] = [];
  for (const key of Object.keys(obj)) {
    const lower = lowerCase(key);
    const previous = byName.get(lower);
    if (previous !== undefined) {
      return fail(scimError.invalidSyntax(`Attribute '${key}' appears more than once in ${where} (as '${previous.key}')`));
    }
    const entry: CiEntry = { key, value: obj[key] };
    byName.set(lower, entry);
    entries.push(entry);
  }
  return ok(new CiView(byName, entries));
}

/**
 * A boolean, or in lenient mode the strings "true"/"false" in any case: Entra's legacy behaviour
 * sends `"False"` for `active` (spec §4.4). Returns null for anything else.
 */
export function asBoolean(value: unknown, strict: boolean): boolean | null {
  if (typeof value === 'boolean') return value;
  if (!strict && typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

/** A short, safe description of a JSON value for error details (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}..."` : JSON.stringify(value);
  return String(value);
}
