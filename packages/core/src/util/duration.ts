import { errors, type SnowflakeError } from '../errors.ts';

const UNIT_MS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000, mins: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

/** Parses '10 minutes', '183 days', '1h', '30s', '2 hours 5 minutes' into milliseconds. */
export function parseDuration(text: string): number | SnowflakeError {
  const parts = text.trim().toLowerCase().match(/(\d+(?:\.\d+)?)\s*([a-z]+)/g);
  const cleaned = text.trim().toLowerCase().replace(/(\d+(?:\.\d+)?)\s*([a-z]+)/g, '').replace(/[\s,]|and/g, '');
  if (!parts || cleaned !== '') return errors.invalidParameterValue(text, 'DURATION');
  let total = 0;
  for (const p of parts) {
    const m = /(\d+(?:\.\d+)?)\s*([a-z]+)/.exec(p)!;
    const unit = UNIT_MS[m[2]!];
    if (unit === undefined) return errors.invalidParameterValue(text, 'DURATION');
    total += Number(m[1]) * unit;
  }
  return Math.round(total);
}

/** `2020-04-28 12:24:38.722 +0000`, the form snowsql prints timestamps in (UTC here). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} +0000`;
}
