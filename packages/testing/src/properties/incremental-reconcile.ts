/**
 * Incremental refresh == reconcile (DESIGN "Replication" invariant 3): a secondary kept up to
 * date by incremental refreshes (each carrying the primary's new events) holds the same
 * replicated view as one rebuilt from the primary's snapshot by reconcile — and a reconcile over
 * the incrementally refreshed secondary has nothing left to do.
 */
import { applyEvents, foldLog, project, reconcileEvents, viewsEqual } from '@snowglobe/core';
import { planArb } from '../arbitraries/scenario.ts';
import { diffViews, makeProperty, PASS, type PropertyOptions, type SnowglobeProperty, type Verdict } from './common.ts';
import type { World } from '../world.ts';

/** `incrementalEqualsReconcile(options)`: syncs, refreshes and the rest, no failover. */
export function incrementalEqualsReconcile(options: PropertyOptions = {}): SnowglobeProperty {
  const o: PropertyOptions = { ...options, failover: 'none' };
  return makeProperty('incremental refresh == reconcile', o, planArb(o), async (plan, start) => {
    const world = await start(plan);
    await world.runAll();
    await world.settle();
    return { world, verdict: incrementalVerdict(world) };
  });
}

export function incrementalVerdict(world: World): Verdict {
  const primary = world.primary();
  const scope = world.scope;
  const pv = project(primary.state, scope);
  const details: string[] = [];
  for (const s of world.secondaries()) {
    const leftover = reconcileEvents(s.state, primary.state, scope).events;
    if (leftover.length > 0) {
      details.push(`${s.name}: a reconcile after incremental refreshes still has ${leftover.length} event(s) to apply: ${leftover.slice(0, 4).map((e) => e.type).join(', ')}`);
    }
    const firstRefresh = s.log.findIndex((e) => e.event.type === 'ReplicaRefreshed');
    const base = foldLog(firstRefresh < 0 ? s.log : s.log.slice(0, firstRefresh));
    const rebuilt = applyEvents(base, reconcileEvents(base, primary.state, scope).events);
    const rv = project(rebuilt, scope);
    const sv = project(s.state, scope);
    if (!viewsEqual(rv, sv)) {
      for (const d of diffViews(rv, sv)) details.push(`${s.name}: incremental and reconcile-from-snapshot differ in ${d.kind}: ${d.ids.slice(0, 6).join(', ')}`);
    }
    if (!viewsEqual(pv, sv)) details.push(`${s.name}: does not equal ${primary.name} after REFRESH`);
  }
  if (details.length === 0) return PASS;
  return { ok: false, message: 'incremental refresh and reconcile-from-snapshot disagree', details };
}
