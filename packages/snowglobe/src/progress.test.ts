import { describe, expect, it } from 'vitest';
import { createProgress, formatProgress } from './progress.ts';

function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, ...(columns !== undefined && { columns }), write: (s: string) => writes.push(s) } };
}

function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('formatProgress', () => {
  it('shows counts, total and percentage', () => {
    expect(formatProgress('Replaying ACCOUNT1', 1234, 10_000)).toBe('Replaying ACCOUNT1 1,234/10,000 (12%)');
    expect(formatProgress('Loading', 5)).toBe('Loading 5');
    expect(formatProgress('Loading', 1_000_000, 0)).toBe('Loading 1,000,000');
    expect(formatProgress('x', 11, 10)).toBe('x 11/10 (100%)');
  });
});

describe('createProgress', () => {
  it('is silent when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress(stream, { now: clock.now, delayMs: 0 });
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      p.update('Replaying', i, 10);
    }
    p.clear();
    p.finish();
    expect(writes).toEqual([]);
    expect(p.visible).toBe(false);
  });

  it('follows the isTTY option over the stream', () => {
    const { writes, stream } = fakeStream(true);
    const p = createProgress(stream, { isTTY: false, delayMs: 0 });
    p.update('x', 1);
    expect(writes).toEqual([]);
    const other = fakeStream(false);
    createProgress(other.stream, { isTTY: true, delayMs: 0, now: () => 0 }).update('x', 1);
    expect(other.writes).toHaveLength(1);
  });

  it('rewrites one line with \\r, throttled by the clock', () => {
    const { writes, stream } = fakeStream(true);
    const clock = fakeClock(1000);
    const p = createProgress(stream, { now: clock.now, intervalMs: 100, delayMs: 0 });
    p.update('Replaying', 1, 100);
    clock.advance(50);
    p.update('Replaying', 2, 100); // too soon
    clock.advance(50);
    p.update('Replaying', 3, 100);
    expect(writes).toEqual(['\rReplaying 1/100 (1%)\x1b[K', '\rReplaying 3/100 (3%)\x1b[K']);
    expect(p.visible).toBe(true);
    p.finish();
    expect(writes.at(-1)).toBe('\r\x1b[K');
    expect(p.visible).toBe(false);
    clock.advance(1000);
    p.update('Replaying', 4, 100);
    expect(writes).toHaveLength(3);
  });

  it('shows nothing for work shorter than the delay', () => {
    const { writes, stream } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, { now: clock.now, delayMs: 500 });
    clock.advance(499);
    p.update('Quick', 1, 2);
    p.finish();
    expect(writes).toEqual([]);
  });

  it('starts drawing once the work has run past the delay', () => {
    const { writes, stream } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, { now: clock.now, delayMs: 500 });
    clock.advance(500);
    p.update('Slow', 1, 2);
    expect(writes).toEqual(['\rSlow 1/2 (50%)\x1b[K']);
  });

  it('clear erases the line and lets the next update draw at once', () => {
    const { writes, stream } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(stream, { now: clock.now, delayMs: 0, intervalMs: 100 });
    p.update('a', 1);
    p.clear();
    p.clear(); // nothing on screen: no second erase
    p.update('a', 2);
    expect(writes).toEqual(['\ra 1\x1b[K', '\r\x1b[K', '\ra 2\x1b[K']);
  });

  it('cuts the line to the terminal width so it never wraps', () => {
    const { writes, stream } = fakeStream(true, 20);
    const p = createProgress(stream, { now: () => 0, delayMs: 0 });
    p.update('A very long label that would wrap', 1, 2);
    expect(writes[0]).toBe('\rA very long label t\x1b[K');
  });
});
