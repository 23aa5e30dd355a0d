import type { Account } from '../account.ts';
import type { Organization } from '../organization.ts';
import type { Connection, FailoverGroup, GroupKind } from '../model/replication.ts';
import type { Event } from '../events.ts';

/** A group and the account holding it. */
export interface GroupRef {
  readonly account: Account;
  readonly group: FailoverGroup;
}

/** A connection and the account holding it. */
export interface ConnectionRef {
  readonly account: Account;
  readonly connection: Connection;
}

/** Every group of one lineage (same `globalId`) across the organization, by account name. */
export function lineageGroups(org: Organization, globalId: string): GroupRef[] {
  const out: GroupRef[] = [];
  for (const account of org.accounts) {
    for (const group of account.state.failoverGroups.values()) if (group.globalId === globalId) out.push({ account, group });
  }
  return out.sort((a, b) => (a.account.name < b.account.name ? -1 : 1));
}

/**
 * The current primary of a lineage: the group that says `isPrimary` with the highest epoch. An
 * old primary that was unreachable when a secondary was promoted still says `isPrimary` with a
 * lower epoch until it learns otherwise (`settleReplication`). Metadata of an unavailable account
 * is still read here: Snowflake's global services know where the primary is.
 */
export function currentPrimary(org: Organization, globalId: string): GroupRef | null {
  let best: GroupRef | null = null;
  for (const ref of lineageGroups(org, globalId)) {
    if (ref.group.isPrimary && (!best || ref.group.epoch > best.group.epoch)) best = ref;
  }
  return best;
}

/** The highest epoch any group of the lineage knows. */
export function lineageEpoch(org: Organization, globalId: string): number {
  let max = 0;
  for (const ref of lineageGroups(org, globalId)) max = Math.max(max, ref.group.epoch);
  return max;
}

/** A group by name in an account (exact name; kind checked when given). */
export function findGroupIn(account: Account, name: string, kind?: GroupKind): FailoverGroup | undefined {
  for (const g of account.state.failoverGroups.values()) if (g.name === name && (!kind || g.type === kind)) return g;
  return undefined;
}

/** `ORG.ACCOUNT.GROUP` of a group reference. */
export function fullName(org: Organization, ref: GroupRef): string {
  return `${org.name}.${ref.account.name}.${ref.group.name}`;
}

/** Every connection named `name` across the organization (a primary and its secondaries share the name). */
export function connectionLineage(org: Organization, name: string): ConnectionRef[] {
  const out: ConnectionRef[] = [];
  const upper = name.toUpperCase();
  for (const account of org.accounts) {
    for (const connection of account.state.connections.values()) if (connection.name.toUpperCase() === upper) out.push({ account, connection });
  }
  return out.sort((a, b) => (a.account.name < b.account.name ? -1 : 1));
}

/** The current primary connection: `isPrimary` with the highest epoch, as for groups. */
export function currentPrimaryConnection(org: Organization, name: string): ConnectionRef | null {
  let best: ConnectionRef | null = null;
  for (const ref of connectionLineage(org, name)) {
    if (ref.connection.isPrimary && (!best || ref.connection.epoch > best.connection.epoch)) best = ref;
  }
  return best;
}

/**
 * Lets every available account learn about failovers it missed while unreachable: an old
 * primary group becomes a secondary of the current primary and every secondary that missed the
 * failover suspends its schedule (spec §5.1); an old primary connection becomes a secondary.
 * Idempotent; the organization runs it when an account comes back and before replication work.
 */
export function settleReplication(org: Organization): void {
  const lineages = new Set<string>();
  for (const account of org.accounts) for (const g of account.state.failoverGroups.values()) lineages.add(g.globalId);
  for (const globalId of [...lineages].sort()) {
    const primary = currentPrimary(org, globalId);
    if (!primary) continue;
    const epoch = primary.group.epoch;
    for (const ref of lineageGroups(org, globalId)) {
      if (ref.group.epoch >= epoch || !org.isAvailable(ref.account.name)) continue;
      const changes: Extract<Event, { type: 'FailoverGroupAltered' }>['changes'] = {
        isPrimary: false,
        epoch,
        suspended: true,
        primary: { account: primary.account.name, group: primary.group.name },
        ...(ref.group.isPrimary ? { initializedTypes: ref.group.objectTypes } : {}),
      };
      org.appendEvents(ref.account, [{ type: 'FailoverGroupAltered', id: ref.group.id, changes }]);
    }
  }
  const names = new Set<string>();
  for (const account of org.accounts) for (const c of account.state.connections.values()) names.add(c.name.toUpperCase());
  for (const name of [...names].sort()) {
    const primary = currentPrimaryConnection(org, name);
    if (!primary) continue;
    for (const ref of connectionLineage(org, name)) {
      if (ref.connection.epoch >= primary.connection.epoch || !org.isAvailable(ref.account.name)) continue;
      org.appendEvents(ref.account, [
        {
          type: 'ConnectionAltered',
          id: ref.connection.id,
          changes: { isPrimary: false, epoch: primary.connection.epoch, primaryAccount: primary.connection.primaryAccount },
        },
      ]);
    }
  }
}
