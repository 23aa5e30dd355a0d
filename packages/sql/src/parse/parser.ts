/**
 * The recursive-descent cursor shared by every statement parser, and the small grammar pieces
 * several statements use (names, `NAME = value` property lists, SHOW filters, account ids).
 *
 * Parse functions throw {@link ParseFailure} internally (it keeps the grammar code linear); the
 * statement entry point catches it and returns the SnowflakeError as a value.
 */
import { errors, type SnowflakeError } from '@snowglobe/core';
import type {
  AccountRef,
  Ident,
  PropName,
  PropValue,
  Property,
  QualifiedName,
  ReplicaRef,
  SetOrUnset,
  ShowFilter,
  SourcePos,
  StringLit,
} from './ast.ts';
import type { Operator, Token } from './tokens.ts';

/** Snowflake's maximum identifier length (spec/snowflake-sql.md §4). */
export const MAX_IDENTIFIER_LENGTH = 255;

/**
 * Keywords Snowflake reserves outright, which cannot be unquoted object names (docs "Reserved &
 * limited keywords"; the limited ones such as ACCOUNT or DATABASE are usable as names and are not here).
 */
export const RESERVED: ReadonlySet<string> = new Set([
  'ALL', 'ALTER', 'AND', 'ANY', 'AS', 'BETWEEN', 'BY', 'CHECK', 'COLUMN', 'CONNECT', 'CREATE', 'CURRENT',
  'DELETE', 'DISTINCT', 'DROP', 'ELSE', 'EXISTS', 'FOLLOWING', 'FOR', 'FROM', 'GRANT', 'GROUP', 'HAVING',
  'ILIKE', 'IN', 'INCREMENT', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'LIKE', 'MINUS', 'NOT', 'NULL', 'OF',
  'ON', 'OR', 'ORDER', 'QUALIFY', 'REGEXP', 'REVOKE', 'RLIKE', 'ROW', 'ROWS', 'SAMPLE', 'SELECT', 'SET',
  'SOME', 'START', 'TABLE', 'TABLESAMPLE', 'THEN', 'TO', 'TRIGGER', 'UNION', 'UNIQUE', 'UPDATE', 'VALUES',
  'WHENEVER', 'WHERE', 'WINDOW', 'WITH',
]);

/** Thrown inside the parser, caught at the statement boundary. Not an Error: no stack is needed. */
export class ParseFailure {
  constructor(readonly error: SnowflakeError) {}
}

/** `syntax error line L at position P unexpected 'X'` for a token (`<EOF>` at end of input). */
export function syntaxErrorAt(t: Token): SnowflakeError {
  return errors.syntax(t.line, t.column, t.kind === 'eof' ? '<EOF>' : t.text);
}

/** The AST position of a token. */
export const posOf = (t: Token): SourcePos => ({ line: t.line, column: t.column, offset: t.offset });

/** A cursor over one statement's tokens (the last token is always `eof`). */
export class Parser {
  private i = 0;

  /**
   * @param tokens the statement's tokens, positions relative to `source`, ending with `eof`
   * @param source the statement text (for the source text of property values)
   */
  constructor(
    private readonly tokens: readonly Token[],
    readonly source: string,
  ) {}

  /** The token `k` places ahead (the `eof` token past the end). */
  peek(k = 0): Token {
    const last = this.tokens.length - 1;
    return this.tokens[Math.min(this.i + k, last)] as Token;
  }

  /** The token before the cursor (for end offsets of constructs). */
  previous(): Token {
    return this.tokens[Math.max(this.i - 1, 0)] as Token;
  }

  /** Consume and return the current token (never moves past `eof`). */
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  /** Fail with a syntax error at `t` (default: the current token). */
  fail(t: Token = this.peek()): never {
    throw new ParseFailure(syntaxErrorAt(t));
  }

  /** Is the cursor at the end of the statement? */
  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** The statement must end here. */
  expectEnd(): void {
    if (!this.atEnd()) this.fail();
  }

  /** Is token `k` ahead the unquoted keyword `word` (upper case)? Quoted names never match keywords. */
  isKw(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && t.value === word;
  }

  /** Do the next tokens spell `words` in order? */
  isKwSeq(...words: string[]): boolean {
    return words.every((w, k) => this.isKw(w, k));
  }

  /** Consume the keyword if it is next. */
  acceptKw(word: string): Token | null {
    return this.isKw(word) ? this.next() : null;
  }

  /** Consume `words` if they all follow; otherwise consume nothing. */
  acceptKwSeq(...words: string[]): boolean {
    if (!this.isKwSeq(...words)) return false;
    for (let k = 0; k < words.length; k++) this.next();
    return true;
  }

  /** Consume the keyword, or fail at the current token. */
  expectKw(word: string): Token {
    if (!this.isKw(word)) this.fail();
    return this.next();
  }

  /** Expect `words` one after another; the error points at the first one missing. */
  expectKwSeq(...words: string[]): void {
    for (const w of words) this.expectKw(w);
  }

  /** Is token `k` ahead the operator `op`? */
  isOp(op: Operator, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }

  /** Consume the operator if it is next. */
  acceptOp(op: Operator): Token | null {
    return this.isOp(op) ? this.next() : null;
  }

  /** Consume the operator, or fail at the current token. */
  expectOp(op: Operator): Token {
    if (!this.isOp(op)) this.fail();
    return this.next();
  }

  /** Is token `k` usable as an identifier (a non-reserved unquoted word or a quoted name)? */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'ident' && !RESERVED.has(t.value)) || t.kind === 'quoted';
  }

  /** An object name. Reserved words and `""` are syntax errors; names over 255 characters are invalid. */
  ident(): Ident {
    const t = this.peek();
    if (!this.isIdent() || (t.kind === 'quoted' && t.value === '')) this.fail();
    this.next();
    const ident: Ident = { name: t.value, quoted: t.kind === 'quoted', pos: posOf(t) };
    if (ident.name.length > MAX_IDENTIFIER_LENGTH) {
      // UNCONFIRMED: Snowflake's exact text for an over-long name; the invalid-identifier form is closest.
      throw new ParseFailure(errors.invalidIdentifier(t.line, t.column, t.text));
    }
    return ident;
  }

  /** `a[.b[.c]]` with at most `maxParts` parts (a further `.` is left for the caller to reject). */
  qualifiedName(maxParts: number): QualifiedName {
    const first = this.ident();
    const parts: Ident[] = [first];
    while (parts.length < maxParts && this.isOp('.')) {
      this.next();
      parts.push(this.ident());
    }
    return { parts, pos: first.pos };
  }

  /** A string literal (`'...'` or `$$...$$`). */
  stringLit(): StringLit {
    const t = this.peek();
    if (t.kind !== 'string') this.fail();
    this.next();
    return { value: t.value, pos: posOf(t) };
  }

  /** A non-negative integer literal (LIMIT counts). */
  integer(): { value: number; pos: SourcePos } {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) this.fail();
    this.next();
    return { value: Number(t.value), pos: posOf(t) };
  }

  /** `TRUE` or `FALSE`. */
  bool(): boolean {
    if (this.acceptKw('TRUE')) return true;
    if (this.acceptKw('FALSE')) return false;
    return this.fail();
  }

  /** Source text from token `from` up to the token before the cursor. */
  textFrom(from: Token): string {
    return this.source.slice(from.offset, this.previous().end);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared grammar pieces
// ---------------------------------------------------------------------------------------------

/** Consume `IF EXISTS` if present. */
export const acceptIfExists = (p: Parser): boolean => p.acceptKwSeq('IF', 'EXISTS');
/** Consume `IF NOT EXISTS` if present. */
export const acceptIfNotExists = (p: Parser): boolean => p.acceptKwSeq('IF', 'NOT', 'EXISTS');

/** Does a `NAME =` property start here? (Property names are unquoted words.) */
export function isPropertyStart(p: Parser, k = 0): boolean {
  return p.peek(k).kind === 'ident' && p.isOp('=', k + 1);
}

/**
 * One property value: string, number (optionally signed), TRUE/FALSE, NULL, name, or `( list )`.
 * Lists do not nest (no Snowflake property takes a list of lists).
 */
export function propValue(p: Parser, allowList = true): PropValue {
  const t = p.peek();
  const pos = posOf(t);
  switch (t.kind) {
    case 'string':
      p.next();
      return { kind: 'string', value: t.value, text: t.text, pos };
    case 'number':
      p.next();
      return { kind: 'number', value: Number(t.value), text: t.text, pos };
    case 'op': {
      if (t.value === '(' && allowList) {
        p.next();
        const items: PropValue[] = [];
        if (!p.isOp(')')) {
          items.push(propValue(p, false));
          while (p.acceptOp(',')) items.push(propValue(p, false));
        }
        p.expectOp(')');
        return { kind: 'list', items, text: p.textFrom(t), pos };
      }
      if ((t.value === '-' || t.value === '+') && p.peek(1).kind === 'number') {
        p.next();
        const num = p.next();
        const text = p.textFrom(t);
        const magnitude = Number(num.value);
        return { kind: 'number', value: t.value === '-' ? -magnitude : magnitude, text, pos };
      }
      return p.fail();
    }
    case 'ident':
      if (t.value === 'TRUE' || t.value === 'FALSE') {
        p.next();
        return { kind: 'bool', value: t.value === 'TRUE', text: t.text, pos };
      }
      if (t.value === 'NULL') {
        p.next();
        return { kind: 'null', text: t.text, pos };
      }
      break;
    case 'quoted':
    case 'error':
    case 'eof':
      break;
  }
  const name = p.qualifiedName(3);
  return { kind: 'ident', parts: name.parts, text: p.textFrom(t), pos };
}

/** `NAME = value`. */
export function property(p: Parser): Property {
  const t = p.peek();
  if (t.kind !== 'ident') p.fail();
  p.next();
  p.expectOp('=');
  return { name: t.value, value: propValue(p), pos: posOf(t) };
}

/**
 * Properties separated by whitespace or commas, as long as `NAME =` follows. With `min = 1` at
 * least one is required (after SET).
 */
export function properties(p: Parser, min: 0 | 1 = 0): Property[] {
  const out: Property[] = [];
  if (min === 1 && !isPropertyStart(p)) p.fail();
  while (isPropertyStart(p)) {
    out.push(property(p));
    // A comma between properties is allowed, but must be followed by another property.
    if (p.isOp(',')) {
      p.next();
      if (!isPropertyStart(p)) p.fail();
    }
  }
  return out;
}

/** `p[, p]` after UNSET. */
export function propNames(p: Parser): PropName[] {
  const out: PropName[] = [];
  do {
    const t = p.peek();
    if (t.kind !== 'ident') p.fail();
    p.next();
    out.push({ name: t.value, pos: posOf(t) });
  } while (p.acceptOp(','));
  return out;
}

/** `SET props | UNSET names`, the tail shared by many ALTER statements. */
export function setOrUnset(p: Parser): SetOrUnset {
  if (p.acceptKw('SET')) return { kind: 'set', properties: properties(p, 1) };
  if (p.acceptKw('UNSET')) return { kind: 'unset', names: propNames(p) };
  return p.fail();
}

/** `[LIKE '..']`. */
export function optionalLike(p: Parser): StringLit | null {
  return p.acceptKw('LIKE') ? p.stringLit() : null;
}

/** `[LIKE '..'] [STARTS WITH '..'] [LIMIT n [FROM '..']]`. */
export function showFilter(p: Parser): ShowFilter {
  const like = optionalLike(p);
  const startsWith = p.acceptKwSeq('STARTS', 'WITH') ? p.stringLit() : null;
  let limit: ShowFilter['limit'] = null;
  if (p.acceptKw('LIMIT')) {
    const count = p.integer();
    const from = p.acceptKw('FROM') ? p.stringLit() : null;
    limit = { count: count.value, from, pos: count.pos };
  }
  return { like, startsWith, limit };
}

/** `<org>.<account>`, or a bare account when `allowBare`. */
export function accountRef(p: Parser, allowBare: boolean): AccountRef {
  const first = p.ident();
  if (p.isOp('.')) {
    p.next();
    const account = p.ident();
    return { org: first, account, pos: first.pos };
  }
  if (!allowBare) p.fail();
  return { org: null, account: first, pos: first.pos };
}

/** `<org>.<account>[, ...]`. */
export function accountList(p: Parser): AccountRef[] {
  const out = [accountRef(p, false)];
  while (p.acceptOp(',')) out.push(accountRef(p, false));
  return out;
}

/** `<org>.<account>.<name>` after `AS REPLICA OF`. */
export function replicaRef(p: Parser): ReplicaRef {
  const org = p.ident();
  p.expectOp('.');
  const account = p.ident();
  p.expectOp('.');
  const name = p.ident();
  return { org, account, name, pos: org.pos };
}

/** `a[, b ...]` of plain names. */
export function identList(p: Parser): Ident[] {
  const out = [p.ident()];
  while (p.acceptOp(',')) out.push(p.ident());
  return out;
}

/** First words of multi-word Snowflake object kinds (`MASKING POLICY`, `RESOURCE MONITOR`). */
const TWO_WORD_HEADS: ReadonlySet<string> = new Set([
  'RESOURCE', 'NETWORK', 'FILE', 'MASKING', 'ROW', 'EXTERNAL', 'AUTHENTICATION', 'PASSWORD', 'SESSION',
  'FUTURE', 'DATABASE', 'MATERIALIZED', 'TRANSIENT', 'TEMPORARY', 'DYNAMIC', 'ORGANIZATION', 'PACKAGES',
  'AGGREGATION', 'PROJECTION', 'APPLICATION', 'COMPUTE', 'IMAGE', 'STORAGE', 'API', 'NOTIFICATION',
]);

/** Second words of those kinds; anything else after a head is the object's name, not part of the kind. */
const KIND_NOUNS: ReadonlySet<string> = new Set([
  'ROLE', 'ROLES', 'MONITOR', 'MONITORS', 'RULE', 'RULES', 'FORMAT', 'FORMATS', 'POLICY', 'POLICIES',
  'TABLE', 'TABLES', 'VOLUME', 'VOLUMES', 'FUNCTION', 'FUNCTIONS', 'GRANTS', 'VIEW', 'VIEWS', 'DATABASE',
  'SCHEMA', 'ACCOUNT', 'ACCOUNTS', 'PACKAGE', 'PACKAGES', 'POOL', 'POOLS', 'REPOSITORY', 'REPOSITORIES',
  'INTEGRATION', 'INTEGRATIONS', 'ACCESS',
]);

/**
 * Fail with "unsupported" for a statement Snowflake has but snowglobe does not model, naming it
 * by `verb` and the object words at the cursor (e.g. `CREATE DATABASE`, `SHOW MASKING POLICIES`).
 */
export function unsupported(p: Parser, verb: string): never {
  const words = [verb];
  const first = p.peek();
  if (first.kind === 'ident') {
    words.push(first.value);
    const second = p.peek(1);
    if (TWO_WORD_HEADS.has(first.value) && second.kind === 'ident' && KIND_NOUNS.has(second.value)) words.push(second.value);
  }
  throw new ParseFailure(errors.unsupported(words.join(' ')));
}
