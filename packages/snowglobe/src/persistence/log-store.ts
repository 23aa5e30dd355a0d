/**
 * Durable per-account event logs: `<dir>/<ACCOUNT>.jsonl`, a header line then one log entry per
 * line. An append resolves only once its bytes are fsync'ed, so an acknowledged write survives a
 * crash; concurrent appends share fsyncs (group commit) so durability does not cost one disk flush
 * per request. A crash can only leave the LAST line torn (we only ever append), so `load` cuts a
 * torn tail and reports it, while damage anywhere else is corruption and refuses to load.
 */
import { join } from 'node:path';
import { nodeLogFs } from './fs.ts';
import type { LogFile, LogFs } from './fs.ts';

/** The minimum the store knows about an event: it is a JSON object with a string `type`. */
export interface StoredEvent {
  readonly type: string;
}

/** One line of an account log. `event` is opaque JSON to the store. */
export interface LogEntry<E extends StoredEvent = StoredEvent> {
  readonly seq: number;
  readonly at: number;
  readonly event: E;
}

/**
 * The first line of every log file. `account` is the account's name, or an object describing the
 * account whose `name` is that name (the server writes `@snowglobe/core`'s `AccountInfo` there, with
 * `eventSchema`, so a data file is also a valid `exportLog` file that `importLog` and
 * `snowglobe replay` read as is). Other fields are the writer's and are kept as they are.
 */
export interface LogHeader {
  readonly format: 'snowglobe-log';
  readonly version: 1;
  readonly account: string | { readonly name: string };
  readonly [field: string]: unknown;
}

export const LOG_FORMAT = 'snowglobe-log';
export const LOG_VERSION = 1;

/** Why a log operation failed. */
export type LogStoreErrorCode =
  /** A line other than the last one does not parse: the file was damaged, not torn by a crash. */
  | 'corrupt'
  /** The header line is missing or names another format, version or account. */
  | 'bad-header'
  /** Sequence numbers are not contiguous (in a file, or in entries handed to `append`). */
  | 'seq-gap'
  /** The account name cannot be a log file name. */
  | 'invalid-account'
  /** An entry handed to `append` cannot be encoded as one JSON line. */
  | 'invalid-entry'
  /** A write or fsync failed earlier; the file's tail is unknown, so the account stops accepting appends. */
  | 'failed'
  /** The store was closed. */
  | 'closed';

/**
 * A log store failure. Thrown (rejected) rather than returned because every one of them is fatal
 * for the operation that met it: a corrupt log must stop startup, a failed append must not be
 * acknowledged. `code` lets callers tell them apart without parsing the message.
 */
export class LogStoreError extends Error {
  override readonly name = 'LogStoreError';
  constructor(
    readonly code: LogStoreErrorCode,
    message: string,
    readonly file?: string,
    /** Byte offset of the offending line in `file`. */
    readonly offset?: number,
    /** 1-based line number of the offending line in `file` (the header is line 1). */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A torn last line was found and cut off. */
export interface TornTailWarning {
  readonly kind: 'torn-tail';
  readonly account: string;
  readonly file: string;
  /** Byte offset where the torn line started; the file now ends here. */
  readonly offset: number;
  /** 1-based line number of the torn line. */
  readonly line: number;
  /** How many bytes were cut. */
  readonly bytesCut: number;
  /** Why the line was judged torn. */
  readonly reason: string;
  /** A human sentence for logs and the CLI. */
  readonly message: string;
}

export type LogWarning = TornTailWarning;

export interface LogStoreOptions {
  /** Called for recoverable damage (a torn last line). Defaults to ignoring it. */
  readonly onWarning?: (warning: LogWarning) => void;
  /** The file-system layer; tests inject one to count fsyncs or fail writes. */
  readonly fs?: LogFs;
  /**
   * The seq every account log must start with. Undefined accepts any non-negative first seq and
   * checks only contiguity after it.
   */
  readonly firstSeq?: number;
  /**
   * Extra header fields for a new file of `account`, read when its header is written (the first
   * append). An `account` field here must be an object whose `name` is the account. Default: none.
   */
  readonly headerFor?: (account: string) => Readonly<Record<string, unknown>>;
}

/** Progress of `load`, for a progress line on long replays. */
export interface LoadProgress {
  readonly account: string;
  readonly file: string;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface LoadOptions {
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** Counters that make group commit observable (tests, the admin API). */
export interface LogStoreStats {
  /** `append` calls that resolved. */
  readonly appends: number;
  /** write calls issued (one per group commit batch). */
  readonly writes: number;
  /** fsync (datasync) calls issued. */
  readonly fsyncs: number;
}

// ---------------------------------------------------------------------------------------------
// Line encoding

/** Result of {@link encodeEntry}. */
export type EncodeResult = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly reason: string };

/** Result of {@link decodeLine}. */
export type DecodeResult<E extends StoredEvent = StoredEvent> =
  | { readonly ok: true; readonly entry: LogEntry<E> }
  | { readonly ok: false; readonly reason: string };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkEntryShape(x: unknown): string | null {
  if (!isPlainObject(x)) return 'not a JSON object';
  const { seq, at, event } = x;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return 'seq is not a non-negative integer';
  if (typeof at !== 'number' || !Number.isFinite(at)) return 'at is not a finite number';
  if (!isPlainObject(event)) return 'event is not a JSON object';
  if (typeof event.type !== 'string') return 'event.type is not a string';
  return null;
}

/**
 * Encodes one entry as a JSON line terminated by `\n`. Fails (as a value) on entries the decoder
 * would refuse or JSON cannot hold (bigint, cycles), so nothing unreadable ever reaches the disk.
 */
export function encodeEntry(entry: LogEntry): EncodeResult {
  const shape = checkEntryShape(entry);
  if (shape !== null) return { ok: false, reason: shape };
  let json: string;
  try {
    json = JSON.stringify({ seq: entry.seq, at: entry.at, event: entry.event });
  } catch (e) {
    return { ok: false, reason: `not serialisable as JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  // JSON.stringify escapes newlines inside strings, so the line cannot contain a raw '\n'.
  return { ok: true, line: `${json}\n` };
}

/**
 * Decodes one log line (with or without its trailing `\n`). The event is checked only for being an
 * object with a string `type`; its meaning belongs to the model, so `E` is the caller's assertion.
 */
export function decodeLine<E extends StoredEvent = StoredEvent>(line: string): DecodeResult<E> {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const shape = checkEntryShape(value);
  if (shape !== null) return { ok: false, reason: shape };
  return { ok: true, entry: value as unknown as LogEntry<E> };
}

/**
 * The header line (with `\n`) of an account log. `extra` fields follow `format` and `version`; an
 * `account` among them replaces the bare name (it must be an object naming the same account).
 */
export function encodeHeader(account: string, extra: Readonly<Record<string, unknown>> = {}): string {
  const field = extra.account === undefined ? account : extra.account;
  // Checked here so a file can never be written with a header its own reader would refuse.
  if (headerAccountName(field) !== account) throw new RangeError(`header field account does not name ${JSON.stringify(account)}`);
  const header: LogHeader = { format: LOG_FORMAT, version: LOG_VERSION, ...extra, account: field as LogHeader['account'] };
  return `${JSON.stringify(header)}\n`;
}

/** The account name a header's `account` field names: the string itself, or the object's `name`. */
function headerAccountName(field: unknown): unknown {
  return isPlainObject(field) ? field.name : field;
}

function checkHeader(value: unknown, account: string): string | null {
  if (!isPlainObject(value)) return 'not a JSON object';
  if (value.format !== LOG_FORMAT) return `format is ${JSON.stringify(value.format)}, expected "${LOG_FORMAT}"`;
  if (value.version !== LOG_VERSION) return `version ${JSON.stringify(value.version)} is not supported (expected ${LOG_VERSION})`;
  const named = headerAccountName(value.account);
  if (named !== account) return `header names account ${JSON.stringify(named)}, but the file is for ${JSON.stringify(account)}`;
  return null;
}

/**
 * Account names become file names, so only identifier characters are allowed: no path
 * separators, no dots, nothing a shell or another OS would read differently.
 */
const ACCOUNT_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

/** Whether `account` can name a log file. */
export function isValidAccountName(account: string): boolean {
  return ACCOUNT_NAME.test(account);
}

const FILE_SUFFIX = '.jsonl';
const NEWLINE = 0x0a;

// ---------------------------------------------------------------------------------------------
// The store

interface Pending {
  readonly entries: readonly LogEntry[];
  readonly lines: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** What is known about an account file's tail after reading it. */
interface Tail {
  /** The seq of the last entry, or null when the log has no entries. */
  lastSeq: number | null;
  /** Whether the file still needs its header line (it is missing or empty). */
  needsHeader: boolean;
  /** Whether the file did not exist (its directory entry must be synced after creation). */
  created: boolean;
}

interface Writer {
  readonly account: string;
  readonly path: string;
  readonly queue: Pending[];
  file: LogFile | null;
  tail: Tail | null;
  flushing: Promise<void> | null;
  failed: LogStoreError | null;
}

const encoder = new TextEncoder();

/**
 * Append-only JSONL logs, one file per account, with group commit. Create with
 * {@link LogStore.open}; call {@link LogStore.load} once at startup, then {@link LogStore.append}.
 *
 * `E` is the event type the caller stores; decoding checks only that an event is an object with a
 * string `type`, so loading as `E` is the caller's assertion that the files were written by it.
 */
export class LogStore<E extends StoredEvent = StoredEvent> {
  private readonly fs: LogFs;
  private readonly onWarning: (warning: LogWarning) => void;
  private readonly firstSeq: number | undefined;
  private readonly headerFor: (account: string) => Readonly<Record<string, unknown>>;
  private readonly headers = new Map<string, LogHeader>();
  private readonly writers = new Map<string, Writer>();
  private loading: Promise<unknown> | null = null;
  private closed = false;
  private counters = { appends: 0, writes: 0, fsyncs: 0 };

  private constructor(
    /** The directory holding the account logs. */
    readonly dir: string,
    options: LogStoreOptions,
  ) {
    this.fs = options.fs ?? nodeLogFs;
    this.onWarning = options.onWarning ?? (() => {});
    this.firstSeq = options.firstSeq;
    this.headerFor = options.headerFor ?? (() => ({}));
  }

  /** Opens (creating if needed) the log directory `dir`. Reads nothing yet. */
  static async open<E extends StoredEvent = StoredEvent>(dir: string, options: LogStoreOptions = {}): Promise<LogStore<E>> {
    const store = new LogStore<E>(dir, options);
    await store.fs.mkdir(dir);
    return store;
  }

  /** The path of an account's log file. */
  pathOf(account: string): string {
    return join(this.dir, `${account}${FILE_SUFFIX}`);
  }

  /** The header of `account`'s file as last read by `load` (or written since); undefined if none. */
  headerOf(account: string): LogHeader | undefined {
    return this.headers.get(account);
  }

  /** Group-commit counters since the store was opened. */
  stats(): LogStoreStats {
    return { ...this.counters };
  }

  /**
   * Reads every `<ACCOUNT>.jsonl` in the directory, in account-name order. A torn last line is
   * reported through `onWarning` and cut from the file so later appends start on a clean line.
   * Rejects with a {@link LogStoreError} on corruption (a bad line before the last, a bad header,
   * a seq gap). Waits for in-flight appends first, and appends issued meanwhile wait for it.
   */
  async load(options: LoadOptions = {}): Promise<Map<string, LogEntry<E>[]>> {
    this.assertOpen();
    const run = (async () => {
      await Promise.all([...this.writers.values()].map((w) => w.flushing));
      const names = (await this.fs.readdir(this.dir))
        .filter((n) => n.endsWith(FILE_SUFFIX))
        .map((n) => n.slice(0, -FILE_SUFFIX.length))
        .filter(isValidAccountName)
        .sort();
      const result = new Map<string, LogEntry<E>[]>();
      for (const account of names) {
        const { entries, tail } = await this.readAccount(account, options.onProgress);
        result.set(account, entries);
        const writer = this.writerFor(account);
        // A writer that already has an open file knows its tail better than a re-read could.
        if (writer.file === null) writer.tail = tail;
      }
      return result;
    })();
    this.loading = run;
    try {
      return await run;
    } finally {
      if (this.loading === run) this.loading = null;
    }
  }

  /**
   * Appends `entries` to `account`'s log and resolves once they are on disk (write + fsync).
   * Appends arriving while a write+fsync is in flight are batched into the next one (group
   * commit). Appends for one account reach the file in call order. Rejects without writing when
   * the entries cannot be encoded or do not continue the account's seq.
   */
  append(account: string, entries: readonly LogEntry<E>[]): Promise<void> {
    if (this.closed) return Promise.reject(new LogStoreError('closed', 'The log store is closed.'));
    if (!isValidAccountName(account)) {
      return Promise.reject(new LogStoreError('invalid-account', `Account name ${JSON.stringify(account)} cannot name a log file.`));
    }
    let lines = '';
    for (const entry of entries) {
      const encoded = encodeEntry(entry);
      if (!encoded.ok) {
        return Promise.reject(new LogStoreError('invalid-entry', `Cannot append seq ${String(entry.seq)} to ${account}: ${encoded.reason}.`));
      }
      lines += encoded.line;
    }
    if (entries.length === 0) return Promise.resolve();
    const writer = this.writerFor(account);
    return new Promise<void>((resolve, reject) => {
      // Enqueue synchronously: this is what makes "appends for one account are ordered" mean the
      // order of the calls, whatever the await interleaving afterwards.
      writer.queue.push({ entries, lines, resolve, reject });
      writer.flushing ??= this.flush(writer);
    });
  }

  /** Waits for pending appends, then closes every file. Later appends reject. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.writers.values()].map((w) => w.flushing));
    const files = [...this.writers.values()].map((w) => w.file);
    for (const w of this.writers.values()) w.file = null;
    await Promise.all(files.map((f) => f?.close()));
  }

  // -------------------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new LogStoreError('closed', 'The log store is closed.');
  }

  private writerFor(account: string): Writer {
    let writer = this.writers.get(account);
    if (writer === undefined) {
      writer = { account, path: this.pathOf(account), queue: [], file: null, tail: null, flushing: null, failed: null };
      this.writers.set(account, writer);
    }
    return writer;
  }

  /** The group-commit loop of one account: drain the queue in batches, one write+fsync each. */
  private async flush(w: Writer): Promise<void> {
    try {
      // Yield once so appends issued in the same tick as the first one join its batch.
      await Promise.resolve();
      if (this.loading !== null) await this.loading.catch(() => {});
      while (w.queue.length > 0) {
        const batch = w.queue.splice(0);
        if (w.failed !== null) {
          for (const p of batch) p.reject(w.failed);
          continue;
        }
        let file: LogFile;
        let tail: Tail;
        try {
          ({ file, tail } = await this.openWriter(w));
        } catch (e) {
          // Opening may fail on a corrupt file or a transient error; nothing was written, so the
          // account may try again on the next append.
          for (const p of batch) p.reject(e);
          continue;
        }
        const accepted: Pending[] = [];
        let header: string | null = null;
        if (tail.needsHeader) {
          try {
            header = encodeHeader(w.account, this.headerFor(w.account));
          } catch (e) {
            for (const p of batch) p.reject(new LogStoreError('invalid-entry', `Cannot write the header of ${w.account}: ${e instanceof Error ? e.message : String(e)}`, w.path, undefined, undefined, { cause: e }));
            continue;
          }
        }
        let text = header ?? '';
        let next = tail.lastSeq === null ? this.firstSeq ?? null : tail.lastSeq + 1;
        for (const p of batch) {
          const gap = checkContiguous(p.entries, next);
          if (gap !== null) {
            p.reject(new LogStoreError('seq-gap', `Cannot append to ${w.account}: ${gap}.`, w.path));
            continue;
          }
          accepted.push(p);
          text += p.lines;
          const last = p.entries[p.entries.length - 1];
          if (last !== undefined) next = last.seq + 1;
        }
        if (accepted.length === 0) continue;
        try {
          this.counters.writes++;
          await file.append(encoder.encode(text));
          this.counters.fsyncs++;
          await file.datasync();
          if (tail.created) {
            await this.fs.syncDir(this.dir);
            tail.created = false;
          }
        } catch (e) {
          // After a failed write or fsync the file may hold part of the batch, and the kernel may
          // have dropped the dirty pages (so a retried fsync would "succeed" on lost data). The
          // only safe answer is to refuse this account's appends until a restart re-reads the file.
          w.failed = new LogStoreError('failed', `Appending to ${w.path} failed: ${e instanceof Error ? e.message : String(e)}`, w.path, undefined, undefined, { cause: e });
          for (const p of accepted) p.reject(w.failed);
          continue;
        }
        tail.needsHeader = false;
        if (header !== null) this.headers.set(w.account, JSON.parse(header) as LogHeader);
        tail.lastSeq = next === null ? tail.lastSeq : next - 1;
        this.counters.appends += accepted.length;
        for (const p of accepted) p.resolve();
      }
    } finally {
      w.flushing = null;
    }
  }

  private async openWriter(w: Writer): Promise<{ file: LogFile; tail: Tail }> {
    // An account never loaded in this process is read first: its torn tail (if any) must be cut
    // before we append after it, and its last seq is needed to check contiguity.
    w.tail ??= (await this.readAccount(w.account)).tail;
    if (w.file === null) {
      w.file = await this.fs.openAppend(w.path);
      // The file can have been emptied by cutting a torn header; then it needs its header again.
      if ((await w.file.size()) === 0) w.tail.needsHeader = true;
    }
    return { file: w.file, tail: w.tail };
  }

  /** Reads and checks one account file, cutting a torn last line. */
  private async readAccount(
    account: string,
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<{ entries: LogEntry<E>[]; tail: Tail }> {
    const file = this.pathOf(account);
    const bytes = await this.fs.readFile(file);
    if (bytes === null) return { entries: [], tail: { lastSeq: null, needsHeader: true, created: true } };
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const entries: LogEntry<E>[] = [];
    let lastSeq: number | null = null;
    let sawHeader = false;
    let start = 0;
    let lineNo = 0;
    let lastReport = 0;
    const total = bytes.length;
    while (start < total) {
      lineNo++;
      const nl = bytes.indexOf(NEWLINE, start);
      const terminated = nl !== -1;
      const end = terminated ? nl : total;
      const isLast = !terminated || nl + 1 === total;
      const parsed = parseLine<E>(decoder, bytes.subarray(start, end), lineNo, account);
      if (!parsed.ok) {
        // Only a prefix of a line we wrote can be torn, and a prefix of a JSON object never
        // parses; so a last line that parses but is wrong (foreign header, bad shape) is damage
        // too, and cutting it could destroy a file that is not ours.
        if (isLast && parsed.torn) {
          this.cutTail(account, file, start, lineNo, total, parsed.reason);
          await this.fs.truncate(file, start);
          break;
        }
        throw new LogStoreError(
          parsed.code,
          `Log ${file} is corrupt: line ${lineNo} (byte offset ${start}) is ${parsed.reason}. ` +
            (isLast
              ? 'A crash can only leave a prefix of a line, so this is damage, not an interrupted write; '
              : 'Only the last line of a log can be torn by a crash, so this is damage, not an interrupted write; ') +
            'restore the file from a backup or remove the damaged part by hand.',
          file,
          start,
          lineNo,
        );
      }
      const { entry } = parsed;
      if (entry !== null) {
        const expected: number = lastSeq === null ? this.firstSeq ?? entry.seq : lastSeq + 1;
        if (entry.seq !== expected) {
          throw new LogStoreError(
            'seq-gap',
            `Log ${file} is corrupt: line ${lineNo} (byte offset ${start}) has seq ${entry.seq}, expected ${expected}. ` +
              'Entries are missing or duplicated.',
            file,
            start,
            lineNo,
          );
        }
      }
      if (!terminated) {
        // A complete-looking line without its '\n' was never acknowledged (we fsync the newline
        // with the line); keeping it would make the next append glue onto it.
        this.cutTail(account, file, start, lineNo, total, 'the last line has no terminating newline');
        await this.fs.truncate(file, start);
        break;
      }
      if (entry === null) {
        sawHeader = true;
        if (parsed.header !== undefined) this.headers.set(account, parsed.header);
      } else {
        lastSeq = entry.seq;
        entries.push(entry);
      }
      start = end + 1;
      if (onProgress !== undefined && start - lastReport >= 1 << 20) {
        lastReport = start;
        onProgress({ account, file, bytesDone: start, bytesTotal: total });
      }
    }
    onProgress?.({ account, file, bytesDone: total, bytesTotal: total });
    return { entries, tail: { lastSeq, needsHeader: !sawHeader, created: false } };
  }

  private cutTail(account: string, file: string, offset: number, line: number, total: number, reason: string): void {
    const bytesCut = total - offset;
    this.onWarning({
      kind: 'torn-tail',
      account,
      file,
      offset,
      line,
      bytesCut,
      reason,
      message: `${file}: cut a torn last line (line ${line}, byte offset ${offset}, ${bytesCut} bytes): ${reason}. It was never acknowledged.`,
    });
  }
}

type ParsedLine<E extends StoredEvent> =
  | { readonly ok: true; readonly entry: LogEntry<E> | null; readonly header?: LogHeader }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly code: LogStoreErrorCode;
      /** Whether the line looks like a prefix of a line we wrote (it does not even parse). */
      readonly torn: boolean;
    };

/** Parses line `lineNo` of `account`'s file: the header (entry null) or an entry. */
function parseLine<E extends StoredEvent>(
  decoder: { decode(bytes: Uint8Array): string },
  bytes: Uint8Array,
  lineNo: number,
  account: string,
): ParsedLine<E> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8', code: 'corrupt', torn: true };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${e instanceof Error ? e.message : String(e)})`, code: 'corrupt', torn: true };
  }
  if (lineNo === 1) {
    const bad = checkHeader(value, account);
    return bad === null ? { ok: true, entry: null, header: value as LogHeader } : { ok: false, reason: `a bad header (${bad})`, code: 'bad-header', torn: false };
  }
  const shape = checkEntryShape(value);
  return shape === null
    ? { ok: true, entry: value as unknown as LogEntry<E> }
    : { ok: false, reason: `not a log entry (${shape})`, code: 'corrupt', torn: false };
}

/** Null when `entries` are contiguous and start at `next` (any start when `next` is null). */
function checkContiguous(entries: readonly LogEntry[], next: number | null): string | null {
  let expected = next;
  for (const entry of entries) {
    if (expected !== null && entry.seq !== expected) return `entry has seq ${entry.seq}, expected ${expected}`;
    expected = entry.seq + 1;
  }
  return null;
}
