import { Account, type AccountInfo } from './account.ts';
import { EVENT_SCHEMA_VERSION, type Event, type LogEntry } from './events.ts';
import type { Organization } from './organization.ts';

/** The header line of an exported account log. */
export interface LogHeader {
  readonly format: 'snowglobe-log';
  /** Format version of the JSONL container. */
  readonly version: 1;
  /** Schema version of every event type in the file. */
  readonly eventSchema: number;
  readonly account: AccountInfo;
}

export const LOG_FORMAT_VERSION = 1;

/** Exports an account's log as JSON Lines: a header line, then one `{seq, at, event}` per line. */
export function exportLog(account: Account): string {
  const header: LogHeader = { format: 'snowglobe-log', version: LOG_FORMAT_VERSION, eventSchema: EVENT_SCHEMA_VERSION, account: account.info };
  const lines = [JSON.stringify(header)];
  for (const entry of account.log) lines.push(JSON.stringify(entry));
  return lines.join('\n') + '\n';
}

export class LogFormatError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses an exported log. Checks the header, JSON of every line and contiguous seqs; the events
 * themselves are trusted to be what `exportLog` wrote (evolve is total on such logs).
 */
export function parseLog(text: string): { header: LogHeader; entries: LogEntry[] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new LogFormatError('empty file: no header', 1);
  let header: unknown;
  try {
    header = JSON.parse(lines[0]!);
  } catch {
    throw new LogFormatError('header is not JSON', 1);
  }
  if (!isObject(header) || header.format !== 'snowglobe-log') throw new LogFormatError('not a snowglobe log (format field)', 1);
  if (header.version !== LOG_FORMAT_VERSION) throw new LogFormatError(`unsupported format version ${String(header.version)}`, 1);
  if (header.eventSchema !== EVENT_SCHEMA_VERSION) throw new LogFormatError(`unsupported event schema ${String(header.eventSchema)}`, 1);
  const entries: LogEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines[i]!);
    } catch {
      throw new LogFormatError('not JSON', i + 1);
    }
    if (!isObject(parsed) || typeof parsed.seq !== 'number' || typeof parsed.at !== 'number' || !isObject(parsed.event) || typeof parsed.event.type !== 'string') {
      throw new LogFormatError('not a log entry {seq, at, event}', i + 1);
    }
    const expected = entries.length === 0 ? parsed.seq : entries[entries.length - 1]!.seq + 1;
    if (entries.length > 0 && parsed.seq !== expected) throw new LogFormatError(`seq ${parsed.seq} follows ${expected - 1}`, i + 1);
    entries.push({ seq: parsed.seq, at: parsed.at, event: parsed.event as unknown as Event });
  }
  return { header: header as unknown as LogHeader, entries };
}

/** Imports an exported log into an organization: the account's state is replayed through evolve. */
export function importLog(org: Organization, text: string): Account {
  const { header, entries } = parseLog(text);
  return org.restoreAccount(header.account, entries);
}
