import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportLog, stateToJSON } from '@snowglobe/core';
import { createSession } from '@snowglobe/sql';
import { createDefaultOrganization } from './default-org.ts';
import { openDurableOrganization } from './persistence/durable-org.ts';
import { bootstrapDefaultOrganization } from './default-org.ts';
import { divergence, formatSummary, isReplayError, loadReplayInput, organizationOf, summarize } from './replay.ts';
import { scenarioFromOrganization } from './scenario.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowglobe-replay-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The default organization after the documented failover-group setup and one refresh. */
function replicated() {
  const org = createDefaultOrganization();
  const session = createSession(org, { account: 'ACCOUNT1', user: 'ADMIN', role: 'ACCOUNTADMIN' });
  const results = session.execute(`
    CREATE ROLE ANALYST;
    CREATE USER ALICE;
    CREATE FAILOVER GROUP FG OBJECT_TYPES = USERS, ROLES ALLOWED_ACCOUNTS = MYORG.ACCOUNT2;
    USE ACCOUNT ACCOUNT2;
    CREATE FAILOVER GROUP FG AS REPLICA OF MYORG.ACCOUNT1.FG;
    USE ACCOUNT ACCOUNT1;
    CREATE USER BOB;
  `);
  for (const r of results) if ('code' in r.result) throw new Error(`${r.statement}: ${r.result.message}`);
  return org;
}

describe('replay', () => {
  it('rebuilds an organization from exported logs and summarises it', async () => {
    const org = replicated();
    const files = [];
    for (const a of org.accounts) {
      const file = join(dir, `${a.name}.jsonl`);
      await writeFile(file, exportLog(a));
      files.push(file);
    }
    const input = await loadReplayInput(files);
    if (isReplayError(input)) throw new Error(input.message);
    const rebuilt = organizationOf(input);
    for (const a of org.accounts) expect(stateToJSON(rebuilt.requireAccount(a.name).state)).toEqual(stateToJSON(a.state));
    const summary = summarize(rebuilt);
    expect(summary.accounts.map((a) => [a.name, a.users, a.customRoles, a.failoverGroups, a.lastSeq])).toEqual(
      org.accounts.map((a) => [a.name, a.state.users.size, 1, 1, a.seq]),
    );
    // BOB was created after the initial refresh: the secondary lags behind.
    expect(summary.divergence).toHaveLength(1);
    expect(summary.divergence[0]).toMatchObject({ group: 'FG', primary: 'ACCOUNT1', secondary: 'ACCOUNT2' });
    expect(summary.divergence[0]?.differences).toContainEqual(expect.objectContaining({ kind: 'users', onlyInPrimary: ['BOB'], onlyInSecondary: [] }));
    const text = formatSummary(summary);
    expect(text).toMatch(/ACCOUNT1\s+AWS_US_WEST_2\s+BUSINESS_CRITICAL/);
    expect(text).toMatch(/group FG: secondary ACCOUNT2 vs primary ACCOUNT1/);
    expect(text).toMatch(/only in ACCOUNT1: BOB/);
  });

  it('reports no divergence after a refresh', () => {
    const org = replicated();
    const session = createSession(org, { account: 'ACCOUNT2', user: 'ADMIN', role: 'ACCOUNTADMIN' });
    const [r] = session.execute('ALTER FAILOVER GROUP FG REFRESH');
    expect(r && 'columns' in r.result).toBe(true);
    expect(divergence(org)).toEqual([]);
    expect(formatSummary(summarize(org))).toMatch(/Divergence: none/);
  });

  it('reads a scenario file and counts its steps', async () => {
    const org = replicated();
    const file = join(dir, 'counterexample.json');
    await writeFile(file, JSON.stringify(scenarioFromOrganization(org, { steps: [{ kind: 'sql', account: 'ACCOUNT1', statement: 'x' }, { kind: 'refresh', account: 'ACCOUNT2', group: 'FG' }, { kind: 'sql', account: 'ACCOUNT1', statement: 'y' }] })));
    const input = await loadReplayInput([file]);
    if (isReplayError(input)) throw new Error(input.message);
    expect(input.kind).toBe('scenario');
    const summary = summarize(organizationOf(input), input.kind === 'scenario' ? input.scenario : undefined);
    expect(summary.steps).toEqual({ sql: 2, refresh: 1 });
  });

  it('reads a --data directory, in its account order', async () => {
    const d = await openDurableOrganization({ dir, orgName: 'MYORG', seed: 1, create: bootstrapDefaultOrganization });
    await d.close();
    const input = await loadReplayInput([dir]);
    if (isReplayError(input)) throw new Error(input.message);
    expect(organizationOf(input).accounts.map((a) => a.name)).toEqual(['ACCOUNT1', 'ACCOUNT2']);
  });

  it('ignores a torn last line with a warning, and refuses damage elsewhere', async () => {
    const org = createDefaultOrganization();
    const account = org.requireAccount('ACCOUNT1');
    const torn = join(dir, 'torn.jsonl');
    await writeFile(torn, `${exportLog(account)}{"seq":4,"at":0,"ev`);
    const warnings: string[] = [];
    const input = await loadReplayInput([torn], { onWarning: (w) => warnings.push(w) });
    if (isReplayError(input)) throw new Error(input.message);
    expect(warnings[0]).toMatch(/torn last line \(line 5/);
    expect(organizationOf(input).requireAccount('ACCOUNT1').seq).toBe(3);

    const damaged = join(dir, 'damaged.jsonl');
    const lines = exportLog(account).split('\n');
    lines[2] = '{broken';
    await writeFile(damaged, lines.join('\n'));
    const bad = await loadReplayInput([damaged]);
    expect(isReplayError(bad) && bad.message).toMatch(/line 3 is not JSON/);

    expect(isReplayError(await loadReplayInput([join(dir, 'missing.jsonl')]))).toBe(true);
    const twice = join(dir, 'twice.jsonl');
    await writeFile(twice, exportLog(account));
    expect(await loadReplayInput([twice, twice])).toMatchObject({ type: 'ReplayError', message: expect.stringMatching(/already read/) });
  });
});
