import type { Event, LogEntry } from './events.ts';
import type { AccountState } from './state.ts';
import { initialState } from './state.ts';
import { applyEvents, foldLog } from './evolve/index.ts';

export type Edition = 'STANDARD' | 'ENTERPRISE' | 'BUSINESS_CRITICAL' | 'VIRTUAL_PRIVATE_SNOWFLAKE';

/** What identifies an account in its organization (SHOW REPLICATION ACCOUNTS). */
export interface AccountInfo {
  readonly org: string;
  readonly name: string;
  readonly locator: string;
  /** Snowflake region id, e.g. `AWS_US_WEST_2`. */
  readonly region: string;
  readonly edition: Edition;
}

/**
 * One account: an append-only log and the live state, which always equals the fold of the log
 * (a property test keeps the two equal). Only the organization appends.
 */
export class Account {
  readonly info: AccountInfo;
  #log: LogEntry[];
  #state: AccountState;

  constructor(info: AccountInfo, log: LogEntry[] = [], state?: AccountState) {
    this.info = info;
    this.#log = log;
    this.#state = state ?? (log.length ? foldLog(log) : initialState());
  }

  get name(): string {
    return this.info.name;
  }

  /** The live state. Immutable: every append publishes a new version. */
  get state(): AccountState {
    return this.#state;
  }

  /** The log, oldest first. Read-only view; entries are never changed once appended. */
  get log(): readonly LogEntry[] {
    return this.#log;
  }

  /** The seq of the last entry, 0 when the log is empty. */
  get seq(): number {
    return this.#log.length === 0 ? 0 : this.#log[this.#log.length - 1]!.seq;
  }

  /**
   * Appends events, all stamped `at`, and applies them in ONE immer `produce`.
   * @internal The organization calls this after `decide` accepted a command.
   */
  append(events: readonly Event[], at: number): readonly LogEntry[] {
    if (events.length === 0) return [];
    const next = applyEvents(this.#state, events);
    let seq = this.seq;
    const entries = events.map((event) => ({ seq: ++seq, at, event }));
    for (const e of entries) this.#log.push(e);
    this.#state = next;
    return entries;
  }
}
