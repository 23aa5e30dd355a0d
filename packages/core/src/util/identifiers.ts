/**
 * Snowflake's identifier rules: unquoted identifiers resolve to upper case, quoted ones are kept
 * verbatim; `"MYTABLE"` and `mytable` are the same object.
 */
const UNQUOTED = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Resolves identifier text as written in SQL (`foo`, `"Foo"`) to its stored name. */
export function resolveIdentifier(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/""/g, '"');
  return text.toUpperCase();
}

/** Whether a stored name can be written without quotes (upper case, plain characters). */
export function isPlainIdentifier(name: string): boolean {
  return UNQUOTED.test(name) && name === name.toUpperCase();
}

/** Writes a stored name back as SQL: bare if plain, double-quoted otherwise. */
export function quoteIdentifier(name: string): string {
  return isPlainIdentifier(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
