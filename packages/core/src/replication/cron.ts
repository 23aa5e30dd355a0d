/**
 * The CRON subset of REPLICATION_SCHEDULE = 'USING CRON <expr> <time zone>' (spec §2.1):
 * five fields (minute hour day-of-month month day-of-week) with `*`, lists `a,b`, ranges `a-b`,
 * steps `*\/n` and `a-b/n`, month and weekday names, `L` in day-of-month (last day of the month)
 * and `nL` in day-of-week (the last weekday n of the month). When both day fields are restricted
 * they are OR-ed, as in cron. Times are evaluated in the given zone: `UTC`, fixed offsets
 * (`+05:30`, `UTC-8`, `GMT+2`) or an IANA zone through `Intl.DateTimeFormat` (no Node-only API).
 * Local times that do not exist (a DST gap) are skipped; a repeated hour runs once.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A day-of-month/month pattern like Feb 29 recurs within 8 years (2096 -> 2104). */
const MAX_DAYS = 366 * 9;

/** A parsed cron expression: the allowed values of each field. */
export interface CronSpec {
  readonly expr: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: ReadonlySet<number>;
  readonly lastDay: boolean;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  /** `nL`: the last weekday n of the month. */
  readonly lastWeekdays: ReadonlySet<number>;
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldDef {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Value of the first name (JAN = 1, SUN = 0). */
  readonly nameBase?: number;
}

function parseValue(text: string, def: FieldDef): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const i = def.names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + (def.nameBase ?? 0) : null;
}

/** Parses one field into its values, or an error detail. */
function parseField(text: string, def: FieldDef): Set<number> | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return `invalid ${def.name} field '${text}'`;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return `invalid step in ${def.name} field '${text}'`;
    let lo = def.min;
    let hi = def.max;
    if (m[1] !== '*') {
      const [a, b] = m[1]!.split('-');
      const from = parseValue(a!, def);
      const to = b === undefined ? (m[2] === undefined ? from : def.max) : parseValue(b, def);
      if (from === null || to === null || from < def.min || to > def.max || from > to) return `invalid ${def.name} field '${text}'`;
      lo = from;
      hi = to;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a five-field cron expression; returns an error detail string when invalid. */
export function parseCron(expr: string): CronSpec | string {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `a cron expression has 5 fields, got ${fields.length}`;
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const minutes = parseField(mi, { name: 'minute', min: 0, max: 59 });
  if (typeof minutes === 'string') return minutes;
  const hours = parseField(h, { name: 'hour', min: 0, max: 23 });
  if (typeof hours === 'string') return hours;
  let lastDay = false;
  const domItems = dom.split(',').filter((item) => {
    if (item.toUpperCase() !== 'L') return true;
    lastDay = true;
    return false;
  });
  const days = domItems.length ? parseField(domItems.join(','), { name: 'day-of-month', min: 1, max: 31 }) : new Set<number>();
  if (typeof days === 'string') return days;
  const months = parseField(mon, { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 });
  if (typeof months === 'string') return months;
  const lastWeekdays = new Set<number>();
  const dowItems: string[] = [];
  for (const item of dow.split(',')) {
    const m = /^([0-7]|[A-Za-z]{3})L$/i.exec(item);
    if (!m) {
      dowItems.push(item);
      continue;
    }
    const v = parseValue(m[1]!, { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS });
    if (v === null) return `invalid day-of-week field '${dow}'`;
    lastWeekdays.add(v % 7);
  }
  const dowValues = dowItems.length ? parseField(dowItems.join(','), { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS }) : new Set<number>();
  if (typeof dowValues === 'string') return dowValues;
  const weekdays = new Set([...dowValues].map((d) => d % 7));
  return {
    expr: fields.join(' '),
    minutes: [...minutes].sort((a, b) => a - b),
    hours: [...hours].sort((a, b) => a - b),
    days,
    lastDay,
    months,
    weekdays,
    lastWeekdays,
    domStar: dom === '*',
    dowStar: dow === '*',
  };
}

/** A time zone: the offset from UTC, in minutes, at an instant. */
export interface TimeZone {
  readonly name: string;
  readonly fixed: boolean;
  offsetMinutes(utc: number): number;
}

const zoneCache = new Map<string, TimeZone>();

/** Parses `UTC`, `Z`, `+05:30`, `UTC-8`, `GMT+02:00` or an IANA name; an error detail when unknown. */
export function parseTimeZone(text: string): TimeZone | string {
  const hit = zoneCache.get(text);
  if (hit) return hit;
  const zone = makeZone(text);
  if (typeof zone !== 'string') zoneCache.set(text, zone);
  return zone;
}

function makeZone(text: string): TimeZone | string {
  if (/^(UTC|GMT|Z)$/i.test(text)) return { name: text, fixed: true, offsetMinutes: () => 0 };
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (m) {
    const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    if (Math.abs(minutes) > 14 * 60) return `invalid time zone '${text}'`;
    return { name: text, fixed: true, offsetMinutes: () => minutes };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: text,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return `unknown time zone '${text}'`;
  }
  return {
    name: text,
    fixed: false,
    offsetMinutes(utc: number): number {
      const parts: Record<string, number> = {};
      for (const p of fmt.formatToParts(new Date(utc))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
      return Math.round((local - Math.floor(utc / 1000) * 1000) / MINUTE);
    },
  };
}

/** Local wall time (as if UTC) -> the instant, or null when that local time does not exist. */
function toUtc(tz: TimeZone, local: number): number | null {
  if (tz.fixed) return local - tz.offsetMinutes(0) * MINUTE;
  const guess = local - tz.offsetMinutes(local) * MINUTE;
  const off = tz.offsetMinutes(guess);
  const utc = local - off * MINUTE;
  return utc + tz.offsetMinutes(utc) * MINUTE === local ? utc : null;
}

function dayMatches(spec: CronSpec, dayNumber: number): boolean {
  const d = new Date(dayNumber * DAY);
  const month = d.getUTCMonth() + 1;
  if (!spec.months.has(month)) return false;
  const day = d.getUTCDate();
  const weekday = d.getUTCDay();
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate();
  const domMatch = spec.days.has(day) || (spec.lastDay && day === daysInMonth);
  const dowMatch = spec.weekdays.has(weekday) || (spec.lastWeekdays.has(weekday) && day + 7 > daysInMonth);
  if (spec.domStar && spec.dowStar) return true;
  if (spec.domStar) return dowMatch;
  if (spec.dowStar) return domMatch;
  return domMatch || dowMatch;
}

/** The first fire time strictly after `after`, or null if none within 9 years. */
export function nextCronTime(spec: CronSpec, tz: TimeZone, after: number): number | null {
  const localAfter = after + tz.offsetMinutes(after) * MINUTE;
  let dn = Math.floor(localAfter / DAY);
  for (let i = 0; i < MAX_DAYS; i++, dn++) {
    if (!dayMatches(spec, dn)) continue;
    for (const h of spec.hours) {
      // Whole hours well before `after` cannot fire (offsets move by at most a few hours).
      if (dn * DAY + (h + 1) * HOUR < localAfter - 4 * HOUR) continue;
      for (const m of spec.minutes) {
        const utc = toUtc(tz, dn * DAY + h * HOUR + m * MINUTE);
        if (utc !== null && utc > after) return utc;
      }
    }
  }
  return null;
}

/** The last fire time in `(after, atOrBefore]`, or null. */
export function prevCronTime(spec: CronSpec, tz: TimeZone, atOrBefore: number, after: number): number | null {
  if (atOrBefore <= after) return null;
  const localTop = atOrBefore + tz.offsetMinutes(atOrBefore) * MINUTE;
  const localBottom = after + tz.offsetMinutes(after) * MINUTE;
  const lastDay = Math.floor(localBottom / DAY) - 1;
  let dn = Math.floor(localTop / DAY);
  for (let i = 0; i < MAX_DAYS && dn >= lastDay; i++, dn--) {
    if (!dayMatches(spec, dn)) continue;
    for (let hi = spec.hours.length - 1; hi >= 0; hi--) {
      const h = spec.hours[hi]!;
      if (dn * DAY + h * HOUR > localTop + 4 * HOUR) continue;
      for (let mi = spec.minutes.length - 1; mi >= 0; mi--) {
        const utc = toUtc(tz, dn * DAY + h * HOUR + spec.minutes[mi]! * MINUTE);
        if (utc === null || utc > atOrBefore) continue;
        return utc > after ? utc : null;
      }
    }
  }
  return null;
}
