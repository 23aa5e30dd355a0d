import type { CommandOf } from '../commands.ts';
import type { Event } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import { ACCOUNT_PARAMETERS } from '../model/parameters.ts';
import type { AccountState } from '../state.ts';
import { activeRoles, isAccountAdmin, rolesHoldAccountPrivilege } from './access.ts';
import { type DecideContext, type Decision, done, findNetworkPolicy } from './context.ts';
import { guardReplica } from './replica.ts';

/** Normalizes a parameter value to how SHOW PARAMETERS prints it; errors name the parameter. */
function normalize(name: string, raw: string, s: AccountState): string | SnowflakeError {
  const def = ACCOUNT_PARAMETERS[name]!;
  if (name === 'NETWORK_POLICY') {
    // Stored as the policy id so a rename keeps the attachment.
    const p = findNetworkPolicy(s, { name: raw });
    return p ? p.id : errors.doesNotExist('NETWORK_POLICY', raw);
  }
  switch (def.type) {
    case 'BOOLEAN': {
      const v = raw.toLowerCase();
      return v === 'true' || v === 'false' ? v : errors.invalidParameterValue(raw, name);
    }
    case 'NUMBER':
      return /^-?\d+(\.\d+)?$/.test(raw) ? raw : errors.invalidParameterValue(raw, name);
    case 'STRING':
      return raw;
  }
}

/** ALTER ACCOUNT SET / UNSET: ACCOUNTADMIN, or SECURITYADMIN+ for NETWORK_POLICY. */
export function setAccountParameters(cmd: CommandOf<'SetAccountParameters'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const roles = activeRoles(s, ctx.actor);
  const events: Event[] = [];
  const names = [...Object.keys(cmd.set), ...(cmd.unset ?? [])];
  for (const name of names) {
    if (!ACCOUNT_PARAMETERS[name]) return errors.invalidProperty(name, 'ACCOUNT');
    const allowed = name === 'NETWORK_POLICY' ? rolesHoldAccountPrivilege(s, roles.all, 'MANAGE GRANTS') || isAccountAdmin(roles.all) : isAccountAdmin(roles.all);
    if (!allowed) return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
    const ro = guardReplica(s, ctx, 'ACCOUNT PARAMETERS', 'Account parameter', name);
    if (ro) return ro;
  }
  for (const [name, raw] of Object.entries(cmd.set)) {
    const value = normalize(name, raw, s);
    if (typeof value !== 'string') return value;
    events.push({ type: 'ParameterSet', name, value });
  }
  for (const name of cmd.unset ?? []) if (s.parameters.has(name)) events.push({ type: 'ParameterUnset', name });
  return done(events);
}
