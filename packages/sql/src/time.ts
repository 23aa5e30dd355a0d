/**
 * Timestamps in SQL text: the forms Snowflake's AUTO timestamp detection accepts that runbooks
 * use (`'2025-09-30 12:30:00'`, ISO 8601 with `T` and a zone, RFC 2822 `'Tue, 30 Sep 2025 12:30:00
 * -0700'`, epoch seconds). A timestamp without a zone is read in UTC, the simulator's session time
 * zone. Also `Timestamp 'x' is not recognized`, Snowflake's error for anything else.
 */
import { snowflakeError, type SnowflakeError } from '@snowglobe/core';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds for a timestamp text, or null if it is not one. */
export function parseTimestamp(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,11}$/.test(t)) return Number(t) * 1000;
  const m = ISO.exec(t);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const ms = Number((frac ?? '0').padEnd(3, '0').slice(0, 3));
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
    if (Number.isNaN(utc) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h ?? 0) > 23) return null;
    let offset = 0;
    if (zone && zone.toUpperCase() !== 'Z') {
      const z = zone.replace(':', '');
      const sign = z.startsWith('-') ? -1 : 1;
      offset = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
    }
    return utc - offset;
  }
  // RFC 2822 (`Tue, 30 Sep 2025 12:30:00 -0700`), which Snowflake also detects.
  if (/^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s+[+-]\d{4}$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** 100035 (22007): `Timestamp 'x' is not recognized`. */
export function timestampNotRecognized(text: string): SnowflakeError {
  return snowflakeError('InvalidValue', '100035', '22007', `Timestamp '${text}' is not recognized`);
}
