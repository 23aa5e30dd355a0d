/**
 * The restricted SELECT: a select list over no table (system and session functions) or over one
 * table function, with WHERE, whole-table aggregates, ORDER BY and LIMIT / OFFSET.
 *
 * Column names follow Snowflake: a column reference keeps the column's name, an alias is used as
 * resolved, and any other expression is named by its text upper-cased
 * (`SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('OKTA_PROVISIONING')`).
 *
 * System functions that write (SYSTEM$GENERATE_SCIM_ACCESS_TOKEN, ...) run one command; a
 * statement may hold at most one, only without FROM, and the SELECT is evaluated once without it
 * first (a dry run), so an error anywhere else refuses the statement before anything is written.
 */
import { errors, findRole, findUser, roleClosure, type SnowflakeError } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import {
  AGGREGATES,
  EvalFailure,
  callName,
  compare,
  containsCall,
  countCalls,
  evalAggregate,
  evalExpr,
  fail,
  invalidIdentifier,
  isTimestamp,
  truthy,
  unknownFunction,
  type EvalEnv,
  type Value,
} from '../expressions.ts';
import { tokenize, type Expr, type FromSource, type Ident, type Select, type SelectItem, type Token } from '../parse/index.ts';
import { col, resultSet, type Cell, type Column, type ColumnType } from '../result.ts';
import { viewer } from '../visibility.ts';
import { restEventHistory } from './rest-event-history.ts';
import type { Table } from './table-function.ts';

/** A system function: `dry` asks for validation and a placeholder result without any write. */
export type SystemFunction = (ctx: ExecContext, args: readonly Value[], dry: boolean, call: Extract<Expr, { kind: 'call' }>) => Value;

/** A table function of INFORMATION_SCHEMA. */
export type TableFunction = (ctx: ExecContext, args: Extract<FromSource, { kind: 'tableFunction' }>['args'], env: EvalEnv) => Table | SnowflakeError;

/** One string argument, as system functions take (`SYSTEM$X('NAME')`). */
export function stringArg(fn: string, args: readonly Value[], call: Extract<Expr, { kind: 'call' }>): string {
  const a = args[0];
  if (args.length !== 1 || typeof a !== 'string') {
    return fail(errors.compilation(`error line ${call.pos.line} at position ${call.pos.column}\nInvalid argument types for function '${fn}'`, '001044', '42P13'));
  }
  return a;
}

/** SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('<INTEGRATION>'): the name is case-sensitive (docs). */
const generateScimAccessToken: SystemFunction = (ctx, args, dry, call) => {
  const name = stringArg('SYSTEM$GENERATE_SCIM_ACCESS_TOKEN', args, call);
  if (dry) return '';
  const r = ctx.run({ type: 'GenerateScimToken', integration: { name } });
  if ('type' in r) return fail(r);
  const out = r.decision.output;
  return out.kind === 'token' ? out.token : fail(errors.execution('No token was issued.'));
};

/** Writing system functions, by name; the replication ones are registered by failover-group.ts. */
export const SYSTEM_FUNCTIONS = new Map<string, SystemFunction>([['SYSTEM$GENERATE_SCIM_ACCESS_TOKEN', generateScimAccessToken]]);

/** Read-only system functions (evaluated per row like any function). */
export const READ_FUNCTIONS = new Map<string, SystemFunction>();

/** Table functions of INFORMATION_SCHEMA, by name. */
export const TABLE_FUNCTIONS = new Map<string, TableFunction>([['REST_EVENT_HISTORY', restEventHistory]]);

const isWriting = (e: Extract<Expr, { kind: 'call' }>): boolean => SYSTEM_FUNCTIONS.has(callName(e));

/** CURRENT_ROLE() and the other session context functions. */
function sessionFunction(ctx: ExecContext, name: string, args: readonly Value[]): Value | undefined {
  const s = ctx.session;
  const info = ctx.account.info;
  switch (name) {
    case 'CURRENT_ROLE':
      return s.role;
    case 'CURRENT_ROLE_TYPE':
      return 'ROLE';
    case 'CURRENT_USER':
      return s.user;
    case 'CURRENT_ACCOUNT':
      // CURRENT_ACCOUNT() is the locator; CURRENT_ACCOUNT_NAME() the name (docs).
      return info.locator;
    case 'CURRENT_ACCOUNT_NAME':
      return info.name;
    case 'CURRENT_ORGANIZATION_NAME':
      return info.org;
    case 'CURRENT_REGION':
      return info.region;
    case 'CURRENT_DATABASE':
      return s.database;
    case 'CURRENT_SCHEMA':
      return s.schema;
    case 'CURRENT_WAREHOUSE':
      return s.warehouse;
    case 'CURRENT_SECONDARY_ROLES': {
      const sr = s.secondaryRoles;
      if (sr.kind === 'none') return JSON.stringify({ roles: '', value: '' });
      if (sr.kind === 'list') return JSON.stringify({ roles: sr.names.join(','), value: sr.names.join(',') });
      const user = s.user === null ? undefined : findUser(ctx.state, { name: s.user });
      const roles = (user?.roles ?? []).map((g) => findRole(ctx.state, { id: g.role })?.name).filter((n): n is string => !!n && n !== s.role);
      return JSON.stringify({ roles: roles.sort().join(','), value: 'ALL' });
    }
    case 'CURRENT_AVAILABLE_ROLES': {
      const user = s.user === null ? undefined : findUser(ctx.state, { name: s.user });
      const ids = new Set<string>(['PUBLIC']);
      for (const g of user?.roles ?? []) for (const id of roleClosure(ctx.state, g.role)) ids.add(id);
      const names = [...ids].map((id) => findRole(ctx.state, { id })?.name).filter((n): n is string => !!n);
      return JSON.stringify(names.sort());
    }
    case 'IS_ROLE_IN_SESSION': {
      const role = args[0];
      if (args.length !== 1 || typeof role !== 'string') return undefined;
      const r = findRole(ctx.state, { name: role });
      return r !== undefined && viewer(ctx.state, ctx.actor).roles.all.has(r.id);
    }
  }
  return undefined;
}

/** The environment for constants and functions (no columns). */
function baseEnv(ctx: ExecContext, dry: boolean): EvalEnv {
  return {
    now: ctx.org.now,
    column: () => undefined,
    call(name, args, e) {
      const writing = SYSTEM_FUNCTIONS.get(name);
      if (writing) return writing(ctx, args, dry, e);
      const read = READ_FUNCTIONS.get(name);
      if (read) return read(ctx, args, dry, e);
      return sessionFunction(ctx, name, args);
    },
  };
}

/** A row of the source, addressable by column name and qualified by the source's name or alias. */
function rowEnv(base: EvalEnv, table: Table, qualifiers: readonly string[], row: readonly Value[]): EvalEnv {
  return {
    now: base.now,
    call: base.call,
    column(parts: readonly Ident[]) {
      const i = columnIndex(table, qualifiers, parts);
      return i === -1 ? undefined : row[i];
    },
  };
}

function columnIndex(table: Table, qualifiers: readonly string[], parts: readonly Ident[]): number {
  const name = parts[parts.length - 1]!.name;
  if (parts.length > 1) {
    const q = parts[parts.length - 2]!.name;
    if (!qualifiers.includes(q)) return -1;
  }
  return table.columns.findIndex((c) => c.name === name);
}

/** The source text of a select item's expression (for its column name). */
function itemText(text: string, tokens: readonly Token[], item: Extract<SelectItem, { kind: 'expr' }>): string {
  let i = tokens.findIndex((t) => t.offset === item.pos.offset);
  if (i === -1) return '';
  const start = tokens[i]!.offset;
  let end = start;
  let depth = 0;
  const stop = item.alias ? item.alias.pos.offset : Infinity;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'eof' || t.offset >= stop) break;
    if (t.kind === 'op' && t.value === '(') depth++;
    if (t.kind === 'op' && t.value === ')') depth--;
    if (depth === 0 && t.kind === 'op' && t.value === ',') break;
    if (depth === 0 && t.kind === 'ident' && ['FROM', 'WHERE', 'ORDER', 'LIMIT', 'AS'].includes(t.value) && t.offset > start) break;
    end = t.end;
  }
  return text.slice(start, end);
}

/** What each output column is. */
interface OutputColumn {
  readonly name: string;
  /** A source column index (star, bare column reference), or an expression to evaluate. */
  readonly source: number | Expr;
  readonly type: ColumnType | null;
}

function outputColumns(ctx: ExecContext, stmt: Select, table: Table, qualifiers: readonly string[]): OutputColumn[] {
  const tokens = tokenize(ctx.text);
  const out: OutputColumn[] = [];
  for (const item of stmt.items) {
    if (item.kind === 'star') {
      if (item.qualifier.length > 0) {
        const q = item.qualifier[item.qualifier.length - 1]!;
        if (!qualifiers.includes(q.name)) fail(invalidIdentifier(item, `${q.name}.*`));
      } else if (stmt.from === null) {
        // `SELECT *` with no FROM is refused by Snowflake.
        fail(errors.compilation('SELECT with no columns', '002017', '42601'));
      }
      table.columns.forEach((c, i) => out.push({ name: c.name, source: i, type: c.type }));
      continue;
    }
    const e = item.expr;
    if (e.kind === 'column') {
      const i = columnIndex(table, qualifiers, e.parts);
      if (i === -1) fail(invalidIdentifier(e, e.parts.map((p) => p.name).join('.')));
      out.push({ name: item.alias?.name ?? table.columns[i]!.name, source: i, type: table.columns[i]!.type });
      continue;
    }
    out.push({ name: item.alias?.name ?? itemText(ctx.text, tokens, item).toUpperCase(), source: e, type: null });
  }
  return out;
}

const typeOf = (v: Value): ColumnType => (isTimestamp(v) ? 'timestamp_ltz' : typeof v === 'number' ? 'fixed' : typeof v === 'boolean' ? 'boolean' : 'text');

const toCell = (v: Value): Cell => (isTimestamp(v) ? v.ts : v);

/** The source of the SELECT: one empty row without FROM, else the table function's result. */
function source(ctx: ExecContext, from: FromSource | null, env: EvalEnv): { table: Table; qualifiers: string[] } {
  if (from === null) return { table: { columns: [], rows: [[]] }, qualifiers: [] };
  const parts = from.name.parts;
  const fullName = parts.map((p) => p.name).join('.');
  if (from.kind === 'table') {
    // No tables or views are modelled: every named table is missing.
    return fail(errors.compilation(`Object '${fullName}' does not exist or not authorized.`, '002003', '42S02'));
  }
  const name = parts[parts.length - 1]!.name;
  const schema = parts.length > 1 ? parts[parts.length - 2]!.name : null;
  const fn = TABLE_FUNCTIONS.get(name);
  const schemaOk = schema === 'INFORMATION_SCHEMA' || (schema === null && (ctx.options.lenientInformationSchema || ctx.session.schema === 'INFORMATION_SCHEMA'));
  if (!fn || !schemaOk) return fail(unknownFunction(fullName));
  const table = fn(ctx, from.args, env);
  if ('type' in table) return fail(table);
  const qualifiers = [name, ...(from.alias ? [from.alias.name] : [])];
  return { table, qualifiers };
}

function run(ctx: ExecContext, stmt: Select, dry: boolean): Outcome {
  const env = baseEnv(ctx, dry);
  const { table, qualifiers } = source(ctx, stmt.from, env);
  const outputs = outputColumns(ctx, stmt, table, qualifiers);
  const isAgg = (c: Extract<Expr, { kind: 'call' }>): boolean => AGGREGATES.has(callName(c));
  if (stmt.where && containsCall(stmt.where, isAgg)) fail(errors.compilation('Invalid aggregate function in where clause', '002035', '42601'));
  let rows = table.rows.map((r) => ({ row: r, env: rowEnv(env, table, qualifiers, r) }));
  if (stmt.where) {
    const where = stmt.where;
    rows = rows.filter((r) => {
      const v = evalExpr(where, r.env);
      return v !== null && truthy(v);
    });
  }
  const aggregate = outputs.some((o) => typeof o.source !== 'number' && containsCall(o.source, isAgg));
  let produced: { values: Value[]; env: EvalEnv }[];
  if (aggregate) {
    const envs = rows.map((r) => r.env);
    const values = outputs.map((o) => {
      if (typeof o.source === 'number') return fail(errors.compilation(`[${o.name}] is not a valid group by expression`, '002065', '42601'));
      return evalAggregate(o.source, envs, env);
    });
    produced = [{ values, env }];
  } else {
    produced = rows.map((r) => ({ values: outputs.map((o) => (typeof o.source === 'number' ? r.row[o.source]! : evalExpr(o.source, r.env))), env: r.env }));
  }
  if (stmt.orderBy.length > 0) {
    const keyed = produced.map((p) => ({
      p,
      keys: stmt.orderBy.map((o) => {
        const e = o.expr;
        if (e.kind === 'literal' && e.value.type === 'number') {
          const i = e.value.value - 1;
          if (!Number.isInteger(i) || i < 0 || i >= outputs.length) {
            return fail(errors.compilation(`error line ${e.pos.line} at position ${e.pos.column}\nORDER BY position ${e.value.value} is not in select list`, '002072', '42601'));
          }
          return p.values[i]!;
        }
        if (e.kind === 'column' && e.parts.length === 1) {
          const i = outputs.findIndex((c) => c.name === e.parts[0]!.name);
          if (i !== -1) return p.values[i]!;
        }
        return aggregate ? evalAggregate(e, rows.map((r) => r.env), env) : evalExpr(e, p.env);
      }),
    }));
    keyed.sort((a, b) => {
      for (let k = 0; k < stmt.orderBy.length; k++) {
        const o = stmt.orderBy[k]!;
        const x = a.keys[k]!;
        const y = b.keys[k]!;
        // Snowflake's default: NULLS LAST ascending, NULLS FIRST descending.
        const nullsFirst = o.nulls === null ? o.descending : o.nulls === 'FIRST';
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === nullsFirst ? -1 : 1;
        }
        const c = compare(x, y);
        if (c !== 0) return o.descending ? -c : c;
      }
      return 0;
    });
    produced = keyed.map((k) => k.p);
  }
  if (stmt.limit) {
    const offset = stmt.limit.offset ?? 0;
    produced = produced.slice(offset, offset + stmt.limit.count);
  }
  const columns: Column[] = outputs.map((o, i) => {
    if (o.type) return col(o.name, o.type);
    const sample = produced.map((p) => p.values[i]!).find((v) => v !== null);
    return col(o.name, sample === undefined ? 'text' : typeOf(sample));
  });
  return resultSet(columns, produced.map((p) => p.values.map(toCell)));
}

/** SELECT: see the module comment. */
export function select(ctx: ExecContext, stmt: Select): Outcome {
  try {
    const exprs: Expr[] = [
      ...stmt.items.flatMap((i) => (i.kind === 'expr' ? [i.expr] : [])),
      ...(stmt.where ? [stmt.where] : []),
      ...stmt.orderBy.map((o) => o.expr),
      ...(stmt.from?.kind === 'tableFunction' ? stmt.from.args.map((a) => a.value) : []),
    ];
    const writes = exprs.reduce((n, e) => n + countCalls(e, isWriting), 0);
    if (writes > 1) return errors.unsupported('more than one writing system function in one statement');
    if (writes === 1) {
      if (stmt.from !== null) return errors.unsupported('a writing system function in a query with FROM');
      const dry = run(ctx, stmt, true);
      if ('type' in dry) return dry;
    }
    return run(ctx, stmt, false);
  } catch (e) {
    if (e instanceof EvalFailure) return e.error;
    throw e;
  }
}
