/** The REPLICATION_SCHEDULE parser and the CRON subset (spec §2.1). */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { nextCronTime, parseCron, parseTimeZone, prevCronTime, type CronSpec, type TimeZone } from './cron.ts';
import { lastDue, nextDue, parseReplicationSchedule } from './schedule.ts';

const spec = (expr: string): CronSpec => {
  const s = parseCron(expr);
  if (typeof s === 'string') throw new Error(s);
  return s;
};
const zone = (name: string): TimeZone => {
  const z = parseTimeZone(name);
  if (typeof z === 'string') throw new Error(z);
  return z;
};
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('REPLICATION_SCHEDULE', () => {
  it.each([
    ['10 MINUTE', '10 MINUTE'],
    ['10 minute', '10 MINUTE'],
    ['5 M', '5 MINUTE'],
    ['11520 MINUTE', '11520 MINUTE'],
    ['USING CRON 0 9-17 * * SUN America/Los_Angeles', 'USING CRON 0 9-17 * * SUN America/Los_Angeles'],
    ['using cron  */15  *  * * *   UTC', 'USING CRON */15 * * * * UTC'],
  ])('accepts %j as %j', (text, normal) => {
    expect(parseReplicationSchedule(text)).toMatchObject({ text: normal });
  });

  it.each(['0 MINUTE', '-5 MINUTE', '1.5 MINUTE', '10 HOURS', 'USING CRON * * * * UTC', 'USING CRON 0 25 * * * UTC', 'USING CRON 0 0 * * * Nowhere/Town', ''])('refuses %j', (text) => {
    expect(parseReplicationSchedule(text)).toMatchObject({ type: 'SnowflakeError', code: '001422' });
  });

  it('an interval above 11520 minutes is accepted but never runs', () => {
    const s = parseReplicationSchedule('20000 MINUTE');
    if ('type' in s) throw new Error(s.message);
    expect(nextDue(s, 0)).toBeNull();
    expect(lastDue(s, 0, 1e12)).toBeNull();
  });

  it('intervals: the last due time in (base, upTo]', () => {
    const s = parseReplicationSchedule('10 MINUTE');
    if ('type' in s) throw new Error(s.message);
    expect(lastDue(s, 0, 9 * 60_000)).toBeNull();
    expect(lastDue(s, 0, 10 * 60_000)).toBe(10 * 60_000);
    expect(lastDue(s, 0, 65 * 60_000)).toBe(60 * 60_000);
  });
});

describe('CRON', () => {
  it.each([
    ['*/15 * * * *', 'UTC', '2026-01-01T00:07:00Z', '2026-01-01T00:15:00.000Z'],
    ['0 9-17 * * SUN', 'UTC', '2026-01-01T00:00:00Z', '2026-01-04T09:00:00.000Z'],
    ['0 0 L * *', 'UTC', '2026-02-03T00:00:00Z', '2026-02-28T00:00:00.000Z'],
    ['0 0 * * 5L', 'UTC', '2026-01-01T00:00:00Z', '2026-01-30T00:00:00.000Z'],
    ['0 0 1 * MON', 'UTC', '2026-01-02T00:00:00Z', '2026-01-05T00:00:00.000Z'],
    ['30 2 * * *', '+05:30', '2026-01-01T00:00:00Z', '2026-01-01T21:00:00.000Z'],
    ['0 12 * JAN,JUL *', 'UTC-8', '2026-02-01T00:00:00Z', '2026-07-01T20:00:00.000Z'],
    ['0 0 29 2 *', 'UTC', '2026-01-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 9 * * *', 'America/Los_Angeles', '2026-01-01T00:00:00Z', '2026-01-01T17:00:00.000Z'],
    ['0 9 * * *', 'America/Los_Angeles', '2026-07-01T00:00:00Z', '2026-07-01T16:00:00.000Z'],
    ['0 9 * * *', 'Asia/Kolkata', '2026-01-01T00:00:00Z', '2026-01-01T03:30:00.000Z'],
  ])('%s %s after %s -> %s', (expr, tz, after, next) => {
    expect(iso(nextCronTime(spec(expr), zone(tz), at(after)))).toBe(next);
  });

  it('day-of-month and day-of-week are OR-ed when both are restricted', () => {
    const s = spec('0 0 13 * FRI');
    const hits: string[] = [];
    let t = at('2026-02-01T00:00:00Z');
    for (let i = 0; i < 4; i++) {
      t = nextCronTime(s, zone('UTC'), t)!;
      hits.push(iso(t)!.slice(0, 10));
    }
    expect(hits).toEqual(['2026-02-06', '2026-02-13', '2026-02-20', '2026-02-27']);
  });

  it('skips a local time that does not exist (DST gap), runs a repeated one once', () => {
    const ny = zone('America/New_York');
    // 2026-03-08: 02:00 -> 03:00 in New York; 02:30 does not exist that day.
    expect(iso(nextCronTime(spec('30 2 * * *'), ny, at('2026-03-07T12:00:00Z')))).toBe('2026-03-09T06:30:00.000Z');
    // 2026-11-01: 01:30 happens twice; the job runs once.
    const first = nextCronTime(spec('30 1 * * *'), ny, at('2026-11-01T00:00:00Z'))!;
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextCronTime(spec('30 1 * * *'), ny, first))).toBe('2026-11-02T06:30:00.000Z');
  });

  it.each(['* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 8', '*/0 * * * *', '5-1 * * * *', 'x * * * *'])('refuses %j', (expr) => {
    expect(typeof parseCron(expr)).toBe('string');
  });

  const exprArb = fc
    .tuple(
      fc.constantFrom('*', '0', '*/15', '5,35', '10-20/5'),
      fc.constantFrom('*', '0', '9-17', '*/6'),
      fc.constantFrom('*', '1', 'L', '15,28'),
      fc.constantFrom('*', '1', 'JAN,JUN', '*/3'),
      fc.constantFrom('*', 'MON-FRI', '0', '5L'),
    )
    .map((f) => f.join(' '));
  const tzArb = fc.constantFrom('UTC', '+05:30', 'UTC-8', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe');

  test.prop([exprArb, tzArb, fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })], { numRuns: 150 })(
    'next and prev agree: prev(next(t)) is next(t), and nothing fires in between',
    (expr, tz, t) => {
      const s = spec(expr);
      const z = zone(tz);
      const n = nextCronTime(s, z, t);
      if (n === null) return;
      expect(n).toBeGreaterThan(t);
      expect(prevCronTime(s, z, n, t)).toBe(n);
      expect(prevCronTime(s, z, n - 1, t)).toBeNull();
    },
  );
});
