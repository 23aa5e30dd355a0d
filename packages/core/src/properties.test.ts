import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createOrganization, type Organization } from './organization.ts';
import { foldLog } from './evolve/index.ts';
import { stateToJSON } from './state-json.ts';
import { exportLog, importLog } from './log-io.ts';
import { stepsArb } from './test-support/arbitraries.ts';
import type { Command } from './commands.ts';
import type { Actor } from './decide/context.ts';

function run(seed: number, steps: readonly (readonly [Command, Actor, number])[]): Organization {
  const org = createOrganization({ seed, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
  for (const [command, actor, wait] of steps) {
    org.advance(wait);
    org.execute('ACCOUNT1', command, actor);
  }
  return org;
}

describe('core properties', () => {
  test.prop([fc.integer(), stepsArb], { numRuns: 150 })('(a) the live state equals the fold of the log', (seed, steps) => {
    const account = run(seed, steps).account('ACCOUNT1')!;
    expect(JSON.stringify(stateToJSON(account.state))).toBe(JSON.stringify(stateToJSON(foldLog(account.log))));
  });

  test.prop([fc.integer(), stepsArb], { numRuns: 75 })('(b) the same seed and commands give byte-identical JSONL', (seed, steps) => {
    expect(exportLog(run(seed, steps).account('ACCOUNT1')!)).toBe(exportLog(run(seed, steps).account('ACCOUNT1')!));
  });

  test.prop([fc.integer(), stepsArb], { numRuns: 75 })('(c) export -> import -> export is identical, and so is the state', (seed, steps) => {
    const account = run(seed, steps).account('ACCOUNT1')!;
    const text = exportLog(account);
    const imported = importLog(createOrganization({ name: 'OTHER' }), text);
    expect(exportLog(imported)).toBe(text);
    expect(JSON.stringify(stateToJSON(imported.state))).toBe(JSON.stringify(stateToJSON(account.state)));
  });

  test.prop([fc.integer(), stepsArb, fc.array(fc.nat(), { maxLength: 10 })], { numRuns: 100 })(
    '(d) evolve never throws on a log decide produced, even re-folded from any prefix or with entries repeated',
    (seed, steps, picks) => {
      const log = run(seed, steps).account('ACCOUNT1')!.log;
      for (let cut = 0; cut <= log.length; cut += Math.max(1, Math.floor(log.length / 5))) expect(() => foldLog(log.slice(0, cut))).not.toThrow();
      const repeated = [...log, ...picks.map((p) => log[p % Math.max(1, log.length)]!).filter(Boolean)];
      expect(() => foldLog(repeated)).not.toThrow();
    },
  );

  test.prop([fc.integer(), stepsArb], { numRuns: 100 })('(e) a published state and the log never change after later writes', (seed, steps) => {
    const org = createOrganization({ seed, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
    const account = org.account('ACCOUNT1')!;
    const published: { state: typeof account.state; json: string }[] = [];
    const logText = () => JSON.stringify(account.log);
    for (const [command, actor, wait] of steps) {
      org.advance(wait);
      published.push({ state: account.state, json: JSON.stringify(stateToJSON(account.state)) });
      org.execute('ACCOUNT1', command, actor);
    }
    const before = logText();
    // Re-fold and apply once more on top: nothing already published may move.
    foldLog(account.log);
    for (const p of published) expect(JSON.stringify(stateToJSON(p.state))).toBe(p.json);
    expect(logText()).toBe(before);
    // Every log entry was already in the log when it was appended: the log text is a prefix chain.
    const replayed = JSON.stringify(run(seed, steps).account('ACCOUNT1')!.log);
    expect(replayed).toBe(before);
  });
});

