/**
 * Convergence (DESIGN "Replication" invariant 1, plus the IdP's view): after the IdP syncs and
 * every secondary REFRESHes, each secondary's replicated view equals the primary's, and the
 * primary holds exactly the Snowflake mapping of the IdP's directory (spec §2.1).
 */
import { planArb } from '../arbitraries/scenario.ts';
import { convergenceVerdict, makeProperty, type PropertyOptions, type SnowglobeProperty } from './common.ts';

/**
 * `convergence(options)`: random directories, change sequences and interleavings of syncs,
 * refreshes, outages, clock advances, token expiry and regeneration and administrator SQL
 * (failover `none` by default, or `planned`); then everything recovers, the IdP retries what is
 * pending, every secondary refreshes, and the property checks the result.
 */
export function convergence(options: PropertyOptions = {}): SnowglobeProperty {
  const o: PropertyOptions = { ...options, failover: options.failover === 'planned' ? 'planned' : 'none' };
  return makeProperty('convergence', o, planArb(o), async (plan, start) => {
    const world = await start(plan);
    await world.runAll();
    await world.settle();
    return { world, verdict: convergenceVerdict(world) };
  });
}
