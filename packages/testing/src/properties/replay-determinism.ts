/**
 * Replay determinism (DESIGN "Organization, clock, ids"): the same plan run twice gives
 * byte-identical logs in every account, and its scenario document — through JSON and back —
 * re-runs to the same logs again, and its logs restore to the same state.
 */
import { createOrganization, exportLog } from '@snowglobe/core';
import { planArb } from '../arbitraries/scenario.ts';
import { exportLogs, replayDocument, statesOf, worldDocument } from '../replay.ts';
import { isScenarioFormatError } from '../scenario-format.ts';
import { makeProperty, PASS, worldOptions, type PropertyOptions, type SnowglobeProperty, type Verdict } from './common.ts';

/** `replayDeterminism(options)`: unplanned failovers included by default (the richest logs). */
export function replayDeterminism(options: PropertyOptions = {}): SnowglobeProperty {
  const o: PropertyOptions = { ...options, failover: options.failover ?? 'unplanned' };
  return makeProperty('replay determinism', o, planArb(o), async (plan, start) => {
    const first = await start(plan);
    await first.runAll();
    await first.settle();
    const second = await start(plan);
    await second.runAll();
    await second.settle();
    const a = exportLogs(first.org);
    const b = exportLogs(second.org);
    const details: string[] = [];
    for (const name of Object.keys(a)) {
      if (a[name] !== b[name]) details.push(`${name}: the second run's log differs from the first's (${firstDifference(a[name] ?? '', b[name] ?? '')})`);
    }
    const doc = JSON.parse(JSON.stringify(worldDocument(first))) as unknown;
    const replayed = await replayDocument(doc, worldOptions(o));
    if (isScenarioFormatError(replayed)) details.push(`the document does not re-run: ${replayed.message}`);
    else for (const m of replayed.mismatches) details.push(`re-running the document: ${m.account} differs at seq ${m.seq ?? '?'} (${m.detail})`);
    // Restoring the logs (what `snowglobe replay` does) gives the live states back.
    const restored = createOrganization({ name: first.org.name, seed: first.org.seed, now: first.org.now });
    for (const acct of first.org.accounts) restored.restoreAccount(acct.info, [...acct.log]);
    if (statesOf(restored) !== statesOf(first.org)) details.push('the logs restore to a different state than the live one');
    for (const acct of restored.accounts) {
      if (exportLog(acct) !== a[acct.name]) details.push(`${acct.name}: the restored log exports differently`);
    }
    const verdict: Verdict = details.length === 0 ? PASS : { ok: false, message: 'the same plan did not give the same logs', details };
    return { world: first, verdict };
  });
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ${(la[i] ?? '').slice(0, 120)} vs ${(lb[i] ?? '').slice(0, 120)}`;
  }
  return 'no line differs';
}
