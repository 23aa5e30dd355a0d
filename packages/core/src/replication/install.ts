import type { Organization } from '../organization.ts';
import { REPLICATION_COMMANDS, executeReplicationCommand } from './execute.ts';
import { settleReplication } from './lineage.ts';
import { replicationTicker } from './scheduler.ts';

const installed = new WeakSet<Organization>();

/**
 * Wires replication into an organization (idempotent; every Organization does it when built):
 * group and connection commands go through `executeReplicationCommand` (they need more than one
 * account), the clock runs scheduled and async refreshes, and an account coming back after an
 * outage learns about the failovers it missed.
 */
export function installReplicationScheduler(org: Organization): void {
  if (installed.has(org)) return;
  installed.add(org);
  org.handleCommands(REPLICATION_COMMANDS, executeReplicationCommand);
  org.addTicker(replicationTicker);
  org.onAvailabilityChange((o, _account, available) => {
    if (available) settleReplication(o);
  });
}
