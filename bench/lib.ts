/**
 * Shared helpers for the benchmark scripts: timing, medians, the machine line, and writing a
 * script's section into docs/benchmarks.md between `<!-- bench:NAME -->` markers.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `runs` times (after `warmup` untimed runs) and returns each run's milliseconds. */
export function timeRuns(runs: number, fn: () => void, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function timeRunsAsync(runs: number, fn: () => Promise<void>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}

/**
 * The machine's speed right now: the median ms of a fixed workload (JSON round trips of a SCIM-like
 * body, Map inserts and lookups), lower is faster. Shared VMs drift by well over ±20% within
 * minutes; each benchmark prints this before and after its runs, so that a reader can tell a
 * slow pass from a slow change.
 */
export function speedCheck(): number {
  const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'user@example.com', name: { givenName: 'A', familyName: 'B' }, emails: [{ value: 'x@example.com', primary: true }], active: true, n: 0 };
  const work = (): number => {
    let acc = 0;
    const m = new Map<string, unknown>();
    for (let i = 0; i < 60_000; i++) {
      body.n = i;
      const o = JSON.parse(JSON.stringify(body)) as { n: number };
      acc += o.n;
      m.set(`k${i}`, o);
      if (m.get(`k${i >> 1}`) !== undefined) acc++;
    }
    return acc;
  };
  work();
  return median(timeRuns(5, work, 0));
}

/** The line benchmarks print about {@link speedCheck}. */
export function speedLine(before: number, after: number): string {
  return `Speed check (bench/lib.ts \`speedCheck\`, a fixed JSON and Map workload; lower is faster; the VMs this project runs on have shown 190-460 ms, 250-460 ms within one day): ${fmt(before)} ms before the runs, ${fmt(after)} ms after.`;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Replaces (or appends) the section `name` of docs/benchmarks.md. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\nEach section is written by its script; rerun the command to refresh it.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  const next = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}
