/**
 * The running simulator behind `snowglobe serve`: the organization (in memory, or durable with
 * `--data`), its SCIM handler, the SQL engine, and the acknowledgement barrier. `reset` swaps in
 * a freshly created organization, so every consumer reads `simulator.org` per request instead of
 * holding on to one.
 */
import { createOrganization, isSnowflakeError } from '@snowglobe/core';
import type { Account, Organization } from '@snowglobe/core';
import { bootstrapDefaultOrganization, DEFAULT_ADMIN_ROLE, DEFAULT_ADMIN_USER, DEFAULT_ORG_NAME, DEFAULT_SEED } from './default-org.ts';
import type { Engines, ScimFetch, SqlEngine, SqlOutcome } from './engines.ts';
import { openDurableOrganization } from './persistence/durable-org.ts';
import type { DurableOrganization } from './persistence/durable-org.ts';
import type { LoadProgress } from './persistence/log-store.ts';
import type { AckBarrier } from './persistence/ack-barrier.ts';
import type { OrgDirectory } from './routing/target.ts';
import { resolveConnectionAccount } from './connections.ts';

/** A SQL script to run on a fresh organization (`--init`). */
export interface InitScript {
  readonly text: string;
  /** Where it came from, for error messages. */
  readonly name: string;
}

export interface SimulatorOptions {
  /** Seed of the id source (default 1). */
  readonly seed?: number;
  /** Run on a freshly created organization, as ADMIN / ACCOUNTADMIN in its first account. */
  readonly init?: InitScript;
  /** Data directory: logs are persisted there and replayed on restart. */
  readonly data?: string;
  /** The SQL and SCIM layers. */
  readonly engines: Engines;
  /** Notices for the operator (torn lines cut, seeds, ...): one line each, for stderr. */
  readonly onWarning?: (message: string) => void;
  /** Progress of replaying logs at startup. */
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** Why the init script failed. */
export class InitScriptError extends Error {
  override readonly name = 'InitScriptError';
  constructor(
    message: string,
    readonly outcome: SqlOutcome,
  ) {
    super(message);
  }
}

/**
 * Runs `init` on `org` as the administrator of its first account, stopping at the first failing
 * statement (thrown: a half-initialised organization must not be served).
 */
export function runInitScript(org: Organization, sql: SqlEngine, init: InitScript): void {
  const first = org.accounts[0];
  if (first === undefined) throw new Error('The organization has no account to run the init script in.');
  const session = sql.createSession(org, { account: first.name, user: DEFAULT_ADMIN_USER, role: DEFAULT_ADMIN_ROLE });
  for (const statement of sql.split(init.text)) {
    for (const outcome of session.execute(statement)) {
      if (isSnowflakeError(outcome.result)) {
        throw new InitScriptError(`${init.name}: statement failed in ${outcome.account}: ${outcome.statement}\n${outcome.result.code} (${outcome.result.sqlState}): ${outcome.result.message}`, outcome);
      }
    }
  }
}

export class Simulator {
  #org: Organization;
  #durable: DurableOrganization | null;
  #scim: ScimFetch;
  readonly #options: SimulatorOptions;

  private constructor(options: SimulatorOptions, org: Organization, durable: DurableOrganization | null) {
    this.#options = options;
    this.#org = org;
    this.#durable = durable;
    this.#scim = options.engines.scim(org);
  }

  /** Creates the organization: restored from `data` when it holds one, else default (+ init). */
  static async create(options: SimulatorOptions): Promise<Simulator> {
    const { org, durable } = await Simulator.#build(options);
    return new Simulator(options, org, durable);
  }

  static async #build(options: SimulatorOptions): Promise<{ org: Organization; durable: DurableOrganization | null }> {
    const seed = options.seed ?? DEFAULT_SEED;
    const fill = (org: Organization): void => {
      bootstrapDefaultOrganization(org);
      if (options.init !== undefined) runInitScript(org, options.engines.sql, options.init);
    };
    if (options.data === undefined) {
      const org = createOrganization({ name: DEFAULT_ORG_NAME, seed });
      fill(org);
      return { org, durable: null };
    }
    const durable = await openDurableOrganization({
      dir: options.data,
      orgName: DEFAULT_ORG_NAME,
      seed,
      create: fill,
      ...(options.onWarning !== undefined && { onWarning: options.onWarning }),
      ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    });
    return { org: durable.org, durable };
  }

  /** The organization now (a reset replaces it). */
  get org(): Organization {
    return this.#org;
  }

  /** The SCIM handler of the current organization. */
  get scim(): ScimFetch {
    return this.#scim;
  }

  get sql(): SqlEngine {
    return this.#options.engines.sql;
  }

  /** The durable side, or null when running in memory. */
  get durable(): DurableOrganization | null {
    return this.#durable;
  }

  /** The barrier responses wait on; null in memory (nothing to wait for). */
  get barrier(): AckBarrier | null {
    return this.#durable?.barrier ?? null;
  }

  /** The names the router matches against. */
  directory(): OrgDirectory {
    const connections = new Set<string>();
    for (const account of this.#org.accounts) for (const c of account.state.connections.values()) connections.add(c.name);
    return { name: this.#org.name, accounts: this.#org.accounts.map((a) => a.name), connections: [...connections] };
  }

  /** The account a connection name reaches now (the one holding its primary), or undefined. */
  connectionAccount(name: string): Account | undefined {
    return resolveConnectionAccount(this.#org, name);
  }

  /** Replaces the organization with a freshly created one (wiping the data directory's logs). */
  async reset(): Promise<void> {
    if (this.#durable !== null) {
      this.#durable = await this.#durable.reset();
      this.#org = this.#durable.org;
    } else {
      this.#org = (await Simulator.#build(this.#options)).org;
    }
    this.#scim = this.#options.engines.scim(this.#org);
  }

  /** Waits for pending writes and closes the data files. */
  async close(): Promise<void> {
    await this.#durable?.close();
  }
}
