/**
 * `GRANT` and `REVOKE` of privileges, roles and ownership. Privileges are any sequence of words
 * up to `ON` (`CREATE USER`, `MANAGE GRANTS`, `APPLY MASKING POLICY`, ...): the executor knows
 * which ones exist for which object type.
 */
import type {
  GrantObjectType,
  GrantOwnership,
  GrantPrivileges,
  GrantRole,
  GrantTarget,
  Grantee,
  Privilege,
  RevokePrivileges,
  RevokeRole,
} from '../ast.ts';
import { posOf, type Parser } from '../parser.ts';

/** The object types after ON, longest keyword sequences first, with how many name parts each takes. */
const OBJECT_TYPES: readonly (readonly [readonly string[], GrantObjectType, number])[] = [
  [['NETWORK', 'POLICY'], 'NETWORK POLICY', 1],
  [['FAILOVER', 'GROUP'], 'FAILOVER GROUP', 1],
  [['REPLICATION', 'GROUP'], 'REPLICATION GROUP', 1],
  [['RESOURCE', 'MONITOR'], 'RESOURCE MONITOR', 1],
  [['INTEGRATION'], 'INTEGRATION', 1],
  [['USER'], 'USER', 1],
  [['ROLE'], 'ROLE', 1],
  [['CONNECTION'], 'CONNECTION', 1],
  [['DATABASE'], 'DATABASE', 1],
  [['WAREHOUSE'], 'WAREHOUSE', 1],
  [['SCHEMA'], 'SCHEMA', 2],
  [['TAG'], 'TAG', 3],
];

/** `<object_type> <name>` after ON. */
export function objectTarget(p: Parser): Extract<GrantTarget, { kind: 'object' }> {
  const start = p.peek();
  for (const [words, objectType, maxParts] of OBJECT_TYPES) {
    if (!p.acceptKwSeq(...words)) continue;
    const name = p.qualifiedName(maxParts);
    const parts = name.parts;
    return {
      kind: 'object',
      objectType,
      qualifier: parts.slice(0, -1),
      name: parts[parts.length - 1] ?? p.fail(),
      pos: posOf(start),
    };
  }
  return p.fail();
}

/** `ACCOUNT` or `<object_type> <name>` after ON. */
export function grantTarget(p: Parser): GrantTarget {
  const t = p.acceptKw('ACCOUNT');
  if (t) return { kind: 'account', pos: posOf(t) };
  return objectTarget(p);
}

/** Privileges up to ON: word sequences separated by commas. */
function privileges(p: Parser): Privilege[] {
  const out: Privilege[] = [];
  do {
    const first = p.peek();
    const words: string[] = [];
    while (p.peek().kind === 'ident' && !p.isKw('ON')) words.push(p.next().value);
    if (words.length === 0) p.fail();
    out.push({ name: words.join(' '), pos: posOf(first) });
  } while (p.acceptOp(','));
  return out;
}

/** `[ROLE] r` or `USER u` (ROLE is optional for privilege and ownership grants). */
function grantee(p: Parser): Grantee {
  if (p.acceptKw('USER')) return { kind: 'USER', name: p.ident() };
  p.acceptKw('ROLE');
  return { kind: 'ROLE', name: p.ident() };
}

/** `ROLE r` or `USER u` (both keywords required, as in GRANT ROLE). */
function roleOrUser(p: Parser): Grantee {
  if (p.acceptKw('USER')) return { kind: 'USER', name: p.ident() };
  p.expectKw('ROLE');
  return { kind: 'ROLE', name: p.ident() };
}

/** `GRANT ROLE r TO ...` rather than a privilege that happens to start with ROLE. */
const isRoleGrant = (p: Parser): boolean => p.isKw('ROLE') && !p.isKw('ON', 1) && !p.isOp(',', 1);

/** At `GRANT`. */
export function parseGrant(p: Parser): GrantPrivileges | GrantRole | GrantOwnership {
  p.expectKw('GRANT');
  if (isRoleGrant(p)) {
    p.next();
    const role = p.ident();
    p.expectKw('TO');
    const to = roleOrUser(p);
    const withGrantOption = p.acceptKwSeq('WITH', 'GRANT', 'OPTION');
    p.expectEnd();
    return { kind: 'GrantRole', role, to, withGrantOption };
  }
  if (p.isKwSeq('OWNERSHIP', 'ON')) {
    p.next();
    p.next();
    const on = objectTarget(p);
    p.expectKw('TO');
    const to = grantee(p);
    let currentGrants: GrantOwnership['currentGrants'] = null;
    if (p.acceptKwSeq('COPY', 'CURRENT', 'GRANTS')) currentGrants = 'COPY';
    else if (p.acceptKwSeq('REVOKE', 'CURRENT', 'GRANTS')) currentGrants = 'REVOKE';
    p.expectEnd();
    return { kind: 'GrantOwnership', on, to, currentGrants };
  }
  const privs = privileges(p);
  p.expectKw('ON');
  const on = grantTarget(p);
  p.expectKw('TO');
  const to = grantee(p);
  const withGrantOption = p.acceptKwSeq('WITH', 'GRANT', 'OPTION');
  p.expectEnd();
  return { kind: 'GrantPrivileges', privileges: privs, on, to, withGrantOption };
}

/** At `REVOKE`. */
export function parseRevoke(p: Parser): RevokePrivileges | RevokeRole {
  p.expectKw('REVOKE');
  if (isRoleGrant(p)) {
    p.next();
    const role = p.ident();
    p.expectKw('FROM');
    const from = roleOrUser(p);
    p.expectEnd();
    return { kind: 'RevokeRole', role, from };
  }
  const grantOptionFor = p.acceptKwSeq('GRANT', 'OPTION', 'FOR');
  const privs = privileges(p);
  p.expectKw('ON');
  const on = grantTarget(p);
  p.expectKw('FROM');
  const from = grantee(p);
  let cascade: RevokePrivileges['cascade'] = null;
  if (p.acceptKw('CASCADE')) cascade = 'CASCADE';
  else if (p.acceptKw('RESTRICT')) cascade = 'RESTRICT';
  p.expectEnd();
  return { kind: 'RevokePrivileges', grantOptionFor, privileges: privs, on, from, cascade };
}
