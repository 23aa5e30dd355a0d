/**
 * The SQL API v2 endpoints of one account (spec/snowflake-sql.md §3), wired to the SQL engine.
 * Statements run synchronously (the identity plane has no long queries), so `async=true` answers
 * 202 with a handle whose result is already there for the GET.
 */
import { findRole, findUser, isSnowflakeError, roleClosure } from '@snowglobe/core';
import type { Account, AccountState, Organization } from '@snowglobe/core';
import { DEFAULT_ADMIN_ROLE, DEFAULT_ADMIN_USER } from '../default-org.ts';
import type { SqlEngine, SqlOutcome } from '../engines.ts';
import { parseStatementRequest, EMPTY_STATEMENT_CODE, EMPTY_STATEMENT_MESSAGE } from '../sql-api/request.ts';
import { isSqlApiError, sqlApiError, toResponse } from '../sql-api/reply.ts';
import type { SqlApiReply } from '../sql-api/reply.ts';
import { asyncResponse, checkStatementCount, errorResponse, multiStatementResponse, resultSetResponse, statementStatusUrl } from '../sql-api/response.ts';
import type { ResponseMeta } from '../sql-api/response.ts';
import { getStatementResult, unknownHandleError } from '../sql-api/handles.ts';
import type { StatementResultCache } from '../sql-api/handles.ts';
import { matchStatementsRoute, methodNotAllowed } from '../sql-api/route.ts';
import { SQL_API_CODES } from './errors.ts';

/** What the SQL API needs from the server. */
export interface SqlApiContext {
  readonly org: Organization;
  readonly sql: SqlEngine;
  /** The account the request was routed to. */
  readonly account: Account;
  /** The `/accounts/<org>-<name>` prefix the client used, for status URLs; `''` if none. */
  readonly basePath: string;
  readonly cache: StatementResultCache;
  /** A fresh statement handle. */
  readonly nextHandle: () => string;
  /** A fresh request id, for requests that bring none. */
  readonly nextRequestId: () => string;
  readonly maxBodyBytes: number;
}

/**
 * 390186 (recorded [S32]) for a `role` the user does not hold. UNCONFIRMED: the message is the
 * one Snowflake's drivers show for this code at login.
 */
export function roleNotGranted(role: string): SqlApiReply {
  return sqlApiError(400, {
    code: SQL_API_CODES.roleNotGranted,
    message: `The role requested in the connection or the default role if none was requested in the connection ('${role}') is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
  });
}

/**
 * Whether `user` may use `role`: the role exists (its name is case-sensitive, as the SQL API
 * documents) and is in the closure of the roles granted to the user. Without a user, any
 * existing role.
 */
export function userHoldsRole(state: AccountState, user: string | null, role: string): boolean {
  const target = findRole(state, { name: role });
  if (target === undefined) return false;
  if (user === null) return true;
  const u = findUser(state, { name: user });
  if (u === undefined) return false;
  if (target.id === 'PUBLIC') return true;
  return u.roles.some((g) => roleClosure(state, g.role).has(target.id));
}

/** Missing Authorization: 400 `390146` (recorded). Any bearer is accepted: this is a simulator. */
function missingToken(): SqlApiReply {
  return sqlApiError(400, { code: SQL_API_CODES.missingToken, message: 'Missing authorization header: every SQL API request needs "Authorization: Bearer <token>" (any token is accepted).' });
}

/** The answer to the cancel call for a statement that already finished. */
function cancelled(handle: string, basePath: string): SqlApiReply {
  return {
    status: 200,
    body: { code: '000604', sqlState: '57014', message: 'SQL execution canceled', statementHandle: handle, statementStatusUrl: statementStatusUrl(handle, undefined, basePath) },
  };
}

/** Handles a SQL API request whose path (prefix stripped) is `path`; null when it is not one. */
export async function handleSqlApi(request: Request, path: string, ctx: SqlApiContext): Promise<Response | null> {
  const route = matchStatementsRoute(request.method, path);
  switch (route.kind) {
    case 'none':
      return null;
    case 'method-not-allowed':
      return toResponse(methodNotAllowed(route.allow));
    case 'status': {
      const partition = new URL(request.url).searchParams.get('partition');
      return toResponse(getStatementResult(ctx.cache, route.handle, { partition, basePath: ctx.basePath }));
    }
    case 'cancel':
      return toResponse(ctx.cache.has(route.handle) ? cancelled(route.handle, ctx.basePath) : unknownHandleError(route.handle, { basePath: ctx.basePath }));
    case 'submit':
      return toResponse(await submit(request, ctx));
  }
}

async function submit(request: Request, ctx: SqlApiContext): Promise<SqlApiReply> {
  const auth = request.headers.get('authorization');
  if (auth === null || auth.trim() === '') return missingToken();
  const parsed = await parseStatementRequest(request, { maxBodyBytes: ctx.maxBodyBytes });
  if (isSqlApiError(parsed)) return parsed;

  const state = ctx.account.state;
  // The session user is ADMIN when the account has one (the default organization's
  // administrator); otherwise a session without a user, where every existing role is usable.
  const user = findUser(state, { name: DEFAULT_ADMIN_USER }) === undefined ? null : DEFAULT_ADMIN_USER;
  const role = parsed.role ?? DEFAULT_ADMIN_ROLE;
  if (!userHoldsRole(state, user, role)) return roleNotGranted(role);

  const statements = ctx.sql.split(parsed.statement);
  if (statements.length === 0) return sqlApiError(400, { code: EMPTY_STATEMENT_CODE, message: EMPTY_STATEMENT_MESSAGE });

  const handle = ctx.nextHandle();
  const requestId = parsed.requestId ?? ctx.nextRequestId();
  const meta: ResponseMeta = { handle, requestId, createdOn: ctx.org.now, basePath: ctx.basePath, nullable: parsed.nullable };
  const failure = (error: { code: string; sqlState: string; message: string }, h: string): SqlApiReply =>
    errorResponse(error, h, { requestId, basePath: ctx.basePath, createdOn: ctx.org.now });

  const mismatch = checkStatementCount(statements.length, parsed.multiStatementCount);
  let reply: SqlApiReply;
  if (mismatch !== null) {
    reply = failure(mismatch, handle);
  } else {
    const session = ctx.sql.createSession(ctx.org, { account: ctx.account.name, user, role });
    if (parsed.multiStatementCount === 1) {
      reply = outcomeReply(runOne(session.execute.bind(session), statements[0] ?? ''), meta, failure);
    } else {
      // Children run in order; the first failure stops the rest (those before it stay done).
      const children: string[] = [];
      let failed: SqlApiReply | null = null;
      for (const statement of statements) {
        const child = ctx.nextHandle();
        children.push(child);
        const childReply = outcomeReply(runOne(session.execute.bind(session), statement), { ...meta, handle: child, createdOn: ctx.org.now }, failure);
        ctx.cache.set(child, childReply);
        if (childReply.status !== 200) {
          failed = failure(childReply.body as { code: string; sqlState: string; message: string }, handle);
          break;
        }
      }
      reply = failed ?? multiStatementResponse(children, meta);
    }
  }
  ctx.cache.set(handle, reply);
  // With async=true Snowflake answers 202 at once whatever happens; the outcome is for the GET.
  return parsed.async ? asyncResponse(handle, { requestId, basePath: ctx.basePath }) : reply;
}

/** Runs one statement; a splitter disagreement (several outcomes) keeps the first failure or the last result. */
function runOne(execute: (text: string) => readonly SqlOutcome[], statement: string): SqlOutcome {
  const outcomes = execute(statement);
  const failure = outcomes.find((o) => isSnowflakeError(o.result));
  const chosen = failure ?? outcomes[outcomes.length - 1];
  return chosen ?? { statement, account: '', result: { columns: [{ name: 'status', type: 'text' }], rows: [['Statement executed successfully.']] } };
}

function outcomeReply(
  outcome: SqlOutcome,
  meta: ResponseMeta,
  failure: (error: { code: string; sqlState: string; message: string }, handle: string) => SqlApiReply,
): SqlApiReply {
  const result = outcome.result;
  if (isSnowflakeError(result)) return failure(result, meta.handle);
  return resultSetResponse(result, meta);
}
