/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, arrays kept in order. Two
 * values built along different paths (an event copy, a reconcile upsert) compare equal iff
 * their canonical strings do.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Map) return [...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)).map(([k, v]) => [k, canonical(v)]);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True only when `a` and `b` are plain JSON data with the same canonical JSON; false means "not proven". */
function provenEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) {
    if (typeof a === 'string' || typeof a === 'boolean') return a === b;
    if (typeof a === 'number') return Number.isFinite(a) && a === b;
    return a === null && b === null;
  }
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!provenEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  const kb = Object.keys(rb);
  if (sameKeys(ka, kb)) {
    // Built by the same code path (the usual case): one pass over both.
    for (const key of ka) {
      const va = ra[key];
      const vb = rb[key];
      if (va === undefined && vb === undefined) continue;
      if (va === undefined || key === '__proto__' || !provenEqual(va, vb)) return false;
    }
    return true;
  }
  let defined = 0;
  for (const key of ka) {
    const va = ra[key];
    if (va === undefined) continue;
    if (key === '__proto__' || !isEnumerable.call(rb, key) || !provenEqual(va, rb[key])) return false;
    defined++;
  }
  for (const key of kb) if (rb[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * Whether two values have the same canonical JSON (`stableStringify`), without building two
 * canonical copies and two JSON strings on every passing check: a structural walk proves equality
 * when both sides are plain JSON data (`undefined` members ignored, key order irrelevant, exactly
 * what the canonical JSON sees); anything else, and every inequality, is decided by the strings.
 */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  return provenEqual(a, b) || stableStringify(a) === stableStringify(b);
}

