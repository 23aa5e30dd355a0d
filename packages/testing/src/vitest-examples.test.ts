/**
 * Using the harness with @fast-check/vitest directly: arbitraries in `test.prop`, a World per
 * value, the matchers for the assertions. (The ready-made properties are fast-check properties
 * too: `fc.assert(convergence())` works anywhere.)
 */
import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { directoryArb } from './arbitraries/directory.ts';
import { changesArb } from './arbitraries/changes.ts';
import { planArb } from './arbitraries/scenario.ts';
import { changesFromEmpty, applyChanges, EMPTY_DIRECTORY } from './directory.ts';
import { snowglobeMatchers } from './matchers.ts';
import { convergence } from './properties/convergence.ts';
import { World } from './world.ts';

expect.extend(snowglobeMatchers);

test.prop([planArb({ idp: 'generic', steps: { max: 6 } })], { numRuns: 15 })('any plan: after settle, every secondary converges and the primary matches the directory', async (plan) => {
  const world = await World.start(plan);
  await world.runAll();
  await world.settle();
  expect(world).toConvergeWith();
  expect(world).toMatchDirectory();
});

test.prop([directoryArb({ maxUsers: 4 }).chain((d) => fc.tuple(fc.constant(d), changesArb(d, { maxLength: 6 })))], { numRuns: 10 })(
  'a directory and a change sequence, synced by Okta',
  async ([initial, changes]) => {
    const world = await World.start({ config: { accounts: 2, idp: 'okta', objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'], schedule: null, seed: 1 }, initial, steps: [{ kind: 'sync', changes }] });
    await world.runAll();
    expect(world.pending).toEqual([]);
    expect(world.primary()).toMatchDirectory(applyChanges(initial, changes).directory, { userDeletion: 'deactivate' });
  },
);

test.prop([directoryArb()], { numRuns: 50 })('pure arbitraries need no World', (d) => {
  expect(applyChanges(EMPTY_DIRECTORY, changesFromEmpty(d)).directory.users).toEqual(d.users);
});

test('a ready-made property under fc.assert', async () => {
  await fc.assert(convergence({ idp: 'entra', steps: { max: 5 } }), { numRuns: 10 });
});
