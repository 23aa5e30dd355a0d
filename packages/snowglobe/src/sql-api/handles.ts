/**
 * Statement handles and the results a client can fetch again with
 * `GET /api/v2/statements/{handle}`. Handles come from a counter, never from `Math.random`, so a
 * seeded run answers with the same handles every time.
 */
import { sqlApiError } from './reply.ts';
import type { SqlApiError, SqlApiReply } from './reply.ts';
import { statementStatusUrl } from './response.ts';

const MAX_COUNTER = 2 ** 52;

/**
 * A UUID-shaped handle like Snowflake's (`01b2c3d4-0000-...`) from a counter: `01`, four hex digits
 * of `namespace` (to keep accounts or servers apart), then the counter in 26 hex digits.
 * Counter 1 in namespace 0 is `01000000-0000-0000-0000-000000000001`.
 */
export function formatStatementHandle(counter: number, namespace = 0): string {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= MAX_COUNTER) {
    throw new RangeError(`statement handle counter out of range: ${counter}`);
  }
  if (!Number.isInteger(namespace) || namespace < 0 || namespace > 0xffff) {
    throw new RangeError(`statement handle namespace out of range: ${namespace}`);
  }
  const hex = `01${namespace.toString(16).padStart(4, '0')}${counter.toString(16).padStart(26, '0')}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A source of fresh handles: 1, 2, 3, … (or from `start`) formatted by {@link formatStatementHandle}. */
export function createHandleSource(options: { readonly namespace?: number; readonly start?: number } = {}): () => string {
  let next = options.start ?? 1;
  const namespace = options.namespace ?? 0;
  formatStatementHandle(next, namespace); // fail at creation, not at the first request
  return () => formatStatementHandle(next++, namespace);
}

/**
 * Recent statement results by handle, bounded, least recently used evicted first. What is stored
 * is the reply the POST gave (200, 422 or a multi-statement parent) so a GET answers the same.
 */
export class StatementResultCache {
  private readonly entries = new Map<string, SqlApiReply>();

  constructor(
    /** The most results kept. */
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`);
  }

  /** Stores (or replaces) the result of `handle`, evicting the least recently used beyond capacity. */
  set(handle: string, reply: SqlApiReply): void {
    this.entries.delete(handle);
    this.entries.set(handle, reply);
    while (this.entries.size > this.capacity) {
      // A Map iterates in insertion order, and get() re-inserts, so the first key is the LRU one.
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  /** The result of `handle`, marking it recently used; undefined when unknown or evicted. */
  get(handle: string): SqlApiReply | undefined {
    const reply = this.entries.get(handle);
    if (reply !== undefined) {
      this.entries.delete(handle);
      this.entries.set(handle, reply);
    }
    return reply;
  }

  has(handle: string): boolean {
    return this.entries.has(handle);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Handles from least to most recently used. */
  handles(): string[] {
    return [...this.entries.keys()];
  }
}

/**
 * The answer for a handle the server does not know (never issued, or evicted). A live account
 * answered 400 with code `000709` (recorded); the docs' cancel example shows 422 with the same code
 * and `Statement <h> not found` / `02000`. We follow the recording for the status and the docs for
 * the body.
 */
export function unknownHandleError(handle: string, options: { readonly basePath?: string } = {}): SqlApiError {
  return sqlApiError(400, {
    code: '000709',
    sqlState: '02000',
    message: `Statement ${handle} not found`,
    statementHandle: handle,
    statementStatusUrl: statementStatusUrl(handle, undefined, options.basePath),
  });
}

/**
 * The answer for `?partition=N` beyond the result's partitions: 400, code `391922` (recorded).
 * UNCONFIRMED: the message text.
 */
export function partitionOutOfRange(handle: string, partition: string): SqlApiError {
  return sqlApiError(400, {
    code: '391922',
    message: `Partition ${partition} is out of range for statement ${handle}.`,
    statementHandle: handle,
  });
}

/**
 * `GET /api/v2/statements/{handle}[?partition=N]`: the stored reply, or the unknown-handle error.
 * Every stored result has exactly one partition (0), which is the whole body.
 */
export function getStatementResult(
  cache: StatementResultCache,
  handle: string,
  options: { readonly partition?: string | null; readonly basePath?: string } = {},
): SqlApiReply {
  const reply = cache.get(handle);
  if (reply === undefined) return unknownHandleError(handle, options.basePath === undefined ? {} : { basePath: options.basePath });
  const partition = options.partition;
  if (partition !== undefined && partition !== null && partition !== '' && partition.trim() !== '0') {
    return partitionOutOfRange(handle, partition);
  }
  return reply;
}
