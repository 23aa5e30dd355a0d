/**
 * A small evaluator for the scalar expressions of the restricted SELECT: literals, column
 * references, comparisons with SQL's three-valued logic, arithmetic, `||`, LIKE / ILIKE, IN,
 * IS NULL, and the scalar functions runbooks use (DATEADD, DATEDIFF, TO_TIMESTAMP, UPPER, ...).
 * Session and system functions (CURRENT_ROLE(), SYSTEM$...) come from the caller's {@link EvalEnv}.
 *
 * Errors are thrown as {@link EvalFailure} inside the evaluator (it keeps the recursion linear) and
 * caught at the statement boundary by {@link evaluate}, which returns them as values.
 */
import { errors, snowflakeError, type SnowflakeError } from '@snowglobe/core';
import { likeRegExp } from './names.ts';
import type { Expr, Ident } from './parse/index.ts';
import { parseTimestamp, timestampNotRecognized } from './time.ts';

/** A TIMESTAMP_LTZ value (epoch ms). */
export interface Timestamp {
  readonly ts: number;
}

export type Value = string | number | boolean | null | Timestamp;

export const timestamp = (ms: number): Timestamp => ({ ts: ms });
export const isTimestamp = (v: Value): v is Timestamp => typeof v === 'object' && v !== null;

/** Thrown inside the evaluator; never escapes {@link evaluate} / the SELECT executor. */
export class EvalFailure {
  constructor(readonly error: SnowflakeError) {}
}

export const fail = (error: SnowflakeError): never => {
  throw new EvalFailure(error);
};

/** What column references and non-built-in functions resolve against. */
export interface EvalEnv {
  /** The simulated clock (CURRENT_TIMESTAMP). */
  readonly now: number;
  /** A column's value, or undefined when the name is unknown. */
  column(parts: readonly Ident[]): Value | undefined;
  /** A session or system function (upper-case name), or undefined when unknown. */
  call(name: string, args: readonly Value[], expr: Extract<Expr, { kind: 'call' }>): Value | undefined;
}

/** `invalid identifier 'X'` at the reference (000904, with line and position). */
export function invalidIdentifier(expr: { pos: { line: number; column: number } }, name: string): SnowflakeError {
  return errors.invalidIdentifier(expr.pos.line, expr.pos.column, name);
}

/** `Unknown function X` (002140). */
export const unknownFunction = (name: string): SnowflakeError =>
  errors.compilation(`Unknown function ${name}`, '002140', '42601');

/** 100051 (22012) `Division by zero`. */
const divisionByZero = (): SnowflakeError => snowflakeError('ExecutionError', '100051', '22012', 'Division by zero');

/** 100038 (22018) `Numeric value 'x' is not recognized`. */
const notNumeric = (text: string): SnowflakeError => snowflakeError('InvalidValue', '100038', '22018', `Numeric value '${text}' is not recognized`);

/** Evaluates, returning the value or the SnowflakeError. */
export function evaluate(expr: Expr, env: EvalEnv): Value | SnowflakeError {
  try {
    return evalExpr(expr, env);
  } catch (e) {
    if (e instanceof EvalFailure) return e.error;
    throw e;
  }
}

/** The function name of a call: its last part, upper-cased unless quoted. */
export const callName = (e: Extract<Expr, { kind: 'call' }>): string => e.name.parts[e.name.parts.length - 1]!.name;

/** Evaluates; throws EvalFailure. */
export function evalExpr(expr: Expr, env: EvalEnv): Value {
  switch (expr.kind) {
    case 'literal': {
      const v = expr.value;
      switch (v.type) {
        case 'string':
          return v.value;
        case 'number':
          return v.value;
        case 'boolean':
          return v.value;
        case 'null':
          return null;
      }
      break;
    }
    case 'column': {
      const v = env.column(expr.parts);
      if (v === undefined) return fail(invalidIdentifier(expr, expr.parts.map((p) => p.name).join('.')));
      return v;
    }
    case 'call':
      return evalCall(expr, env);
    case 'unary': {
      const v = evalExpr(expr.operand, env);
      if (expr.op === 'NOT') {
        if (v === null) return null;
        return !truthy(v);
      }
      if (v === null) return null;
      const n = toNumber(v);
      return expr.op === '-' ? -n : n;
    }
    case 'binary':
      return evalBinary(expr, env);
    case 'isNull': {
      const v = evalExpr(expr.operand, env);
      return expr.negated ? v !== null : v === null;
    }
    case 'in': {
      const v = evalExpr(expr.operand, env);
      if (v === null) return null;
      let sawNull = false;
      for (const item of expr.list) {
        const w = evalExpr(item, env);
        if (w === null) {
          sawNull = true;
          continue;
        }
        if (compare(v, w) === 0) return !expr.negated;
      }
      return sawNull ? null : expr.negated;
    }
    case 'like': {
      const v = evalExpr(expr.operand, env);
      const pattern = evalExpr(expr.pattern, env);
      const escape = expr.escape ? evalExpr(expr.escape, env) : null;
      if (v === null || pattern === null) return null;
      const re = likeRegExp(toText(pattern), expr.caseInsensitive, escape === null ? null : toText(escape));
      const m = re.test(toText(v));
      return expr.negated ? !m : m;
    }
  }
  return null;
}

/** A WHERE clause keeps a row only when its condition is TRUE (not NULL). */
export const truthy = (v: Value): boolean => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return v !== null && fail(snowflakeError('InvalidValue', '100037', '22018', `Boolean value '${toText(v)}' is not recognized`));
};

function evalBinary(expr: Extract<Expr, { kind: 'binary' }>, env: EvalEnv): Value {
  if (expr.op === 'AND' || expr.op === 'OR') {
    const a = evalExpr(expr.left, env);
    const av = a === null ? null : truthy(a);
    if (expr.op === 'AND' && av === false) return false;
    if (expr.op === 'OR' && av === true) return true;
    const b = evalExpr(expr.right, env);
    const bv = b === null ? null : truthy(b);
    if (expr.op === 'AND') return bv === false ? false : av === null || bv === null ? null : true;
    return bv === true ? true : av === null || bv === null ? null : false;
  }
  const a = evalExpr(expr.left, env);
  const b = evalExpr(expr.right, env);
  if (a === null || b === null) return null;
  switch (expr.op) {
    case '=':
      return compare(a, b) === 0;
    case '!=':
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>=':
      return compare(a, b) >= 0;
    case '||':
      return toText(a) + toText(b);
    case '+':
    case '-':
    case '*':
    case '/': {
      if (isTimestamp(a) || isTimestamp(b)) {
        return fail(errors.compilation(`Invalid argument types for function '${expr.op}'`, '001044', '42P13'));
      }
      const x = toNumber(a);
      const y = toNumber(b);
      if (expr.op === '+') return x + y;
      if (expr.op === '-') return x - y;
      if (expr.op === '*') return x * y;
      if (y === 0) return fail(divisionByZero());
      return x / y;
    }
  }
}

/** Text of a value as Snowflake casts it to VARCHAR (timestamps in the display form, UTC). */
export function toText(v: Value): string {
  if (v === null) return '';
  if (isTimestamp(v)) return new Date(v.ts).toISOString().replace('T', ' ').replace('Z', ' +0000');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    return fail(notNumeric(v));
  }
  if (v === null) return fail(notNumeric('NULL'));
  return fail(errors.compilation('Invalid argument types: TIMESTAMP_LTZ is not a number', '001044', '42P13'));
}

export function toTimestamp(v: Value): number {
  if (isTimestamp(v)) return v.ts;
  if (typeof v === 'number') return v * 1000;
  const text = toText(v);
  const ms = parseTimestamp(text);
  return ms === null ? fail(timestampNotRecognized(text)) : ms;
}

/** Orders two non-null values, coercing as Snowflake does (strings to numbers or timestamps). */
export function compare(a: Value, b: Value): number {
  if (a === null || b === null) return 0;
  if (isTimestamp(a) || isTimestamp(b)) return sign(toTimestamp(a) - toTimestamp(b));
  if (typeof a === 'number' || typeof b === 'number') return sign(toNumber(a) - toNumber(b));
  if (typeof a === 'boolean' && typeof b === 'boolean') return sign(Number(a) - Number(b));
  const x = toText(a);
  const y = toText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------------

/** Date and time parts and their aliases (docs "Supported date and time parts"). */
const PARTS: Record<string, string> = {};
const alias = (part: string, names: string[]): void => {
  for (const n of [part, ...names]) PARTS[n] = part;
};
alias('YEAR', ['Y', 'YY', 'YYY', 'YYYY', 'YR', 'YEARS', 'YRS']);
alias('QUARTER', ['Q', 'QTR', 'QTRS', 'QUARTERS']);
alias('MONTH', ['MM', 'MON', 'MONS', 'MONTHS']);
alias('WEEK', ['W', 'WK', 'WEEKOFYEAR', 'WOY', 'WY', 'WEEKS']);
alias('DAY', ['D', 'DD', 'DAYS', 'DAYOFMONTH']);
alias('HOUR', ['H', 'HH', 'HR', 'HOURS', 'HRS']);
alias('MINUTE', ['M', 'MI', 'MIN', 'MINUTES', 'MINS']);
alias('SECOND', ['S', 'SEC', 'SECONDS', 'SECS']);
alias('MILLISECOND', ['MS', 'MSEC', 'MILLISECONDS']);
alias('MICROSECOND', ['US', 'USEC', 'MICROSECONDS']);
alias('NANOSECOND', ['NS', 'NSEC', 'NANOSEC', 'NSECOND', 'NANOSECONDS', 'NANOSECS']);

const FIXED_MS: Readonly<Record<string, number>> = {
  WEEK: 604_800_000,
  DAY: 86_400_000,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
  MILLISECOND: 1,
  MICROSECOND: 0.001,
  NANOSECOND: 0.000001,
};
const MONTHS: Readonly<Record<string, number>> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** The unit argument of DATEADD / DATEDIFF: a bare word (`minute`) or a string (`'minutes'`). */
function datePart(arg: Expr, fn: string, env: EvalEnv): string {
  let word: string;
  if (arg.kind === 'column' && arg.parts.length === 1) word = arg.parts[0]!.name;
  else word = toText(evalExpr(arg, env));
  const part = PARTS[word.toUpperCase()];
  return part ?? fail(errors.compilation(`Invalid date/time part '${word}' for function ${fn}.`, '002016', '22023'));
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // Snowflake clamps to the last day of the target month (DATEADD docs).
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

function arity(e: Extract<Expr, { kind: 'call' }>, min: number, max: number): void {
  const n = e.args.length;
  if (n < min || n > max) {
    fail(errors.compilation(`error line ${e.pos.line} at position ${e.pos.column}\nnot enough arguments for function [${callName(e)}], expected ${min}, got ${n}`, '000938', '42601'));
  }
}

function evalCall(e: Extract<Expr, { kind: 'call' }>, env: EvalEnv): Value {
  const name = callName(e);
  const arg = (i: number): Value => evalExpr(e.args[i]!.value, env);
  switch (name) {
    case 'DATEADD':
    case 'TIMEADD':
    case 'TIMESTAMPADD': {
      arity(e, 3, 3);
      const part = datePart(e.args[0]!.value, name, env);
      const n = arg(1);
      const t = arg(2);
      if (n === null || t === null) return null;
      const amount = toNumber(n);
      const base = toTimestamp(t);
      const months = MONTHS[part];
      if (months !== undefined) return timestamp(addMonths(base, Math.trunc(amount) * months));
      return timestamp(base + Math.trunc(amount) * FIXED_MS[part]!);
    }
    case 'DATEDIFF':
    case 'TIMEDIFF':
    case 'TIMESTAMPDIFF': {
      arity(e, 3, 3);
      const part = datePart(e.args[0]!.value, name, env);
      const a = arg(1);
      const b = arg(2);
      if (a === null || b === null) return null;
      const x = toTimestamp(a);
      const y = toTimestamp(b);
      const months = MONTHS[part];
      if (months !== undefined) {
        const dx = new Date(x);
        const dy = new Date(y);
        const m = (dy.getUTCFullYear() - dx.getUTCFullYear()) * 12 + (dy.getUTCMonth() - dx.getUTCMonth());
        return Math.trunc(m / months);
      }
      // DATEDIFF counts crossed unit boundaries.
      const unit = FIXED_MS[part]!;
      return Math.floor(y / unit) - Math.floor(x / unit);
    }
    case 'CURRENT_TIMESTAMP':
    case 'LOCALTIMESTAMP':
    case 'SYSDATE':
    case 'GETDATE':
    case 'SYSTIMESTAMP':
      return timestamp(env.now);
    case 'TO_TIMESTAMP':
    case 'TO_TIMESTAMP_LTZ':
    case 'TO_TIMESTAMP_NTZ':
    case 'TO_TIMESTAMP_TZ': {
      arity(e, 1, 2);
      const v = arg(0);
      return v === null ? null : timestamp(toTimestamp(v));
    }
    case 'TO_VARCHAR':
    case 'TO_CHAR': {
      arity(e, 1, 2);
      const v = arg(0);
      return v === null ? null : toText(v);
    }
    case 'TO_NUMBER':
    case 'TO_DECIMAL':
    case 'TO_NUMERIC': {
      arity(e, 1, 3);
      const v = arg(0);
      return v === null ? null : toNumber(v);
    }
    case 'UPPER':
    case 'LOWER':
    case 'TRIM':
    case 'LENGTH':
    case 'LEN': {
      arity(e, 1, 1);
      const v = arg(0);
      if (v === null) return null;
      const t = toText(v);
      if (name === 'UPPER') return t.toUpperCase();
      if (name === 'LOWER') return t.toLowerCase();
      if (name === 'TRIM') return t.trim();
      return [...t].length;
    }
    case 'CONCAT': {
      const vs = e.args.map((_, i) => arg(i));
      return vs.some((v) => v === null) ? null : vs.map(toText).join('');
    }
    case 'COALESCE':
    case 'NVL':
    case 'IFNULL': {
      for (let i = 0; i < e.args.length; i++) {
        const v = arg(i);
        if (v !== null) return v;
      }
      return null;
    }
    case 'IFF': {
      arity(e, 3, 3);
      const c = arg(0);
      return c !== null && truthy(c) ? arg(1) : arg(2);
    }
  }
  const args = e.args.map((_, i) => arg(i));
  const v = env.call(name, args, e);
  return v === undefined ? fail(unknownFunction(name)) : v;
}

/** Aggregate functions the restricted SELECT supports without GROUP BY. */
export const AGGREGATES: ReadonlySet<string> = new Set(['COUNT', 'MIN', 'MAX', 'SUM', 'AVG']);

/** Does the expression contain a call satisfying `pred`? */
export function containsCall(expr: Expr, pred: (e: Extract<Expr, { kind: 'call' }>) => boolean): boolean {
  switch (expr.kind) {
    case 'literal':
    case 'column':
      return false;
    case 'call':
      return pred(expr) || expr.args.some((a) => containsCall(a.value, pred));
    case 'unary':
    case 'isNull':
      return containsCall(expr.operand, pred);
    case 'binary':
      return containsCall(expr.left, pred) || containsCall(expr.right, pred);
    case 'in':
      return containsCall(expr.operand, pred) || expr.list.some((x) => containsCall(x, pred));
    case 'like':
      return containsCall(expr.operand, pred) || containsCall(expr.pattern, pred) || (expr.escape !== null && containsCall(expr.escape, pred));
  }
}

/** How many calls satisfy `pred` (side-effecting system functions are limited to one). */
export function countCalls(expr: Expr, pred: (e: Extract<Expr, { kind: 'call' }>) => boolean): number {
  switch (expr.kind) {
    case 'literal':
    case 'column':
      return 0;
    case 'call':
      return (pred(expr) ? 1 : 0) + expr.args.reduce((n, a) => n + countCalls(a.value, pred), 0);
    case 'unary':
    case 'isNull':
      return countCalls(expr.operand, pred);
    case 'binary':
      return countCalls(expr.left, pred) + countCalls(expr.right, pred);
    case 'in':
      return countCalls(expr.operand, pred) + expr.list.reduce((n, x) => n + countCalls(x, pred), 0);
    case 'like':
      return countCalls(expr.operand, pred) + countCalls(expr.pattern, pred) + (expr.escape ? countCalls(expr.escape, pred) : 0);
  }
}

/**
 * Evaluates an expression with aggregates over `rows` (whole-table aggregation, no GROUP BY).
 * Column references outside an aggregate are refused as Snowflake refuses them.
 */
export function evalAggregate(expr: Expr, rows: readonly EvalEnv[], outer: EvalEnv): Value {
  switch (expr.kind) {
    case 'column':
      return fail(
        errors.compilation(`[${expr.parts.map((p) => p.name).join('.')}] is not a valid group by expression`, '002065', '42601'),
      );
    case 'literal':
      return evalExpr(expr, outer);
    case 'call': {
      const name = callName(expr);
      if (!AGGREGATES.has(name)) {
        const sub: Expr = { ...expr, args: expr.args.map((a) => ({ name: a.name, value: literalOf(evalAggregate(a.value, rows, outer), a.value) })) };
        return evalExpr(sub, outer);
      }
      if (expr.star) {
        if (name !== 'COUNT') return fail(unknownFunction(`${name}(*)`));
        return rows.length;
      }
      if (expr.args.length !== 1) arity(expr, 1, 1);
      const values = rows.map((r) => evalExpr(expr.args[0]!.value, r)).filter((v): v is Exclude<Value, null> => v !== null);
      switch (name) {
        case 'COUNT':
          return values.length;
        case 'MIN':
        case 'MAX': {
          if (values.length === 0) return null;
          return values.reduce((m, v) => ((name === 'MIN' ? compare(v, m) < 0 : compare(v, m) > 0) ? v : m));
        }
        case 'SUM':
          return values.length === 0 ? null : values.reduce<number>((s, v) => s + toNumber(v), 0);
        case 'AVG':
          return values.length === 0 ? null : values.reduce<number>((s, v) => s + toNumber(v), 0) / values.length;
      }
      return null;
    }
    case 'unary':
      return evalExpr({ ...expr, operand: literalOf(evalAggregate(expr.operand, rows, outer), expr.operand) }, outer);
    case 'isNull':
      return evalExpr({ ...expr, operand: literalOf(evalAggregate(expr.operand, rows, outer), expr.operand) }, outer);
    case 'binary':
      return evalExpr(
        { ...expr, left: literalOf(evalAggregate(expr.left, rows, outer), expr.left), right: literalOf(evalAggregate(expr.right, rows, outer), expr.right) },
        outer,
      );
    case 'in':
    case 'like':
      if (containsCall(expr, (c) => AGGREGATES.has(callName(c)))) {
        return fail(errors.unsupported('aggregates inside IN / LIKE'));
      }
      return evalExpr(expr, outer);
  }
}

/** A computed value as a literal node (so scalar evaluation can continue around aggregates). */
function literalOf(v: Value, at: Expr): Expr {
  const pos = at.pos;
  if (v === null) return { kind: 'literal', value: { type: 'null' }, pos };
  if (typeof v === 'string') return { kind: 'literal', value: { type: 'string', value: v }, pos };
  if (typeof v === 'number') return { kind: 'literal', value: { type: 'number', value: v, text: String(v) }, pos };
  if (typeof v === 'boolean') return { kind: 'literal', value: { type: 'boolean', value: v }, pos };
  // A timestamp travels as its ISO text with zone, which toTimestamp reads back exactly.
  return { kind: 'literal', value: { type: 'string', value: new Date(v.ts).toISOString() }, pos };
}
