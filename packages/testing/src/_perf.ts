import { setAutoFreeze } from '../../core/node_modules/immer/dist/immer.mjs'; if (process.env.NOFREEZE) setAutoFreeze(false);
import fc from 'fast-check';
import { planArb } from './arbitraries/scenario.ts';
import { World } from './world.ts';
import { convergenceVerdict } from './properties/common.ts';
const idp = (process.argv[2] ?? 'okta') as 'okta';
const arb = planArb({ idp, accounts: 2, steps: { min: 24, max: 28 } }).filter((p) => p.steps.length >= 20).map((p) => ({ ...p, steps: p.steps.slice(0, 20) }));
const plans = fc.sample(arb, { numRuns: Number(process.argv[3] ?? 100), seed: 5 });
for (let k = 0; k < 2; k++) {
  const t0 = performance.now();
  for (const p of plans) { const w = await World.start(p); await w.runAll(); await w.settle(); convergenceVerdict(w); }
  console.log(((performance.now() - t0) / plans.length).toFixed(2), 'ms/run');
}
