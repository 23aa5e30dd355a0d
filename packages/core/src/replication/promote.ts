import type { Organization } from '../organization.ts';
import type { Actor } from '../decide/context.ts';
import type { Event, LogEntry } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { CreateFailoverGroupCommand } from '../commands.ts';
import type { FailoverGroup } from '../model/replication.ts';
import { activeRoles, rolesHoldAccountPrivilege } from '../decide/access.ts';
import { findGroup, holdsGroupPrivilege } from '../decide/failover-groups.ts';
import { accountRef, reachableAccount } from './context.ts';
import { currentPrimary, findGroupIn, fullName, lineageEpoch, lineageGroups, settleReplication } from './lineage.ts';
import { groupKindWord, parseObjectRef } from './names.ts';
import { carriesAccountObjects } from './scope.ts';
import { runRefresh, type RefreshResult } from './refresh.ts';

/** What ALTER FAILOVER GROUP ... PRIMARY did. */
export interface PromoteResult {
  readonly group: FailoverGroup;
  readonly epoch: number;
  /** Entries appended to the promoted account's log. */
  readonly entries: readonly LogEntry[];
  /** Accounts that learned of the failover now; unavailable ones learn when they come back. */
  readonly notified: readonly string[];
  readonly pending: readonly string[];
}

/**
 * ALTER FAILOVER GROUP <g> PRIMARY, run in a secondary's account (spec §5): the secondary becomes
 * the primary (read-write), the old primary a secondary of it (read-only), and every secondary's
 * schedule is suspended. The old primary need not be reachable (an unplanned failover): it
 * learns when it comes back, and whatever it acknowledged after this secondary's last refresh is
 * lost (see `lostWrites`). Needs FAILOVER or OWNERSHIP; refused while a refresh runs (003122).
 */
export function promoteGroup(org: Organization, accountName: string, groupName: string, opts: { readonly actor: Actor }): PromoteResult | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const s = findGroupIn(t, groupName, 'FAILOVER') ?? findGroupIn(t, groupName);
  if (!s) return errors.doesNotExist('FAILOVER_GROUP', groupName);
  if (s.type === 'REPLICATION') return errors.replicationGroupCannotFailover(s.name);
  if (s.isPrimary) return errors.groupNotSecondary(groupKindWord(s.type), s.name, 'ALTER FAILOVER GROUP ... PRIMARY');
  if (!holdsGroupPrivilege(t.state, opts.actor, s, ['FAILOVER'])) return errors.insufficientPrivileges('FAILOVER_GROUP', s.name);
  if (s.refreshInProgress) return errors.promoteWhileRefreshing(s.name);
  const old = currentPrimary(org, s.globalId);
  const self = accountRef(org, t);
  if (old && !old.group.allowedAccounts.includes(self)) return errors.accountNotAllowed(self, 'Failover group', fullName(org, old));
  const epoch = lineageEpoch(org, s.globalId) + 1;
  const newRef = { account: t.name, group: s.name };
  const entries = org.appendEvents(t, [
    {
      type: 'FailoverGroupAltered',
      id: s.id,
      changes: {
        isPrimary: true,
        epoch,
        primary: newRef,
        suspended: false,
        refreshInProgress: null,
        // The lineage's settings travel with the primary: what this secondary last synced.
        allowedAccounts: old ? old.group.allowedAccounts : s.allowedAccounts,
      },
    },
  ]);
  const notified: string[] = [];
  const pending: string[] = [];
  for (const ref of lineageGroups(org, s.globalId)) {
    if (ref.account === t) continue;
    if (!org.isAvailable(ref.account.name)) {
      pending.push(ref.account.name);
      continue;
    }
    const changes: Extract<Event, { type: 'FailoverGroupAltered' }>['changes'] = {
      isPrimary: false,
      epoch,
      primary: newRef,
      // All secondaries' schedules suspend on failover; RESUME restarts them (spec §5.1).
      suspended: true,
      ...(ref.group.isPrimary ? { initializedTypes: ref.group.objectTypes } : {}),
    };
    org.appendEvents(ref.account, [{ type: 'FailoverGroupAltered', id: ref.group.id, changes }]);
    notified.push(ref.account.name);
  }
  return { group: t.state.failoverGroups.get(s.id)!, epoch, entries, notified, pending };
}

/** What CREATE ... GROUP ... AS REPLICA OF did: the group, and the initial refresh's outcome. */
export interface CreateReplicaResult {
  readonly group: FailoverGroup;
  /** The initial refresh: a result, or the error it FAILED with (the group exists either way). */
  readonly refresh: RefreshResult | SnowflakeError;
  readonly entries: readonly LogEntry[];
}

/**
 * CREATE FAILOVER | REPLICATION GROUP <g> AS REPLICA OF <org>.<account>.<group> (spec §2.1), in a
 * target account listed in the primary's ALLOWED_ACCOUNTS. Creates the secondary and always runs
 * the initial refresh (spec §11.13). If that refresh fails (e.g. same-named users: link them or
 * REFRESH FORCE) the secondary still exists and its history shows the FAILED row.
 */
export function createReplicaGroup(
  org: Organization,
  accountName: string,
  cmd: CreateFailoverGroupCommand & { readonly replicaOf: string },
  actor: Actor,
): CreateReplicaResult | { readonly exists: string } | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const kind = cmd.kind;
  const objectKind = kind === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP';
  const word = groupKindWord(kind);
  const roles = activeRoles(t.state, actor);
  if (!rolesHoldAccountPrivilege(t.state, roles.forCreate, `CREATE ${kind} GROUP`) || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', t.info.locator);
  }
  if (findGroup(t.state, cmd.name)) return cmd.ifNotExists ? { exists: cmd.name } : errors.alreadyExists(cmd.name);
  const ref = parseObjectRef(cmd.replicaOf, org.name);
  const a = ref ? org.account(ref.account) : undefined;
  if (!ref || !a) return errors.doesNotExist(objectKind, cmd.replicaOf.toUpperCase());
  const g = findGroupIn(a, ref.name, kind) ?? findGroupIn(a, ref.name.toUpperCase(), kind);
  const refText = `${org.name}.${a.name}.${ref.name}`;
  if (!g) return errors.doesNotExist(objectKind, refText);
  const primary = currentPrimary(org, g.globalId);
  if (!primary || primary.group.id !== g.id) return errors.notThePrimary(word, refText, primary ? fullName(org, primary) : null);
  if (a === t) return errors.execution(`Cannot create a secondary of ${refText} in its own source account.`, '003142', '55000');
  const self = accountRef(org, t);
  if (!g.allowedAccounts.includes(self)) return errors.accountNotAllowed(self, word, refText);
  if ((kind === 'FAILOVER' || carriesAccountObjects(g.objectTypes)) && !businessCritical(t.info.edition)) {
    return errors.editionRequired(self, t.info.edition, kind === 'FAILOVER' ? 'A failover group' : 'Replicating account objects');
  }
  for (const other of t.state.failoverGroups.values()) {
    if (other.globalId === g.globalId) return errors.secondaryExists(word, refText, other.name);
  }
  if (carriesAccountObjects(g.objectTypes)) {
    for (const other of t.state.failoverGroups.values()) if (carriesAccountObjects(other.objectTypes)) return errors.accountObjectsGroupExists(other.name);
  }
  if (!org.isAvailable(a.name)) return errors.primaryUnavailable(cmd.name, accountRef(org, a));
  const group: FailoverGroup = {
    id: org.ids.id(),
    globalId: g.globalId,
    name: cmd.name,
    type: kind,
    comment: null,
    owner: roles.primary,
    createdOn: org.now,
    isPrimary: false,
    primary: { account: a.name, group: g.name },
    objectTypes: g.objectTypes,
    allowedIntegrationTypes: g.allowedIntegrationTypes,
    allowedAccounts: g.allowedAccounts,
    allowedDatabases: g.allowedDatabases,
    allowedShares: g.allowedShares,
    allowedExternalVolumes: g.allowedExternalVolumes,
    schedule: g.schedule,
    scheduleSetAt: g.scheduleSetAt,
    suspended: false,
    resumedAt: null,
    cursor: 0,
    cursorAccount: null,
    cursorEpoch: -1,
    epoch: g.epoch,
    lastRefreshStart: null,
    refreshes: [],
    initializedTypes: [],
    refreshInProgress: null,
  };
  const created = org.appendEvents(t, [{ type: 'FailoverGroupCreated', group }]);
  const refresh = runRefresh(org, t, t.state.failoverGroups.get(group.id)!, { trigger: 'INITIAL', force: false, actor });
  const entries = 'type' in refresh ? [...created, t.log[t.log.length - 1]!] : [...created, ...refresh.entries];
  return { group: t.state.failoverGroups.get(group.id)!, refresh, entries };
}

/** Business Critical or higher: what failover groups and account-object replication need (spec §1). */
export function businessCritical(edition: string): boolean {
  return edition === 'BUSINESS_CRITICAL' || edition === 'VIRTUAL_PRIVATE_SNOWFLAKE';
}
