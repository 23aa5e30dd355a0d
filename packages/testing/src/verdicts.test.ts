/**
 * The checks bite: each verdict fails when the thing it guards is broken on purpose (a write
 * appended to a secondary behind replication's back, a lost-writes report that lies).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { USER_DEFAULTS } from '@snowglobe/core';
import { buildDirectory } from './arbitraries/directory.ts';
import { planArb } from './arbitraries/scenario.ts';
import { convergenceVerdict, makeProperty } from './properties/common.ts';
import { incrementalVerdict } from './properties/incremental-reconcile.ts';
import { lossVerdict } from './properties/no-silent-loss.ts';
import { firstDivergence } from './divergence.ts';
import { checkProperty } from './run.ts';
import type { Plan } from './plan.ts';
import { World } from './world.ts';

const plan: Plan = {
  config: { accounts: 2, idp: 'okta', objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'], schedule: null, seed: 1 },
  initial: buildDirectory([{ userName: 'ann@example.com', givenName: 'Ann', familyName: 'Lee', displayName: 'Ann Lee', email: 'ann@example.com', active: true }], []),
  steps: [{ kind: 'refresh', account: 'ACCOUNT2' }],
};

async function settled(): Promise<World> {
  const w = await World.start(plan);
  await w.runAll();
  await w.settle();
  return w;
}

describe('verdicts catch what they guard', () => {
  test('convergence: a secondary that differs is reported with the object and the first divergence', async () => {
    const w = await settled();
    expect(convergenceVerdict(w)).toEqual({ ok: true });
    expect(incrementalVerdict(w)).toEqual({ ok: true });
    const s = w.org.account('ACCOUNT2')!;
    const at = w.org.now;
    // A write replication never made: the secondary now holds a user the primary does not.
    w.org.appendEvents(s, [{ type: 'UserCreated', user: { ...USER_DEFAULTS, id: 'ghost-id', name: 'GHOST', loginName: 'GHOST', owner: 'ACCOUNTADMIN', createdOn: at, updatedOn: at } }]);
    const v = convergenceVerdict(w);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toBe('after REFRESH a secondary does not equal the primary');
    expect(v.details).toEqual(['ACCOUNT2 differs from ACCOUNT1 in users: GHOST']);
    expect(firstDivergence(w, v)).toMatch(/^ACCOUNT2 wrote locally: ACCOUNT2 seq \d+ \(.*\) UserCreated "GHOST" \(id ghost-id\)$/);
    expect(incrementalVerdict(w).ok).toBe(false);
  });

  test('no silent loss: with a lost-writes report that lists nothing, unplanned failovers are caught', async () => {
    const lying = makeProperty('no silent loss (lying report)', {}, planArb({ failover: 'unplanned', steps: { min: 4, max: 14 } }), async (p, start) => {
      const world = await start(p, { trackAcks: true });
      await world.runAll();
      await world.settle({ sync: false, refresh: false });
      return { world, verdict: lossVerdict(world, () => []) };
    });
    const r = await checkProperty(lying, { numRuns: 200, seed: 3, env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.report.message).toMatch(/acknowledged write\(s\) vanished without being reported by lostWrites$/);
    expect(r.report.details[0]).toMatch(/was acknowledged and is not in lostWrites, but ACCOUNT\d \(primary\) (does not have it|still has it|holds a different version)$/);
    const steps = (r.report.artefact.meta?.plan as Plan).steps.map((s) => s.kind);
    expect(steps).toContain('promote');
  });

  test('the honest report passes on the same seed', async () => {
    const honest = makeProperty('no silent loss', {}, planArb({ failover: 'unplanned', steps: { min: 4, max: 14 } }), async (p, start) => {
      const world = await start(p, { trackAcks: true });
      await world.runAll();
      await world.settle({ sync: false, refresh: false });
      return { world, verdict: lossVerdict(world) };
    });
    expect((await checkProperty(honest, { numRuns: 40, seed: 3, env: {} })).ok).toBe(true);
    expect(fc.sample(planArb({ failover: 'unplanned' }), 1)).toHaveLength(1);
  });
});
