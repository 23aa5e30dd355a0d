import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganization, exportLog, importLog, isSnowflakeError, shValues, stateToJSON } from '@snowglobe/core';
import type { Organization } from '@snowglobe/core';
import { bootstrapDefaultOrganization, createDefaultOrganization } from '../default-org.ts';
import { openDurableOrganization, restartSeed } from './durable-org.ts';
import type { DurableOrganization, DurableOrganizationOptions } from './durable-org.ts';

let dir: string;
let warnings: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowglobe-durable-'));
  warnings = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (extra: Partial<DurableOrganizationOptions> = {}): DurableOrganizationOptions => ({
  dir,
  orgName: 'MYORG',
  seed: 1,
  create: bootstrapDefaultOrganization,
  onWarning: (m) => warnings.push(m),
  ...extra,
});

function createUser(org: Organization, account: string, name: string): string {
  const r = org.execute(account, { type: 'CreateUser', name, props: {} }, { role: 'ACCOUNTADMIN' });
  if (isSnowflakeError(r) || r.decision.output.kind !== 'created') throw new Error(`cannot create ${name}`);
  return r.decision.output.id;
}

const states = (org: Organization) => org.accounts.map((a) => [a.name, a.info, a.seq, JSON.stringify(stateToJSON(a.state))]);

async function reopen(d: DurableOrganization, extra: Partial<DurableOrganizationOptions> = {}): Promise<DurableOrganization> {
  await d.close();
  return openDurableOrganization(options(extra));
}

describe('openDurableOrganization', () => {
  it('creates the default organization on disk, each file a valid exported log', async () => {
    const d = await openDurableOrganization(options());
    expect(d.restored).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['ACCOUNT1.jsonl', 'ACCOUNT2.jsonl', 'snowglobe.json']);
    // Byte for byte what exportLog writes, so importLog and `snowglobe replay` read it.
    for (const account of d.org.accounts) {
      expect(await readFile(join(dir, `${account.name}.jsonl`), 'utf8')).toBe(exportLog(account));
    }
    const other = createOrganization();
    const imported = importLog(other, await readFile(join(dir, 'ACCOUNT2.jsonl'), 'utf8'));
    expect(stateToJSON(imported.state)).toEqual(stateToJSON(d.org.requireAccount('ACCOUNT2').state));
    // Same as the in-memory default organization.
    expect(states(d.org)).toEqual(states(createDefaultOrganization()));
    expect(JSON.parse(await readFile(join(dir, 'snowglobe.json'), 'utf8'))).toEqual({ format: 'snowglobe-data', version: 1, org: 'MYORG', seed: 1, accounts: ['ACCOUNT1', 'ACCOUNT2'] });
    await d.close();
  });

  it('replays the logs on restart and never reissues an id', async () => {
    let d = await openDurableOrganization(options());
    const before = [createUser(d.org, 'ACCOUNT1', 'ALICE'), createUser(d.org, 'ACCOUNT2', 'BOB')];
    await d.barrier.wait();
    const snapshot = states(d.org);
    d = await reopen(d);
    expect(d.restored).toBe(true);
    expect(d.replayedEntries).toBe(d.org.accounts.reduce((n, a) => n + a.log.length, 0));
    expect(states(d.org)).toEqual(snapshot);
    expect(d.org.seed).toBe(restartSeed(1, d.replayedEntries));
    const allIds = new Set(d.org.accounts.flatMap((a) => [...shValues(a.state.users)].map((u) => u.id)));
    for (const id of before) expect(allIds.has(id)).toBe(true);
    const after = createUser(d.org, 'ACCOUNT1', 'CAROL');
    expect(allIds.has(after)).toBe(false);
    await d.barrier.wait();
    d = await reopen(d);
    expect([...shValues(d.org.requireAccount('ACCOUNT1').state.users)].map((u) => u.name).sort()).toEqual(['ADMIN', 'ALICE', 'CAROL']);
    await d.close();
  });

  it('cuts a torn last line, reports it, and keeps appending after it', async () => {
    let d = await openDurableOrganization(options());
    createUser(d.org, 'ACCOUNT1', 'ALICE');
    await d.barrier.wait();
    const snapshot = states(d.org);
    await d.close();
    await appendFile(join(dir, 'ACCOUNT1.jsonl'), '{"seq":5,"at":1767225600000,"event":{"type":"UserCre');
    d = await openDurableOrganization(options());
    expect(d.tornTails).toHaveLength(1);
    expect(d.tornTails[0]).toMatchObject({ account: 'ACCOUNT1', line: 6 });
    expect(warnings.join('\n')).toMatch(/ACCOUNT1\.jsonl: cut a torn last line \(line 6/);
    expect(states(d.org)).toEqual(snapshot);
    createUser(d.org, 'ACCOUNT1', 'BOB');
    await d.barrier.wait();
    d = await reopen(d);
    expect(d.tornTails).toHaveLength(0);
    expect(d.org.requireAccount('ACCOUNT1').seq).toBe(5);
    expect([...shValues(d.org.requireAccount('ACCOUNT1').state.users)].map((u) => u.name).sort()).toEqual(['ADMIN', 'ALICE', 'BOB']);
    await d.close();
  });

  it('keeps the simulated clock across a restart, even when nothing was appended', async () => {
    let d = await openDurableOrganization(options());
    d.org.advance('3 days');
    const now = d.org.now;
    await d.barrier.wait();
    d = await reopen(d);
    expect(d.org.now).toBe(now);
    await d.close();
  });

  it('discards an interrupted creation (logs without a marker) and starts over', async () => {
    await writeFile(join(dir, 'ACCOUNT1.jsonl'), '{"format":"snowglobe-log","version":1,"account":"ACCOUNT1"}\n');
    const d = await openDurableOrganization(options());
    expect(d.restored).toBe(false);
    expect(warnings.join('\n')).toMatch(/never finished/);
    expect(states(d.org)).toEqual(states(createDefaultOrganization()));
    await d.close();
  });

  it('leaves no marker when creation fails, so the next start creates again', async () => {
    await expect(
      openDurableOrganization(
        options({
          create: (org) => {
            bootstrapDefaultOrganization(org);
            throw new Error('init failed');
          },
        }),
      ),
    ).rejects.toThrow('init failed');
    expect(await readdir(dir)).not.toContain('snowglobe.json');
    const d = await openDurableOrganization(options());
    expect(d.restored).toBe(false);
    await d.close();
  });

  it('uses the seed the directory was created with', async () => {
    let d = await openDurableOrganization(options({ seed: 7 }));
    d = await reopen(d, { seed: 8 });
    expect(warnings.join('\n')).toMatch(/created with seed 7/);
    expect(d.org.seed).toBe(restartSeed(7, d.replayedEntries));
    await d.close();
  });

  it('reset wipes the directory and creates the organization again', async () => {
    let d = await openDurableOrganization(options());
    createUser(d.org, 'ACCOUNT1', 'ALICE');
    d.org.advance('1 day');
    await d.barrier.wait();
    d = await d.reset();
    expect(d.restored).toBe(false);
    expect(states(d.org)).toEqual(states(createDefaultOrganization()));
    d = await reopen(d);
    expect(states(d.org).map((s) => s.slice(0, 3))).toEqual(states(createDefaultOrganization()).map((s) => s.slice(0, 3)));
    await d.close();
  });
});

describe('restartSeed', () => {
  it('keeps the seed for an empty log and mixes in the length otherwise', () => {
    expect(restartSeed(1, 0)).toBe(1);
    expect(restartSeed(1, 10)).not.toBe(restartSeed(1, 11));
    expect(restartSeed(1, 10)).not.toBe(restartSeed(2, 10));
    expect(restartSeed(1, 10)).toBe(restartSeed(1, 10));
  });
});
