/**
 * The ready-made properties against snowglobe itself, with the built-in IdP models. Run counts
 * are sized for CI (2 cores, the whole repository's suite well under 10 minutes): this file takes
 * ~30 s there. Raise them locally with SNOWGLOBE_RUNS=500 (applies to every property).
 */
import { describe, expect, test } from 'vitest';
import { convergence } from './properties/convergence.ts';
import { failoverRoundTrip } from './properties/failover-round-trip.ts';
import { noSilentLoss } from './properties/no-silent-loss.ts';
import { replayDeterminism } from './properties/replay-determinism.ts';
import { incrementalEqualsReconcile } from './properties/incremental-reconcile.ts';
import { scimRobustness } from './properties/scim-robustness.ts';
import { checkInVitest } from './vitest.ts';

/** Runs per property in CI (documented in docs/testing.md). */
export const RUNS = {
  convergence: 40,
  failoverRoundTrip: 25,
  noSilentLoss: 40,
  replayDeterminism: 15,
  incrementalEqualsReconcile: 25,
  scimRobustness: 40,
} as const;

const T = 120_000;

describe('ready-made properties hold for snowglobe and the built-in IdP models', () => {
  for (const idp of ['okta', 'entra', 'generic'] as const) {
    test(`convergence (${idp}, 2-3 accounts)`, () => checkInVitest(expect, convergence({ idp, accounts: [2, 3] }), { numRuns: RUNS.convergence }), T);
  }
  test('convergence with planned failovers (okta)', () => checkInVitest(expect, convergence({ idp: 'okta', failover: 'planned', accounts: [2, 3] }), { numRuns: RUNS.convergence }), T);
  for (const idp of ['okta', 'entra'] as const) {
    test(`failover round trip (${idp})`, () => checkInVitest(expect, failoverRoundTrip({ idp, accounts: [2, 3] }), { numRuns: RUNS.failoverRoundTrip }), T);
  }
  test('no silent loss (unplanned failovers, okta and generic)', async () => {
    await checkInVitest(expect, noSilentLoss({ idp: 'okta', accounts: [2, 3] }), { numRuns: RUNS.noSilentLoss });
    await checkInVitest(expect, noSilentLoss({ idp: 'generic', accounts: [2, 3] }), { numRuns: RUNS.noSilentLoss / 2 });
  }, T);
  test('replay determinism', () => checkInVitest(expect, replayDeterminism({ idp: 'entra', accounts: [2, 3] }), { numRuns: RUNS.replayDeterminism }), T);
  test('incremental refresh == reconcile', () => checkInVitest(expect, incrementalEqualsReconcile({ idp: 'okta', accounts: [2, 3] }), { numRuns: RUNS.incrementalEqualsReconcile }), T);
  test('SCIM robustness (valid and malformed requests)', () => checkInVitest(expect, scimRobustness({}), { numRuns: RUNS.scimRobustness }), T);
});
