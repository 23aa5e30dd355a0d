/**
 * An organization whose account logs live in a data directory (`snowglobe serve --data DIR`).
 *
 * Layout of DIR:
 * - `<ACCOUNT>.jsonl` — one per account, written by {@link LogStore}. The header is core's
 *   `exportLog` header (`format`, `version`, `eventSchema`, `account: AccountInfo`), so each file
 *   is also a valid exported log (`importLog`, `snowglobe replay DIR/ACCOUNT1.jsonl`).
 * - `snowglobe.json` — the marker `{ format: 'snowglobe-data', version: 1, org, seed, accounts }`,
 *   written once the organization's creation (bootstrap and `--init`) is durable. A directory
 *   with logs but no marker holds an interrupted creation that was never served: it is discarded
 *   and created again.
 * - `clock.json` — `{ now }`, rewritten whenever the simulated clock moves, because a clock
 *   advance that appends nothing (token expiry is computed from the clock) would otherwise be
 *   lost on restart.
 *
 * Ids after a restart: the organization's id source is seeded with {@link restartSeed}`(seed,
 * total log length)`. Ids are drawn only by commands whose events are appended, so every restart
 * point has a different total and hence a different stream; ids are 126-bit random strings, so
 * two streams colliding is negligible. The cost: a restarted run does not draw the same ids as an
 * uninterrupted one (logs stay deterministic for a given sequence of inputs and restarts).
 *
 * Not persisted: outages (every account is available after a restart) and the organization
 * journal (`org.journal`), which only records what the logs and the clock file already hold.
 */
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { createOrganization, EVENT_SCHEMA_VERSION, sha256Hex } from '@snowglobe/core';
import type { AccountInfo, Edition, Event, LogEntry, Organization } from '@snowglobe/core';
import { LogStore } from './log-store.ts';
import type { LoadProgress, LogWarning, TornTailWarning } from './log-store.ts';
import { AckBarrier } from './ack-barrier.ts';
import { readJson, removeFile, writeJsonAtomic } from './atomic-file.ts';

export const DATA_MARKER_FILE = 'snowglobe.json';
export const CLOCK_FILE = 'clock.json';
export const DATA_FORMAT = 'snowglobe-data';

/** The marker of an initialised data directory. */
export interface DataMarker {
  readonly format: typeof DATA_FORMAT;
  readonly version: 1;
  readonly org: string;
  /** The seed the organization was created with; restarts derive theirs from it. */
  readonly seed: number;
  /** Account names in creation order (the first is the one requests reach by default). */
  readonly accounts: readonly string[];
}

export interface DurableOrganizationOptions {
  /** The data directory; created if missing. */
  readonly dir: string;
  /** Organization name for a fresh directory. */
  readonly orgName: string;
  /** Seed for a fresh directory. A restart uses the marker's seed (and says so if they differ). */
  readonly seed: number;
  /**
   * Fills a fresh organization (bootstrap, init script). Runs with persistence attached, so
   * everything it writes is logged; it throws to abort startup (the directory stays unmarked and
   * is discarded at the next start).
   */
  readonly create: (org: Organization) => void | Promise<void>;
  /** Called for recoverable damage (a torn last line that was cut) and other notices. */
  readonly onWarning?: (message: string, warning?: LogWarning) => void;
  /** Progress of reading the logs back. */
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** What {@link openDurableOrganization} found and built. */
export interface DurableOrganization {
  readonly org: Organization;
  readonly dir: string;
  readonly store: LogStore<Event>;
  /** Await before acknowledging anything (see {@link AckBarrier}). */
  readonly barrier: AckBarrier;
  /** True when the organization was replayed from existing logs. */
  readonly restored: boolean;
  /** Torn last lines found and cut while loading. */
  readonly tornTails: readonly TornTailWarning[];
  /** Entries replayed at startup. */
  readonly replayedEntries: number;
  /** Waits for pending writes and closes the files. */
  close(): Promise<void>;
  /** Closes, deletes every file of the directory it owns, and creates the organization afresh. */
  reset(): Promise<DurableOrganization>;
}

/**
 * The seed of a restarted organization's id source: a 32-bit mix of the original seed and the
 * number of entries already logged, so a restart never replays the id stream that produced them.
 */
export function restartSeed(seed: number, totalEntries: number): number {
  if (totalEntries === 0) return seed;
  return parseInt(sha256Hex(`snowglobe-restart:${seed}:${totalEntries}`).slice(0, 8), 16);
}

const EDITIONS: readonly Edition[] = ['STANDARD', 'ENTERPRISE', 'BUSINESS_CRITICAL', 'VIRTUAL_PRIVATE_SNOWFLAKE'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The `AccountInfo` a header carries, or null when it holds only a name (or a malformed object). */
export function accountInfoOf(field: unknown): AccountInfo | null {
  if (!isRecord(field)) return null;
  const { org, name, locator, region, edition } = field;
  if (typeof org !== 'string' || typeof name !== 'string' || typeof locator !== 'string' || typeof region !== 'string') return null;
  if (typeof edition !== 'string' || !(EDITIONS as readonly string[]).includes(edition)) return null;
  return { org, name, locator, region, edition: edition as Edition };
}

function parseMarker(value: unknown): DataMarker | string {
  if (!isRecord(value)) return 'not a JSON object';
  if (value.format !== DATA_FORMAT || value.version !== 1) return `not a ${DATA_FORMAT} version 1 marker`;
  if (typeof value.org !== 'string' || typeof value.seed !== 'number' || !Array.isArray(value.accounts)) return 'missing org, seed or accounts';
  const accounts = value.accounts.filter((a): a is string => typeof a === 'string');
  return { format: DATA_FORMAT, version: 1, org: value.org, seed: value.seed, accounts };
}

/** Opens (restoring) or creates the durable organization of `options.dir`. */
export async function openDurableOrganization(options: DurableOrganizationOptions): Promise<DurableOrganization> {
  const { dir } = options;
  const warn = options.onWarning ?? (() => {});
  const tornTails: TornTailWarning[] = [];
  let current: Organization | null = null;
  const store = await LogStore.open<Event>(dir, {
    onWarning: (w) => {
      tornTails.push(w);
      warn(w.message, w);
    },
    // Core's exportLog header, so each data file doubles as an exported log.
    headerFor: (name) => {
      const info = current?.account(name)?.info;
      return { eventSchema: EVENT_SCHEMA_VERSION, account: info ?? { name } };
    },
  });
  const markerPath = join(dir, DATA_MARKER_FILE);
  const clockPath = join(dir, CLOCK_FILE);
  const barrier = new AckBarrier();

  const attach = (org: Organization): (() => void) => {
    current = org;
    const unsubscribe = org.subscribe((account, entries) => {
      barrier.track(account.name, store.append(account.name, entries as readonly LogEntry[]));
    });
    // Clock writes are chained so the file always ends with the latest reading.
    let clockChain: Promise<void> = Promise.resolve();
    org.addTicker((_org, _from, to) => {
      clockChain = clockChain.then(() => writeJsonAtomic(clockPath, { now: to }));
      barrier.track('clock', clockChain);
    });
    return unsubscribe;
  };

  const wipe = async (): Promise<void> => {
    for (const name of await readdir(dir)) {
      if (name.endsWith('.jsonl')) await removeFile(join(dir, name));
    }
    await removeFile(clockPath);
    await removeFile(markerPath);
  };

  const build = (org: Organization, restored: boolean, replayedEntries: number, unsubscribe: () => void): DurableOrganization => ({
    org,
    dir,
    store,
    barrier,
    restored,
    tornTails,
    replayedEntries,
    async close() {
      await barrier.wait().catch(() => {});
      unsubscribe();
      await store.close();
    },
    async reset() {
      await this.close();
      await wipe();
      return openDurableOrganization(options);
    },
  });

  const rawMarker = await readJson(markerPath);
  if (rawMarker instanceof Error) throw rawMarker;
  const marker = rawMarker === null ? null : parseMarker(rawMarker);
  if (typeof marker === 'string') throw new Error(`${markerPath}: ${marker}; refusing to touch this directory.`);

  if (marker !== null) {
    const logs = await store.load(options.onProgress === undefined ? {} : { onProgress: options.onProgress });
    if (logs.size > 0) {
      if (marker.seed !== options.seed) warn(`${dir} was created with seed ${marker.seed}; using it rather than ${options.seed}.`);
      let total = 0;
      let lastAt = Number.NEGATIVE_INFINITY;
      for (const entries of logs.values()) {
        total += entries.length;
        const last = entries[entries.length - 1];
        if (last !== undefined) lastAt = Math.max(lastAt, last.at);
      }
      const clock = await readJson(clockPath);
      const clockNow = isRecord(clock) && typeof clock.now === 'number' ? clock.now : Number.NEGATIVE_INFINITY;
      const now = Math.max(lastAt, clockNow);
      const org = createOrganization({
        name: marker.org,
        seed: restartSeed(marker.seed, total),
        ...(Number.isFinite(now) && { now }),
      });
      // Marker order first (the first account is the default target), then any account added
      // later, by name.
      const names = [...marker.accounts.filter((n) => logs.has(n)), ...[...logs.keys()].filter((n) => !marker.accounts.includes(n)).sort()];
      for (const name of names) {
        const entries = logs.get(name) ?? [];
        let info = accountInfoOf(store.headerOf(name)?.account);
        if (info === null) {
          warn(`${store.pathOf(name)}: the header does not describe the account; assuming defaults for its locator, region and edition.`);
          info = { org: marker.org, name, locator: name, region: 'AWS_US_WEST_2', edition: 'BUSINESS_CRITICAL' };
        }
        org.restoreAccount(info, entries as LogEntry[]);
      }
      const unsubscribe = attach(org);
      return build(org, true, total, unsubscribe);
    }
    warn(`${dir} has a marker but no logs; creating the organization afresh.`);
  } else {
    const leftovers = (await readdir(dir)).filter((n) => n.endsWith('.jsonl'));
    if (leftovers.length > 0) {
      warn(`${dir} holds logs of an organization whose creation never finished (${leftovers.join(', ')}); discarding them.`);
      await wipe();
    }
  }

  // Fresh directory: create with persistence attached, make it durable, then mark it.
  const org = createOrganization({ name: options.orgName, seed: options.seed });
  const unsubscribe = attach(org);
  try {
    await options.create(org);
    await barrier.wait();
  } catch (e) {
    unsubscribe();
    await store.close().catch(() => {});
    throw e;
  }
  const newMarker: DataMarker = { format: DATA_FORMAT, version: 1, org: org.name, seed: options.seed, accounts: org.accounts.map((a) => a.name) };
  await writeJsonAtomic(markerPath, newMarker);
  return build(org, false, 0, unsubscribe);
}
