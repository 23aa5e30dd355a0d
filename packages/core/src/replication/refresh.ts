import type { Account } from '../account.ts';
import type { Organization } from '../organization.ts';
import type { Actor } from '../decide/context.ts';
import type { DiscardedWrite, Event, LogEntry } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { FailoverGroup, GroupKind, RefreshPhase, RefreshRecord, RefreshTrigger } from '../model/replication.ts';
import { activeRoles, isAccountAdmin } from '../decide/access.ts';
import { findRole, findUser } from '../decide/context.ts';
import { holdsGroupPrivilege } from '../decide/failover-groups.ts';
import { shGet, shValues } from '../util/sharded-map.ts';
import { isSystemRole } from '../model/role.ts';
import { accountRef, reachableAccount } from './context.ts';
import { currentPrimary, findGroupIn, fullName, settleReplication, type GroupRef } from './lineage.ts';
import { groupKindWord } from './names.ts';
import { coverage } from './scope.ts';
import { pushReplicable } from './replicable.ts';
import { countEvents, danglingReferences, nameCollisions, reconcileEvents, touchedBy, type ObjectCounts } from './reconcile.ts';
import { discardedWrites } from './knowledge.ts';

/** How a refresh is run. `actor` is the session (scheduled refreshes run as the group's owner role). */
export interface RefreshOptions {
  readonly actor: Actor;
  /** REFRESH FORCE: always reconcile, dropping same-named local users and roles (spec §4.3). */
  readonly force?: boolean;
  /** ALTER FAILOVER GROUP or ALTER REPLICATION GROUP; any kind when omitted. */
  readonly kind?: GroupKind;
}

/** What a completed refresh did. */
export interface RefreshResult {
  readonly record: RefreshRecord;
  readonly mode: RefreshRecord['mode'];
  /** Events the `ReplicaRefreshed` carried. */
  readonly events: number;
  /** Writes of the secondary that the reconcile dropped (empty for incremental refreshes). */
  readonly discarded: readonly DiscardedWrite[];
  /** The entries appended to the secondary's log. */
  readonly entries: readonly LogEntry[];
}

interface Run {
  readonly trigger: RefreshTrigger;
  readonly force: boolean;
  readonly actor: Actor;
  /** The start of the job (a scheduled run's due time, an async job's start); now by default. */
  readonly startTime?: number;
  readonly jobId?: string;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * ALTER FAILOVER | REPLICATION GROUP <g> REFRESH [FORCE], run in the secondary's account.
 * Refused without a history row when the group is missing, primary, not the caller's to refresh
 * (REPLICATE or OWNERSHIP) or already refreshing (003101); every later failure (primary account
 * unavailable, dangling references 003131, same-named users/roles, the refreshing user missing
 * in the source) records a FAILED row in the refresh history and returns the error.
 */
export function refreshGroup(org: Organization, accountName: string, groupName: string, opts: RefreshOptions): RefreshResult | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const s = findGroupIn(t, groupName, opts.kind);
  if (!s) return errors.doesNotExist(opts.kind === 'REPLICATION' ? 'REPLICATION_GROUP' : 'FAILOVER_GROUP', groupName);
  const word = groupKindWord(s.type);
  if (s.isPrimary) return errors.groupNotSecondary(word, s.name, `ALTER ${s.type} GROUP ... REFRESH`);
  if (!holdsGroupPrivilege(t.state, opts.actor, s, ['REPLICATE'])) return errors.insufficientPrivileges(s.type === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP', s.name);
  if (s.refreshInProgress) return errors.refreshInProgress(s.name);
  return runRefresh(org, t, s, { trigger: 'MANUAL', force: opts.force ?? false, actor: opts.actor });
}

/**
 * Runs one refresh of secondary `s` in account `t` (checks on the caller done). Incremental when
 * the cursor refers to the current primary in the current failover epoch and the membership is
 * unchanged: ONE `ReplicaRefreshed` carrying the primary's replicable events since the cursor,
 * O(new events). Otherwise (first refresh, failover/failback since, membership changed, FORCE)
 * a reconcile from the primary's state, recording the writes it discards.
 * @internal
 */
export function runRefresh(org: Organization, t: Account, s: FailoverGroup, run: Run): RefreshResult | SnowflakeError {
  const startTime = run.startTime ?? org.now;
  const jobId = run.jobId ?? org.ids.uuid();
  const word = groupKindWord(s.type);
  const base = {
    id: jobId,
    startTime,
    endTime: org.now,
    trigger: run.trigger,
    force: run.force,
  };
  const fail = (error: SnowflakeError, phase: RefreshPhase, snapshot: number | null): SnowflakeError => {
    const record: RefreshRecord = {
      ...base,
      phase: 'FAILED',
      primarySnapshotTimestamp: snapshot ?? startTime,
      objectCount: 0,
      objectTypes: [],
      mode: s.initializedTypes.length === 0 ? 'initial' : 'reconcile',
      error: error.message,
      errorCode: error.code,
      failedPhase: phase,
    };
    org.appendEvents(t, [
      { type: 'ReplicaRefreshed', groupId: s.id, refresh: record, source: { account: s.cursorAccount ?? '', seq: s.cursor }, events: [], discarded: [] },
    ]);
    return error;
  };

  const p = currentPrimary(org, s.globalId);
  if (!p) return fail(errors.doesNotExist(s.type === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP', `${org.name}.${s.primary.account}.${s.primary.group}`), 'SECONDARY_SYNCHRONIZING_MEMBERSHIP', null);
  const self = accountRef(org, t);
  if (!p.group.allowedAccounts.includes(self)) return fail(errors.accountNotAllowed(self, word, fullName(org, p)), 'SECONDARY_SYNCHRONIZING_MEMBERSHIP', null);
  if (!org.isAvailable(p.account.name)) return fail(errors.primaryUnavailable(s.name, accountRef(org, p.account)), 'SECONDARY_SYNCHRONIZING_MEMBERSHIP', null);
  const scope = p.group;
  const c = coverage(scope);
  const snapshot = startTime;

  // With USERS replicated the refreshing user must exist in the source and hold REPLICATE
  // there (spec §2.7); scheduled and async jobs run as a role, with no user.
  if (run.actor.user && c.users) {
    const src = p.account.state;
    const user = findUser(src, { name: run.actor.user });
    const sourceActor: Actor = { role: 'PUBLIC', user: run.actor.user, secondaryRoles: 'ALL' };
    if (!user || !holdsGroupPrivilege(src, sourceActor, p.group, ['REPLICATE'])) {
      return fail(errors.replicationUserNotAuthorized(run.actor.user, s.name, accountRef(org, p.account)), 'SECONDARY_SYNCHRONIZING_MEMBERSHIP', snapshot);
    }
  }

  const primaryLog = p.account.log;
  const first = primaryLog[0]?.seq ?? 1;
  const incremental =
    !run.force &&
    s.cursorAccount === p.account.name &&
    s.cursorEpoch === p.group.epoch &&
    s.cursor >= first - 1 &&
    s.cursor <= p.account.seq &&
    sameList(s.objectTypes, scope.objectTypes) &&
    sameList(s.allowedIntegrationTypes, scope.allowedIntegrationTypes) &&
    scope.objectTypes.every((x) => s.initializedTypes.includes(x));

  let events: Event[];
  let counts: ObjectCounts;
  let discarded: DiscardedWrite[] = [];
  let mode: RefreshRecord['mode'];
  if (incremental) {
    mode = 'incremental';
    events = [];
    // Only the entries after the cursor: O(new events), never the whole primary log.
    for (let i = s.cursor - first + 1; i < primaryLog.length; i++) pushReplicable(primaryLog[i]!.event, c, events);
    const dangling = danglingReferences(p.account.state, scope, p.account.info.locator, touchedBy(events));
    if (dangling.length) return fail(errors.danglingReferences(dangling), 'PRIMARY_UPLOADING_METADATA', snapshot);
    counts = countEvents(events);
  } else {
    mode = s.initializedTypes.length === 0 ? 'initial' : 'reconcile';
    if (!run.force) {
      const collisions = nameCollisions(t.state, p.account.state, scope, s.initializedTypes);
      if (collisions.length) return fail(errors.replicationNameCollision(word, s.name, collisions), 'SECONDARY_DOWNLOADING_METADATA', snapshot);
    }
    const dangling = danglingReferences(p.account.state, scope, p.account.info.locator);
    if (dangling.length) return fail(errors.danglingReferences(dangling), 'PRIMARY_UPLOADING_METADATA', snapshot);
    const plan = reconcileEvents(t.state, p.account.state, scope);
    events = plan.events;
    counts = plan.counts;
    discarded = discardedWrites(org, t, p.account, s.globalId, scope).map((e) => ({ seq: e.seq, at: e.at, event: e.event }));
  }

  const record: RefreshRecord = {
    ...base,
    phase: 'COMPLETED',
    primarySnapshotTimestamp: snapshot,
    objectCount: counts.reduce((n, x) => n + x.totalObjects, 0),
    objectTypes: counts,
    mode,
    error: null,
    errorCode: null,
    failedPhase: null,
  };
  const batch: Event[] = [];
  const sync = membershipChanges(s, p);
  if (sync) batch.push({ type: 'FailoverGroupAltered', id: s.id, changes: sync });
  batch.push({
    type: 'ReplicaRefreshed',
    groupId: s.id,
    refresh: record,
    source: { account: p.account.name, seq: p.account.seq },
    events,
    discarded,
  });
  const entries = org.appendEvents(t, batch);
  return { record, mode, events: events.length, discarded, entries };
}

/**
 * SECONDARY_SYNCHRONIZING_MEMBERSHIP: what the secondary learns about its primary at a refresh
 * (object types, allowed lists, schedule, epoch), or null when nothing changed.
 */
function membershipChanges(s: FailoverGroup, p: GroupRef): Partial<Omit<FailoverGroup, 'id' | 'refreshes'>> | null {
  const g = p.group;
  const changes: { -readonly [K in keyof FailoverGroup]?: FailoverGroup[K] } = {};
  if (!sameList(s.objectTypes, g.objectTypes)) changes.objectTypes = g.objectTypes;
  if (!sameList(s.allowedIntegrationTypes, g.allowedIntegrationTypes)) changes.allowedIntegrationTypes = g.allowedIntegrationTypes;
  if (!sameList(s.allowedAccounts, g.allowedAccounts)) changes.allowedAccounts = g.allowedAccounts;
  if (JSON.stringify(s.allowedDatabases) !== JSON.stringify(g.allowedDatabases)) changes.allowedDatabases = g.allowedDatabases;
  if (JSON.stringify(s.allowedShares) !== JSON.stringify(g.allowedShares)) changes.allowedShares = g.allowedShares;
  if (JSON.stringify(s.allowedExternalVolumes) !== JSON.stringify(g.allowedExternalVolumes)) changes.allowedExternalVolumes = g.allowedExternalVolumes;
  if (JSON.stringify(s.schedule) !== JSON.stringify(g.schedule)) changes.schedule = g.schedule;
  if (s.scheduleSetAt !== g.scheduleSetAt) changes.scheduleSetAt = g.scheduleSetAt;
  if (s.epoch !== g.epoch) changes.epoch = g.epoch;
  if (s.cursorEpoch !== g.epoch) changes.cursorEpoch = g.epoch;
  if (s.primary.account !== p.account.name || s.primary.group !== g.name) changes.primary = { account: p.account.name, group: g.name };
  return Object.keys(changes).length ? changes : null;
}

/** A secondary group's refresh job started with SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH. */
export interface AsyncRefresh {
  readonly jobId: string;
  readonly entries: readonly LogEntry[];
}

/**
 * SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH('<g>'): ACCOUNTADMIN, in the secondary's account
 * (spec §2.9). Marks the job running and returns at once; it completes at the next clock advance.
 * Meanwhile REFRESH fails with 003101 and PRIMARY with 003122.
 */
export function scheduleAsyncRefresh(org: Organization, accountName: string, groupName: string, opts: { readonly actor: Actor }): AsyncRefresh | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const s = findGroupIn(t, groupName);
  if (!s) return errors.doesNotExist('REPLICATION_GROUP', groupName);
  if (s.isPrimary) return errors.groupNotSecondary(groupKindWord(s.type), s.name, 'SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH');
  if (!isAccountAdmin(activeRoles(t.state, opts.actor).all)) return errors.insufficientPrivileges('ACCOUNT', t.info.locator);
  if (s.refreshInProgress) return errors.refreshInProgress(s.name);
  const jobId = org.ids.uuid();
  const entries = org.appendEvents(t, [
    {
      type: 'FailoverGroupAltered',
      id: s.id,
      changes: { refreshInProgress: { id: jobId, startTime: org.now, trigger: 'ASYNC', force: false, role: opts.actor.role } },
    },
  ]);
  return { jobId, entries };
}

/** Completes every async refresh job of available accounts (the scheduler runs this as the clock moves). */
export function completeAsyncRefreshes(org: Organization): void {
  for (const t of org.accounts) {
    if (!org.isAvailable(t.name)) continue;
    for (const s of [...t.state.failoverGroups.values()]) {
      const job = s.refreshInProgress;
      if (!job) continue;
      runRefresh(org, t, s, { trigger: job.trigger, force: job.force, actor: { role: job.role }, startTime: job.startTime, jobId: job.id });
    }
  }
}

/**
 * SYSTEM$CANCEL_QUERY('<job uuid>') on a running refresh: a CANCELED row, the job ends, nothing
 * is applied. Returns Snowflake's `query [<id>] terminated.` text.
 */
export function cancelRefresh(org: Organization, accountName: string, jobId: string): string | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  for (const s of t.state.failoverGroups.values()) {
    const job = s.refreshInProgress;
    if (!job || job.id !== jobId) continue;
    const record: RefreshRecord = {
      id: job.id,
      phase: 'CANCELED',
      startTime: job.startTime,
      endTime: org.now,
      primarySnapshotTimestamp: job.startTime,
      objectCount: 0,
      objectTypes: [],
      mode: s.initializedTypes.length === 0 ? 'initial' : 'reconcile',
      error: `query [${job.id}] terminated.`,
      errorCode: null,
      trigger: job.trigger,
      force: job.force,
      failedPhase: null,
    };
    org.appendEvents(t, [
      { type: 'ReplicaRefreshed', groupId: s.id, refresh: record, source: { account: s.cursorAccount ?? '', seq: s.cursor }, events: [], discarded: [] },
    ]);
    return `query [${job.id}] terminated.`;
  }
  return errors.compilation(`Query '${jobId}' does not exist or not authorized.`, '002003', '02000');
}

/** One link SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME made: a local object took the source object's global id. */
export interface ObjectLink {
  readonly kind: 'USER' | 'ROLE';
  readonly name: string;
  readonly fromId: string;
  readonly toId: string;
}

/**
 * SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME('<g>') (spec §2.9, §4.3): in the secondary's account, as
 * ACCOUNTADMIN, gives each local user / role the global id of the same-named object of the
 * primary (USER and ROLE only in snowglobe), so the next refresh keeps and updates it instead of
 * refusing. Reads the primary: refused while its account is unavailable.
 */
export function linkAccountObjectsByName(
  org: Organization,
  accountName: string,
  groupName: string,
  opts: { readonly actor: Actor },
): { readonly links: readonly ObjectLink[]; readonly entries: readonly LogEntry[] } | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const s = findGroupIn(t, groupName);
  if (!s) return errors.doesNotExist('REPLICATION_GROUP', groupName);
  if (s.isPrimary) return errors.groupNotSecondary(groupKindWord(s.type), s.name, 'SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME');
  if (!isAccountAdmin(activeRoles(t.state, opts.actor).all)) return errors.insufficientPrivileges('ACCOUNT', t.info.locator);
  const p = currentPrimary(org, s.globalId);
  if (!p) return errors.doesNotExist('REPLICATION_GROUP', `${org.name}.${s.primary.account}.${s.primary.group}`);
  if (!org.isAvailable(p.account.name)) return errors.primaryUnavailable(s.name, accountRef(org, p.account));
  const c = coverage(p.group);
  const src = p.account.state;
  const local = t.state;
  const links: ObjectLink[] = [];
  if (c.users) {
    for (const u of shValues(local.users)) {
      const id = shGet(src.userNames, u.name);
      if (id !== undefined && id !== u.id && !shGet(local.users, id)) links.push({ kind: 'USER', name: u.name, fromId: u.id, toId: id });
    }
  }
  if (c.roles) {
    for (const r of shValues(local.roles)) {
      if (isSystemRole(r.id)) continue;
      const id = findRole(src, { name: r.name })?.id;
      if (id !== undefined && id !== r.id && !shGet(local.roles, id)) links.push({ kind: 'ROLE', name: r.name, fromId: r.id, toId: id });
    }
  }
  links.sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
  const entries = links.length
    ? org.appendEvents(t, [{ type: 'ObjectsLinked', links: links.map(({ kind, fromId, toId }) => ({ kind, fromId, toId })) }])
    : [];
  return { links, entries };
}
