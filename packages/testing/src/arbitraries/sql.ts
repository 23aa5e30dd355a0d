/**
 * Arbitraries for SQL: the identity-plane statements of Snowflake's runbooks over small name pools
 * (so statements collide, conflict and get refused often, which is where the interesting
 * behaviour is), names that need quoting (non-ASCII, dots, `@`, embedded quotes), a few
 * malformed statements, and the administrator statements a scenario runs on its primary.
 */
import fc from 'fast-check';
import { foldLogin, type Directory } from '../directory.ts';

/** `"name"` with embedded quotes doubled (Snowflake's quoted identifier). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with quotes doubled and backslashes escaped (Snowflake string literal). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A name as a statement would write it: bare when it is a plain upper-case identifier, else quoted. */
export function identifier(name: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(name) ? name : quoteIdent(name);
}

const USERS = ['ALICE', 'BOB', 'zoë.müller@example.com', 'JOSÉ.GARCÍA@EXAMPLE.COM', 'O"BRIEN', 'carol'];
const ROLES = ['ANALYST', 'okta_role1', 'Data Science – EMEA', 'R1', 'SYSADMIN', 'PUBLIC'];
const POLICIES = ['NP_OFFICE', 'np_vpn'];
const TEXT = ['note', "it's fine", 'Ärzte — Notfall', '美咲', 'back\\slash', ''];

const userName = fc.constantFrom(...USERS).map(identifier);
const roleName = fc.constantFrom(...ROLES).map(identifier);
const text = fc.constantFrom(...TEXT).map(sqlString);

/** CREATE / ALTER / DROP USER. */
export function userSqlArb(): fc.Arbitrary<string> {
  const prop = fc.oneof(
    text.map((t) => `COMMENT = ${t}`),
    text.map((t) => `DISPLAY_NAME = ${t}`),
    fc.constantFrom('a@example.com', 'zoë@exämple.de').map((e) => `EMAIL = ${sqlString(e)}`),
    fc.boolean().map((b) => `DISABLED = ${b ? 'TRUE' : 'FALSE'}`),
    roleName.map((r) => `DEFAULT_ROLE = ${r}`),
    fc.constantFrom('()', "('ALL')").map((v) => `DEFAULT_SECONDARY_ROLES = ${v}`),
    fc.constantFrom('PERSON', 'SERVICE', 'LEGACY_SERVICE').map((t) => `TYPE = ${t}`),
  );
  const props = fc.uniqueArray(prop, { maxLength: 3, selector: (p) => p.split(' = ')[0] }).map((ps) => (ps.length ? ` ${ps.join(' ')}` : ''));
  return fc.oneof(
    fc.tuple(fc.constantFrom('', 'OR REPLACE ', 'IF NOT EXISTS '), userName, props).map(([m, u, p]) =>
      m === 'IF NOT EXISTS ' ? `CREATE USER IF NOT EXISTS ${u}${p}` : `CREATE ${m}USER ${u}${p}`,
    ),
    fc.tuple(userName, props).filter(([, p]) => p !== '').map(([u, p]) => `ALTER USER ${u} SET${p}`),
    fc.tuple(userName, fc.constantFrom('COMMENT', 'DISPLAY_NAME', 'EMAIL', 'DEFAULT_ROLE')).map(([u, p]) => `ALTER USER IF EXISTS ${u} UNSET ${p}`),
    fc.tuple(userName, userName).map(([a, b]) => `ALTER USER ${a} RENAME TO ${b}`),
    fc.tuple(fc.boolean(), userName).map(([ifExists, u]) => `DROP USER ${ifExists ? 'IF EXISTS ' : ''}${u}`),
  );
}

/** CREATE / ALTER / DROP ROLE, GRANT / REVOKE ROLE and account privileges. */
export function roleSqlArb(): fc.Arbitrary<string> {
  const grantee = fc.oneof(userName.map((u) => `USER ${u}`), roleName.map((r) => `ROLE ${r}`));
  return fc.oneof(
    fc.tuple(fc.constantFrom('', 'OR REPLACE ', 'IF NOT EXISTS '), roleName, fc.option(text, { nil: undefined })).map(([m, r, c]) =>
      m === 'IF NOT EXISTS ' ? `CREATE ROLE IF NOT EXISTS ${r}` : `CREATE ${m}ROLE ${r}${c !== undefined ? ` COMMENT = ${c}` : ''}`,
    ),
    fc.tuple(roleName, roleName).map(([a, b]) => `ALTER ROLE ${a} RENAME TO ${b}`),
    fc.tuple(fc.boolean(), roleName).map(([ifExists, r]) => `DROP ROLE ${ifExists ? 'IF EXISTS ' : ''}${r}`),
    fc.tuple(roleName, grantee).map(([r, g]) => `GRANT ROLE ${r} TO ${g}`),
    fc.tuple(roleName, grantee).map(([r, g]) => `REVOKE ROLE ${r} FROM ${g}`),
    fc.tuple(fc.constantFrom('CREATE USER', 'CREATE ROLE', 'MANAGE GRANTS', 'MONITOR USER'), roleName).map(([p, r]) => `GRANT ${p} ON ACCOUNT TO ROLE ${r}`),
    fc.tuple(userName, roleName).map(([u, r]) => `GRANT OWNERSHIP ON USER ${u} TO ROLE ${r} COPY CURRENT GRANTS`),
  );
}

/** SHOW / DESCRIBE: read-only statements. */
export function showSqlArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('SHOW USERS', 'SHOW ROLES', 'SHOW INTEGRATIONS', 'SHOW SECURITY INTEGRATIONS', 'SHOW NETWORK POLICIES', 'SHOW FAILOVER GROUPS', 'SHOW CONNECTIONS'),
    fc.constantFrom("SHOW USERS LIKE 'A%'", "SHOW ROLES LIKE '%role%'"),
    userName.map((u) => `DESC USER ${u}`),
    userName.map((u) => `SHOW GRANTS TO USER ${u}`),
    roleName.map((r) => `SHOW GRANTS OF ROLE ${r}`),
  );
}

/** Network policies. */
export function networkPolicySqlArb(): fc.Arbitrary<string> {
  const policy = fc.constantFrom(...POLICIES).map(identifier);
  const ips = fc.subarray(['10.0.0.0/8', '192.168.1.1', '2001:db8::/32', '203.0.113.0/24']).map((l) => `(${l.map(sqlString).join(', ')})`);
  return fc.oneof(
    fc.tuple(policy, ips).map(([p, l]) => `CREATE OR REPLACE NETWORK POLICY ${p} ALLOWED_IP_LIST = ${l}`),
    fc.tuple(policy, ips).map(([p, l]) => `ALTER NETWORK POLICY ${p} SET BLOCKED_IP_LIST = ${l}`),
    fc.tuple(fc.boolean(), policy).map(([ifExists, p]) => `DROP NETWORK POLICY ${ifExists ? 'IF EXISTS ' : ''}${p}`),
  );
}

/** Statements that must be refused with a syntax or compilation error, never crash the executor. */
export function malformedSqlArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('CREATE USER', 'GRANT ROLE TO USER x', 'ALTER USER SET', 'DROP', 'SELECT', 'CREATE ROLE "unterminated', "ALTER USER x SET COMMENT = 'open", 'SHOW USERS LIKE'),
    userSqlArb().chain((s) => fc.nat(Math.max(0, s.length - 1)).map((n) => s.slice(0, n))),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
}

export interface SqlArbOptions {
  /** Include malformed statements (default true). */
  readonly malformed?: boolean;
}

/** Any identity-plane statement (and, by default, some malformed ones). */
export function sqlStatementArb(opts: SqlArbOptions = {}): fc.Arbitrary<string> {
  const arbs = [
    { weight: 4, arbitrary: userSqlArb() },
    { weight: 4, arbitrary: roleSqlArb() },
    { weight: 2, arbitrary: showSqlArb() },
    { weight: 1, arbitrary: networkPolicySqlArb() },
  ];
  if (opts.malformed ?? true) arbs.push({ weight: 1, arbitrary: malformedSqlArb() });
  return fc.oneof(...arbs);
}

/** A script of statements separated by `;`. */
export function sqlScriptArb(opts: SqlArbOptions & { readonly maxLength?: number } = {}): fc.Arbitrary<string[]> {
  return fc.array(sqlStatementArb(opts), { minLength: 1, maxLength: opts.maxLength ?? 10 });
}

/**
 * What an administrator does on the primary during a scenario, picking a SCIM-managed user by
 * index: statements that change nothing the IdP maps (comments, local roles, network policies),
 * so the directory's expected mapping still holds.
 */
export type AdminSqlIntent =
  | { readonly kind: 'commentUser'; readonly pick: number; readonly text: string }
  | { readonly kind: 'localRole'; readonly n: number }
  | { readonly kind: 'grantLocalRole'; readonly n: number; readonly pick: number }
  | { readonly kind: 'networkPolicy'; readonly n: number };

export function adminSqlIntentArb(): fc.Arbitrary<AdminSqlIntent> {
  return fc.oneof(
    fc.record({ kind: fc.constant('commentUser' as const), pick: fc.nat(255), text: fc.constantFrom(...TEXT) }),
    fc.record({ kind: fc.constant('localRole' as const), n: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('grantLocalRole' as const), n: fc.integer({ min: 1, max: 3 }), pick: fc.nat(255) }),
    fc.record({ kind: fc.constant('networkPolicy' as const), n: fc.integer({ min: 1, max: 2 }) }),
  );
}

/** The statement of an admin intent against the directory (user names as SCIM created them). */
export function resolveAdminSql(d: Directory, intent: AdminSqlIntent): string | null {
  const users = d.users;
  const user = users.length ? users[intent.kind === 'commentUser' || intent.kind === 'grantLocalRole' ? intent.pick % users.length : 0] : undefined;
  switch (intent.kind) {
    case 'commentUser':
      return user ? `ALTER USER ${quoteIdent(foldLogin(user.userName))} SET COMMENT = ${sqlString(intent.text)}` : null;
    case 'localRole':
      return `CREATE ROLE IF NOT EXISTS LOCAL_ROLE_${intent.n} COMMENT = 'created by a DBA, not the IdP'`;
    case 'grantLocalRole':
      return `CREATE ROLE IF NOT EXISTS LOCAL_ROLE_${intent.n}; GRANT ROLE LOCAL_ROLE_${intent.n} TO ROLE SYSADMIN`;
    case 'networkPolicy':
      return `CREATE OR REPLACE NETWORK POLICY NP_${intent.n} ALLOWED_IP_LIST = ('10.0.0.0/8', '203.0.113.0/24')`;
  }
}
