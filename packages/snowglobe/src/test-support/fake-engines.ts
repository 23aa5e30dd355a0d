/**
 * Small stand-ins for the SQL and SCIM layers, so the HTTP, CLI and persistence layers are tested
 * on their own. The fake SQL knows four statements; the fake SCIM creates users and echoes what
 * the server told it (account, client IP, path).
 */
import { errors, findUser, isSnowflakeError } from '@snowglobe/core';
import type { Organization } from '@snowglobe/core';
import type { Engines, ScimFactory, SqlEngine, SqlOutcome } from '../engines.ts';
import { splitStatements } from '../sql-api/split.ts';

/**
 * Statements: `CREATE ROLE <name>`, `CREATE USER <name>`, `SHOW USERS`, `USE ACCOUNT <name>`,
 * `FAIL` (always an error). Anything else is a syntax error.
 */
export const fakeSql: SqlEngine = {
  createSession(org: Organization, identity) {
    let account = identity.account;
    const actor = { role: identity.role, user: identity.user };
    const one = (statement: string): SqlOutcome => {
      const words = statement.trim().split(/\s+/);
      const upper = words.map((w) => w.toUpperCase());
      const status = (text: string): SqlOutcome => ({ statement, account, result: { columns: [{ name: 'status', type: 'text' }], rows: [[text]] } });
      const fail = (e: ReturnType<typeof errors.syntax>): SqlOutcome => ({ statement, account, result: e });
      if (upper[0] === 'CREATE' && (upper[1] === 'ROLE' || upper[1] === 'USER') && words[2] !== undefined) {
        const name = words[2].toUpperCase();
        const r = org.execute(account, upper[1] === 'ROLE' ? { type: 'CreateRole', name } : { type: 'CreateUser', name, props: {} }, actor);
        if (isSnowflakeError(r)) return fail(r);
        return status(`${upper[1] === 'ROLE' ? 'Role' : 'User'} ${name} successfully created.`);
      }
      if (upper[0] === 'SHOW' && upper[1] === 'USERS') {
        const a = org.requireAccount(account);
        const names = ['ADMIN', 'U1', 'U2', 'ALICE', 'BOB'].filter((n) => findUser(a.state, { name: n }) !== undefined);
        return {
          statement,
          account,
          result: { columns: [{ name: 'name', type: 'text' }, { name: 'created_on', type: 'timestamp_ltz' }, { name: 'disabled', type: 'boolean' }], rows: names.map((n) => [n, org.now, false]) },
        };
      }
      if (upper[0] === 'USE' && upper[1] === 'ACCOUNT' && words[2] !== undefined) {
        const a = org.account(words[2]);
        if (a === undefined) return fail(errors.doesNotExist('ACCOUNT', words[2].toUpperCase()));
        account = a.name;
        return status('Statement executed successfully.');
      }
      if (upper[0] === 'FAIL') return fail(errors.syntax(1, 0, 'FAIL'));
      return fail(errors.syntax(1, 0, words[0] ?? ''));
    };
    return { execute: (text) => splitStatements(text).map(one) };
  },
  split: splitStatements,
  renderTable: (o) => (isSnowflakeError(o.result) ? `error ${o.result.code}` : o.result.rows.map((r) => r.join(' | ')).join('\n')),
};

/**
 * POST /scim/v2/Users `{userName}` creates a user (201, or 409 when it exists); GET answers 200
 * with `{account, clientIp, path, users}`.
 */
export const fakeScim: ScimFactory = (org) => async (request, info) => {
  const url = new URL(request.url);
  const account = info?.account ?? org.accounts[0]?.name ?? '';
  if (request.method === 'POST' && url.pathname.replace(/\/$/, '') === '/scim/v2/Users') {
    const body = (await request.json()) as { userName?: string };
    const name = String(body.userName ?? '').toUpperCase();
    const r = org.execute(account, { type: 'CreateUser', name, props: {} }, { role: 'ACCOUNTADMIN' });
    if (isSnowflakeError(r)) return Response.json({ detail: r.message, status: '409' }, { status: 409 });
    const id = r.decision.output.kind === 'created' ? r.decision.output.id : '';
    const location = `${url.origin}/scim/v2/Users/${id}`;
    return Response.json({ id, userName: name, meta: { location } }, { status: 201, headers: { location } });
  }
  const users = org.requireAccount(account).state.users.size;
  return Response.json({ account, clientIp: info?.clientIp, path: url.pathname, users });
};

/** Both fakes. */
export const fakeEngines: Engines = { sql: fakeSql, scim: fakeScim };
