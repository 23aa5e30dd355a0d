/**
 * `CREATE | ALTER | DROP FAILOVER GROUP` and `... REPLICATION GROUP` (spec/snowflake-replication.md
 * §2.1–2.5). The two kinds share one grammar; `groupKind` tells them apart and the executor refuses
 * what a replication group cannot do (PRIMARY, OPTIMIZED_REFRESH).
 *
 * OBJECT_TYPES and ALLOWED_INTEGRATION_TYPES entries are multi-word (`resource monitors`,
 * `security integrations`): an entry is the words up to a comma, the next `NAME =` clause,
 * `IGNORE EDITION CHECK` or the end.
 *
 * ALTER ... SET has two forms, as on Snowflake: membership (OBJECT_TYPES and the ALLOWED_* lists)
 * and everything else (REPLICATION_SCHEDULE, COMMENT, ...). Mixing them is a syntax error at the
 * first property of the other form — the observed `unexpected 'REPLICATION_SCHEDULE'` (§2.2).
 */
import type {
  AccountRef,
  AlterGroup,
  AlterGroupAction,
  CreateGroup,
  CreateGroupReplica,
  DropGroup,
  GroupKind,
  GroupMemberList,
  GroupMembership,
  Ident,
  Property,
  StringLit,
  TypeWord,
} from '../ast.ts';
import type { Token } from '../tokens.ts';
import {
  accountList,
  acceptIfExists,
  acceptIfNotExists,
  identList,
  isPropertyStart,
  posOf,
  propNames,
  property,
  replicaRef,
  type Parser,
} from '../parser.ts';

/** `FAILOVER GROUP` or `REPLICATION GROUP` if they follow (consumed), else undefined. */
export function groupKeyword(p: Parser): GroupKind | undefined {
  if (p.acceptKwSeq('FAILOVER', 'GROUP')) return 'FAILOVER';
  if (p.acceptKwSeq('REPLICATION', 'GROUP')) return 'REPLICATION';
  return undefined;
}

const isIgnoreEditionCheck = (p: Parser): boolean => p.isKwSeq('IGNORE', 'EDITION', 'CHECK');

/** Comma-separated multi-word entries, normalised to upper case with single spaces. */
function typeWords(p: Parser): TypeWord[] {
  const out: TypeWord[] = [];
  do {
    const first = p.peek();
    const words: string[] = [];
    while (p.peek().kind === 'ident' && !isPropertyStart(p) && !isIgnoreEditionCheck(p)) words.push(p.next().value);
    if (words.length === 0) p.fail();
    out.push({ value: words.join(' '), pos: posOf(first) });
  } while (p.acceptOp(','));
  return out;
}

const MEMBERSHIP_LISTS = new Set([
  'OBJECT_TYPES',
  'ALLOWED_DATABASES',
  'ALLOWED_SHARES',
  'ALLOWED_EXTERNAL_VOLUMES',
  'ALLOWED_INTEGRATION_TYPES',
]);

type MutableMembership = { -readonly [K in keyof GroupMembership]: GroupMembership[K] };

const emptyMembership = (): MutableMembership => ({
  objectTypes: null,
  allowedDatabases: null,
  allowedShares: null,
  allowedExternalVolumes: null,
  allowedIntegrationTypes: null,
});

/** Parse the membership clause named by `name` (already past `NAME =`) into `m`. */
function membershipClause(p: Parser, name: Token, m: MutableMembership): void {
  switch (name.value) {
    case 'OBJECT_TYPES':
      if (m.objectTypes) p.fail(name);
      m.objectTypes = typeWords(p);
      return;
    case 'ALLOWED_INTEGRATION_TYPES':
      if (m.allowedIntegrationTypes) p.fail(name);
      m.allowedIntegrationTypes = typeWords(p);
      return;
    case 'ALLOWED_DATABASES':
      if (m.allowedDatabases) p.fail(name);
      m.allowedDatabases = identList(p);
      return;
    case 'ALLOWED_SHARES':
      if (m.allowedShares) p.fail(name);
      m.allowedShares = identList(p);
      return;
    case 'ALLOWED_EXTERNAL_VOLUMES':
      if (m.allowedExternalVolumes) p.fail(name);
      m.allowedExternalVolumes = identList(p);
      return;
    default:
      p.fail(name);
  }
}

/** After `CREATE FAILOVER|REPLICATION GROUP`. */
export function parseCreateGroup(p: Parser, groupKind: GroupKind): CreateGroup | CreateGroupReplica {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  if (p.acceptKw('AS')) {
    p.expectKwSeq('REPLICA', 'OF');
    const primary = replicaRef(p);
    p.expectEnd();
    return { kind: 'CreateGroupReplica', groupKind, ifNotExists, name, primary };
  }

  const m = emptyMembership();
  let allowedAccounts: AccountRef[] | null = null;
  let ignoreEditionCheck = false;
  let replicationSchedule: StringLit | null = null;
  let optimizedRefresh: boolean | null = null;
  let errorIntegration: Ident | null = null;
  let comment: StringLit | null = null;
  const seen = new Set<string>();

  while (!p.atEnd()) {
    if (isIgnoreEditionCheck(p)) {
      if (ignoreEditionCheck) p.fail();
      p.acceptKwSeq('IGNORE', 'EDITION', 'CHECK');
      ignoreEditionCheck = true;
      continue;
    }
    if (!isPropertyStart(p)) p.fail();
    const clause = p.next();
    if (seen.has(clause.value)) p.fail(clause);
    seen.add(clause.value);
    p.expectOp('=');
    if (MEMBERSHIP_LISTS.has(clause.value)) {
      membershipClause(p, clause, m);
      continue;
    }
    switch (clause.value) {
      case 'ALLOWED_ACCOUNTS':
        allowedAccounts = accountList(p);
        break;
      case 'REPLICATION_SCHEDULE':
        replicationSchedule = p.stringLit();
        break;
      case 'OPTIMIZED_REFRESH':
        optimizedRefresh = p.bool();
        break;
      case 'ERROR_INTEGRATION':
        errorIntegration = p.ident();
        break;
      case 'COMMENT':
        comment = p.stringLit();
        break;
      default:
        p.fail(clause);
    }
  }
  return {
    kind: 'CreateGroup',
    groupKind,
    ifNotExists,
    name,
    ...m,
    allowedAccounts: allowedAccounts ?? [],
    ignoreEditionCheck,
    replicationSchedule,
    optimizedRefresh,
    errorIntegration,
    comment,
  };
}

/** `SET ...` of an ALTER GROUP: the membership form or the property form, never both. */
function alterSet(p: Parser): AlterGroupAction {
  if (!isPropertyStart(p)) p.fail();
  if (MEMBERSHIP_LISTS.has(p.peek().value)) {
    const m = emptyMembership();
    while (isPropertyStart(p) && MEMBERSHIP_LISTS.has(p.peek().value)) {
      const clause = p.next();
      p.expectOp('=');
      membershipClause(p, clause, m);
    }
    return { kind: 'setMembership', ...m };
  }
  const props: Property[] = [];
  while (isPropertyStart(p)) {
    if (MEMBERSHIP_LISTS.has(p.peek().value)) p.fail();
    props.push(property(p));
    if (p.isOp(',')) {
      p.next();
      if (!isPropertyStart(p)) p.fail();
    }
  }
  return { kind: 'set', properties: props };
}

const MEMBER_LISTS: ReadonlySet<string> = new Set(['ALLOWED_DATABASES', 'ALLOWED_SHARES', 'ALLOWED_EXTERNAL_VOLUMES']);

/**
 * Which list an `ADD x, y TO <list>` / `REMOVE x FROM <list>` names: look ahead for the keyword
 * so the entries can be parsed as accounts (`org.acct`) or as plain names.
 */
function targetList(p: Parser, keyword: 'TO' | 'FROM'): string | undefined {
  for (let k = 0; ; k++) {
    const t = p.peek(k);
    if (t.kind === 'eof') return undefined;
    if (t.kind === 'ident' && t.value === keyword) {
      const next = p.peek(k + 1);
      return next.kind === 'ident' ? next.value : undefined;
    }
  }
}

/** `ADD ... TO <list>` (`add`) or `REMOVE ... FROM <list>`. */
function addOrRemove(p: Parser, add: boolean): AlterGroupAction {
  const keyword = add ? 'TO' : 'FROM';
  const list = targetList(p, keyword);
  if (list === 'ALLOWED_ACCOUNTS') {
    const accounts = accountList(p);
    p.expectKwSeq(keyword, 'ALLOWED_ACCOUNTS');
    if (!add) return { kind: 'removeAccounts', accounts };
    const ignoreEditionCheck = p.acceptKwSeq('IGNORE', 'EDITION', 'CHECK');
    return { kind: 'addAccounts', accounts, ignoreEditionCheck };
  }
  const names = identList(p);
  p.expectKw(keyword);
  const t = p.peek();
  if (t.kind !== 'ident' || !MEMBER_LISTS.has(t.value)) p.fail();
  p.next();
  const memberList = t.value as GroupMemberList;
  return add ? { kind: 'addMembers', list: memberList, names } : { kind: 'removeMembers', list: memberList, names };
}

/** `MOVE DATABASES|SHARES|EXTERNAL VOLUMES a, b TO FAILOVER|REPLICATION GROUP g`. */
function move(p: Parser): AlterGroupAction {
  let list: GroupMemberList;
  if (p.acceptKw('DATABASES')) list = 'ALLOWED_DATABASES';
  else if (p.acceptKw('SHARES')) list = 'ALLOWED_SHARES';
  else {
    p.expectKwSeq('EXTERNAL', 'VOLUMES');
    list = 'ALLOWED_EXTERNAL_VOLUMES';
  }
  const names = identList(p);
  p.expectKw('TO');
  const toGroupKind = groupKeyword(p) ?? p.fail();
  const toGroup = p.ident();
  return { kind: 'moveMembers', list, names, toGroupKind, toGroup };
}

/** After `ALTER FAILOVER|REPLICATION GROUP`. */
export function parseAlterGroup(p: Parser, groupKind: GroupKind): AlterGroup {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  let action: AlterGroupAction;
  if (p.acceptKw('REFRESH')) action = { kind: 'refresh', force: p.acceptKw('FORCE') !== null };
  else if (p.acceptKw('PRIMARY')) action = { kind: 'primary' };
  else if (p.acceptKw('SUSPEND')) action = { kind: 'suspend', immediate: p.acceptKw('IMMEDIATE') !== null };
  else if (p.acceptKw('RESUME')) action = { kind: 'resume' };
  else if (p.acceptKw('RENAME')) {
    p.expectKw('TO');
    action = { kind: 'rename', newName: p.ident() };
  } else if (p.acceptKw('SET')) action = alterSet(p);
  else if (p.acceptKw('UNSET')) action = { kind: 'unset', names: propNames(p) };
  else if (p.acceptKw('ADD')) action = addOrRemove(p, true);
  else if (p.acceptKw('REMOVE')) action = addOrRemove(p, false);
  else if (p.acceptKw('MOVE')) action = move(p);
  else return p.fail();
  p.expectEnd();
  return { kind: 'AlterGroup', groupKind, ifExists, name, action };
}

/** After `DROP FAILOVER|REPLICATION GROUP`. */
export function parseDropGroup(p: Parser, groupKind: GroupKind): DropGroup {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropGroup', groupKind, ifExists, name };
}
