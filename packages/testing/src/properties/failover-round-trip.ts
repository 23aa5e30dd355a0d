/**
 * Failover round trip (spec replication §5, §6.3): the IdP provisions through the connection URL
 * while the organization fails over to another account and back, planned each time (REFRESH,
 * PRIMARY, ALTER CONNECTION ... PRIMARY). Nothing may be lost, SCIM tokens keep working on the
 * new primary, ACCOUNT1 is primary again at the end, and everything converges.
 */
import { lostWrites } from '@snowglobe/core';
import { roundTripPlanArb } from '../arbitraries/scenario.ts';
import { GROUP_NAME } from '../plan.ts';
import { convergenceVerdict, makeProperty, type PropertyOptions, type SnowglobeProperty } from './common.ts';

/** `failoverRoundTrip(options)`: fail over to ACCOUNT2 (or 3) and back while the IdP keeps syncing. */
export function failoverRoundTrip(options: PropertyOptions = {}): SnowglobeProperty {
  const o: PropertyOptions = { ...options, failover: 'planned' };
  return makeProperty('failover round trip', o, roundTripPlanArb(o), async (plan, start) => {
    const world = await start(plan);
    await world.runAll();
    await world.settle();
    const lost = lostWrites(world.org, GROUP_NAME);
    if (lost.length > 0) {
      return {
        world,
        verdict: {
          ok: false,
          message: `a planned failover lost ${lost.length} acknowledged write(s)`,
          details: lost.slice(0, 8).map((l) => `${l.account} seq ${l.seq}: ${l.event.type}`),
        },
      };
    }
    if (world.primary().name !== 'ACCOUNT1') {
      return { world, verdict: { ok: false, message: `after failing back, the primary is ${world.primary().name}, not ACCOUNT1`, details: [] } };
    }
    const unauthorized = world.exchanges.filter((x) => x.status === 401);
    if (unauthorized.length > 0 && !world.plan.steps.some((s) => s.kind === 'advance' && s.by === '200 days')) {
      return {
        world,
        verdict: { ok: false, message: 'the SCIM token stopped working after failover (401) although it had not expired', details: unauthorized.slice(0, 3).map((x) => `${x.method} ${x.url} → 401`) },
      };
    }
    return { world, verdict: convergenceVerdict(world) };
  });
}
