/** ALTER ACCOUNT SET / UNSET of account parameters (NETWORK_POLICY, MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR, ...). */
import { errors } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import type { AlterAccount } from '../parse/index.ts';
import { written } from '../properties.ts';
import { EXECUTED, statusResult } from '../result.ts';
import { valueText } from './parameters.ts';

/**
 * One SetAccountParameters command: core checks the names (001420 `invalid property 'X' for
 * 'ACCOUNT'`), the privileges (ACCOUNTADMIN; SECURITYADMIN for NETWORK_POLICY) and the values.
 */
export function alterAccount(ctx: ExecContext, stmt: AlterAccount): Outcome {
  const a = stmt.action;
  const set: Record<string, string> = {};
  const unset: string[] = [];
  if (a.kind === 'set') {
    for (const prop of a.properties) {
      if (prop.value.kind === 'null') {
        unset.push(prop.name);
        continue;
      }
      const t = valueText(prop);
      if (t === null) return errors.invalidParameterValue(written(prop.value), prop.name);
      set[prop.name] = t;
    }
  } else {
    for (const n of a.names) unset.push(n.name);
  }
  const r = ctx.run({ type: 'SetAccountParameters', set, unset });
  return 'type' in r ? r : statusResult(EXECUTED);
}

