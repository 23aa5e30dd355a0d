/**
 * One statement: route on the leading keywords to the family parsers in `statements/`, and turn
 * a {@link ParseFailure} into the SnowflakeError value it carries.
 */
import { errors, type SnowflakeError } from '@snowglobe/core';
import type { Statement } from './ast.ts';
import { ParseFailure, Parser, unsupported } from './parser.ts';
import type { Token } from './tokens.ts';
import { parseAlterAccount, parseAlterSession } from './statements/account.ts';
import { parseAlterConnection, parseCreateConnection, parseDropConnection } from './statements/connection.ts';
import { parseDescribe } from './statements/describe.ts';
import { groupKeyword, parseAlterGroup, parseCreateGroup, parseDropGroup } from './statements/failover-group.ts';
import { parseGrant, parseRevoke } from './statements/grant.ts';
import {
  integrationKeyword,
  parseAlterIntegration,
  parseCreateIntegration,
  parseDropIntegration,
} from './statements/integration.ts';
import {
  parseAlterNetworkPolicy,
  parseCreateNetworkPolicy,
  parseDropNetworkPolicy,
} from './statements/network-policy.ts';
import { parseAlterRole, parseCreateRole, parseDropRole } from './statements/role.ts';
import { parseSelect } from './statements/select.ts';
import { parseShow } from './statements/show.ts';
import { parseAlterSimulation } from './statements/simulator.ts';
import { parseUse } from './statements/use.ts';
import { parseAlterUser, parseCreateUser, parseDropUser } from './statements/user.ts';

/** Leading keywords of Snowflake commands snowglobe does not model: "unsupported", not a syntax error. */
const UNSUPPORTED_COMMANDS: ReadonlySet<string> = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY', 'PUT', 'GET', 'LIST', 'LS', 'REMOVE', 'RM', 'CALL',
  'EXECUTE', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'TRUNCATE', 'UNDROP', 'COMMENT', 'EXPLAIN', 'WITH',
  'SET', 'UNSET', 'CANCEL', 'ABORT',
]);

/** Object kinds after CREATE / ALTER / DROP that Snowflake has and snowglobe does not model. */
const UNSUPPORTED_OBJECTS: ReadonlySet<string> = new Set([
  'DATABASE', 'SCHEMA', 'TABLE', 'VIEW', 'WAREHOUSE', 'STAGE', 'SHARE', 'TAG', 'SECRET', 'FUNCTION',
  'PROCEDURE', 'TASK', 'STREAM', 'PIPE', 'SEQUENCE', 'RESOURCE', 'ALERT', 'TRANSIENT', 'TEMPORARY', 'TEMP',
  'MATERIALIZED', 'EXTERNAL', 'FILE', 'AUTHENTICATION', 'PASSWORD', 'SESSION', 'MASKING', 'ROW', 'NETWORK',
  'ACCOUNT', 'APPLICATION', 'DYNAMIC', 'ORGANIZATION', 'PACKAGES', 'AGGREGATION', 'PROJECTION', 'COMPUTE',
  'IMAGE', 'NOTEBOOK', 'MODEL', 'SNAPSHOT', 'EVENT', 'ICEBERG', 'HYBRID', 'SECURE', 'RECURSIVE', 'GIT',
]);

function parseCreate(p: Parser): Statement {
  p.expectKw('CREATE');
  const orReplace = p.acceptKwSeq('OR', 'REPLACE');
  if (p.acceptKw('ROLE')) return parseCreateRole(p, orReplace);
  if (p.acceptKw('USER')) return parseCreateUser(p, orReplace);
  if (p.acceptKwSeq('NETWORK', 'POLICY')) return parseCreateNetworkPolicy(p, orReplace);
  const category = integrationKeyword(p, false);
  if (category !== undefined) return parseCreateIntegration(p, orReplace, category);
  // Groups and connections have no OR REPLACE form: the object keyword is then unexpected.
  const kindToken = p.peek();
  const group = groupKeyword(p);
  if (group) {
    if (orReplace) p.fail(kindToken);
    return parseCreateGroup(p, group);
  }
  if (p.isKw('CONNECTION')) {
    if (orReplace) p.fail(kindToken);
    p.next();
    return parseCreateConnection(p);
  }
  return unknownObject(p, 'CREATE');
}

function parseAlter(p: Parser): Statement {
  p.expectKw('ALTER');
  if (p.acceptKw('ROLE')) return parseAlterRole(p);
  if (p.acceptKw('USER')) return parseAlterUser(p);
  if (p.acceptKwSeq('NETWORK', 'POLICY')) return parseAlterNetworkPolicy(p);
  const category = integrationKeyword(p, false);
  if (category !== undefined) return parseAlterIntegration(p, category);
  const group = groupKeyword(p);
  if (group) return parseAlterGroup(p, group);
  if (p.acceptKw('CONNECTION')) return parseAlterConnection(p);
  // `ALTER ACCOUNT <name> ...` (ORGADMIN) is another statement; only SET/UNSET of the current account is modelled.
  if (p.isKw('ACCOUNT') && (p.isKw('SET', 1) || p.isKw('UNSET', 1))) {
    p.next();
    return parseAlterAccount(p);
  }
  if (p.isKw('SESSION') && (p.isKw('SET', 1) || p.isKw('UNSET', 1))) {
    p.next();
    return parseAlterSession(p);
  }
  if (p.acceptKw('SIMULATION')) return parseAlterSimulation(p);
  return unknownObject(p, 'ALTER');
}

function parseDrop(p: Parser): Statement {
  p.expectKw('DROP');
  if (p.acceptKw('ROLE')) return parseDropRole(p);
  if (p.acceptKw('USER')) return parseDropUser(p);
  if (p.acceptKwSeq('NETWORK', 'POLICY')) return parseDropNetworkPolicy(p);
  const category = integrationKeyword(p, false);
  if (category !== undefined) return parseDropIntegration(p, category);
  const group = groupKeyword(p);
  if (group) return parseDropGroup(p, group);
  if (p.acceptKw('CONNECTION')) return parseDropConnection(p);
  return unknownObject(p, 'DROP');
}

/** After CREATE/ALTER/DROP: "unsupported" for a Snowflake object kind snowglobe lacks, else a syntax error. */
function unknownObject(p: Parser, verb: string): never {
  const t = p.peek();
  if (t.kind === 'ident' && UNSUPPORTED_OBJECTS.has(t.value)) {
    // With nothing after the object kind the statement is incomplete whatever the kind: a syntax error.
    if (p.peek(1).kind === 'eof') p.fail(p.peek(1));
    unsupported(p, verb);
  }
  return p.fail();
}

function parseAny(p: Parser): Statement {
  const t = p.peek();
  if (t.kind === 'ident') {
    switch (t.value) {
      case 'USE':
        return parseUse(p);
      case 'CREATE':
        return parseCreate(p);
      case 'ALTER':
        return parseAlter(p);
      case 'DROP':
        return parseDrop(p);
      case 'SHOW':
        return parseShow(p);
      case 'DESC':
      case 'DESCRIBE':
        return parseDescribe(p);
      case 'GRANT':
        return parseGrant(p);
      case 'REVOKE':
        return parseRevoke(p);
      case 'SELECT':
        return parseSelect(p);
      default:
        if (UNSUPPORTED_COMMANDS.has(t.value)) throw new ParseFailure(errors.unsupported(t.value));
    }
  }
  return p.fail();
}

/**
 * Parse one statement from its tokens (positions relative to `source`, ending with `eof`).
 * Syntax errors come first; IF NOT EXISTS with OR REPLACE is reported only for an otherwise valid
 * statement, as Snowflake checks it after parsing.
 */
export function parseStatementTokens(tokens: readonly Token[], source: string): Statement | SnowflakeError {
  const p = new Parser(tokens, source);
  let stmt: Statement;
  try {
    stmt = parseAny(p);
  } catch (e) {
    if (e instanceof ParseFailure) return e.error;
    throw e;
  }
  if ('orReplace' in stmt && stmt.orReplace && stmt.ifNotExists) return errors.incompatibleOptions();
  return stmt;
}
