import type { AccountState } from '../state.ts';
import type { ReplicationObjectType } from '../model/replication.ts';
import type { SnowflakeError } from '../errors.ts';
import type { DecideContext } from './context.ts';

/**
 * Replicated objects are read-only in a secondary: while this account holds a secondary group
 * that carries `type`, writes to such objects are refused (spec/snowflake-replication.md §4.4).
 */
export function secondaryCarrying(s: AccountState, type: ReplicationObjectType): boolean {
  for (const g of s.failoverGroups.values()) {
    if (g.isPrimary || !g.objectTypes.includes(type)) continue;
    if (type === 'INTEGRATIONS' && !g.allowedIntegrationTypes.includes('SECURITY INTEGRATIONS')) continue;
    return true;
  }
  return false;
}

export function guardReplica(
  s: AccountState,
  ctx: DecideContext,
  type: ReplicationObjectType,
  kind: string,
  name: string,
): SnowflakeError | null {
  return secondaryCarrying(s, type) ? ctx.options.readOnlyReplicaError(kind, name) : null;
}
