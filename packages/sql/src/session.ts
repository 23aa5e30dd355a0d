/**
 * A SQL session on a simulated organization: the current account, user, primary and secondary
 * roles, database / schema / warehouse and session parameters, and `execute`, which runs a script
 * statement by statement. Every write goes through `org.execute(account, command, actor)` with the
 * session's actor, one command per statement, so a refused statement never changes an account's log.
 */
import {
  errors,
  findRole,
  findUser,
  snowflakeError,
  type Organization,
  type SnowflakeError,
} from '@snowglobe/core';
import { actorOf, type ExecContext, type Outcome, type SecondaryRoles, type SessionState } from './context.ts';
import { DEFAULT_SQL_OPTIONS, type SqlOptions } from './options.ts';
import { parseScript, type Statement } from './parse/index.ts';
import type { ResultSet, StatementResult } from './result.ts';
import { alterAccount } from './statements/account.ts';
import { alterConnection, createConnection, dropConnection, showConnections } from './statements/connection.ts';
import { alterGroup, createGroup, createGroupReplica, dropGroup, showGroups, showReplicationAccounts } from './statements/failover-group.ts';
import { grantOwnership, grantPrivileges, grantRole, revokePrivileges, revokeRole } from './statements/grant.ts';
import { alterIntegration, createIntegration, describeIntegration, dropIntegration, showIntegrations } from './statements/integration.ts';
import { alterNetworkPolicy, createNetworkPolicy, describeNetworkPolicy, dropNetworkPolicy, showNetworkPolicies } from './statements/network-policy.ts';
import { alterSession, showParameters } from './statements/parameters.ts';
import { alterRole, createRole, dropRole, showRoles } from './statements/role.ts';
import { select } from './statements/select.ts';
import { showGrants } from './statements/show-grants.ts';
import { simAdvanceClock, simSetAccountAvailable, simUseAccount } from './statements/simulator.ts';
import { alterUser, createUser, describeUser, dropUser, showUsers } from './statements/user.ts';
import { useDatabase, useRole, useSchema, useSecondaryRoles, useWarehouse } from './statements/use.ts';
import { checkRoleUsable } from './statements/use.ts';

/** How to open a session. */
export interface SessionOptions {
  /** Account name (`ACCOUNT1` or `MYORG.ACCOUNT1`); default: the organization's first account. */
  readonly account?: string;
  /** The session user; default `ADMIN` if that user exists. `null` opens a session without a user. */
  readonly user?: string | null;
  /**
   * The role asked for at login: used if the user holds it, else the user's DEFAULT_ROLE if held,
   * else PUBLIC (spec §5). Without a user, any existing role (default PUBLIC).
   */
  readonly role?: string;
  /** Default: from the user's DEFAULT_SECONDARY_ROLES (`ALL` for a new user). */
  readonly secondaryRoles?: 'ALL' | 'NONE';
  /** Behaviour switches (see {@link SqlOptions}). */
  readonly options?: Partial<SqlOptions>;
}

/** 000900 `Empty SQL statement.` (recorded SQL API answer, spec §3). */
const emptyStatement = (): SnowflakeError => snowflakeError('SyntaxError', '000900', '42601', 'Empty SQL statement.');

/** 000603: a bug in snowglobe surfaced as Snowflake's internal-error code instead of an exception. */
const internalError = (e: unknown): SnowflakeError =>
  snowflakeError('ExecutionError', '000603', 'XX000', `SQL execution internal error:\n${e instanceof Error ? e.message : String(e)}`);

/** A SQL session (see the module comment). */
export class Session {
  readonly org: Organization;
  readonly options: SqlOptions;
  readonly #state: SessionState;

  constructor(org: Organization, state: SessionState, options: SqlOptions) {
    this.org = org;
    this.#state = state;
    this.options = options;
  }

  /** Current account name. */
  get account(): string {
    return this.#state.account;
  }
  get user(): string | null {
    return this.#state.user;
  }
  /** The primary role. */
  get role(): string {
    return this.#state.role;
  }
  get secondaryRoles(): SecondaryRoles {
    return this.#state.secondaryRoles;
  }
  get database(): string | null {
    return this.#state.database;
  }
  get schema(): string | null {
    return this.#state.schema;
  }
  get warehouse(): string | null {
    return this.#state.warehouse;
  }
  /** ALTER SESSION parameters. */
  get parameters(): ReadonlyMap<string, string> {
    return this.#state.parameters;
  }

  /** Runs every statement of a script in order; one result per non-empty statement. */
  execute(text: string): StatementResult[] {
    const out: StatementResult[] = [];
    for (const parsed of parseScript(text)) {
      const account = this.#state.account;
      const r = parsed.result;
      const result = 'type' in r ? r : this.#guarded(r, parsed.text);
      out.push({ statement: parsed.text, account, result });
    }
    return out;
  }

  /**
   * Runs exactly one statement. Empty text is 000900; more than one statement is the SQL API's
   * 000008 count mismatch.
   */
  executeOne(text: string): StatementResult {
    const parsed = parseScript(text);
    const account = this.#state.account;
    if (parsed.length === 0) return { statement: text.trim(), account, result: emptyStatement() };
    if (parsed.length > 1) {
      return {
        statement: text.trim(),
        account,
        result: snowflakeError('Unsupported', '000008', '0A000', `Actual statement count ${parsed.length} did not match the desired statement count 1.`),
      };
    }
    const one = parsed[0]!;
    const r = one.result;
    return { statement: one.text, account, result: 'type' in r ? r : this.#guarded(r, one.text) };
  }

  /** Runs a parsed statement; `text` is its source (for column names and error positions). */
  executeStatement(statement: Statement, text: string): ResultSet | SnowflakeError {
    return this.#guarded(statement, text);
  }

  #guarded(statement: Statement, text: string): ResultSet | SnowflakeError {
    try {
      return this.#run(statement, text);
    } catch (e) {
      return internalError(e);
    }
  }

  #run(statement: Statement, text: string): Outcome {
    const s = this.#state;
    const account = this.org.account(s.account);
    if (!account) return errors.doesNotExist('ACCOUNT', s.account);
    const simulator = statement.kind === 'SimUseAccount' || statement.kind === 'SimAdvanceClock' || statement.kind === 'SimSetAccountAvailable';
    // An account in an outage answers nothing, as a network failure would; simulator statements still run.
    if (!simulator && !this.org.isAvailable(account.name)) return errors.accountUnavailable(this.org.hostOf(account));
    const actor = actorOf(s);
    const org = this.org;
    const ctx: ExecContext = {
      org,
      session: s,
      options: this.options,
      account,
      state: account.state,
      actor,
      text,
      run: (command) => org.execute(account.name, command, actor),
    };
    return dispatch(ctx, statement);
  }
}

/** Routes a statement to its handler; exhaustive over the AST union. */
function dispatch(ctx: ExecContext, st: Statement): Outcome {
  switch (st.kind) {
    case 'UseRole':
      return useRole(ctx, st);
    case 'UseSecondaryRoles':
      return useSecondaryRoles(ctx, st);
    case 'UseDatabase':
      return useDatabase(ctx, st);
    case 'UseSchema':
      return useSchema(ctx, st);
    case 'UseWarehouse':
      return useWarehouse(ctx, st);
    case 'SimUseAccount':
      return simUseAccount(ctx, st);
    case 'SimAdvanceClock':
      return simAdvanceClock(ctx, st);
    case 'SimSetAccountAvailable':
      return simSetAccountAvailable(ctx, st);
    case 'CreateRole':
      return createRole(ctx, st);
    case 'AlterRole':
      return alterRole(ctx, st);
    case 'DropRole':
      return dropRole(ctx, st);
    case 'ShowRoles':
      return showRoles(ctx, st);
    case 'CreateUser':
      return createUser(ctx, st);
    case 'AlterUser':
      return alterUser(ctx, st);
    case 'DropUser':
      return dropUser(ctx, st);
    case 'DescribeUser':
      return describeUser(ctx, st);
    case 'ShowUsers':
      return showUsers(ctx, st);
    case 'GrantPrivileges':
      return grantPrivileges(ctx, st);
    case 'RevokePrivileges':
      return revokePrivileges(ctx, st);
    case 'GrantRole':
      return grantRole(ctx, st);
    case 'RevokeRole':
      return revokeRole(ctx, st);
    case 'GrantOwnership':
      return grantOwnership(ctx, st);
    case 'ShowGrants':
      return showGrants(ctx, st);
    case 'CreateIntegration':
      return createIntegration(ctx, st);
    case 'AlterIntegration':
      return alterIntegration(ctx, st);
    case 'DropIntegration':
      return dropIntegration(ctx, st);
    case 'DescribeIntegration':
      return describeIntegration(ctx, st);
    case 'ShowIntegrations':
      return showIntegrations(ctx, st);
    case 'CreateNetworkPolicy':
      return createNetworkPolicy(ctx, st);
    case 'AlterNetworkPolicy':
      return alterNetworkPolicy(ctx, st);
    case 'DropNetworkPolicy':
      return dropNetworkPolicy(ctx, st);
    case 'DescribeNetworkPolicy':
      return describeNetworkPolicy(ctx, st);
    case 'ShowNetworkPolicies':
      return showNetworkPolicies(ctx, st);
    case 'AlterAccount':
      return alterAccount(ctx, st);
    case 'AlterSession':
      return alterSession(ctx, st);
    case 'ShowParameters':
      return showParameters(ctx, st);
    case 'Select':
      return select(ctx, st);
    case 'CreateGroup':
      return createGroup(ctx, st);
    case 'CreateGroupReplica':
      return createGroupReplica(ctx, st);
    case 'AlterGroup':
      return alterGroup(ctx, st);
    case 'DropGroup':
      return dropGroup(ctx, st);
    case 'ShowGroups':
      return showGroups(ctx, st);
    case 'ShowReplicationAccounts':
      return showReplicationAccounts(ctx, st);
    case 'CreateConnection':
      return createConnection(ctx, st);
    case 'AlterConnection':
      return alterConnection(ctx, st);
    case 'DropConnection':
      return dropConnection(ctx, st);
    case 'ShowConnections':
      return showConnections(ctx, st);
    default: {
      const never: never = st;
      return never;
    }
  }
}

/**
 * Opens a session (see {@link SessionOptions} for the defaults). Throws only on a programming
 * error: an account or a named user that does not exist, or an organization without accounts.
 */
export function createSession(org: Organization, opts: SessionOptions = {}): Session {
  const first = org.accounts[0];
  const account = opts.account !== undefined ? org.requireAccount(opts.account) : first;
  if (!account) throw new Error(`Organization ${org.name} has no accounts`);
  const state = account.state;
  const wanted = opts.user === undefined ? 'ADMIN' : opts.user;
  // The name as stored, or as an unquoted identifier would resolve (upper case).
  const user = wanted === null ? undefined : (findUser(state, { name: wanted }) ?? findUser(state, { name: wanted.toUpperCase() }));
  if (wanted !== null && !user && opts.user !== undefined) throw new Error(`No user ${wanted} in account ${account.name}`);
  let role = 'PUBLIC';
  if (user) {
    const usable = (name: string | null | undefined): string | null => {
      if (!name) return null;
      const r = checkRoleUsable(state, user.name, name, 'notAssigned');
      return typeof r === 'string' ? r : null;
    };
    role = usable(opts.role) ?? usable(user.defaultRole) ?? 'PUBLIC';
  } else if (opts.role) {
    role = findRole(state, { name: opts.role })?.name ?? 'PUBLIC';
  }
  const secondary = opts.secondaryRoles ?? (user && user.defaultSecondaryRoles.length === 0 ? 'NONE' : 'ALL');
  const sessionState: SessionState = {
    account: account.name,
    user: user ? user.name : null,
    role,
    secondaryRoles: secondary === 'ALL' ? { kind: 'all' } : { kind: 'none' },
    database: null,
    schema: null,
    warehouse: null,
    parameters: new Map(),
  };
  return new Session(org, sessionState, { ...DEFAULT_SQL_OPTIONS, ...opts.options });
}
