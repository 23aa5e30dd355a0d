/**
 * Runs a plan against a simulated organization: the documented SQL setup (provisioner role, SCIM
 * integration, failover group, connection, token), the IdP's syncs through the connection URL of
 * the in-process SCIM handler, and every other step as the SQL a DR runbook would run. While it
 * runs it records what a failure report needs: each step's SQL and HTTP with the ids resolved at
 * run time, the scenario steps for the artefact, and which log entries were acknowledged to whom.
 *
 * Everything here is web-standard (Request/Response, no Node API) and deterministic: the same
 * plan and seed give byte-identical logs.
 */
import {
  createOrganization,
  currentPrimary,
  replicable,
  roleView,
  SCIM_TOKEN_LIFETIME_MS,
  shGet,
  shValues,
  stableStringify,
  userView,
  type Account,
  type Event,
  type FailoverGroup,
  type LogEntry,
  type Organization,
  type ReplicationScope,
} from '@snowglobe/core';
import { createSession, isResultSet, type Session, type StatementResult } from '@snowglobe/sql';
import { createScimHandler, type ScimHandler, type ScimHandlerOptions } from '@snowglobe/scim';
import { applyChanges, changesFromEmpty, describeChange, type Change, type Directory } from './directory.ts';
import type { ConnectorFactory, FetchLike, ScimConnector } from './idp/connector.ts';
import { okta } from './idp/okta.ts';
import { entra } from './idp/entra.ts';
import { generic } from './idp/generic.ts';
import {
  ACCOUNT_REGIONS,
  accountNames,
  CONNECTION_NAME,
  GROUP_NAME,
  IDP_SETUP,
  ORG_NAME,
  type IdpKind,
  type Plan,
  type PlanConfig,
  type PlanStep,
} from './plan.ts';
import type { ScenarioStep } from './scenario-format.ts';
import { inProcessRequest, requestPath } from './in-process-request.ts';

/** The built-in IdP model of each kind. */
export const BUILTIN_CONNECTORS: Readonly<Record<IdpKind, ConnectorFactory>> = { okta, entra, generic };

export interface WorldOptions {
  /** The connector under test; default the built-in model of `plan.config.idp`. */
  readonly connector?: ConnectorFactory;
  /** SCIM service-provider switches. */
  readonly scim?: ScimHandlerOptions;
  /** Keep request and response bodies in the trace (failure reports); off for speed. */
  readonly traceBodies?: boolean;
  /** Snapshot what every acknowledged write left behind (the no-silent-loss property). */
  readonly trackAcks?: boolean;
  /** The IdP's client IP. Default `203.0.113.10`. */
  readonly clientIp?: string;
}

/** One HTTP exchange between the connector and the endpoint. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly requestBody?: string;
  readonly responseBody?: string;
}

/** What one plan step (or the setup, or the settle phase) did, in readable lines. */
export interface TraceEntry {
  /** Step index in the plan; -1 for the setup, `steps.length` for the settle phase. */
  readonly step: number;
  readonly title: string;
  readonly lines: string[];
}

/** A batch of log entries one request or statement appended, and whether the caller was told "done". */
export interface AckUnit {
  readonly account: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly events: readonly Event[];
  /** `PATCH /scim/v2/Users/x -> 200` or `ACCOUNT1> ALTER USER ...`. */
  readonly source: string;
  readonly step: number;
  /** The caller got a success (2xx / a result set). */
  readonly acked: boolean;
  /** Object key (`user:<id>`, `role:<id>`) -> its canonical view right after this write, null if gone. */
  readonly snapshots: ReadonlyMap<string, string | null>;
}

/** The SCIM base URL an IdP is configured with: the connection URL (spec replication §6.3). */
export function connectionBaseUrl(): string {
  return `https://${ORG_NAME.toLowerCase()}-${CONNECTION_NAME.toLowerCase()}.snowflakecomputing.com/scim/v2`;
}

/** Event types that are an account's own identity writes (what replication carries and loses). */
const WRITE_TYPES: ReadonlySet<Event['type']> = new Set([
  'UserCreated',
  'UserAltered',
  'UserRenamed',
  'UserDropped',
  'RoleCreated',
  'RoleAltered',
  'RoleRenamed',
  'RoleDropped',
  'RoleGranted',
  'RoleRevoked',
  'PrivilegeGranted',
  'PrivilegeRevoked',
  'OwnershipTransferred',
  'IntegrationCreated',
  'IntegrationAltered',
  'IntegrationRenamed',
  'IntegrationDropped',
  'ScimTokenIssued',
  'NetworkPolicyCreated',
  'NetworkPolicyAltered',
  'NetworkPolicyRenamed',
  'NetworkPolicyDropped',
  'ParameterSet',
  'ParameterUnset',
]);

/** The user and role ids an event touches. */
export function touchedObjects(e: Event): string[] {
  switch (e.type) {
    case 'UserCreated':
      return [`user:${e.user.id}`];
    case 'UserAltered':
    case 'UserRenamed':
    case 'UserDropped':
      return [`user:${e.id}`];
    case 'RoleCreated':
      return [`role:${e.role.id}`];
    case 'RoleAltered':
    case 'RoleRenamed':
    case 'RoleDropped':
      return [`role:${e.id}`];
    case 'RoleGranted':
      return [`role:${e.role}`, `${e.to.kind === 'USER' ? 'user' : 'role'}:${e.to.id}`];
    case 'RoleRevoked':
      return [`role:${e.role}`, `${e.from.kind === 'USER' ? 'user' : 'role'}:${e.from.id}`];
    case 'OwnershipTransferred':
      return e.object.kind === 'USER' ? [`user:${e.object.id}`] : e.object.kind === 'ROLE' ? [`role:${e.object.id}`] : [];
    default:
      return [];
  }
}

/** The canonical view of one object in `account` under `scope`, null when absent. */
export function objectView(account: Account, key: string, scope: ReplicationScope): string | null {
  const [kind, id] = [key.slice(0, 4), key.slice(5)];
  if (kind === 'user') {
    const u = shGet(account.state.users, id);
    return u ? stableStringify(userView(u, scope)) : null;
  }
  const r = shGet(account.state.roles, id);
  return r ? stableStringify(roleView(r)) : null;
}

const short = (s: string, n = 240): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** `Statement executed successfully.` or `002003 (02000): ...` for a trace line. */
export function describeResult(r: StatementResult): string {
  if (isResultSet(r.result)) {
    const first = r.result.rows[0];
    if (r.result.rows.length === 1 && first && first.length === 1) return short(String(first[0]));
    return `${r.result.rows.length} row(s)`;
  }
  return `${r.result.code} (${r.result.sqlState}): ${short(r.result.message.replace(/\s+/g, ' '))}`;
}

/**
 * A running scenario. Build with {@link World.start}, feed steps with {@link World.step}, then
 * {@link World.settle} before checking a property.
 */
export class World {
  readonly org: Organization;
  readonly plan: Plan;
  readonly options: WorldOptions;
  readonly scim: ScimHandler;
  readonly connector: ScimConnector;
  /** The connector's fetch: in-process, recording. */
  readonly fetch: FetchLike;
  readonly trace: TraceEntry[] = [];
  /** The artefact's `steps`. */
  readonly steps: ScenarioStep[] = [];
  readonly #units: AckUnit[] = [];
  /** Writes not turned into units yet: without ack tracking that waits until someone reads `units`. */
  #deferred: { batches: { account: Account; entries: readonly LogEntry[] }[]; source: string; step: number; acked: boolean }[] = [];
  /** Every exchange, in order. */
  readonly exchanges: Exchange[] = [];
  /** The IdP's directory now (after every change it has made). */
  directory: Directory;
  /** Changes the IdP made that the connector has not provisioned yet. */
  pending: Change[] = [];
  /** The token the IdP uses, and when it was issued. */
  token = '';
  tokenIssuedAt = 0;
  /** How many lines of the setup trace entry are the set-up SQL (the rest is the first sync). */
  setupLines = 0;
  /** Sync errors, in order (`step #3: POST user: 409 ...`). */
  readonly syncErrors: string[] = [];

  #sessions = new Map<string, Session>();
  #buffer: { account: Account; entries: readonly LogEntry[] }[] = [];
  #current: TraceEntry;
  #stepIndex = -1;
  #scope: ReplicationScope;

  private constructor(plan: Plan, options: WorldOptions, org: Organization) {
    this.plan = plan;
    this.options = options;
    this.org = org;
    this.scim = createScimHandler(this.org, options.scim ?? {});
    this.directory = plan.initial;
    this.#scope = scopeOf(plan.config);
    this.#current = { step: -1, title: 'setup', lines: [] };
    this.trace.push(this.#current);
    this.org.subscribe((account, entries) => {
      this.#buffer.push({ account, entries });
    });
    this.fetch = this.#recordingFetch();
    const factory = options.connector ?? BUILTIN_CONNECTORS[plan.config.idp];
    this.connector = factory({ baseUrl: connectionBaseUrl(), token: () => this.token, fetch: this.fetch });
  }

  /**
   * Sets the organization up (the documented SQL) and runs the IdP's first full sync. The set-up
   * organization is built once per configuration and restored from its logs for every run: same
   * logs, same token, a fraction of the cost (see {@link setupSnapshot}).
   */
  static async start(plan: Plan, options: WorldOptions = {}): Promise<World> {
    const snap = setupSnapshot(plan.config, options);
    const org = createOrganization({ name: ORG_NAME, seed: continueSeed(plan.config.seed, snap.entries), now: snap.now });
    // The set-up states are shared, not re-folded: a published state never changes (core's
    // property), so every run can start from the same one.
    for (const a of snap.accounts) {
      const state = org.restoreAccount(a.info, [...a.log], { state: a.state }).state;
      if (snap.frozen) deepFreeze(state);
    }
    const w = new World(plan, options, org);
    w.#adopt(snap);
    await w.#sync(changesFromEmpty(plan.initial));
    return w;
  }

  /** Runs the setup for real, in a fresh organization (what a snapshot records). */
  static fresh(plan: Plan, options: WorldOptions = {}): World {
    const names = accountNames(plan.config);
    const org = createOrganization({
      name: ORG_NAME,
      seed: plan.config.seed,
      accounts: names.map((name, i) => ({ name, region: ACCOUNT_REGIONS[i] ?? `AWS_REGION_${i + 1}`, ...(i === 0 ? { admin: 'ADMIN' } : {}) })),
    });
    const w = new World(plan, options, org);
    w.#setup();
    return w;
  }

  #adopt(snap: SetupSnapshot): void {
    this.token = snap.token;
    this.tokenIssuedAt = snap.tokenIssuedAt;
    this.#current.lines.push(...snap.trace);
    this.setupLines = snap.trace.length;
    this.steps.push(...snap.steps);
    this.#units.push(...snap.units);
  }

  /** Every write so far as ack units, in order (built on first read: passing runs rarely need them). */
  get units(): AckUnit[] {
    if (this.#deferred.length > 0) {
      const deferred = this.#deferred;
      this.#deferred = [];
      for (const d of deferred) this.#toUnits(d.batches, d.source, d.step, d.acked);
    }
    return this.#units;
  }

  /** The failover group's scope (what it replicates). */
  get scope(): ReplicationScope {
    return this.#scope;
  }

  /** The provisioner role's name. */
  get provisioner(): string {
    return IDP_SETUP[this.plan.config.idp].role;
  }

  /** The account holding FG's current primary. */
  primary(): Account {
    const g = this.#anyGroup();
    const p = g ? currentPrimary(this.org, g.globalId) : null;
    return p?.account ?? this.org.accounts[0]!;
  }

  /** Every account but the primary (the secondaries of FG). */
  secondaries(): Account[] {
    const p = this.primary();
    return this.org.accounts.filter((a) => a !== p);
  }

  #anyGroup(): FailoverGroup | undefined {
    for (const a of this.org.accounts) for (const g of a.state.failoverGroups.values()) if (g.name === GROUP_NAME) return g;
    return undefined;
  }

  #session(account: string): Session {
    let s = this.#sessions.get(account);
    if (!s) {
      s = createSession(this.org, { account, user: account === 'ACCOUNT1' ? 'ADMIN' : null, role: 'ACCOUNTADMIN' });
      this.#sessions.set(account, s);
    }
    return s;
  }

  /** Runs one statement as ACCOUNTADMIN in `account`, tracing and recording it. */
  sql(account: string, statement: string, record: ScenarioStep | null = { kind: 'sql', account, statement }): StatementResult {
    this.#buffer = [];
    const results = this.#session(account).execute(statement);
    const r = results[results.length - 1] ?? { statement, account, result: { columns: [], rows: [] } };
    const ok = results.every((x) => isResultSet(x.result));
    this.#current.lines.push(`${account}> ${statement.replace(/\s+/g, ' ')}  →  ${describeResult(r)}`);
    if (record) this.steps.push(record);
    this.#collect(`${account}> ${short(statement.replace(/\s+/g, ' '), 120)}`, ok);
    return r;
  }

  #setup(): void {
    const c = this.plan.config;
    const idp = IDP_SETUP[c.idp];
    const names = accountNames(c);
    const others = names.slice(1).map((n) => `${ORG_NAME}.${n}`).join(', ');
    const types = c.objectTypes.join(', ');
    const integrations = c.objectTypes.includes('INTEGRATIONS') ? ' ALLOWED_INTEGRATION_TYPES = SECURITY INTEGRATIONS' : '';
    const schedule = c.schedule ? ` REPLICATION_SCHEDULE = '${c.schedule}'` : '';
    const primary = [
      `CREATE ROLE IF NOT EXISTS ${idp.role}`,
      `GRANT CREATE USER ON ACCOUNT TO ROLE ${idp.role}`,
      `GRANT CREATE ROLE ON ACCOUNT TO ROLE ${idp.role}`,
      `GRANT ROLE ${idp.role} TO ROLE ACCOUNTADMIN`,
      `CREATE OR REPLACE SECURITY INTEGRATION ${idp.integration} TYPE = SCIM SCIM_CLIENT = '${idp.client}' RUN_AS_ROLE = '${idp.role}'`,
      `CREATE FAILOVER GROUP ${GROUP_NAME} OBJECT_TYPES = ${types}${integrations} ALLOWED_ACCOUNTS = ${others}${schedule}`,
      `CREATE CONNECTION ${CONNECTION_NAME}`,
      `ALTER CONNECTION ${CONNECTION_NAME} ENABLE FAILOVER TO ACCOUNTS ${others}`,
    ];
    for (const s of primary) this.sql('ACCOUNT1', s);
    this.#generateToken('ACCOUNT1');
    for (const n of names.slice(1)) {
      this.sql(n, `CREATE FAILOVER GROUP ${GROUP_NAME} AS REPLICA OF ${ORG_NAME}.ACCOUNT1.${GROUP_NAME}`);
      this.sql(n, `CREATE CONNECTION ${CONNECTION_NAME} AS REPLICA OF ${ORG_NAME}.ACCOUNT1.${CONNECTION_NAME}`);
    }
  }

  #generateToken(account: string): void {
    const r = this.sql(account, `SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('${IDP_SETUP[this.plan.config.idp].integration}')`);
    if (isResultSet(r.result)) {
      const cell = r.result.rows[0]?.[0];
      if (typeof cell === 'string') {
        this.token = cell;
        this.tokenIssuedAt = this.org.now;
      }
    }
  }

  /** Whether the IdP's token has expired (SCIM tokens last six months). */
  tokenExpired(): boolean {
    return this.token === '' || this.org.now >= this.tokenIssuedAt + SCIM_TOKEN_LIFETIME_MS;
  }

  /** Runs plan step `index`. */
  async step(index: number): Promise<void> {
    const s = this.plan.steps[index];
    if (!s) return;
    this.#begin(index, describeStepTitle(s));
    await this.#run(s);
  }

  /** Runs every step of the plan, in order. */
  async runAll(): Promise<void> {
    for (let i = 0; i < this.plan.steps.length; i++) await this.step(i);
  }

  /** Starts a trace entry for work driven from outside the plan (e.g. raw SCIM requests). */
  beginStep(step: number, title: string): void {
    this.#begin(step, title);
  }

  #begin(step: number, title: string): void {
    this.#stepIndex = step;
    this.#current = { step, title, lines: [] };
    this.trace.push(this.#current);
  }

  async #run(s: PlanStep): Promise<void> {
    switch (s.kind) {
      case 'sync': {
        const { directory } = applyChanges(this.directory, s.changes);
        this.directory = directory;
        for (const c of s.changes) this.#current.lines.push(`idp: ${describeChange(c)}`);
        await this.#sync(s.changes);
        return;
      }
      case 'refresh':
        this.sql(s.account, `ALTER FAILOVER GROUP ${GROUP_NAME} REFRESH`, { kind: 'refresh', account: s.account, group: GROUP_NAME });
        return;
      case 'promote':
        this.sql(s.account, `ALTER FAILOVER GROUP ${GROUP_NAME} PRIMARY`, { kind: 'failover', account: s.account, group: GROUP_NAME });
        return;
      case 'promoteConnection':
        this.sql(s.account, `ALTER CONNECTION ${CONNECTION_NAME} PRIMARY`);
        return;
      case 'failover':
        this.sql(s.account, `ALTER FAILOVER GROUP ${GROUP_NAME} REFRESH`, { kind: 'refresh', account: s.account, group: GROUP_NAME });
        this.sql(s.account, `ALTER FAILOVER GROUP ${GROUP_NAME} PRIMARY`, { kind: 'failover', account: s.account, group: GROUP_NAME });
        this.sql(s.account, `ALTER CONNECTION ${CONNECTION_NAME} PRIMARY`);
        return;
      case 'outage':
      case 'recover':
        this.#setAvailable(s.account, s.kind === 'recover');
        return;
      case 'advance':
        this.#buffer = [];
        this.org.advance(s.by);
        this.steps.push({ kind: 'advance', by: s.by });
        this.#current.lines.push(`clock +${s.by} → ${new Date(this.org.now).toISOString()}`);
        this.#collect(`clock +${s.by}`, false);
        return;
      case 'regenerateToken':
        this.#generateToken(this.primary().name);
        return;
      case 'sql':
        this.sql(s.account, s.statement);
        return;
    }
  }

  #setAvailable(account: string, available: boolean): void {
    if (this.org.isAvailable(account) === available) return;
    this.#buffer = [];
    this.org.setAvailable(account, available);
    this.steps.push({ kind: 'outage', account, available });
    this.#current.lines.push(`${account} ${available ? 'is reachable again' : 'becomes unreachable (outage)'}`);
    this.#collect(`${account} ${available ? 'recovers' : 'outage'}`, false);
  }

  async #sync(changes: readonly Change[]): Promise<void> {
    this.pending.push(...changes);
    if (this.pending.length === 0) return;
    const report = await this.connector.sync(this.directory, [...this.pending]);
    const applied = Math.max(0, Math.min(report.applied, this.pending.length));
    this.pending = this.pending.slice(applied);
    if (this.pending.length > 0) {
      const why = report.error ?? 'stopped early';
      this.syncErrors.push(`step #${this.#stepIndex}: ${why}`);
      this.#current.lines.push(`idp: sync stopped with ${this.pending.length} change(s) pending: ${why}`);
    }
  }

  /**
   * Brings the organization to rest before a property is checked: every account reachable, a
   * valid token, pending changes synced (a few attempts), then (optionally) every secondary
   * refreshed.
   */
  async settle(opts: { readonly sync?: boolean; readonly refresh?: boolean } = {}): Promise<void> {
    this.#begin(this.plan.steps.length, 'settle');
    for (const a of this.org.accounts) this.#setAvailable(a.name, true);
    if (opts.sync ?? true) {
      if (this.tokenExpired()) this.#generateToken(this.primary().name);
      for (let i = 0; i < 3 && this.pending.length > 0; i++) await this.#sync([]);
    }
    if (opts.refresh ?? true) {
      for (const s of this.secondaries()) this.sql(s.name, `ALTER FAILOVER GROUP ${GROUP_NAME} REFRESH`, { kind: 'refresh', account: s.name, group: GROUP_NAME });
    }
  }

  /** Turns what was appended since the last call into ack units (one per account). */
  #collect(source: string, acked: boolean): void {
    const batches = this.#buffer;
    this.#buffer = [];
    if (batches.length === 0) return;
    // Snapshots must see the state as this write left it; without them the units can wait.
    if (this.options.trackAcks) this.#toUnits(batches, source, this.#stepIndex, acked);
    else this.#deferred.push({ batches, source, step: this.#stepIndex, acked });
  }

  #toUnits(batches: readonly { account: Account; entries: readonly LogEntry[] }[], source: string, step: number, acked: boolean): void {
    const byAccount = new Map<Account, LogEntry[]>();
    for (const b of batches) {
      const list = byAccount.get(b.account) ?? [];
      for (const e of b.entries) if (WRITE_TYPES.has(e.event.type) && replicable(e.event, this.#scope) !== null) list.push(e);
      byAccount.set(b.account, list);
    }
    for (const [account, entries] of byAccount) {
      const first = entries[0];
      const last = entries[entries.length - 1];
      if (!first || !last) continue;
      const snapshots = new Map<string, string | null>();
      if (this.options.trackAcks) {
        const keys = new Set<string>();
        for (const e of entries) for (const key of touchedObjects(e.event)) keys.add(key);
        // Dropping a role also changes every user and role that held it: snapshot them all.
        if (entries.some((e) => e.event.type === 'RoleDropped')) {
          for (const u of shValues(account.state.users)) keys.add(`user:${u.id}`);
          for (const r of shValues(account.state.roles)) keys.add(`role:${r.id}`);
        }
        for (const key of keys) snapshots.set(key, objectView(account, key, this.#scope));
      }
      this.#units.push({
        account: account.name,
        firstSeq: first.seq,
        lastSeq: last.seq,
        events: entries.map((e) => e.event),
        source,
        step,
        acked,
        snapshots,
      });
    }
  }

  /** The connector's fetch: the in-process handler, recording each exchange and what it wrote. */
  #recordingFetch(): FetchLike {
    const clientIp = this.options.clientIp ?? '203.0.113.10';
    const bodies = this.options.traceBodies ?? false;
    return async (input, init) => {
      // undici's Request (headers copy, AbortSignal, body stream) only if the handler asks for more
      // than url, method, headers and the body: see in-process-request.ts.
      const request = input instanceof Request && init === undefined ? input : inProcessRequest(input, init);
      const requestBody = bodies && request.body !== null ? await request.clone().text() : undefined;
      this.#buffer = [];
      const response = await this.scim(request, { clientIp });
      const path = decodeURIComponentSafe(requestPath(request));
      const { method, url } = request;
      const status = response.status;
      // Untraced runs (every property run but the report's re-run) build plain literals.
      const exchange: Exchange = bodies
        ? { method, url, status, ...(requestBody !== undefined ? { requestBody } : {}), responseBody: await response.clone().text() }
        : { method, url, status };
      this.exchanges.push(exchange);
      this.steps.push(
        requestBody !== undefined && requestBody !== ''
          ? { kind: 'scim', account: CONNECTION_NAME, method, path, body: parseJsonSafe(requestBody), status }
          : { kind: 'scim', account: CONNECTION_NAME, method, path, status },
      );
      this.#current.lines.push(exchangeLine(exchange, path));
      this.#collect(`${method} ${path} → ${status}`, status >= 200 && status < 300);
      return response;
    };
  }
}

/** What a set-up organization looks like, to be restored per run. */
export interface SetupSnapshot {
  /** Each account's info, log, and state (the fold of the log, shared by every restored run). */
  readonly accounts: readonly { readonly info: Account['info']; readonly log: readonly LogEntry[]; readonly state: Account['state'] }[];
  /** Log entries in all accounts (the id source continues past them). */
  readonly entries: number;
  readonly now: number;
  readonly token: string;
  readonly tokenIssuedAt: number;
  readonly trace: readonly string[];
  readonly steps: readonly ScenarioStep[];
  readonly units: readonly AckUnit[];
  /**
   * Whether core's writes leave frozen states (immer's auto-freeze): then restored states are
   * frozen too, else immer's first `produce` over them would deep-freeze the whole tree itself.
   */
  readonly frozen: boolean;
}

const snapshots = new Map<string, SetupSnapshot>();

/**
 * The set-up organization of a configuration, built once per process (keyed by the config and
 * whether acks are tracked). Setup is deterministic, so restoring it is the same as running it.
 */
export function setupSnapshot(config: PlanConfig, options: Pick<WorldOptions, 'trackAcks'> = {}): SetupSnapshot {
  const key = JSON.stringify([config, options.trackAcks ?? false]);
  const hit = snapshots.get(key);
  if (hit) return hit;
  const w = World.fresh({ config, initial: { users: [], groups: [], deletedUsers: [] }, steps: [] }, { trackAcks: options.trackAcks ?? false });
  const snap: SetupSnapshot = {
    accounts: w.org.accounts.map((a) => ({ info: a.info, log: [...a.log], state: a.state })),
    entries: w.org.accounts.reduce((n, a) => n + a.log.length, 0),
    now: w.org.now,
    token: w.token,
    tokenIssuedAt: w.tokenIssuedAt,
    trace: [...(w.trace[0]?.lines ?? [])],
    steps: [...w.steps],
    units: [...w.units],
    frozen: w.org.accounts.every((a) => Object.isFrozen(a.state)),
  };
  snapshots.set(key, snap);
  return snap;
}

/** The id seed after setup: distinct from the setup's own so restored runs never reuse its ids. */
export function continueSeed(seed: number, entries: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + entries * 7919) | 0;
}

/**
 * Freezes a restored account state the way immer leaves a state it produced (with auto-freeze
 * on). A state folded from a log is not frozen, and immer's first `produce` over it then
 * deep-freezes the whole tree through its generic walker, ~10x slower than this.
 */
function deepFreeze(x: unknown): void {
  if (typeof x !== 'object' || x === null || Object.isFrozen(x)) return;
  Object.freeze(x);
  if (x instanceof Map) {
    for (const v of x.values()) deepFreeze(v);
    return;
  }
  if (x instanceof Set) {
    for (const v of x) deepFreeze(v);
    return;
  }
  for (const v of Object.values(x)) deepFreeze(v);
}

/** FG's scope from a plan's config. */
export function scopeOf(config: PlanConfig): ReplicationScope {
  return {
    objectTypes: [...config.objectTypes],
    allowedIntegrationTypes: config.objectTypes.includes('INTEGRATIONS') ? ['SECURITY INTEGRATIONS'] : [],
  };
}

function describeStepTitle(s: PlanStep): string {
  switch (s.kind) {
    case 'sync':
      return s.changes.length === 0 ? 'IdP sync (no new changes)' : `IdP sync: ${s.changes.map(describeChange).join('; ')}`;
    case 'refresh':
      return `REFRESH in ${s.account}`;
    case 'promote':
      return `PRIMARY in ${s.account} (unplanned failover)`;
    case 'promoteConnection':
      return `connection failover to ${s.account}`;
    case 'failover':
      return `planned failover to ${s.account}`;
    case 'outage':
      return `outage of ${s.account}`;
    case 'recover':
      return `${s.account} recovers`;
    case 'advance':
      return `clock +${s.by}`;
    case 'regenerateToken':
      return 'regenerate the SCIM token';
    case 'sql':
      return `administrator SQL in ${s.account}`;
  }
}

function decodeURIComponentSafe(s: string): string {
  // Most paths have nothing to decode: skip the call (and its try) for them.
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parseJsonSafe(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `POST /scim/v2/Users {"userName":…} → 201 {"id":"…"}` */
export function describeExchange(x: Exchange): string {
  const url = new URL(x.url);
  return exchangeLine(x, decodeURIComponentSafe(`${url.pathname}${url.search}`));
}

/** {@link describeExchange} with the decoded path already at hand. */
function exchangeLine(x: Exchange, path: string): string {
  const body = x.requestBody ? ` ${short(x.requestBody, 400)}` : '';
  let answer = '';
  if (x.responseBody) {
    let shown = x.responseBody;
    try {
      const parsed = JSON.parse(x.responseBody) as Record<string, unknown>;
      if (x.status >= 400) shown = String(parsed.detail ?? x.responseBody);
      else if (typeof parsed.id === 'string') shown = `id=${parsed.id}`;
      else if (Array.isArray(parsed.Resources)) shown = `${parsed.Resources.length} resource(s)${parsed.Resources.length ? ` [${parsed.Resources.map((r) => (r as { id?: unknown }).id).join(', ')}]` : ''}`;
    } catch {
      // Not JSON: show the text as it came.
    }
    answer = ` ${short(shown, 200)}`;
  }
  return `${x.method} ${path}${body}  →  ${x.status}${answer}`;
}
