/**
 * A restricted SELECT: enough for the documented queries — system functions
 * (`SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('X')`), `CURRENT_*()` and table functions such as
 * `TABLE(REST_EVENT_HISTORY('scim', DATEADD('minutes', -5, CURRENT_TIMESTAMP()), ...))` with
 * WHERE / ORDER BY / LIMIT. No joins, grouping, subqueries, CASE or casts.
 *
 * Precedence, loosest first: OR, AND, NOT, comparison / IS / IN / LIKE, `+ - ||`, `* /`, unary.
 */
import type { BinaryOperator, Expr, FromSource, FuncArg, Ident, OrderItem, QualifiedName, Select, SelectItem } from '../ast.ts';
import type { Token } from '../tokens.ts';
import { posOf, type Parser } from '../parser.ts';

/** Nesting limit: deeper input is refused (a syntax error) instead of overflowing the stack. */
const MAX_DEPTH = 100;

/** Words that end an expression, so they cannot be a bare alias. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'FROM', 'WHERE', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'GROUP', 'HAVING', 'QUALIFY', 'UNION', 'MINUS',
  'EXCEPT', 'INTERSECT', 'WINDOW', 'AS', 'ASC', 'DESC', 'NULLS',
  // Join words cannot be table aliases (docs "Reserved & limited keywords").
  'CROSS', 'FULL', 'INNER', 'JOIN', 'LATERAL', 'LEFT', 'NATURAL', 'RIGHT', 'USING', 'OUTER',
]);

/** Keywords that may not be column references in a scalar expression. */
const NOT_A_COLUMN: ReadonlySet<string> = new Set(['CASE', 'CAST', 'TRY_CAST', 'WHEN']);

/** Niladic functions that Snowflake accepts without parentheses. */
const BARE_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP',
]);

const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<>', '<', '>', '<=', '>=']);

/** At `SELECT`. */
export function parseSelect(p: Parser): Select {
  p.expectKw('SELECT');
  const items: SelectItem[] = [selectItem(p)];
  while (p.acceptOp(',')) items.push(selectItem(p));
  const from = p.acceptKw('FROM') ? fromSource(p) : null;
  const where = p.acceptKw('WHERE') ? expr(p, 0) : null;
  const orderBy: OrderItem[] = [];
  if (p.acceptKw('ORDER')) {
    p.expectKw('BY');
    do orderBy.push(orderItem(p));
    while (p.acceptOp(','));
  }
  let limit: Select['limit'] = null;
  if (p.acceptKw('LIMIT')) {
    const count = p.integer();
    const offset = p.acceptKw('OFFSET') ? p.integer().value : null;
    limit = { count: count.value, offset, pos: count.pos };
  }
  p.expectEnd();
  return { kind: 'Select', items, from, where, orderBy, limit };
}

/** Can token `k` be a bare alias (an identifier that is no clause keyword)? */
function isBareAlias(p: Parser, k = 0): boolean {
  const t = p.peek(k);
  return p.isIdent(k) && !(t.kind === 'ident' && CLAUSE_WORDS.has(t.value));
}

/** `[AS] alias`, or null. */
function alias(p: Parser): Ident | null {
  if (p.acceptKw('AS')) return p.ident();
  return isBareAlias(p) ? p.ident() : null;
}

function selectItem(p: Parser): SelectItem {
  const start = p.peek();
  if (p.acceptOp('*')) return { kind: 'star', qualifier: [], pos: posOf(start) };
  // `t.*` / `db.t.*`: names followed by `.` and `*`.
  for (let k = 0; p.isIdent(k) && p.isOp('.', k + 1); k += 2) {
    if (p.isOp('*', k + 2)) {
      const qualifier: Ident[] = [];
      for (let j = 0; j <= k; j += 2) {
        qualifier.push(p.ident());
        p.expectOp('.');
      }
      p.expectOp('*');
      return { kind: 'star', qualifier, pos: posOf(start) };
    }
  }
  const e = expr(p, 0);
  return { kind: 'expr', expr: e, alias: alias(p), pos: posOf(start) };
}

function fromSource(p: Parser): FromSource {
  const start = p.peek();
  if (p.acceptKw('TABLE')) {
    p.expectOp('(');
    const name = p.qualifiedName(3);
    const args = callArgs(p, 1).args;
    p.expectOp(')');
    return { kind: 'tableFunction', name, args, alias: alias(p), pos: posOf(start) };
  }
  const name = p.qualifiedName(3);
  return { kind: 'table', name, alias: alias(p), pos: posOf(start) };
}

function orderItem(p: Parser): OrderItem {
  const e = expr(p, 0);
  let descending = false;
  if (p.acceptKw('DESC')) descending = true;
  else p.acceptKw('ASC');
  let nulls: OrderItem['nulls'] = null;
  if (p.acceptKw('NULLS')) {
    if (p.acceptKw('FIRST')) nulls = 'FIRST';
    else {
      p.expectKw('LAST');
      nulls = 'LAST';
    }
  }
  return { expr: e, descending, nulls };
}

function guard(p: Parser, depth: number): number {
  if (depth > MAX_DEPTH) p.fail();
  return depth + 1;
}

/** A full expression. */
export function expr(p: Parser, depth: number): Expr {
  return or(p, guard(p, depth));
}

function binary(op: BinaryOperator, left: Expr, right: Expr, at: Token): Expr {
  return { kind: 'binary', op, left, right, pos: posOf(at) };
}

function or(p: Parser, depth: number): Expr {
  let left = and(p, depth);
  for (let t = p.peek(); p.acceptKw('OR'); t = p.peek()) left = binary('OR', left, and(p, depth), t);
  return left;
}

function and(p: Parser, depth: number): Expr {
  let left = not(p, depth);
  for (let t = p.peek(); p.acceptKw('AND'); t = p.peek()) left = binary('AND', left, not(p, depth), t);
  return left;
}

function not(p: Parser, depth: number): Expr {
  const t = p.peek();
  if (p.acceptKw('NOT')) {
    const d = guard(p, depth);
    return { kind: 'unary', op: 'NOT', operand: not(p, d), pos: posOf(t) };
  }
  return predicate(p, depth);
}

/** Comparison, IS [NOT] NULL, [NOT] IN (...), [NOT] LIKE/ILIKE ... [ESCAPE ...]. */
function predicate(p: Parser, depth: number): Expr {
  let left = additive(p, depth);
  for (;;) {
    const t = p.peek();
    if (t.kind === 'op' && COMPARISONS.has(t.value)) {
      p.next();
      left = binary(t.value as BinaryOperator, left, additive(p, depth), t);
      continue;
    }
    if (p.acceptKw('IS')) {
      const negated = p.acceptKw('NOT') !== null;
      p.expectKw('NULL');
      left = { kind: 'isNull', operand: left, negated, pos: posOf(t) };
      continue;
    }
    const negated = p.isKw('NOT') && (p.isKw('IN', 1) || p.isKw('LIKE', 1) || p.isKw('ILIKE', 1));
    if (negated) p.next();
    if (p.acceptKw('IN')) {
      p.expectOp('(');
      const list: Expr[] = [expr(p, depth)];
      while (p.acceptOp(',')) list.push(expr(p, depth));
      p.expectOp(')');
      left = { kind: 'in', operand: left, list, negated, pos: posOf(t) };
      continue;
    }
    const like = p.peek();
    if (p.acceptKw('LIKE') || p.acceptKw('ILIKE')) {
      const pattern = additive(p, depth);
      const escape = p.acceptKw('ESCAPE') ? additive(p, depth) : null;
      left = { kind: 'like', operand: left, pattern, negated, caseInsensitive: like.value === 'ILIKE', escape, pos: posOf(t) };
      continue;
    }
    return left;
  }
}

function additive(p: Parser, depth: number): Expr {
  let left = multiplicative(p, depth);
  for (;;) {
    const t = p.peek();
    if (!(p.isOp('+') || p.isOp('-') || p.isOp('||'))) return left;
    p.next();
    left = binary(t.value as BinaryOperator, left, multiplicative(p, depth), t);
  }
}

function multiplicative(p: Parser, depth: number): Expr {
  let left = unary(p, depth);
  for (;;) {
    const t = p.peek();
    if (!(p.isOp('*') || p.isOp('/'))) return left;
    p.next();
    left = binary(t.value as BinaryOperator, left, unary(p, depth), t);
  }
}

function unary(p: Parser, depth: number): Expr {
  const t = p.peek();
  if (p.isOp('-') || p.isOp('+')) {
    p.next();
    const d = guard(p, depth);
    return { kind: 'unary', op: t.value as '-' | '+', operand: unary(p, d), pos: posOf(t) };
  }
  return primary(p, depth);
}

function primary(p: Parser, depth: number): Expr {
  const t = p.peek();
  const pos = posOf(t);
  switch (t.kind) {
    case 'string':
      p.next();
      return { kind: 'literal', value: { type: 'string', value: t.value }, pos };
    case 'number':
      p.next();
      return { kind: 'literal', value: { type: 'number', value: Number(t.value), text: t.value }, pos };
    case 'op':
      if (t.value !== '(') return p.fail();
      p.next();
      {
        const inner = expr(p, depth);
        p.expectOp(')');
        return inner;
      }
    case 'ident':
      if (t.value === 'TRUE' || t.value === 'FALSE') {
        p.next();
        return { kind: 'literal', value: { type: 'boolean', value: t.value === 'TRUE' }, pos };
      }
      if (t.value === 'NULL') {
        p.next();
        return { kind: 'literal', value: { type: 'null' }, pos };
      }
      if (NOT_A_COLUMN.has(t.value)) return p.fail();
      if (BARE_FUNCTIONS.has(t.value) && !p.isOp('(', 1)) {
        p.next();
        const name: QualifiedName = { parts: [{ name: t.value, quoted: false, pos }], pos };
        return { kind: 'call', name, star: false, args: [], pos };
      }
      break;
    case 'quoted':
    case 'error':
    case 'eof':
      break;
  }
  const name = p.qualifiedName(3);
  if (p.isOp('(')) {
    const { args, star } = callArgs(p, depth);
    return { kind: 'call', name, star, args, pos };
  }
  return { kind: 'column', parts: name.parts, pos };
}

/** `( [*] | [arg [, arg ...]] )` where an argument is `expr` or `NAME => expr`. */
function callArgs(p: Parser, depth: number): { args: FuncArg[]; star: boolean } {
  p.expectOp('(');
  if (p.acceptOp(')')) return { args: [], star: false };
  if (p.isOp('*') && p.isOp(')', 1)) {
    p.next();
    p.next();
    return { args: [], star: true };
  }
  const args: FuncArg[] = [];
  do {
    let name: Ident | null = null;
    if (p.isIdent() && p.isOp('=>', 1)) {
      name = p.ident();
      p.next();
    }
    args.push({ name, value: expr(p, depth) });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return { args, star: false };
}
