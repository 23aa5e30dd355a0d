/**
 * ALTER SESSION SET / UNSET and SHOW PARAMETERS [LIKE] [IN ACCOUNT | SESSION | USER u]
 * (spec/snowflake-sql.md §1.8). Account parameters live in core (ALTER ACCOUNT is in account.ts);
 * session parameters live in the session.
 */
import {
  ACCOUNT_PARAMETERS,
  errors,
  findUser,
  type ParameterDefinition,
  type SnowflakeError,
} from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { byName, likeRegExp, policyName } from '../names.ts';
import type { AlterSession, Property, ShowParameters } from '../parse/index.ts';
import { dotted, written } from '../properties.ts';
import { EXECUTED, col, resultSet, statusResult, type Cell, type Column } from '../result.ts';
import { userDescribable, viewer } from '../visibility.ts';

/** Session parameters: the session-level ones among core's account parameters, and QUERY_TAG. */
export const SESSION_PARAMETERS: Readonly<Record<string, ParameterDefinition>> = {
  QUERY_TAG: { type: 'STRING', default: '', description: 'String (up to 4000 characters) used to tag statements executed by the session' },
  TIMEZONE: ACCOUNT_PARAMETERS.TIMEZONE!,
  QUOTED_IDENTIFIERS_IGNORE_CASE: ACCOUNT_PARAMETERS.QUOTED_IDENTIFIERS_IGNORE_CASE!,
  STATEMENT_TIMEOUT_IN_SECONDS: ACCOUNT_PARAMETERS.STATEMENT_TIMEOUT_IN_SECONDS!,
};

/** A property value as parameter text: TRUE → `true`, names canonical, strings verbatim. */
export function valueText(prop: Property): string | null {
  const v = prop.value;
  switch (v.kind) {
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'number':
      return v.text;
    case 'string':
      return v.value;
    case 'ident':
      return dotted(v.parts);
    case 'null':
    case 'list':
      return null;
  }
}

/** Normalises a session parameter value as SHOW PARAMETERS prints it. */
function normalize(name: string, def: ParameterDefinition, prop: Property): string | SnowflakeError {
  const t = valueText(prop);
  if (t === null) return errors.invalidParameterValue(written(prop.value), name);
  switch (def.type) {
    case 'BOOLEAN': {
      const l = t.toLowerCase();
      return l === 'true' || l === 'false' ? l : errors.invalidParameterValue(t, name);
    }
    case 'NUMBER':
      return /^-?\d+(\.\d+)?$/.test(t) ? t : errors.invalidParameterValue(t, name);
    case 'STRING':
      return t;
  }
}

/** ALTER SESSION: checks everything first, so a bad parameter changes nothing. */
export function alterSession(ctx: ExecContext, stmt: AlterSession): Outcome {
  const a = stmt.action;
  const changes: [string, string | null][] = [];
  if (a.kind === 'set') {
    for (const prop of a.properties) {
      const def = SESSION_PARAMETERS[prop.name];
      if (!def) return errors.invalidProperty(prop.name, 'SESSION');
      const value = normalize(prop.name, def, prop);
      if (typeof value !== 'string') return value;
      changes.push([prop.name, value]);
    }
  } else {
    for (const { name } of a.names) {
      if (!SESSION_PARAMETERS[name]) return errors.invalidProperty(name, 'SESSION');
      changes.push([name, null]);
    }
  }
  for (const [name, value] of changes) {
    if (value === null) ctx.session.parameters.delete(name);
    else ctx.session.parameters.set(name, value);
  }
  return statusResult(EXECUTED);
}

const COLUMNS: readonly Column[] = [col('key'), col('value'), col('default'), col('level'), col('description'), col('type')];

interface Row {
  readonly key: string;
  readonly value: string;
  readonly level: string;
  readonly def: ParameterDefinition;
}

/** The account-level value of a parameter (NETWORK_POLICY is stored as the policy id). */
function accountValue(ctx: ExecContext, key: string): string | undefined {
  const raw = ctx.state.parameters.get(key);
  if (raw === undefined) return undefined;
  return key === 'NETWORK_POLICY' ? (policyName(ctx.state, raw) ?? raw) : raw;
}

function inherited(ctx: ExecContext, key: string, def: ParameterDefinition, session: boolean): Row {
  const s = session ? ctx.session.parameters.get(key) : undefined;
  if (s !== undefined) return { key, value: s, level: 'SESSION', def };
  const acct = accountValue(ctx, key);
  if (acct !== undefined) return { key, value: acct, level: 'ACCOUNT', def };
  return { key, value: def.default, level: '', def };
}

export function showParameters(ctx: ExecContext, stmt: ShowParameters): Outcome {
  const scope = stmt.scope;
  let rows: Row[];
  switch (scope.kind) {
    case 'account':
      rows = Object.entries(ACCOUNT_PARAMETERS).map(([k, d]) => inherited(ctx, k, d, false));
      break;
    case 'session':
      rows = Object.entries(SESSION_PARAMETERS).map(([k, d]) => inherited(ctx, k, d, true));
      break;
    case 'default': {
      const all = { ...ACCOUNT_PARAMETERS, ...SESSION_PARAMETERS };
      rows = Object.entries(all).map(([k, d]) => inherited(ctx, k, d, true));
      break;
    }
    case 'user': {
      const name = scope.user?.name ?? ctx.session.user;
      if (name === null) return errors.doesNotExist('USER', 'NULL');
      const u = findUser(ctx.state, { name });
      if (!u) return errors.doesNotExist('USER', name);
      if (!userDescribable(viewer(ctx.state, ctx.actor), u)) return errors.insufficientPrivileges('USER', u.name);
      const np = ACCOUNT_PARAMETERS.NETWORK_POLICY!;
      const userPolicy = policyName(ctx.state, u.networkPolicy);
      rows = [
        userPolicy !== null ? { key: 'NETWORK_POLICY', value: userPolicy, level: 'USER', def: np } : { key: 'NETWORK_POLICY', value: '', level: '', def: np },
        ...Object.entries(SESSION_PARAMETERS).map(([k, d]) => inherited(ctx, k, d, false)),
      ];
      break;
    }
  }
  const like = stmt.like ? likeRegExp(stmt.like.value, true) : null;
  const out: Cell[][] = rows
    .filter((r) => !like || like.test(r.key))
    .sort((a, b) => byName(a.key, b.key))
    .map((r) => [r.key, r.value, r.def.default, r.level, r.def.description, r.def.type]);
  return resultSet(COLUMNS, out);
}
