import type { Organization } from '../organization.ts';
import { findRole } from '../decide/context.ts';
import { currentPrimary, settleReplication } from './lineage.ts';
import { completeAsyncRefreshes, runRefresh } from './refresh.ts';
import { lastDue } from './schedule.ts';
import { scheduleBase } from './show.ts';

/**
 * Runs the scheduled refreshes that come due while the clock moves from `from` to `to`
 * (REPLICATION_SCHEDULE, spec §2.1, §4.1): for every secondary that is not suspended, in an
 * available account, following its lineage primary's schedule. The next run counts from the
 * start of the previous one (manual or scheduled). A run whose primary is unavailable records a
 * FAILED row. A job still running (async) delays the scheduled one. Several due times within one
 * advance run once, at the last (nothing changes in between); a run missed while the secondary's
 * account was down starts at the next advance.
 */
export function runScheduledRefreshes(org: Organization, from: number, to: number): void {
  for (const t of [...org.accounts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!org.isAvailable(t.name)) continue;
    for (const s of [...t.state.failoverGroups.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (s.isPrimary || s.suspended || s.refreshInProgress) continue;
      const p = currentPrimary(org, s.globalId)?.group ?? s;
      if (!p.schedule) continue;
      const due = lastDue(p.schedule, scheduleBase(s, p.scheduleSetAt), to);
      if (due === null) continue;
      // Scheduled refreshes run as the role that owns the group (spec §2.2).
      const role = findRole(t.state, { id: s.owner })?.name ?? 'ACCOUNTADMIN';
      runRefresh(org, t, s, { trigger: 'SCHEDULED', force: false, actor: { role }, startTime: Math.max(due, from) });
    }
  }
}

/** The replication ticker: settle missed failovers, finish async jobs, run what the schedules say. */
export function replicationTicker(org: Organization, from: number, to: number): void {
  settleReplication(org);
  completeAsyncRefreshes(org);
  runScheduledRefreshes(org, from, to);
}
