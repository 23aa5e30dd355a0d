/**
 * What a statement handler sees: the organization, the session's mutable state (current account,
 * user, roles, database, schema, session parameters), the account and its state at the start of
 * the statement, and `run`, the one way a handler writes (through `org.execute` as the session's
 * actor). Handlers return a result set or the SnowflakeError that refuses the statement.
 */
import type {
  Account,
  AccountState,
  Actor,
  Command,
  ExecuteResult,
  Organization,
  SnowflakeError,
} from '@snowglobe/core';
import type { SqlOptions } from './options.ts';
import type { ResultSet } from './result.ts';

/** `USE SECONDARY ROLES ALL | NONE | r1, r2`. */
export type SecondaryRoles =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'list'; readonly names: readonly string[] };

/** The session's state; USE, ALTER SESSION and the simulator statements change it. */
export interface SessionState {
  /** Current account name (upper case, without the organization). */
  account: string;
  /** The session user's NAME; null for a session without a user (every existing role usable). */
  user: string | null;
  /** The primary role's NAME. */
  role: string;
  secondaryRoles: SecondaryRoles;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  /** ALTER SESSION SET parameters, by name. */
  readonly parameters: Map<string, string>;
}

export interface ExecContext {
  readonly org: Organization;
  readonly session: SessionState;
  readonly options: SqlOptions;
  readonly account: Account;
  /** The account's state when the statement started. */
  readonly state: AccountState;
  readonly actor: Actor;
  /** The statement's text (positions in the AST are relative to it). */
  readonly text: string;
  /** Runs one command in the current account as the session's actor. */
  run(command: Command): ExecuteResult | SnowflakeError;
}

/** A statement handler's outcome. */
export type Outcome = ResultSet | SnowflakeError;

/** The core actor for a session: secondary roles count only with `ALL` (a list is approximated as NONE). */
export function actorOf(session: SessionState): Actor {
  return { role: session.role, user: session.user, secondaryRoles: session.secondaryRoles.kind === 'all' ? 'ALL' : 'NONE' };
}
