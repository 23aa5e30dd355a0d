/**
 * Properties of the parser as a whole: it never throws, errors point at real tokens, statement
 * splitting and re-parsing are stable, and names and strings round-trip.
 */
import { fc, test } from '@fast-check/vitest';
import { isSnowflakeError, type SnowflakeError } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import type { StatementKind } from './ast.ts';
import { EXAMPLES } from './fixtures/examples.ts';
import { DOCUMENTED_SQL } from './fixtures/documented-sql.ts';
import { parseScript } from './index.ts';
import { tokenize } from './tokens.ts';

const KINDS = Object.keys(EXAMPLES) as StatementKind[];
const VALID: readonly string[] = [
  ...Object.values(EXAMPLES).flat(),
  ...DOCUMENTED_SQL.flatMap((d) => parseScript(d.sql).filter((e) => !isSnowflakeError(e.result)).map((e) => e.text)),
];

const SYNTAX = /^SQL compilation error:\nsyntax error line (\d+) at position (\d+) unexpected '([\s\S]*)'\.$/;

/** Offset in `text` of a 1-based line and 0-based column, counting \n, \r\n and \r as breaks. */
function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line) {
    const next = text.slice(i).search(/\r\n|\r|\n/);
    if (next === -1) return -1;
    i += next + (text.startsWith('\r\n', i + next) ? 2 : 1);
    l++;
  }
  return i + column;
}

/** Every result is a statement or an error value; syntax errors point at the token they name. */
function checkWellFormed(script: string): void {
  const entries = parseScript(script);
  for (const e of entries) {
    expect(script.slice(e.startOffset, e.endOffset)).toBe(e.text);
    expect(e.text).not.toBe('');
    if (!isSnowflakeError(e.result)) {
      expect(KINDS).toContain(e.result.kind);
      continue;
    }
    checkErrorPoints(e.text, e.result);
  }
}

function checkErrorPoints(text: string, err: SnowflakeError): void {
  expect(['SyntaxError', 'Unsupported', 'IncompatibleOptions', 'InvalidIdentifier']).toContain(err.reason);
  if (err.reason !== 'SyntaxError') return;
  const m = SYNTAX.exec(err.message);
  expect(m, err.message).not.toBeNull();
  const [, line, position, token] = m as unknown as [string, string, string, string];
  const at = offsetOf(text, Number(line), Number(position));
  if (token === '<EOF>') expect(at).toBe(text.length);
  else expect(text.startsWith(token, at), `${err.message}\n  in: ${text}`).toBe(true);
}

/** Deep copy without `text` fields. */
function withoutText(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutText);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'text').map(([k, v]) => [k, withoutText(v)]));
  }
  return x;
}

/** Tokens that the grammar uses, plus some noise. */
const WORDS = [
  'CREATE', 'OR', 'REPLACE', 'ALTER', 'DROP', 'SHOW', 'DESC', 'DESCRIBE', 'USE', 'GRANT', 'REVOKE', 'SELECT',
  'ROLE', 'ROLES', 'USER', 'USERS', 'SECURITY', 'INTEGRATION', 'INTEGRATIONS', 'NETWORK', 'POLICY', 'POLICIES',
  'FAILOVER', 'REPLICATION', 'GROUP', 'GROUPS', 'CONNECTION', 'CONNECTIONS', 'ACCOUNT', 'ACCOUNTS', 'SESSION',
  'SIMULATION', 'ADVANCE', 'CLOCK', 'BY', 'SET', 'UNSET', 'IF', 'NOT', 'EXISTS', 'TO', 'FROM', 'ON', 'OF', 'IN',
  'LIKE', 'ILIKE', 'STARTS', 'WITH', 'LIMIT', 'TERSE', 'TYPE', 'COMMENT', 'OBJECT_TYPES', 'ALLOWED_ACCOUNTS',
  'ALLOWED_INTEGRATION_TYPES', 'REPLICATION_SCHEDULE', 'IGNORE', 'EDITION', 'CHECK', 'AS', 'REPLICA', 'PRIMARY',
  'REFRESH', 'FORCE', 'SUSPEND', 'RESUME', 'ADD', 'REMOVE', 'RENAME', 'OWNERSHIP', 'COPY', 'CURRENT', 'GRANTS',
  'OPTION', 'TABLE', 'WHERE', 'ORDER', 'ASC', 'IS', 'NULL', 'TRUE', 'FALSE', 'AND', 'ENABLE', 'DISABLE',
  'PASSWORD', 'RESET', 'PARAMETERS', 'SECONDARY', 'ALL', 'NONE', 'DATABASE', 'SCHEMA', 'WAREHOUSE',
  'okta_provisioner', 'fg', 'myorg', 'acct2', 'x', 'SYSTEM$GENERATE_SCIM_ACCESS_TOKEN', 'rest_event_history',
  '"Quoted"', '""', "'str'", "'it''s'", "'unterminated", '$$dollar$$', '42', '1.5', '-', '+', '*', '/', '=', ',',
  '(', ')', '.', '=>', '<', '>', '<=', '>=', '!=', '<>', '||', ';', '@', '"', '$', '-- c\n', '/* c */',
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\t', '\r\n', '  ', ' /* x */ ', ' -- y\n'];

const tokenSequence = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** A valid statement with one token-level mutation applied. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'truncate', 'replaceChar'),
    fc.nat(),
    fc.nat(),
    fc.constantFrom(...WORDS),
    fc.string({ maxLength: 2 }),
  )
  .map(([sql, op, a, b, word, chars]) => {
    const toks = tokenize(sql).filter((t) => t.kind !== 'eof');
    const pieces = toks.map((t) => sql.slice(t.offset, t.end));
    const i = a % Math.max(pieces.length, 1);
    const j = b % Math.max(pieces.length, 1);
    switch (op) {
      case 'delete':
        pieces.splice(i, 1);
        return pieces.join(' ');
      case 'duplicate':
        pieces.splice(i, 0, pieces[i] ?? '');
        return pieces.join(' ');
      case 'swap': {
        const tmp = pieces[i] ?? '';
        pieces[i] = pieces[j] ?? '';
        pieces[j] = tmp;
        return pieces.join(' ');
      }
      case 'insert':
        pieces.splice(i, 0, word);
        return pieces.join(' ');
      case 'truncate':
        return sql.slice(0, a % (sql.length + 1));
      default: {
        const at = a % (sql.length + 1);
        return sql.slice(0, at) + chars + sql.slice(at + 1);
      }
    }
  });

describe('parseScript never throws', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 500 })('on arbitrary strings', (s) => {
    checkWellFormed(s);
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'\'"$;-/*()., =<>|!\n\r\\aZ_0'), maxLength: 80 })], { numRuns: 1000 })(
    'on strings of SQL punctuation',
    (s) => {
      checkWellFormed(s);
    },
  );

  test.prop([tokenSequence], { numRuns: 1000 })('on random token sequences', (s) => {
    checkWellFormed(s);
  });

  test.prop([mutated], { numRuns: 2000 })('on mutations of valid statements', (s) => {
    checkWellFormed(s);
  });
});

describe('stability', () => {
  it('every example is valid and of its kind', () => {
    for (const [kind, sqls] of Object.entries(EXAMPLES)) {
      for (const sql of sqls) {
        const [entry, ...rest] = parseScript(sql);
        expect(rest).toEqual([]);
        expect(entry?.result, sql).toMatchObject({ kind });
      }
    }
  });

  test.prop([fc.constantFrom(...VALID)])('re-parsing a statement text gives the identical AST', (sql) => {
    const [first] = parseScript(sql);
    const [again] = parseScript(first?.text ?? '');
    expect(again?.result).toEqual(first?.result);
  });

  test.prop([
    fc.array(fc.tuple(fc.constantFrom(...VALID), fc.constantFrom(...SEPARATORS), fc.boolean()), { minLength: 1, maxLength: 6 }),
  ])('a script of statements parses like each statement alone, wherever it sits', (parts) => {
    // Statements separated by ';' (optionally doubled, with comments), any trailing ';'.
    const script = parts.map(([sql, sep, extra]) => `${sep}${sql}${sep};${extra ? ' ;-- n\n' : ''}`).join('');
    const entries = parseScript(script);
    expect(entries.map((e) => e.text)).toEqual(parts.map(([sql]) => sql.trim()));
    entries.forEach((e, k) => expect(e.result).toEqual(parseScript(parts[k]?.[0] ?? '')[0]?.result));
  });

  test.prop([fc.constantFrom(...VALID), fc.constantFrom('lower', 'upper')])('keywords are case-insensitive', (sql, mode) => {
    // Change the case of unquoted words only (strings and quoted names keep theirs).
    const toks = tokenize(sql);
    let out = '';
    let last = 0;
    for (const t of toks) {
      out += sql.slice(last, t.offset);
      const raw = sql.slice(t.offset, t.end);
      out += t.kind === 'ident' ? (mode === 'lower' ? raw.toLowerCase() : raw.toUpperCase()) : raw;
      last = t.end;
    }
    // Property values keep their source `text` (for messages), which legitimately changes case.
    expect(withoutText(parseScript(out)[0]?.result)).toEqual(withoutText(parseScript(sql)[0]?.result));
  });
});

describe('round trips', () => {
  test.prop([fc.string({ minLength: 1, maxLength: 255 })])('a quoted role name is kept verbatim', (name) => {
    const [e] = parseScript(`CREATE ROLE "${name.replaceAll('"', '""')}"`);
    expect(e?.result).toMatchObject({ kind: 'CreateRole', name: { name, quoted: true } });
  });

  test.prop([fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,40}$/)])('an unquoted role name is upper-cased', (name) => {
    const [e] = parseScript(`CREATE ROLE x${name}`);
    expect(e?.result).toMatchObject({ kind: 'CreateRole', name: { name: `X${name.toUpperCase()}`, quoted: false } });
  });

  test.prop([fc.string({ maxLength: 100 })])('a string literal decodes to what was encoded', (value) => {
    const literal = `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
    const [e] = parseScript(`CREATE ROLE r COMMENT = ${literal}`);
    expect(e?.result).toMatchObject({ kind: 'CreateRole', comment: { value } });
  });

  // A body containing `$$`, or ending in `$`, cannot be written as a $$ literal: the first `$$` closes it.
  test.prop([fc.string({ maxLength: 100 }).filter((v) => !v.includes('$$') && !v.endsWith('$'))])('a $$ literal is taken literally', (value) => {
    const [e] = parseScript(`ALTER ROLE r SET COMMENT = $$${value}$$`);
    expect(e?.result).toMatchObject({ kind: 'AlterRole', action: { kind: 'setComment', comment: { value } } });
  });
});
