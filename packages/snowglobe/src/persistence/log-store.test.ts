import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeLogFs } from './fs.ts';
import type { LogFile, LogFs } from './fs.ts';
import { LogStore, LogStoreError, decodeLine, encodeEntry, encodeHeader } from './log-store.ts';
import type { LogEntry, LogWarning } from './log-store.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowglobe-log-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(seq: number, extra: Record<string, unknown> = {}): LogEntry {
  const event = { type: 'UserCreated', name: `U${seq}`, ...extra };
  return { seq, at: 1_700_000_000_000 + seq, event };
}

function line(e: LogEntry): string {
  const r = encodeEntry(e);
  if (!r.ok) throw new Error(r.reason);
  return r.line;
}

/** A LogFs that counts calls and can hold fsyncs at a gate. */
function countingFs(options: { gate?: () => Promise<void>; failDatasync?: () => boolean } = {}) {
  const counts = { datasync: 0, append: 0, syncDir: 0, truncate: 0 };
  const fs: LogFs = {
    ...nodeLogFs,
    async openAppend(path) {
      const inner = await nodeLogFs.openAppend(path);
      const file: LogFile = {
        append: async (data) => {
          counts.append++;
          await inner.append(data);
        },
        datasync: async () => {
          counts.datasync++;
          if (options.gate) await options.gate();
          if (options.failDatasync?.()) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          await inner.datasync();
        },
        size: () => inner.size(),
        close: () => inner.close(),
      };
      return file;
    },
    async truncate(path, length) {
      counts.truncate++;
      await nodeLogFs.truncate(path, length);
    },
    async syncDir(d) {
      counts.syncDir++;
      await nodeLogFs.syncDir(d);
    },
  };
  return { fs, counts };
}

async function rejection(p: Promise<unknown>): Promise<LogStoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LogStoreError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('encodeEntry / decodeLine', () => {
  it('round-trips an entry as one newline-terminated JSON line', () => {
    const e = entry(7, { note: 'multi\nline' });
    const encoded = encodeEntry(e);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.line.endsWith('\n')).toBe(true);
    expect(encoded.line.slice(0, -1)).not.toContain('\n');
    const decoded = decodeLine(encoded.line);
    expect(decoded).toEqual({ ok: true, entry: e });
  });

  it('writes seq, at, event in that order and nothing else', () => {
    const e = { event: { type: 'X' }, at: 2, seq: 1, extra: true } as unknown as LogEntry;
    expect(encodeEntry(e)).toEqual({ ok: true, line: '{"seq":1,"at":2,"event":{"type":"X"}}\n' });
  });

  it('refuses entries it could not read back', () => {
    expect(encodeEntry({ seq: -1, at: 0, event: { type: 'X' } }).ok).toBe(false);
    expect(encodeEntry({ seq: 1.5, at: 0, event: { type: 'X' } }).ok).toBe(false);
    expect(encodeEntry({ seq: 1, at: Number.NaN, event: { type: 'X' } }).ok).toBe(false);
    expect(encodeEntry({ seq: 1, at: 0, event: { type: 5 } } as unknown as LogEntry).ok).toBe(false);
    const big = { seq: 1, at: 0, event: { type: 'X', n: 10n } } as unknown as LogEntry;
    const r = encodeEntry(big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not serialisable/);
  });

  it('round-trips any JSON event payload, and never lets a raw newline into a line', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer(), fc.string({ unit: 'binary' }), fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()), (seq, at, type, payload) => {
        const e: LogEntry = { seq, at, event: { ...payload, type } };
        const encoded = encodeEntry(e);
        expect(encoded.ok).toBe(true);
        if (!encoded.ok) return;
        expect(encoded.line.indexOf('\n')).toBe(encoded.line.length - 1);
        expect(decodeLine(encoded.line)).toEqual({ ok: true, entry: JSON.parse(JSON.stringify(e)) });
      }),
    );
  });

  it('reports why a line does not decode', () => {
    expect(decodeLine('{"seq":1,"at":')).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid JSON/) });
    expect(decodeLine('[1,2]')).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(decodeLine('{"seq":1,"at":1,"event":{}}')).toEqual({ ok: false, reason: 'event.type is not a string' });
    expect(decodeLine('{"seq":"1","at":1,"event":{"type":"X"}}')).toEqual({ ok: false, reason: 'seq is not a non-negative integer' });
  });
});

describe('LogStore', () => {
  it('creates the directory and round-trips logs of several accounts', async () => {
    const logDir = join(dir, 'nested', 'data');
    const store = await LogStore.open(logDir);
    await store.append('ACCOUNT1', [entry(1), entry(2)]);
    await store.append('ACCOUNT2', [entry(1)]);
    await store.append('ACCOUNT1', [entry(3)]);
    await store.close();

    const text = await readFile(join(logDir, 'ACCOUNT1.jsonl'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"format":"snowglobe-log","version":1,"account":"ACCOUNT1"}');
    expect(lines).toHaveLength(5); // header, 3 entries, '' after the final newline
    expect(text).toBe(encodeHeader('ACCOUNT1') + line(entry(1)) + line(entry(2)) + line(entry(3)));

    const reopened = await LogStore.open(logDir);
    const logs = await reopened.load();
    expect([...logs.keys()]).toEqual(['ACCOUNT1', 'ACCOUNT2']);
    expect(logs.get('ACCOUNT1')).toEqual([entry(1), entry(2), entry(3)]);
    expect(logs.get('ACCOUNT2')).toEqual([entry(1)]);
    // After load, appends continue the seq.
    await reopened.append('ACCOUNT2', [entry(2)]);
    await reopened.close();
    const again = await (await LogStore.open(logDir)).load();
    expect(again.get('ACCOUNT2')).toEqual([entry(1), entry(2)]);
  });

  it('loads an empty directory as no accounts and ignores other files', async () => {
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'bad name.jsonl'), 'x');
    const store = await LogStore.open(dir);
    expect(await store.load()).toEqual(new Map());
  });

  it('resolves an empty append without touching the disk', async () => {
    const { fs, counts } = countingFs();
    const store = await LogStore.open(dir, { fs });
    await store.append('ACCOUNT1', []);
    expect(counts.datasync).toBe(0);
    await expect(stat(join(dir, 'ACCOUNT1.jsonl'))).rejects.toThrow();
  });

  it('syncs the directory once, when an account file is created', async () => {
    const { fs, counts } = countingFs();
    const store = await LogStore.open(dir, { fs });
    await store.append('ACCOUNT1', [entry(1)]);
    await store.append('ACCOUNT1', [entry(2)]);
    expect(counts.syncDir).toBe(1);
    await store.close();
  });

  describe('group commit', () => {
    it('batches 50 concurrent appends into far fewer fsyncs, in call order', async () => {
      const { fs, counts } = countingFs();
      const store = await LogStore.open(dir, { fs });
      const writes = Array.from({ length: 50 }, (_, i) => store.append('ACCOUNT1', [entry(i + 1)]));
      await Promise.all(writes);
      expect(counts.datasync).toBeLessThan(50);
      expect(counts.datasync).toBe(1); // all 50 arrived in the same tick
      expect(store.stats()).toEqual({ appends: 50, writes: 1, fsyncs: 1 });
      await store.close();
      const logs = await (await LogStore.open(dir)).load();
      expect(logs.get('ACCOUNT1')?.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('puts appends that arrive during an fsync into the next write+fsync', async () => {
      let release: () => void = () => {};
      let held = 0;
      const gate = () =>
        new Promise<void>((resolve) => {
          held++;
          release = resolve;
        });
      const { fs, counts } = countingFs({ gate });
      const store = await LogStore.open(dir, { fs });
      const settled: number[] = [];
      const first = store.append('ACCOUNT1', [entry(1)]).then(() => settled.push(1));
      await until(() => held === 1);
      // The first fsync is in flight: these 49 must wait for it and then share one fsync.
      const rest = Array.from({ length: 49 }, (_, i) => store.append('ACCOUNT1', [entry(i + 2)]).then(() => settled.push(i + 2)));
      await new Promise((r) => setTimeout(r, 10));
      expect(settled).toEqual([]); // nothing is acknowledged before its fsync
      release();
      await first;
      await until(() => held === 2);
      expect(settled).toEqual([1]);
      release();
      await Promise.all(rest);
      expect(counts.datasync).toBe(2);
      expect(settled).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      await store.close();
      const logs = await (await LogStore.open(dir)).load();
      expect(logs.get('ACCOUNT1')?.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('persists interleaved appends from many async writers in call order', async () => {
      const { fs, counts } = countingFs();
      const store = await LogStore.open(dir, { fs });
      let seq = 0;
      // 20 writers each append 25 times, yielding to the event loop between appends, so batches
      // form and break up unpredictably; seq is taken at call time, which fixes the order.
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          for (let i = 0; i < 25; i++) {
            await store.append('ACCOUNT1', [entry(++seq)]);
            if (i % 3 === 0) await new Promise((r) => setImmediate(r));
          }
        }),
      );
      expect(counts.datasync).toBeLessThan(500);
      await store.close();
      const logs = await (await LogStore.open(dir)).load();
      expect(logs.get('ACCOUNT1')?.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    });

    it('keeps accounts independent', async () => {
      const { fs, counts } = countingFs();
      const store = await LogStore.open(dir, { fs });
      await Promise.all([
        store.append('ACCOUNT1', [entry(1)]),
        store.append('ACCOUNT2', [entry(1)]),
        store.append('ACCOUNT1', [entry(2)]),
        store.append('ACCOUNT2', [entry(2)]),
      ]);
      expect(counts.datasync).toBe(2);
      await store.close();
      const logs = await (await LogStore.open(dir)).load();
      expect(logs.get('ACCOUNT1')?.map((e) => e.seq)).toEqual([1, 2]);
      expect(logs.get('ACCOUNT2')?.map((e) => e.seq)).toEqual([1, 2]);
    });
  });

  describe('torn last line', () => {
    async function tornCase(tail: string) {
      const path = join(dir, 'ACCOUNT1.jsonl');
      const good = encodeHeader('ACCOUNT1') + line(entry(1)) + line(entry(2));
      await writeFile(path, good + tail);
      const warnings: LogWarning[] = [];
      const store = await LogStore.open(dir, { onWarning: (w) => warnings.push(w) });
      const logs = await store.load();
      return { path, good, warnings, store, logs };
    }

    it('is reported with file and byte offset, cut, and later appends are clean', async () => {
      const { path, good, warnings, store, logs } = await tornCase('{"seq":3,"at":17000000');
      expect(logs.get('ACCOUNT1')).toEqual([entry(1), entry(2)]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        kind: 'torn-tail',
        account: 'ACCOUNT1',
        file: path,
        offset: Buffer.byteLength(good),
        line: 4,
        bytesCut: '{"seq":3,"at":17000000'.length,
      });
      expect(warnings[0]?.message).toContain(`byte offset ${Buffer.byteLength(good)}`);
      expect(await readFile(path, 'utf8')).toBe(good);

      await store.append('ACCOUNT1', [entry(3)]);
      await store.close();
      const again: LogWarning[] = [];
      const logs2 = await (await LogStore.open(dir, { onWarning: (w) => again.push(w) })).load();
      expect(logs2.get('ACCOUNT1')).toEqual([entry(1), entry(2), entry(3)]);
      expect(again).toEqual([]);
    });

    it('cuts a complete-looking line that lacks its newline (never acknowledged)', async () => {
      const { good, warnings, path, logs } = await tornCase(line(entry(3)).slice(0, -1));
      expect(logs.get('ACCOUNT1')).toHaveLength(2);
      expect(warnings[0]?.reason).toMatch(/newline/);
      expect(await readFile(path, 'utf8')).toBe(good);
    });

    it('cuts a terminated but unparsable last line (zero-filled tail)', async () => {
      const { warnings, logs, path, good } = await tornCase('\0\0\0\0\n');
      expect(logs.get('ACCOUNT1')).toHaveLength(2);
      expect(warnings).toHaveLength(1);
      expect(await readFile(path, 'utf8')).toBe(good);
    });

    it('cuts a torn multi-byte character', async () => {
      const full = Buffer.from(line(entry(3, { name: 'Zoë' })));
      const cut = full.subarray(0, full.indexOf(Buffer.from('ë')) + 1); // half of the 2-byte ë
      const path = join(dir, 'ACCOUNT1.jsonl');
      const good = Buffer.from(encodeHeader('ACCOUNT1') + line(entry(1)));
      await writeFile(path, Buffer.concat([good, cut]));
      const warnings: LogWarning[] = [];
      const logs = await (await LogStore.open(dir, { onWarning: (w) => warnings.push(w) })).load();
      expect(logs.get('ACCOUNT1')).toEqual([entry(1)]);
      expect(warnings[0]).toMatchObject({ offset: good.length, reason: 'not valid UTF-8' });
    });

    it('cuts a torn header and writes a fresh one on the next append', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      await writeFile(path, '{"format":"snowglo');
      const warnings: LogWarning[] = [];
      const store = await LogStore.open(dir, { onWarning: (w) => warnings.push(w) });
      const logs = await store.load();
      expect(logs.get('ACCOUNT1')).toEqual([]);
      expect(warnings[0]).toMatchObject({ offset: 0, line: 1 });
      expect((await stat(path)).size).toBe(0);
      await store.append('ACCOUNT1', [entry(1)]);
      await store.close();
      expect(await readFile(path, 'utf8')).toBe(encodeHeader('ACCOUNT1') + line(entry(1)));
    });

    it('is also cut when appending to an account that was never loaded', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      const good = encodeHeader('ACCOUNT1') + line(entry(1));
      await writeFile(path, `${good}{"seq":2`);
      const warnings: LogWarning[] = [];
      const store = await LogStore.open(dir, { onWarning: (w) => warnings.push(w) });
      await store.append('ACCOUNT1', [entry(2)]);
      await store.close();
      expect(warnings).toHaveLength(1);
      expect(await readFile(path, 'utf8')).toBe(good + line(entry(2)));
    });
  });

  describe('corruption', () => {
    it('refuses a bad line that is not the last, naming file, line and offset', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      const before = encodeHeader('ACCOUNT1') + line(entry(1));
      const content = `${before}{"seq":2,garbage}\n${line(entry(3))}`;
      await writeFile(path, content);
      const store = await LogStore.open(dir);
      const err = await rejection(store.load());
      expect(err.code).toBe('corrupt');
      expect(err.file).toBe(path);
      expect(err.line).toBe(3);
      expect(err.offset).toBe(Buffer.byteLength(before));
      expect(err.message).toContain(path);
      expect(err.message).toContain('line 3');
      expect(err.message).toContain(`byte offset ${Buffer.byteLength(before)}`);
      // Nothing is cut from a corrupt file.
      expect(await readFile(path, 'utf8')).toBe(content);
    });

    it('refuses a last line that parses but is wrong: a crash only leaves prefixes', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      const content = `${encodeHeader('ACCOUNT1')}${line(entry(1))}{"seq":2}\n`;
      await writeFile(path, content);
      const warnings: LogWarning[] = [];
      const err = await rejection((await LogStore.open(dir, { onWarning: (w) => warnings.push(w) })).load());
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/not a log entry/);
      expect(warnings).toEqual([]);
      expect(await readFile(path, 'utf8')).toBe(content);
    });

    it('never cuts a file whose only line is a foreign but complete JSON object', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      await writeFile(path, '{"some":"other file"}');
      expect((await rejection((await LogStore.open(dir)).load())).code).toBe('bad-header');
      expect(await readFile(path, 'utf8')).toBe('{"some":"other file"}');
    });

    it('refuses a seq gap even on an unterminated last line', async () => {
      const path = join(dir, 'ACCOUNT1.jsonl');
      await writeFile(path, encodeHeader('ACCOUNT1') + line(entry(1)) + line(entry(5)).slice(0, -1));
      expect((await rejection((await LogStore.open(dir)).load())).code).toBe('seq-gap');
    });

    it('refuses a header of another format or account', async () => {
      await writeFile(join(dir, 'ACCOUNT1.jsonl'), `${encodeHeader('ACCOUNT2')}${line(entry(1))}`);
      const err = await rejection((await LogStore.open(dir)).load());
      expect(err.code).toBe('bad-header');
      expect(err.message).toContain('ACCOUNT2');

      await writeFile(join(dir, 'ACCOUNT1.jsonl'), `{"format":"snowglobe-log","version":2,"account":"ACCOUNT1"}\n${line(entry(1))}`);
      expect((await rejection((await LogStore.open(dir)).load())).code).toBe('bad-header');
    });

    it('detects seq gaps and duplicates in a file', async () => {
      await writeFile(join(dir, 'ACCOUNT1.jsonl'), encodeHeader('ACCOUNT1') + line(entry(1)) + line(entry(3)));
      const gap = await rejection((await LogStore.open(dir)).load());
      expect(gap.code).toBe('seq-gap');
      expect(gap.message).toMatch(/seq 3, expected 2/);
      expect(gap.line).toBe(3);

      await writeFile(join(dir, 'ACCOUNT1.jsonl'), encodeHeader('ACCOUNT1') + line(entry(1)) + line(entry(1)));
      expect((await rejection((await LogStore.open(dir)).load())).code).toBe('seq-gap');
    });

    it('enforces the configured first seq', async () => {
      await writeFile(join(dir, 'ACCOUNT1.jsonl'), encodeHeader('ACCOUNT1') + line(entry(2)));
      expect((await (await LogStore.open(dir)).load()).get('ACCOUNT1')).toEqual([entry(2)]);
      const err = await rejection((await LogStore.open(dir, { firstSeq: 1 })).load());
      expect(err.code).toBe('seq-gap');
      expect(err.message).toMatch(/seq 2, expected 1/);
    });
  });

  describe('append validation', () => {
    it('rejects a seq gap without writing, and keeps accepting correct appends', async () => {
      const store = await LogStore.open(dir);
      await store.append('ACCOUNT1', [entry(1)]);
      const results = await Promise.allSettled([
        store.append('ACCOUNT1', [entry(2)]),
        store.append('ACCOUNT1', [entry(5)]),
        store.append('ACCOUNT1', [entry(3), entry(4)]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const rejected = results[1];
      if (rejected?.status === 'rejected') {
        expect(rejected.reason).toBeInstanceOf(LogStoreError);
        expect((rejected.reason as LogStoreError).code).toBe('seq-gap');
      }
      expect((await rejection(store.append('ACCOUNT1', [entry(6), entry(8)]))).code).toBe('seq-gap');
      await store.close();
      const logs = await (await LogStore.open(dir)).load();
      expect(logs.get('ACCOUNT1')?.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it('continues the seq of a file it did not load', async () => {
      await writeFile(join(dir, 'ACCOUNT1.jsonl'), encodeHeader('ACCOUNT1') + line(entry(1)));
      const store = await LogStore.open(dir);
      expect((await rejection(store.append('ACCOUNT1', [entry(1)]))).code).toBe('seq-gap');
      await store.append('ACCOUNT1', [entry(2)]);
      await store.close();
    });

    it('rejects unencodable entries and bad account names', async () => {
      const store = await LogStore.open(dir);
      const bad = { seq: 1, at: 0, event: { type: 'X', n: 1n } } as unknown as LogEntry;
      expect((await rejection(store.append('ACCOUNT1', [bad]))).code).toBe('invalid-entry');
      for (const name of ['', '../etc', 'A/B', 'A.B', '.hidden', 'CON SOLE']) {
        expect((await rejection(store.append(name, [entry(1)]))).code).toBe('invalid-account');
      }
      await store.close();
    });

    it('refuses every later append of an account whose fsync failed', async () => {
      let fail = true;
      const { fs } = countingFs({ failDatasync: () => fail });
      const store = await LogStore.open(dir, { fs });
      const first = await rejection(store.append('ACCOUNT1', [entry(1)]));
      expect(first.code).toBe('failed');
      expect(first.message).toContain('EIO');
      fail = false;
      expect((await rejection(store.append('ACCOUNT1', [entry(2)]))).code).toBe('failed');
      // Other accounts are unaffected.
      await store.append('ACCOUNT2', [entry(1)]);
      await store.close();
    });

    it('rejects appends after close, and close waits for pending appends', async () => {
      const store = await LogStore.open(dir);
      const pending = store.append('ACCOUNT1', [entry(1)]);
      await store.close();
      await pending;
      expect((await rejection(store.append('ACCOUNT1', [entry(2)]))).code).toBe('closed');
      expect((await (await LogStore.open(dir)).load()).get('ACCOUNT1')).toEqual([entry(1)]);
    });
  });

  it('reports load progress per file', async () => {
    const store = await LogStore.open(dir);
    await store.append('ACCOUNT1', [entry(1), entry(2)]);
    await store.close();
    const seen: number[] = [];
    await (await LogStore.open(dir)).load({ onProgress: (p) => seen.push(p.bytesDone / p.bytesTotal) });
    expect(seen.at(-1)).toBe(1);
  });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!cond()) throw new Error('condition not reached');
}

describe('header fields', () => {
  it('writes the fields headerFor gives, accepts an account object naming the file, and exposes the header', async () => {
    const info = { org: 'MYORG', name: 'ACCOUNT1', locator: 'SG1', region: 'AWS_US_WEST_2', edition: 'BUSINESS_CRITICAL' };
    const store = await LogStore.open(dir, { headerFor: () => ({ eventSchema: 1, account: info }) });
    await store.append('ACCOUNT1', [entry(1)]);
    expect(store.headerOf('ACCOUNT1')).toEqual({ format: 'snowglobe-log', version: 1, eventSchema: 1, account: info });
    await store.close();
    expect((await readFile(join(dir, 'ACCOUNT1.jsonl'), 'utf8')).split('\n')[0]).toBe(
      '{"format":"snowglobe-log","version":1,"eventSchema":1,"account":{"org":"MYORG","name":"ACCOUNT1","locator":"SG1","region":"AWS_US_WEST_2","edition":"BUSINESS_CRITICAL"}}',
    );
    const reopened = await LogStore.open(dir);
    expect((await reopened.load()).get('ACCOUNT1')).toEqual([entry(1)]);
    expect(reopened.headerOf('ACCOUNT1')).toMatchObject({ account: info });
  });

  it('refuses to write a header naming another account', async () => {
    const store = await LogStore.open(dir, { headerFor: () => ({ account: { name: 'ACCOUNT2' } }) });
    expect((await rejection(store.append('ACCOUNT1', [entry(1)]))).code).toBe('invalid-entry');
    expect(() => encodeHeader('ACCOUNT1', { account: { name: 'ACCOUNT2' } })).toThrow(RangeError);
  });
});
