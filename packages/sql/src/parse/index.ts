/**
 * The SQL syntax layer of `@snowglobe/sql`: a tokenizer and a recursive-descent parser for the
 * Snowflake statements snowglobe simulates. Pure syntax — no state, no privileges, no validation
 * of property names — and it never throws: every problem is a `SnowflakeError` value.
 *
 * ```ts
 * for (const { text, result } of parseScript('USE ROLE accountadmin; SHOW USERS;')) {
 *   if (isSnowflakeError(result)) console.log(formatError(result));
 *   else run(result); // result.kind === 'UseRole', then 'ShowUsers'
 * }
 * ```
 */
import type { SnowflakeError } from '@snowglobe/core';
import type { Statement } from './ast.ts';
import { parseStatementTokens } from './statement.ts';
import { tokenize, type Token } from './tokens.ts';

export type * from './ast.ts';
export { tokenize, type Token, type TokenKind, type Operator } from './tokens.ts';
export { MAX_IDENTIFIER_LENGTH, RESERVED } from './parser.ts';

/** One statement of a script. */
export interface ParsedStatement {
  /**
   * The statement's source, from its first token to its last (surrounding whitespace, comments
   * and the `;` excluded). Error positions and AST positions are relative to this text.
   */
  readonly text: string;
  /** 1-based line of the script on which `text` starts. */
  readonly startLine: number;
  /** 0-based column of the script at which `text` starts. */
  readonly startColumn: number;
  /** Offsets of `text` in the script (end exclusive). */
  readonly startOffset: number;
  readonly endOffset: number;
  /** The statement, or the error Snowflake would report for it (syntax, unsupported, ...). */
  readonly result: Statement | SnowflakeError;
}

/** One entry per non-empty statement, in order. */
export type ParseResult = ParsedStatement[];

/**
 * Parse a script of `;`-separated statements. Statements are parsed independently, so one bad
 * statement does not hide the others; empty statements (only whitespace or comments) are skipped.
 * Keywords are case-insensitive, comments may appear anywhere, the last `;` is optional.
 */
export function parseScript(text: string): ParseResult {
  const tokens = tokenize(text);
  const out: ParsedStatement[] = [];
  let start = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind === 'eof' || (t.kind === 'op' && t.value === ';')) {
      if (k > start) out.push(parseGroup(text, tokens.slice(start, k)));
      start = k + 1;
    }
  }
  return out;
}

/** Parse one statement's tokens, rebased so that positions are relative to the statement text. */
function parseGroup(script: string, group: Token[]): ParsedStatement {
  const first = group[0] as Token;
  const last = group[group.length - 1] as Token;
  const text = script.slice(first.offset, last.end);
  const line = (l: number): number => l - first.line + 1;
  const column = (l: number, c: number): number => (l === first.line ? c - first.column : c);
  const rebased: Token[] = group.map((t) => ({
    ...t,
    line: line(t.line),
    column: column(t.line, t.column),
    offset: t.offset - first.offset,
    end: t.end - first.offset,
    endLine: line(t.endLine),
    endColumn: column(t.endLine, t.endColumn),
  }));
  const eofLine = line(last.endLine);
  const eofColumn = column(last.endLine, last.endColumn);
  rebased.push({
    kind: 'eof',
    text: '',
    value: '',
    line: eofLine,
    column: eofColumn,
    offset: text.length,
    end: text.length,
    endLine: eofLine,
    endColumn: eofColumn,
  });
  return {
    text,
    startLine: first.line,
    startColumn: first.column,
    startOffset: first.offset,
    endOffset: last.end,
    result: parseStatementTokens(rebased, text),
  };
}
