import type { Organization } from '../organization.ts';
import { currentPrimary, lineageGroups } from './lineage.ts';
import { parseObjectRef } from './names.ts';
import { lostWritesOfLineage, type LostWrite } from './knowledge.ts';

export type { LostWrite } from './knowledge.ts';

/**
 * The lost-writes report (DESIGN invariant 4): the writes acknowledged by an account while it
 * held the primary of this group's lineage that the current primary never received, oldest
 * first, as `{ account, seq, at, event }`. `group` is a group name (every lineage with a group of
 * that name in any account) or `<org>.<account>.<group>`. Derived from the logs by provenance
 * (see knowledge.ts), so it lists a failover's losses even before the old primary refreshes;
 * once it does, the same writes are in that refresh's `ReplicaRefreshed.discarded`.
 */
export function lostWrites(org: Organization, group: string): LostWrite[] {
  const lineages = new Set<string>();
  const ref = group.includes('.') ? parseObjectRef(group, org.name) : null;
  for (const account of org.accounts) {
    if (ref && account.name !== ref.account) continue;
    const name = ref ? ref.name : group;
    for (const g of account.state.failoverGroups.values()) if (g.name === name || g.name === name.toUpperCase()) lineages.add(g.globalId);
  }
  const out: LostWrite[] = [];
  for (const lineage of [...lineages].sort()) {
    const primary = currentPrimary(org, lineage) ?? lineageGroups(org, lineage)[0] ?? null;
    out.push(...lostWritesOfLineage(org, lineage, primary ? primary.account : null));
  }
  return out.sort((a, b) => a.at - b.at || (a.account < b.account ? -1 : a.account > b.account ? 1 : a.seq - b.seq));
}
