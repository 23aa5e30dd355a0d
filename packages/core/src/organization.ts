import type { Command, CommandType } from './commands.ts';
import { errors, type SnowflakeError } from './errors.ts';
import type { Event, LogEntry } from './events.ts';
import { Account, type AccountInfo, type Edition } from './account.ts';
import type { AccountState } from './state.ts';
import { decide } from './decide/index.ts';
import type { Actor, CoreOptions, Decision } from './decide/context.ts';
import { createIdSource, type IdSource } from './util/ids.ts';
import { parseDuration } from './util/duration.ts';
import { sha256Hex } from './util/sha256.ts';
import { installReplicationScheduler } from './replication/install.ts';

/** Facts about the organization itself (not any account's log): kept so a run can be replayed. */
export type OrgEvent =
  | { readonly type: 'AccountAdded'; readonly at: number; readonly info: AccountInfo }
  | { readonly type: 'ClockAdvanced'; readonly at: number; readonly by: number }
  | { readonly type: 'AvailabilityChanged'; readonly at: number; readonly account: string; readonly available: boolean };

export interface AccountSpec {
  readonly name: string;
  readonly region?: string;
  readonly edition?: Edition;
  readonly locator?: string;
  /** Creates this user holding ACCOUNTADMIN (the account's first administrator). */
  readonly admin?: string;
}

export interface OrganizationOptions {
  /** Organization name, upper-cased. Default `MYORG`. */
  readonly name?: string;
  /** Seed of the id source: same seed + same inputs give byte-identical logs. Default 1. */
  readonly seed?: number;
  /** Start of the simulated clock, epoch ms (or a Date). Default 2026-01-01T00:00:00Z. */
  readonly now?: number | Date;
  /** Accounts to create; each gets the system roles. */
  readonly accounts?: readonly AccountSpec[];
  readonly options?: Partial<CoreOptions>;
}

export const DEFAULT_CORE_OPTIONS: CoreOptions = {
  syncPasswordDefault: false,
  readOnlyReplicaError: errors.readOnlyReplica,
};

/** Called after every append, in order: persistence and listeners hang here. */
export type AppendListener = (account: Account, entries: readonly LogEntry[]) => void;

/** Runs when the clock moves from `from` to `to` (scheduled refreshes, expiry). */
export type Ticker = (org: Organization, from: number, to: number) => void;

/**
 * Runs commands that need more than one account (replication: groups and connections) in place
 * of decide-then-append; registered with `handleCommands`.
 */
export type CommandHandler = (org: Organization, account: Account, command: Command, actor: Actor) => ExecuteResult | SnowflakeError;

/** Called after an account's availability changes (an outage starts or ends). */
export type AvailabilityListener = (org: Organization, account: Account, available: boolean) => void;

export interface ExecuteResult {
  readonly decision: Decision;
  readonly entries: readonly LogEntry[];
}

/**
 * An organization: its accounts, one simulated clock and one seeded id source. Every write to an
 * account goes through `execute` (decide, then append) or `appendEvents` (replication).
 */
export class Organization {
  readonly name: string;
  readonly seed: number;
  readonly options: CoreOptions;
  readonly ids: IdSource;
  readonly journal: OrgEvent[] = [];
  #now: number;
  #accounts = new Map<string, Account>();
  #accountList: readonly Account[] | undefined;
  #available = new Map<string, boolean>();
  #listeners = new Set<AppendListener>();
  #tickers: Ticker[] = [];
  #handlers = new Map<CommandType, CommandHandler>();
  #availabilityListeners: AvailabilityListener[] = [];

  constructor(opts: OrganizationOptions = {}) {
    this.name = (opts.name ?? 'MYORG').toUpperCase();
    this.seed = opts.seed ?? 1;
    this.#now = opts.now instanceof Date ? opts.now.getTime() : (opts.now ?? Date.UTC(2026, 0, 1));
    this.options = { ...DEFAULT_CORE_OPTIONS, ...opts.options };
    this.ids = createIdSource(this.seed);
    installReplicationScheduler(this);
    for (const spec of opts.accounts ?? []) this.addAccount(spec);
  }

  /** The simulated clock, epoch ms. */
  get now(): number {
    return this.#now;
  }

  /** The accounts, in the order they were added (one array until an account is added). */
  get accounts(): readonly Account[] {
    return (this.#accountList ??= [...this.#accounts.values()]);
  }

  /** Looks an account up by name, case-insensitively (`account1`, `MYORG.ACCOUNT1`). */
  account(name: string): Account | undefined {
    const upper = name.toUpperCase();
    const bare = upper.startsWith(`${this.name}.`) ? upper.slice(this.name.length + 1) : upper;
    return this.#accounts.get(bare);
  }

  /** Adds an account with its system roles. Locators are derived from the name, deterministically. */
  addAccount(spec: AccountSpec): Account {
    const name = spec.name.toUpperCase();
    if (this.#accounts.has(name)) throw new Error(`Account ${name} already exists in ${this.name}`);
    const info: AccountInfo = {
      org: this.name,
      name,
      locator: spec.locator ?? `SG${parseInt(sha256Hex(`${this.name}.${name}`).slice(0, 8), 16).toString(36).toUpperCase().slice(0, 6)}`,
      region: spec.region ?? 'AWS_US_WEST_2',
      edition: spec.edition ?? 'BUSINESS_CRITICAL',
    };
    const account = this.restoreAccount(info, [], { fresh: true });
    if (spec.admin) {
      const actor = { role: 'ACCOUNTADMIN' } as const;
      const user = spec.admin.toUpperCase();
      for (const command of [
        { type: 'CreateUser', name: user, props: { defaultRole: 'ACCOUNTADMIN' } },
        { type: 'GrantRole', role: { name: 'ACCOUNTADMIN' }, to: { kind: 'USER', ref: { name: user } } },
      ] as const) {
        const r = this.execute(name, command, actor);
        if ('type' in r) throw new Error(r.message);
      }
    }
    return account;
  }

  /**
   * @internal Installs an account with an existing log (import, persistence). `state`, when
   * given, must be the fold of `log` (a published state of another account with the same log:
   * states never change once published, so it can be shared); otherwise the log is folded.
   */
  restoreAccount(info: AccountInfo, log: LogEntry[], opts: { readonly fresh?: boolean; readonly state?: AccountState } = {}): Account {
    const fresh = opts.fresh ?? false;
    const account = new Account(info, log, opts.state);
    this.#accounts.set(info.name, account);
    this.#accountList = undefined;
    this.#available.set(info.name, true);
    this.journal.push({ type: 'AccountAdded', at: this.#now, info });
    if (fresh) this.appendEvents(account, [{ type: 'AccountCreated', org: info.org, name: info.name, at: this.#now }]);
    return account;
  }

  isAvailable(account: string): boolean {
    return this.#available.get(this.account(account)?.name ?? '') ?? false;
  }

  /** Simulates an outage (false) or recovery (true) of one account. */
  setAvailable(account: string, available: boolean): void {
    const a = this.requireAccount(account);
    this.#available.set(a.name, available);
    this.journal.push({ type: 'AvailabilityChanged', at: this.#now, account: a.name, available });
    for (const l of this.#availabilityListeners) l(this, a, available);
  }

  /** Registers work to run after an account's availability changes (replication settles failovers). */
  onAvailabilityChange(listener: AvailabilityListener): void {
    this.#availabilityListeners.push(listener);
  }

  /** Routes commands of these types to `handler` instead of one account's decide (replication). */
  handleCommands(types: readonly CommandType[], handler: CommandHandler): void {
    for (const t of types) this.#handlers.set(t, handler);
  }

  /** Moves the clock forward ('10 minutes', '183 days', or ms) and runs what comes due. */
  advance(by: string | number): void {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    if (typeof ms !== 'number') throw new Error(ms.message);
    if (ms < 0) throw new Error('The simulated clock only moves forward.');
    const from = this.#now;
    this.#now = from + ms;
    this.journal.push({ type: 'ClockAdvanced', at: from, by: ms });
    for (const t of this.#tickers) t(this, from, this.#now);
  }

  /** Registers work that runs as the clock advances (e.g. replication schedules). */
  addTicker(ticker: Ticker): void {
    this.#tickers.push(ticker);
  }

  subscribe(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs one command in one account as `actor`: decide, then append the events in one batch.
   * An unavailable account refuses, as a network failure would.
   */
  execute(account: string, command: Command, actor: Actor): ExecuteResult | SnowflakeError {
    const a = this.account(account);
    if (!a) return errors.doesNotExist('ACCOUNT', account.toUpperCase());
    if (!this.isAvailable(a.name)) return errors.accountUnavailable(this.hostOf(a));
    const handler = this.#handlers.get(command.type);
    if (handler) return handler(this, a, command, actor);
    const decision = decide(command, a.state, {
      now: this.#now,
      ids: this.ids,
      actor,
      account: { org: a.info.org, name: a.info.name, locator: a.info.locator },
      options: this.options,
    });
    if ('type' in decision) return decision;
    const entries = this.appendEvents(a, decision.events);
    return { decision, entries };
  }

  /** Appends already-decided events (replication, imports) and notifies listeners. */
  appendEvents(account: Account, events: readonly Event[]): readonly LogEntry[] {
    const entries = account.append(events, this.#now);
    if (entries.length) for (const l of this.#listeners) l(account, entries);
    return entries;
  }

  /** `myorg-account1.snowflakecomputing.com`, the account URL host. */
  hostOf(account: Account): string {
    return `${this.name}-${account.name}.snowflakecomputing.com`.toLowerCase();
  }

  requireAccount(name: string): Account {
    const a = this.account(name);
    if (!a) throw new Error(`No account ${name} in organization ${this.name}`);
    return a;
  }
}

/** Creates an organization: `createOrganization({ name: 'MYORG', seed: 1, accounts: [{ name: 'ACCOUNT1' }] })`. */
export function createOrganization(opts: OrganizationOptions = {}): Organization {
  return new Organization(opts);
}
