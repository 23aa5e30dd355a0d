/** Helpers for the parser tests (not part of the package API). */
import { formatError, isSnowflakeError, type SnowflakeError } from '@snowglobe/core';
import type { Statement } from './ast.ts';
import { parseScript } from './index.ts';

/** Parse exactly one statement that must be valid; a failure names the error. */
export function parseOne(sql: string): Statement {
  const entries = parseScript(sql);
  if (entries.length !== 1) throw new Error(`expected one statement, got ${entries.length}: ${sql}`);
  const r = (entries[0] as (typeof entries)[number]).result;
  if (isSnowflakeError(r)) throw new Error(`${formatError(r)}\n  in: ${sql}`);
  return r;
}

/** Parse exactly one statement that must fail; returns the error. */
export function parseErr(sql: string): SnowflakeError {
  const entries = parseScript(sql);
  if (entries.length !== 1) throw new Error(`expected one statement, got ${entries.length}: ${sql}`);
  const r = (entries[0] as (typeof entries)[number]).result;
  if (!isSnowflakeError(r)) throw new Error(`expected an error, parsed ${r.kind}: ${sql}`);
  return r;
}

/** The message of a syntax error at line/position for the token text. */
export const syntaxMsg = (line: number, position: number, token: string): string =>
  `SQL compilation error:\nsyntax error line ${line} at position ${position} unexpected '${token}'.`;

/** Deep copy without `pos` (and property `text`) fields, for structural comparison. */
export function noPos(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(noPos);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'pos') out[k] = noPos(v);
    return out;
  }
  return x;
}

/** An unquoted-identifier-shaped node for expectations: `id('r')` → `{ name: 'R', quoted: false }`. */
export const id = (name: string, quoted = false): { name: string; quoted: boolean } => ({
  name: quoted ? name : name.toUpperCase(),
  quoted,
});
