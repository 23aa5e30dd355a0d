/**
 * The seams to the SQL and SCIM layers. The server and the CLI talk to `@snowglobe/sql` and
 * `@snowglobe/scim` only through these two interfaces, so tests can drive the HTTP layer with
 * small fakes and the wiring to the real packages lives in one place ({@link defaultEngines}).
 */
import type { Organization, SnowflakeError } from '@snowglobe/core';
import type { Cell, ColumnTypeInput } from './sql-api/response.ts';

/** Who a SQL session runs as. */
export interface SqlIdentity {
  /** The account the session starts in (`USE ACCOUNT` moves it). */
  readonly account: string;
  /** The session user's name; null for a session without a user. */
  readonly user: string | null;
  /** The primary role's name. */
  readonly role: string;
}

/** A result column, as `@snowglobe/sql` describes it. */
export interface SqlColumn {
  readonly name: string;
  readonly type: ColumnTypeInput;
}

/** Rows and their columns. */
export interface SqlResultSet {
  readonly columns: readonly SqlColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The outcome of one statement (`@snowglobe/sql`'s `StatementResult`). */
export interface SqlOutcome {
  /** The statement as written. */
  readonly statement: string;
  /** The account it ran in. */
  readonly account: string;
  readonly result: SqlResultSet | SnowflakeError;
}

/** A SQL session: state (current account, role, ...) carries over from one call to the next. */
export interface SqlSessionLike {
  /** Runs every statement of `text` in order; one outcome per statement. */
  execute(text: string): readonly SqlOutcome[];
}

/** What the server and the CLI need from the SQL layer. */
export interface SqlEngine {
  /** Opens a session on `org`. */
  createSession(org: Organization, identity: SqlIdentity): SqlSessionLike;
  /**
   * The statements of a script, in order, without running them: to check MULTI_STATEMENT_COUNT
   * before anything runs, and to run one statement at a time (stop at the first error).
   */
  split(script: string): string[];
  /** A human table of one outcome, for `snowglobe run --format table`. */
  renderTable(outcome: SqlOutcome): string;
}

/** Where a SCIM request comes from. */
export interface ScimRequestInfo {
  /** The account the request was routed to (a connection already resolved to its primary). */
  readonly account: string;
  /** The client's IP address, for network policies and REST_EVENT_HISTORY. */
  readonly clientIp: string;
}

/** A SCIM service provider as a fetch handler (`@snowglobe/scim`'s `createScimHandler` result). */
export type ScimFetch = (request: Request, info?: ScimRequestInfo) => Promise<Response>;

/** Builds the SCIM handler of an organization (again after a reset). */
export type ScimFactory = (org: Organization) => ScimFetch;

/** The two layers together. */
export interface Engines {
  readonly sql: SqlEngine;
  readonly scim: ScimFactory;
}
