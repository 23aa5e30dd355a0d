/**
 * What the restricted SELECT reads from: a table function's result (REST_EVENT_HISTORY,
 * REPLICATION_GROUP_REFRESH_HISTORY), and the binding of its named and positional arguments.
 */
import { errors, type SnowflakeError } from '@snowglobe/core';
import { evalExpr, type EvalEnv, type Value } from '../expressions.ts';
import type { FuncArg } from '../parse/index.ts';
import type { Column } from '../result.ts';

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Value[])[];
}

/**
 * Binds arguments to a signature: `NAME => value` by name (case-insensitive), others by position
 * (the docs' own example mixes the two: `rest_service_type => 'scim', ..., 200`). Arguments are
 * constant expressions, evaluated in `env` (no columns). Throws EvalFailure for a bad value.
 */
export function bindArgs(fn: string, signature: readonly string[], args: readonly FuncArg[], env: EvalEnv): Map<string, Value> | SnowflakeError {
  const out = new Map<string, Value>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.name ? a.name.name.toUpperCase() : signature[i];
    if (name === undefined || !signature.includes(name)) {
      return errors.compilation(`error line ${a.value.pos.line} at position ${a.value.pos.column}\ninvalid argument${a.name ? ` '${a.name.name}'` : ''} for function ${fn}`, '001044', '42P13');
    }
    if (out.has(name)) return errors.compilation(`argument '${name}' of function ${fn} given more than once`, '001044', '42P13');
    out.set(name, evalExpr(a.value, env));
  }
  return out;
}
