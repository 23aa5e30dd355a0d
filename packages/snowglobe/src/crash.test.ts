/**
 * Crash safety of `snowglobe serve --data`: the real CLI in a child process takes concurrent SCIM
 * POSTs, is SIGKILLed mid-stream, and restarted on the same directory. Every user whose POST was
 * acknowledged (2xx) must be there after the restart, and a torn last line must be reported and
 * cut. Runs in CI; keep it well under 60 s.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimHeaders, scimUser, setUpScim, sqlApi } from './test-support/http.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Served {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly stderr: () => string;
}

/** Starts `snowglobe serve --port 0 --data dir` and waits for its JSON line. */
function serve(dir: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data', dir], { cwd: ROOT, stdio: 'pipe' });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (err += c));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${err}`)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl === -1) return;
      clearTimeout(timer);
      try {
        const ready = JSON.parse(out.slice(0, nl)) as { url: string };
        resolve({ child, url: ready.url, stderr: () => err });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ready; stderr: ${err}`));
    });
  });
}

function killed(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowglobe-crash-'));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('serve --data survives SIGKILL', () => {
  it('keeps every acknowledged SCIM write, and reports and cuts a torn line', async () => {
    const first = await serve(dir);
    children.push(first.child);
    const token = await setUpScim(first.url);

    // 300 POSTs from 20 concurrent clients; SIGKILL once 120 are acknowledged.
    const TOTAL = 300;
    const CLIENTS = 20;
    const acknowledged: string[] = [];
    let next = 0;
    let killedAt = -1;
    const client = async (): Promise<void> => {
      while (next < TOTAL) {
        const name = `crash${next++}@example.com`;
        try {
          const r = await fetch(`${first.url}/scim/v2/Users`, { method: 'POST', headers: scimHeaders(token), body: scimUser(name) });
          await r.arrayBuffer();
          if (r.status >= 200 && r.status < 300) acknowledged.push(name.toUpperCase());
        } catch {
          // The server died under this request: not acknowledged, so it may or may not be there.
        }
        if (acknowledged.length >= 120 && killedAt === -1) {
          killedAt = acknowledged.length;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await killed(first.child);
    expect(killedAt).toBeGreaterThanOrEqual(120);
    expect(acknowledged.length).toBeLessThan(TOTAL);

    // A crash mid-write leaves a prefix of a line. Our writes are small and rarely torn by a real
    // kill, so if the file ended cleanly, tear it as the crash could have.
    const file = join(dir, 'ACCOUNT1.jsonl');
    const text = await readFile(file, 'utf8');
    if (text.endsWith('\n')) await appendFile(file, '{"seq":999999,"at":1767225600000,"event":{"type":"UserCreated","user":{"id":"tor');

    const second = await serve(dir);
    children.push(second.child);
    // The banner follows the JSON line on stderr.
    for (let i = 0; i < 200 && !second.stderr().includes('Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(second.stderr()).toMatch(/warning: .*ACCOUNT1\.jsonl: cut a torn last line/);
    expect(second.stderr()).toMatch(/replayed \d+ entries, cut 1 torn line/);

    // Every acknowledged user is there (SQL SHOW USERS and SCIM agree).
    const shown = await sqlApi(second.url, "SHOW USERS LIKE 'CRASH%'");
    const present = new Set((shown.body.data ?? []).map((r) => r[0]));
    const missing = acknowledged.filter((n) => !present.has(n));
    expect(missing).toEqual([]);
    const list = (await (await fetch(`${second.url}/scim/v2/Users?count=1000`, { headers: scimHeaders(token) })).json()) as { totalResults: number };
    expect(list.totalResults).toBe(present.size);
    expect(present.size).toBeGreaterThanOrEqual(acknowledged.length);

    // The restarted server keeps working and persisting.
    const after = await fetch(`${second.url}/scim/v2/Users`, { method: 'POST', headers: scimHeaders(token), body: scimUser('after-crash@example.com') });
    expect(after.status).toBe(201);
    second.child.kill('SIGTERM');
    await killed(second.child);
    expect(second.child.exitCode).toBe(0);
  }, 60_000);
});
