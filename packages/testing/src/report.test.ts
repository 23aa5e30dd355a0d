import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createOrganization, exportLog } from '@snowglobe/core';
import { convergence } from './properties/convergence.ts';
import { checkProperty, assertProperty, SnowglobePropertyError } from './run.ts';
import { memoryFailureStore } from './store.ts';
import { createFileFailureStore } from './artefacts.ts';
import { readScenarioDocument, SCENARIO_FORMAT } from './scenario-format.ts';
import type { FailureReport } from './report.ts';
import { PACKAGE_VERSION, replayDocument } from './replay.ts';
import { forgetsRenames, staleEmail } from './test-support/broken.ts';

const hint = { file: 'packages/testing/src/report.test.ts', testName: 'broken connector' };
/** Small scenarios: the bug needs one user and one rename, and shrinking is quicker from few steps. */
const small = { steps: { max: 5 }, directory: { maxUsers: 3, maxGroups: 1 } } as const;
const brokenRenames = () => convergence({ idp: 'generic', connector: forgetsRenames, ...small });

test('the version in rerun lines is the package version', async () => {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  expect([pkg.name, pkg.version]).toEqual(['@snowglobe/testing', PACKAGE_VERSION]);
});

describe('a deliberately broken connector is caught with a readable, shrunk counterexample', () => {
  const store = memoryFailureStore();
  let first: FailureReport;
  beforeAll(async () => {
    const r = await checkProperty(brokenRenames(), { numRuns: 150, seed: 11, store, hint, env: {} });
    if (r.ok) throw new Error('the broken connector passed');
    first = r.report;
  }, 120_000);

  test('a connector that never sends renames', async () => {
    const report = first;
    const lines = report.text.split('\n');
    // ONE line to rerun it: seed, path and package version.
    const rerun = lines.filter((l) => l.startsWith('Rerun: '));
    expect(rerun).toHaveLength(1);
    expect(rerun[0]).toMatch(/^Rerun: SNOWGLOBE_SEED=11 SNOWGLOBE_PATH=[\d:]+ npx vitest run packages\/testing\/src\/report\.test\.ts -t "broken connector" {2}# @snowglobe\/testing@0\.1\.0$/);
    expect(report.rerun).toContain(`@snowglobe/testing@${PACKAGE_VERSION}`);
    // Shrunk to the essence: one user, one step (the rename), nothing else.
    const plan = report.artefact.meta?.plan as { steps: { kind: string; changes?: { kind: string }[] }[]; initial: { users: unknown[]; groups: unknown[] } };
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]?.changes?.map((c) => c.kind)).toEqual(['renameUser']);
    expect(plan.initial.users).toHaveLength(1);
    expect(plan.initial.groups).toHaveLength(0);
    // The steps read as SQL and HTTP with the ids resolved at run time.
    const steps = report.steps.join('\n');
    expect(steps).toMatch(/setup \(ACCOUNT1, ACCOUNT2\): 11 SQL statements/);
    expect(steps).toMatch(/POST \/scim\/v2\/Users \{.*"userName":"[^"]+".*\} {2}→ {2}201 id=[\w-]{21}/);
    expect(steps).toMatch(/#0 IdP sync: renameUser u1 -> "[^"]+"/);
    expect(steps).toContain('(the connector sent no request)');
    expect(steps).toMatch(/ACCOUNT2> ALTER FAILOVER GROUP FG REFRESH {2}→ {2}Statement executed successfully\./);
    // What failed, and where the account and the directory diverge.
    expect(report.message).toMatch(/^ACCOUNT1 \(primary\) does not hold what the directory implies \(2 differences\)$/);
    expect(report.details.some((d) => / missing$/.test(d))).toBe(true);
    expect(report.details.some((d) => /present but not expected$/.test(d))).toBe(true);
    expect(report.divergence).toMatch(/^user "[^"]+" is missing on ACCOUNT1 and no sync reported an error: the connector never sent it$/);
    expect(report.text).toContain(`First divergence: ${report.divergence}`);
    // Saved, and tried first next time (same key): the same counterexample comes back at once.
    expect(store.entries.size).toBe(1);
    const again = await checkProperty(brokenRenames(), { numRuns: 150, store, env: {} });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.report.seed).toBe(11);
  });

  test('a connector that sends a stale email: the divergence names the write that left it wrong', async () => {
    const r = await checkProperty(convergence({ idp: 'okta', connector: staleEmail, changes: { kinds: ['createUser', 'updateUser'] }, changesPerSync: { max: 2 }, steps: { max: 3 }, directory: { maxUsers: 2, maxGroups: 0 } }), { numRuns: 150, seed: 5, env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.report.message).toMatch(/does not hold what the directory implies \(1 difference\)/);
    expect(r.report.details[0]).toMatch(/^user "[^"]+": email expected "[^"]+" but was "[^"]+"$/);
    expect(r.report.divergence).toMatch(
      /^ACCOUNT1 diverges from the directory \(user "[^"]+" email\) at its last write of it: ACCOUNT1 seq \d+ \(.*\) User(Altered set|Created with) email = "[^"]+" — written by (PUT|POST) \/scim\/v2\/Users\S* → 20[01]$/,
    );
    expect(r.report.steps.join('\n')).toMatch(/GET \/scim\/v2\/Users\/[\w-]+ {2}→ {2}200/);
  });

  test('assertProperty throws the report; the file store writes a snowglobe-scenario artefact that replays', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sg-failures-'));
    try {
      const store = createFileFailureStore(dir);
      const err = await assertProperty(brokenRenames(), { seed: first.seed, path: first.path, store, hint, env: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SnowglobePropertyError);
      const report = (err as SnowglobePropertyError).report;
      expect((err as Error).message).toContain(report.rerun);
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(report.artefactLocation).toContain(files[0]);
      expect(report.text).toMatch(/Artefact: .*\.json — `npx snowglobe replay .*\.json` rebuilds every account from it/);
      const doc = readScenarioDocument(JSON.parse(await readFile(join(dir, files[0]!), 'utf8')) as unknown);
      if ('type' in doc) throw new Error(doc.message);
      expect(doc.format).toBe(SCENARIO_FORMAT);
      expect(doc.accounts.map((a) => a.info.name)).toEqual(['ACCOUNT1', 'ACCOUNT2']);
      expect(doc.steps?.some((s) => s.kind === 'scim')).toBe(true);
      expect(doc.steps?.some((s) => s.kind === 'refresh')).toBe(true);
      expect((doc.meta?.diff as { identity: unknown[] }).identity).toHaveLength(2);
      // The logs restore outside the test runner exactly (what `snowglobe replay` does).
      const org = createOrganization({ name: doc.org ?? 'MYORG', seed: doc.seed });
      for (const a of doc.accounts) org.restoreAccount(a.info, [...a.log]);
      expect(org.accounts.map((a) => exportLog(a).split('\n').length)).toEqual(doc.accounts.map((a) => a.log.length + 2));
      // And the plan re-runs to the same logs with the same connector.
      const replayed = await replayDocument(doc, { connector: forgetsRenames });
      expect('mismatches' in replayed && replayed.mismatches).toEqual([]);
      // Listed for the next run under its key; removed once fixed.
      expect((await store.list('convergence')).map((f) => f.seed)).toEqual([first.seed]);
      const fixedRun = await checkProperty(convergence({ idp: 'generic', ...small }), { numRuns: 5, store, env: {} });
      expect(fixedRun.ok && fixedRun.fixed).toEqual(files);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a saved failure whose path no longer fits the property is dropped, not fatal', async () => {
    const stale = memoryFailureStore();
    await stale.save({ key: 'convergence', seed: 1, path: '0:9999' }, first.artefact);
    const r = await checkProperty(convergence({ idp: 'generic', ...small }), { numRuns: 3, store: stale, env: {} });
    expect(r.ok && r.fixed).toEqual(['memory-1']);
    expect(stale.entries.size).toBe(0);
  });

  test('SNOWGLOBE_SEED / SNOWGLOBE_PATH from the rerun line replay exactly the counterexample', async () => {
    const again = await checkProperty(brokenRenames(), { env: { SNOWGLOBE_SEED: String(first.seed), SNOWGLOBE_PATH: first.path } });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.report.artefact.meta?.plan).toEqual(first.artefact.meta?.plan);
  });
});
