import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportLog } from '@snowglobe/core';
import { createDefaultOrganization } from '../default-org.ts';
import { main } from './main.ts';
import type { RunningServer } from '../server/server.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowglobe-cli-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io(extra: { stop?: Promise<unknown>; onServing?: (s: RunningServer) => void } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s), isTTY: false }, ...extra } };
}

async function script(text: string): Promise<string> {
  const file = join(dir, 'runbook.sql');
  await writeFile(file, text);
  return file;
}

describe('snowglobe run', () => {
  it('runs a runbook across accounts and prints one JSON object per statement', async () => {
    const file = await script("CREATE ROLE ANALYST;\nUSE ACCOUNT ACCOUNT2;\nSHOW USERS LIKE 'ADMIN';");
    const t = io();
    expect(await main(['run', file, '--format', 'json'], t.io)).toBe(0);
    const lines = t.out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ statement: 'CREATE ROLE ANALYST', account: 'ACCOUNT1', columns: [{ name: 'status', type: 'text' }], rows: [['Role ANALYST successfully created.']] });
    expect(lines[2]).toMatchObject({ account: 'ACCOUNT2' });
    const rows = lines[2]?.rows as unknown[][];
    expect(rows).toHaveLength(1);
    // Timestamps are epoch milliseconds, as the SQL layer gives them.
    expect(rows[0]?.slice(0, 2)).toEqual(['ADMIN', 1767225600000]);
  });

  it('stops at the first error with exit 1, unless --keep-going', async () => {
    const file = await script('CREATE ROLE A; CREATE ROLE A; CREATE ROLE B;');
    const stop = io();
    expect(await main(['run', file, '--format', 'json'], stop.io)).toBe(1);
    const stopped = stop.out.join('').trim().split('\n').map((l) => JSON.parse(l) as { error?: { code: string } });
    expect(stopped).toHaveLength(2);
    expect(stopped[1]?.error?.code).toBe('002002');
    expect(stop.err.join('')).toMatch(/stopped at the first error \(statement 2 of 3\)/);

    const keep = io();
    expect(await main(['run', file, '--format', 'json', '--keep-going'], keep.io)).toBe(1);
    expect(keep.out.join('').trim().split('\n')).toHaveLength(3);
    expect(keep.err.join('')).toMatch(/1 statement\(s\) failed/);
  });

  it('prints tables by default', async () => {
    const t = io();
    expect(await main(['run', await script('CREATE ROLE ANALYST')], t.io)).toBe(0);
    expect(t.out.join('')).toContain('ACCOUNT1> CREATE ROLE ANALYST\n+');
    expect(t.out.join('')).toContain('| Role ANALYST successfully created. |');
  });

  it('says when the file cannot be read', async () => {
    const t = io();
    expect(await main(['run', join(dir, 'nope.sql')], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/cannot read/);
  });
});

describe('snowglobe replay', () => {
  it('summarises exported logs', async () => {
    const org = createDefaultOrganization();
    const files = [];
    for (const a of org.accounts) {
      const f = join(dir, `${a.name}.jsonl`);
      await writeFile(f, exportLog(a));
      files.push(f);
    }
    const t = io();
    expect(await main(['replay', ...files], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/Organization MYORG/);
    expect(t.out.join('')).toMatch(/ACCOUNT2\s+AWS_US_EAST_1/);
    const j = io();
    expect(await main(['replay', ...files, '--format', 'json'], j.io)).toBe(0);
    expect(JSON.parse(j.out.join(''))).toMatchObject({ org: 'MYORG', accounts: [{ name: 'ACCOUNT1', users: 1, lastSeq: 3 }, { name: 'ACCOUNT2', users: 1, lastSeq: 4 }], divergence: [] });
  });

  it('fails cleanly on a file that is not a log', async () => {
    const f = join(dir, 'x.jsonl');
    await writeFile(f, 'hello\n');
    const t = io();
    expect(await main(['replay', f], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/header/);
  });
});

describe('snowglobe serve', () => {
  it('prints one JSON line when ready and stops when told', async () => {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((r) => (stop = r));
    let url = '';
    const t = io({
      stop: stopped,
      onServing: (s) => {
        url = s.url;
      },
    });
    const done = main(['serve', '--port', '0', '--data', join(dir, 'data')], t.io);
    for (let i = 0; i < 500 && url === ''; i++) await new Promise((r) => setTimeout(r, 10));
    const ready = JSON.parse(t.out.join('')) as { url: string; accounts: { name: string; url: string }[]; connections: unknown[] };
    expect(ready.url).toBe(url);
    expect(ready.accounts.map((a) => a.name)).toEqual(['ACCOUNT1', 'ACCOUNT2']);
    expect(ready.connections).toEqual([]);
    expect(t.err.join('')).toMatch(/organization MYORG at http:\/\/127\.0\.0\.1:\d+/);
    expect(t.err.join('')).toMatch(/data .*: created/);
    expect((await fetch(`${url}/_snowglobe/clock`)).status).toBe(200);
    stop();
    expect(await done).toBe(0);
  });

  it('refuses to start when the init script fails, naming the statement', async () => {
    const t = io({ stop: Promise.resolve() });
    expect(await main(['serve', '--port', '0', '--init', await script('CREATE ROLE A;\nCREATE ROLLE B;')], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/cannot start: .*runbook\.sql: statement failed in ACCOUNT1: CREATE ROLLE B/);
  });

  it('runs the init script before serving', async () => {
    let server: RunningServer | null = null;
    const t = io({ stop: Promise.resolve(), onServing: (s) => (server = s) });
    expect(await main(['serve', '--port', '0', '--init', await script('CREATE ROLE FROM_INIT; USE ACCOUNT ACCOUNT2; CREATE ROLE IN_TWO;')], t.io)).toBe(0);
    const s = server as RunningServer | null;
    expect(s?.simulator.org.requireAccount('ACCOUNT2').state.roleNames.size).toBeGreaterThan(0);
  });

  it('prints usage for bad arguments', async () => {
    const t = io();
    expect(await main(['serve', '--port', 'x'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/Usage: snowglobe serve/);
  });
});
