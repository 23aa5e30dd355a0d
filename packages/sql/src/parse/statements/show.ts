/** Every `SHOW ...` statement (spec/snowflake-sql.md §1, spec/snowflake-replication.md §2.4–2.8). */
import type { ParameterScope, ShowGrants, ShowGrantsTarget, Statement } from '../ast.ts';
import { accountRef, optionalLike, showFilter, unsupported, type Parser } from '../parser.ts';
import { grantTarget } from './grant.ts';
import { integrationKeyword } from './integration.ts';

/** SHOW objects that exist on Snowflake but not in snowglobe: answered with "unsupported", not a syntax error. */
const UNSUPPORTED_SHOW: ReadonlySet<string> = new Set([
  'DATABASES', 'SCHEMAS', 'TABLES', 'VIEWS', 'WAREHOUSES', 'STAGES', 'SHARES', 'TAGS', 'SECRETS',
  'FUNCTIONS', 'PROCEDURES', 'TASKS', 'STREAMS', 'PIPES', 'SEQUENCES', 'RESOURCE', 'ALERTS', 'OBJECTS',
  'ACCOUNTS', 'ORGANIZATION', 'APPLICATIONS', 'COLUMNS', 'FUTURE', 'LOCKS', 'TRANSACTIONS', 'VARIABLES',
  'REGIONS', 'FILE', 'AUTHENTICATION', 'PASSWORD', 'SESSION', 'MASKING', 'ROW', 'EXTERNAL', 'DATABASE',
  'USER', 'NETWORK', 'PRIMARY', 'GLOBAL',
]);

/** At `SHOW`. */
export function parseShow(p: Parser): Statement {
  p.expectKw('SHOW');
  const terse = p.acceptKw('TERSE') !== null;
  if (p.acceptKw('USERS')) {
    const filter = showFilter(p);
    p.expectEnd();
    return { kind: 'ShowUsers', terse, filter };
  }
  if (p.acceptKw('ROLES')) {
    const filter = showFilter(p);
    p.expectEnd();
    return { kind: 'ShowRoles', terse, filter };
  }
  // TERSE exists only for USERS and ROLES among the SHOW commands snowglobe parses.
  if (terse) p.fail();
  if (p.acceptKw('GRANTS')) return showGrants(p);
  const category = integrationKeyword(p, true);
  if (category !== undefined) {
    const like = optionalLike(p);
    p.expectEnd();
    return { kind: 'ShowIntegrations', category, like };
  }
  if (p.acceptKwSeq('NETWORK', 'POLICIES')) {
    const like = optionalLike(p);
    p.expectEnd();
    return { kind: 'ShowNetworkPolicies', like };
  }
  if (p.acceptKw('PARAMETERS')) return showParameters(p);
  if (p.acceptKwSeq('FAILOVER', 'GROUPS')) return showGroups(p, 'FAILOVER');
  if (p.acceptKwSeq('REPLICATION', 'GROUPS')) return showGroups(p, 'REPLICATION');
  if (p.acceptKwSeq('REPLICATION', 'ACCOUNTS')) {
    const like = optionalLike(p);
    p.expectEnd();
    return { kind: 'ShowReplicationAccounts', like };
  }
  if (p.acceptKw('CONNECTIONS')) {
    const like = optionalLike(p);
    p.expectEnd();
    return { kind: 'ShowConnections', like };
  }
  const t = p.peek();
  if (t.kind === 'ident' && UNSUPPORTED_SHOW.has(t.value)) unsupported(p, 'SHOW');
  return p.fail();
}

/** After `SHOW GRANTS`. */
function showGrants(p: Parser): ShowGrants {
  let target: ShowGrantsTarget;
  if (p.acceptKw('TO')) {
    if (p.acceptKw('ROLE')) target = { kind: 'toRole', role: p.ident() };
    else {
      p.expectKw('USER');
      target = { kind: 'toUser', user: p.ident() };
    }
  } else if (p.acceptKw('OF')) {
    p.expectKw('ROLE');
    target = { kind: 'ofRole', role: p.ident() };
  } else if (p.acceptKw('ON')) {
    target = { kind: 'on', target: grantTarget(p) };
  } else {
    target = { kind: 'currentUser' };
  }
  p.expectEnd();
  return { kind: 'ShowGrants', target };
}

/** After `SHOW PARAMETERS`: `[LIKE '..'] [IN ACCOUNT | IN SESSION | IN USER [u]]`. */
function showParameters(p: Parser): Statement {
  const like = optionalLike(p);
  let scope: ParameterScope = { kind: 'default' };
  if (p.acceptKw('IN')) {
    if (p.acceptKw('ACCOUNT')) scope = { kind: 'account' };
    else if (p.acceptKw('SESSION')) scope = { kind: 'session' };
    else {
      p.expectKw('USER');
      scope = { kind: 'user', user: p.atEnd() ? null : p.ident() };
    }
  }
  p.expectEnd();
  return { kind: 'ShowParameters', like, scope };
}

/** After `SHOW FAILOVER|REPLICATION GROUPS`: `[IN ACCOUNT a]`. */
function showGroups(p: Parser, groupKind: 'FAILOVER' | 'REPLICATION'): Statement {
  let inAccount = null;
  if (p.acceptKw('IN')) {
    p.expectKw('ACCOUNT');
    inAccount = accountRef(p, true);
  }
  p.expectEnd();
  return { kind: 'ShowGroups', groupKind, inAccount };
}
