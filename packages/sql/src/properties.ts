/**
 * Reading `NAME = value` properties of the AST as typed values. Each reader returns the value or
 * null when the written value has the wrong type; the caller turns that into the error Snowflake
 * gives for that property (001008 for user parameters, 001422 for integration properties).
 */
import type { Ident, PropValue } from './parse/index.ts';

/** Identifier parts as one dotted name (`db.sch`), each part canonical (upper-cased unless quoted). */
export const dotted = (parts: readonly Ident[]): string => parts.map((p) => p.name).join('.');

/**
 * A text value: a string literal, or a bare name (canonical, dotted), or a number as written.
 * NULL reads as null (unset); lists and booleans are not text.
 */
export function readText(v: PropValue): string | null | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'ident':
      return dotted(v.parts);
    case 'number':
      return v.text;
    case 'null':
      return null;
    case 'bool':
    case 'list':
      return undefined;
  }
}

/** An object name: a bare identifier (canonical) or a string literal taken verbatim. */
export function readName(v: PropValue): string | undefined {
  if (v.kind === 'ident') return dotted(v.parts);
  if (v.kind === 'string') return v.value;
  return undefined;
}

/** TRUE / FALSE, or the strings 'true' / 'false' in any case. */
export function readBool(v: PropValue): boolean | undefined {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' || v.kind === 'ident') {
    const t = (v.kind === 'string' ? v.value : v.text).toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

/** An integer (a number literal, or a string holding one). */
export function readInt(v: PropValue): number | undefined {
  const t = v.kind === 'number' ? v.text : v.kind === 'string' ? v.value.trim() : null;
  if (t === null || !/^[+-]?\d+$/.test(t.replace(/\s+/g, ''))) return undefined;
  const n = Number(t.replace(/\s+/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A list of texts: `('a', 'b')`, `()`, or one bare value treated as a one-item list. */
export function readList(v: PropValue): string[] | undefined {
  if (v.kind === 'list') {
    const out: string[] = [];
    for (const item of v.items) {
      const t = readText(item);
      if (typeof t !== 'string') return undefined;
      out.push(t);
    }
    return out;
  }
  if (v.kind === 'null') return [];
  const t = readText(v);
  return typeof t === 'string' ? [t] : undefined;
}

/** The value as written, for error messages (`invalid value [1.5] ...`). */
export const written = (v: PropValue): string => (v.kind === 'string' ? v.value : v.text);
