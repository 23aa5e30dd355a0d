import { describe, expect, it } from 'vitest';
import { AckBarrier, DurabilityError } from './ack-barrier.ts';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve: () => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AckBarrier', () => {
  it('is idle with nothing tracked and resolves at once', async () => {
    const b = new AckBarrier();
    expect(b.idle).toBe(true);
    await b.wait();
  });

  it('waits for every stream tracked before the call, not for work tracked after', async () => {
    const b = new AckBarrier();
    const a1 = deferred();
    const c1 = deferred();
    b.track('ACCOUNT1', a1.promise);
    b.track('clock', c1.promise);
    let done = false;
    const waiting = b.wait().then(() => (done = true));
    a1.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false); // the clock write is still pending
    c1.resolve();
    await waiting;
    expect(done).toBe(true);
    expect(b.idle).toBe(true);
    expect(b.stats()).toEqual({ tracked: 2, durable: 2, pendingStreams: 0 });
  });

  it('keeps only the latest promise of a stream (streams complete in order)', async () => {
    const b = new AckBarrier();
    const first = deferred();
    const second = deferred();
    b.track('ACCOUNT1', first.promise);
    b.track('ACCOUNT1', second.promise);
    expect(b.stats().pendingStreams).toBe(1);
    first.resolve();
    second.resolve();
    await b.wait();
    expect(b.idle).toBe(true);
  });

  it('fails every later wait once a write failed, naming the stream', async () => {
    const b = new AckBarrier();
    const w = deferred();
    b.track('ACCOUNT2', w.promise);
    w.reject(new Error('EIO: i/o error, fsync'));
    const err = await b.wait().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DurabilityError);
    expect((err as DurabilityError).stream).toBe('ACCOUNT2');
    expect((err as DurabilityError).message).toMatch(/ACCOUNT2 could not be made durable: EIO/);
    await expect(b.wait()).rejects.toBeInstanceOf(DurabilityError);
    expect(b.failure).toBe(err);
  });
});
