/**
 * No silent loss (DESIGN "Replication" invariant 4): after any interleaving of IdP writes,
 * unplanned failovers (PRIMARY without a refresh, connection failover on its own), outages and
 * refreshes, every write acknowledged to its caller is either present on the current primary or
 * listed by `lostWrites` — nothing vanishes unreported.
 *
 * "Present" is checked per object: for every user and role, take the latest write to it (by
 * anyone, anywhere) that `lostWrites` does not list; the primary must show the object exactly as
 * that write left it (or absent, if it dropped it).
 */
import { lostWrites } from '@snowglobe/core';
import { planArb } from '../arbitraries/scenario.ts';
import { GROUP_NAME } from '../plan.ts';
import { objectView, type AckUnit } from '../world.ts';
import { makeProperty, nameOf, PASS, type PropertyOptions, type SnowglobeProperty, type Verdict } from './common.ts';
import type { World } from '../world.ts';

/** `noSilentLoss(options)`: unplanned failovers at random; acknowledged writes are present or reported lost. */
export function noSilentLoss(options: PropertyOptions = {}): SnowglobeProperty {
  const o: PropertyOptions = { ...options, failover: 'unplanned' };
  return makeProperty('no silent loss', o, planArb(o), async (plan, start) => {
    const world = await start(plan, { trackAcks: true });
    await world.runAll();
    await world.settle({ sync: false, refresh: false });
    return { world, verdict: lossVerdict(world) };
  });
}

/**
 * The check itself, on a world run with `trackAcks`. `report` is the lost-writes report to hold
 * the world to (default core's `lostWrites`; a test swaps in a lying one to see the check bite).
 */
export function lossVerdict(world: World, report: (w: World) => readonly { readonly account: string; readonly seq: number }[] = (w) => lostWrites(w.org, GROUP_NAME)): Verdict {
  const lost = new Set(report(world).map((l) => `${l.account}:${l.seq}`));
  const primary = world.primary();
  const latest = new Map<string, AckUnit>();
  for (const unit of world.units) {
    if (lost.has(`${unit.account}:${unit.firstSeq}`)) continue;
    for (const key of unit.snapshots.keys()) latest.set(key, unit);
  }
  const details: string[] = [];
  for (const [key, unit] of latest) {
    // A refused request that still wrote something makes no promise to check.
    if (!unit.acked) continue;
    const expected = unit.snapshots.get(key) ?? null;
    const actual = objectView(primary, key, world.scope);
    if (expected === actual) continue;
    const id = key.slice(5);
    const name = nameOf(primary, id) ?? nameOf(world.org.account(unit.account)!, id) ?? id;
    details.push(
      `${key.slice(0, 4)} ${name}: ${unit.source} (${unit.account} seq ${unit.firstSeq}${unit.lastSeq > unit.firstSeq ? `-${unit.lastSeq}` : ''}, step #${unit.step}) was acknowledged and is not in lostWrites, ` +
        `but ${primary.name} (primary) ${actual === null ? 'does not have it' : expected === null ? 'still has it' : 'holds a different version'}`,
    );
  }
  if (details.length === 0) return PASS;
  return { ok: false, message: `${details.length} acknowledged write(s) vanished without being reported by lostWrites`, details };
}
