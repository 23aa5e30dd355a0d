import { errors, type SnowflakeError } from '../errors.ts';
import type { ReplicationSchedule } from '../model/replication.ts';
import { nextCronTime, parseCron, parseTimeZone, prevCronTime, type CronSpec, type TimeZone } from './cron.ts';

/** Above this many minutes Snowflake accepts the schedule but the refresh never runs (spec §2.1). */
export const MAX_SCHEDULE_MINUTES = 11_520;

const MINUTE = 60_000;

/**
 * Parses REPLICATION_SCHEDULE: `'<n> MINUTE'` (or `'<n> M'`, n a positive integer) or
 * `'USING CRON <expr> <time zone>'`. The text is normalised the way SHOW prints it.
 */
export function parseReplicationSchedule(text: string): ReplicationSchedule | SnowflakeError {
  const trimmed = text.trim();
  const interval = /^(\d+)\s*(MINUTES?|M)$/i.exec(trimmed);
  if (interval) {
    const minutes = Number(interval[1]);
    if (!Number.isSafeInteger(minutes) || minutes < 1) return errors.invalidSchedule(text, 'the interval must be a positive number of minutes');
    return { kind: 'interval', minutes, text: `${minutes} MINUTE` };
  }
  const cron = /^USING\s+CRON\s+(.+)\s+(\S+)$/i.exec(trimmed);
  if (cron) {
    const spec = parseCron(cron[1]!);
    if (typeof spec === 'string') return errors.invalidSchedule(text, spec);
    const tz = parseTimeZone(cron[2]!);
    if (typeof tz === 'string') return errors.invalidSchedule(text, tz);
    return { kind: 'cron', expr: spec.expr, timeZone: cron[2]!, text: `USING CRON ${spec.expr} ${cron[2]!}` };
  }
  return errors.invalidSchedule(text, "expected '<num> MINUTE' or 'USING CRON <expr> <time_zone>'");
}

const compiled = new Map<string, { spec: CronSpec; tz: TimeZone }>();

function compile(s: Extract<ReplicationSchedule, { kind: 'cron' }>): { spec: CronSpec; tz: TimeZone } | null {
  const hit = compiled.get(s.text);
  if (hit) return hit;
  const spec = parseCron(s.expr);
  const tz = parseTimeZone(s.timeZone);
  if (typeof spec === 'string' || typeof tz === 'string') return null;
  const c = { spec, tz };
  compiled.set(s.text, c);
  return c;
}

/**
 * The first due time after `base` (the later of when the schedule was set, the previous
 * refresh's start, or RESUME): `base + n minutes`, or the next cron time. Null: never.
 */
export function nextDue(schedule: ReplicationSchedule, base: number): number | null {
  if (schedule.kind === 'interval') return schedule.minutes > MAX_SCHEDULE_MINUTES ? null : base + schedule.minutes * MINUTE;
  const c = compile(schedule);
  return c ? nextCronTime(c.spec, c.tz, base) : null;
}

/**
 * The latest due time in `(base, upTo]`, or null when nothing came due. Several due times in one
 * clock advance collapse into the last: nothing can change in between, so one refresh at the
 * last due time leaves the same state and the same next due time.
 */
export function lastDue(schedule: ReplicationSchedule, base: number, upTo: number): number | null {
  if (schedule.kind === 'interval') {
    if (schedule.minutes > MAX_SCHEDULE_MINUTES) return null;
    const step = schedule.minutes * MINUTE;
    if (base + step > upTo) return null;
    return base + Math.floor((upTo - base) / step) * step;
  }
  const c = compile(schedule);
  return c ? prevCronTime(c.spec, c.tz, upTo, base) : null;
}
