import type { Account } from '../account.ts';
import type { Organization } from '../organization.ts';
import type { Actor } from '../decide/context.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { FailoverGroup, GroupKind, ReplicationSchedule } from '../model/replication.ts';
import { REFRESH_PHASES } from '../model/replication.ts';
import { activeRoles, isAccountAdmin } from '../decide/access.ts';
import { findRole } from '../decide/context.ts';
import { holdsGroupPrivilege } from '../decide/failover-groups.ts';
import { connectionLineage, currentPrimary, currentPrimaryConnection, findGroupIn, fullName, type GroupRef } from './lineage.ts';
import { nextDue } from './schedule.ts';
import { connectionUrl } from './connections.ts';

/**
 * Rows of SHOW FAILOVER GROUPS / SHOW REPLICATION GROUPS (spec/snowflake-sql.md §1.9), keyed by
 * Snowflake's column names, values typed (timestamps in epoch ms). `region_group` is left out:
 * snowglobe organizations span one region group. The SQL layer formats.
 */
export interface ReplicationGroupRow {
  readonly snowflake_region: string;
  readonly created_on: number;
  readonly account_name: string;
  readonly name: string;
  readonly type: GroupKind;
  readonly comment: string | null;
  readonly is_primary: boolean;
  /** `ORG.ACCOUNT.GROUP` of the current primary. */
  readonly primary: string;
  /** `ROLES, USERS, PARAMETERS`; empty on secondary rows (docs sample). */
  readonly object_types: string;
  /** `SECURITY, API`; always present, empty when none. */
  readonly allowed_integration_types: string;
  /** `ORG.ACCT1, ORG.ACCT2`, the source included; empty on secondary rows. */
  readonly allowed_accounts: string;
  readonly organization_name: string;
  readonly account_locator: string;
  readonly replication_schedule: string | null;
  /** Secondaries with a schedule: `STARTED` / `SUSPENDED`; otherwise null. */
  readonly secondary_state: 'STARTED' | 'SUSPENDED' | null;
  readonly next_scheduled_refresh: number | null;
  /** The owner role's name; null for a group in another region than the viewer. */
  readonly owner: string | null;
  readonly is_listing_auto_fulfillment_group: boolean;
  readonly is_optimized_refresh_enabled: boolean;
}

/** Column order of SHOW FAILOVER GROUPS (without `region_group`). */
export const REPLICATION_GROUP_COLUMNS: readonly (keyof ReplicationGroupRow)[] = [
  'snowflake_region',
  'created_on',
  'account_name',
  'name',
  'type',
  'comment',
  'is_primary',
  'primary',
  'object_types',
  'allowed_integration_types',
  'allowed_accounts',
  'organization_name',
  'account_locator',
  'replication_schedule',
  'secondary_state',
  'next_scheduled_refresh',
  'owner',
  'is_listing_auto_fulfillment_group',
  'is_optimized_refresh_enabled',
];

/** SHOW REPLICATION ACCOUNTS rows (spec/snowflake-sql.md §1.10). */
export interface ReplicationAccountRow {
  readonly snowflake_region: string;
  readonly created_on: number;
  readonly account_name: string;
  readonly account_locator: string;
  readonly comment: string | null;
  readonly organization_name: string;
  readonly is_org_admin: boolean;
}

/** Column order of SHOW REPLICATION ACCOUNTS (without `region_group`). */
export const REPLICATION_ACCOUNT_COLUMNS: readonly (keyof ReplicationAccountRow)[] = [
  'snowflake_region',
  'created_on',
  'account_name',
  'account_locator',
  'comment',
  'organization_name',
  'is_org_admin',
];

/** SHOW CONNECTIONS rows (spec/snowflake-sql.md §1.11). */
export interface ConnectionRow {
  readonly snowflake_region: string;
  readonly created_on: number;
  /** `ORG.ACCOUNT` (docs sample). */
  readonly account_name: string;
  readonly name: string;
  readonly comment: string | null;
  readonly is_primary: boolean;
  /** `ORG.ACCOUNT.CONNECTION` of the current primary, ready for AS REPLICA OF. */
  readonly primary: string;
  /** `ORG.ACCT1, ORG.ACCT2`: the primary's list (its own account first); secondaries keep theirs. */
  readonly failover_allowed_to_accounts: string;
  /** `<org>-<connection>.snowflakecomputing.com`, lower case. */
  readonly connection_url: string;
  readonly organization_name: string;
  readonly account_locator: string;
}

/** Column order of SHOW CONNECTIONS (without `region_group`). */
export const CONNECTION_COLUMNS: readonly (keyof ConnectionRow)[] = [
  'snowflake_region',
  'created_on',
  'account_name',
  'name',
  'comment',
  'is_primary',
  'primary',
  'failover_allowed_to_accounts',
  'connection_url',
  'organization_name',
  'account_locator',
];

/** SQL LIKE, case-insensitive, `%` and `_` (spec/snowflake-sql.md §0). */
export function likeMatches(pattern: string, value: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 'i').test(value);
}

const objectTypesText = (g: FailoverGroup) => g.objectTypes.map((t) => (t === 'ACCOUNT PARAMETERS' ? 'PARAMETERS' : t)).join(', ');
const integrationTypesText = (g: FailoverGroup) => g.allowedIntegrationTypes.map((t) => t.replace(/ INTEGRATIONS$/, '').replace(/ /g, '_')).join(', ');

/** The schedule a secondary follows: its lineage primary's (the secondary's own copy if none). */
function lineageSchedule(org: Organization, g: FailoverGroup): { schedule: ReplicationSchedule | null; setAt: number | null } {
  const p = currentPrimary(org, g.globalId)?.group ?? g;
  return { schedule: p.schedule, setAt: p.scheduleSetAt };
}

/**
 * When a secondary's next scheduled refresh comes due: the interval counts from the later of
 * the schedule's last change, the previous refresh's start (manual or scheduled), RESUME and the
 * group's creation; a cron schedule fires at its next time after that. Null for primaries,
 * suspended secondaries, no schedule, or an interval over 11520 minutes (never runs).
 */
export function nextScheduledRefresh(org: Organization, g: FailoverGroup): number | null {
  if (g.isPrimary || g.suspended) return null;
  const { schedule, setAt } = lineageSchedule(org, g);
  if (!schedule) return null;
  return nextDue(schedule, scheduleBase(g, setAt));
}

/** @internal The instant a secondary's schedule counts from. */
export function scheduleBase(g: FailoverGroup, setAt: number | null): number {
  return Math.max(g.createdOn, setAt ?? -Infinity, g.lastRefreshStart ?? -Infinity, g.resumedAt ?? -Infinity);
}

function groupRow(org: Organization, viewer: Account, ref: GroupRef): ReplicationGroupRow {
  const { account, group: g } = ref;
  const primary = currentPrimary(org, g.globalId);
  const isPrimary = primary !== null && primary.group.id === g.id;
  const { schedule } = lineageSchedule(org, g);
  const ownerName = account.info.region === viewer.info.region ? (findRole(account.state, { id: g.owner })?.name ?? g.owner) : null;
  return {
    snowflake_region: account.info.region,
    created_on: g.createdOn,
    account_name: account.name,
    name: g.name,
    type: g.type,
    comment: g.comment,
    is_primary: isPrimary,
    primary: primary ? fullName(org, primary) : `${org.name}.${g.primary.account}.${g.primary.group}`,
    object_types: isPrimary ? objectTypesText(g) : '',
    allowed_integration_types: isPrimary ? integrationTypesText(g) : '',
    allowed_accounts: isPrimary ? g.allowedAccounts.join(', ') : '',
    organization_name: org.name,
    account_locator: account.info.locator,
    replication_schedule: schedule?.text ?? null,
    secondary_state: isPrimary || !schedule ? null : g.suspended ? 'SUSPENDED' : 'STARTED',
    next_scheduled_refresh: isPrimary ? null : nextScheduledRefresh(org, g),
    owner: ownerName,
    is_listing_auto_fulfillment_group: false,
    is_optimized_refresh_enabled: false,
  };
}

/**
 * SHOW FAILOVER GROUPS (kind FAILOVER: failover groups only) / SHOW REPLICATION GROUPS (kind
 * REPLICATION: both kinds), run in `viewer` (spec §2.4): this account's groups, primaries in other
 * accounts that allow this account, and the other groups linked to this account's groups; with
 * `inAccount`, that account's groups. With `actor`, this account's groups are listed only when
 * the role holds OWNERSHIP, MONITOR, REPLICATE, FAILOVER or MODIFY on them.
 */
export function showGroups(
  org: Organization,
  viewer: string,
  opts: { readonly kind: GroupKind; readonly inAccount?: string; readonly actor?: Actor },
): ReplicationGroupRow[] | SnowflakeError {
  const v = org.account(viewer);
  if (!v) return errors.doesNotExist('ACCOUNT', viewer.toUpperCase());
  const self = `${org.name}.${v.name}`;
  const refs = new Map<string, GroupRef>();
  const add = (ref: GroupRef) => refs.set(ref.group.id, ref);
  if (opts.inAccount !== undefined) {
    const a = org.account(opts.inAccount);
    if (!a) return errors.doesNotExist('ACCOUNT', opts.inAccount.toUpperCase());
    for (const group of a.state.failoverGroups.values()) add({ account: a, group });
  } else {
    const mine = new Set<string>();
    for (const group of v.state.failoverGroups.values()) {
      add({ account: v, group });
      mine.add(group.globalId);
    }
    for (const account of org.accounts) {
      if (account === v) continue;
      for (const group of account.state.failoverGroups.values()) {
        if (mine.has(group.globalId) || (group.isPrimary && group.allowedAccounts.includes(self))) add({ account, group });
      }
    }
  }
  const rows: ReplicationGroupRow[] = [];
  for (const ref of refs.values()) {
    if (opts.kind === 'FAILOVER' && ref.group.type !== 'FAILOVER') continue;
    if (opts.actor && ref.account === v && !holdsGroupPrivilege(v.state, opts.actor, ref.group, ['MONITOR', 'REPLICATE', 'FAILOVER', 'MODIFY'])) continue;
    rows.push(groupRow(org, v, ref));
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.account_name < b.account_name ? -1 : 1));
}

/** SHOW REPLICATION ACCOUNTS [LIKE] (spec §2.6): ACCOUNTADMIN only; every account of the organization. */
export function showReplicationAccounts(
  org: Organization,
  viewer: string,
  opts: { readonly like?: string; readonly actor?: Actor } = {},
): ReplicationAccountRow[] | SnowflakeError {
  const v = org.account(viewer);
  if (!v) return errors.doesNotExist('ACCOUNT', viewer.toUpperCase());
  if (opts.actor && !isAccountAdmin(activeRoles(v.state, opts.actor).all)) return errors.insufficientPrivileges('ACCOUNT', v.info.locator);
  return org.accounts
    .filter((a) => opts.like === undefined || likeMatches(opts.like, a.name))
    .map((a) => ({
      snowflake_region: a.info.region,
      created_on: createdOn(a),
      account_name: a.name,
      account_locator: a.info.locator,
      comment: null,
      organization_name: org.name,
      is_org_admin: false,
    }))
    .sort((a, b) => (a.account_name < b.account_name ? -1 : 1));
}

function createdOn(a: Account): number {
  const first = a.log[0];
  return first?.event.type === 'AccountCreated' ? first.event.at : (first?.at ?? 0);
}

/**
 * SHOW CONNECTIONS [LIKE] (spec §2.8): every connection of the organization, primary and
 * secondaries, ordered by name. `is_primary` and `primary` tell the current primary (an old
 * primary unreachable at failover is shown as the secondary it now is).
 */
export function showConnections(org: Organization, viewer: string, opts: { readonly like?: string } = {}): ConnectionRow[] | SnowflakeError {
  const v = org.account(viewer);
  if (!v) return errors.doesNotExist('ACCOUNT', viewer.toUpperCase());
  const names = new Set<string>();
  for (const a of org.accounts) for (const c of a.state.connections.values()) names.add(c.name);
  const rows: ConnectionRow[] = [];
  for (const name of names) {
    if (opts.like !== undefined && !likeMatches(opts.like, name)) continue;
    const primary = currentPrimaryConnection(org, name);
    for (const { account, connection: c } of connectionLineage(org, name)) {
      if (c.name !== name) continue;
      const isPrimary = primary !== null && primary.connection.id === c.id;
      rows.push({
        snowflake_region: account.info.region,
        created_on: c.createdOn,
        account_name: `${org.name}.${account.name}`,
        name: c.name,
        comment: c.comment,
        is_primary: isPrimary,
        primary: primary ? `${org.name}.${primary.account.name}.${primary.connection.name}` : `${c.primaryAccount}.${c.name}`,
        failover_allowed_to_accounts: c.failoverAllowedTo.join(', '),
        connection_url: connectionUrl(org, c.name),
        organization_name: org.name,
        account_locator: account.info.locator,
      });
    }
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.account_name < b.account_name ? -1 : 1));
}

/** REPLICATION_GROUP_REFRESH_HISTORY rows (spec §4.6), column names as keys. */
export interface RefreshHistoryRow {
  readonly GROUP_NAME: string;
  readonly GROUP_TYPE: GroupKind;
  readonly PHASE_NAME: string;
  readonly START_TIME: number;
  readonly END_TIME: number | null;
  readonly JOB_UUID: string;
  readonly TOTAL_BYTES: { readonly totalBytesToReplicate: number; readonly bytesUploaded: number; readonly bytesDownloaded: number; readonly databases: readonly never[] };
  readonly OBJECT_COUNT: {
    readonly totalObjects: number;
    readonly completedObjects: number;
    readonly objectTypes: readonly { readonly objectType: string; readonly totalObjects: number; readonly completedObjects: number }[];
  } | null;
  readonly PRIMARY_SNAPSHOT_TIMESTAMP: number | null;
  readonly ERROR: { readonly errorCode: string | null; readonly errorMessage: string } | null;
}

const ZERO_BYTES = { totalBytesToReplicate: 0, bytesUploaded: 0, bytesDownloaded: 0, databases: [] as never[] };

/**
 * REPLICATION_GROUP_REFRESH_HISTORY('<secondary>') for a secondary of `account` (one row per
 * refresh job, oldest first; a running async job shows its first phase and no END_TIME), or of
 * every group of the account when `group` is omitted (the `_ALL` variant). `from` / `to` bound
 * START_TIME. The 14-day retention is not enforced (the history keeps the last 1000 jobs).
 */
export function refreshHistory(
  org: Organization,
  accountName: string,
  group?: string,
  opts: { readonly from?: number; readonly to?: number } = {},
): RefreshHistoryRow[] | SnowflakeError {
  const a = org.account(accountName);
  if (!a) return errors.doesNotExist('ACCOUNT', accountName.toUpperCase());
  const groups = group === undefined ? [...a.state.failoverGroups.values()] : [findGroupIn(a, group)].filter((g): g is FailoverGroup => g !== undefined);
  if (group !== undefined && groups.length === 0) return errors.doesNotExist('REPLICATION_GROUP', group);
  const rows: RefreshHistoryRow[] = [];
  for (const g of groups) {
    for (const r of g.refreshes) {
      const counts = r.objectTypes.map((t) => ({ ...t, completedObjects: r.phase === 'COMPLETED' ? t.totalObjects : 0 }));
      rows.push({
        GROUP_NAME: g.name,
        GROUP_TYPE: g.type,
        PHASE_NAME: r.phase,
        START_TIME: r.startTime,
        END_TIME: r.endTime,
        JOB_UUID: r.id,
        TOTAL_BYTES: ZERO_BYTES,
        OBJECT_COUNT: { totalObjects: r.objectCount, completedObjects: r.phase === 'COMPLETED' ? r.objectCount : 0, objectTypes: counts },
        PRIMARY_SNAPSHOT_TIMESTAMP: r.phase === 'COMPLETED' ? r.primarySnapshotTimestamp : null,
        ERROR: r.error === null || r.phase === 'COMPLETED' ? null : { errorCode: r.errorCode, errorMessage: r.error },
      });
    }
    const job = g.refreshInProgress;
    if (job) {
      rows.push({
        GROUP_NAME: g.name,
        GROUP_TYPE: g.type,
        PHASE_NAME: REFRESH_PHASES[0],
        START_TIME: job.startTime,
        END_TIME: null,
        JOB_UUID: job.id,
        TOTAL_BYTES: ZERO_BYTES,
        OBJECT_COUNT: null,
        PRIMARY_SNAPSHOT_TIMESTAMP: null,
        ERROR: null,
      });
    }
  }
  return rows
    .filter((r) => (opts.from === undefined || r.START_TIME >= opts.from) && (opts.to === undefined || r.START_TIME <= opts.to))
    .sort((x, y) => x.START_TIME - y.START_TIME);
}

/** REPLICATION_GROUP_REFRESH_PROGRESS rows: one per phase of the most recent job (spec §4.6). */
export interface RefreshProgressRow {
  readonly PHASE_NAME: string;
  readonly START_TIME: number;
  readonly END_TIME: number | null;
  readonly PROGRESS: string | null;
  readonly DETAILS: Readonly<Record<string, unknown>> | null;
}

/**
 * REPLICATION_GROUP_REFRESH_PROGRESS('<secondary>'): the phases of the latest refresh. Refreshes are
 * instantaneous in the simulator, so every phase starts and ends together; a FAILED job lists
 * the phases up to the one it failed in, then FAILED with `{errorCode, errorMessage}`.
 */
export function refreshProgress(org: Organization, accountName: string, group: string): RefreshProgressRow[] | SnowflakeError {
  const a = org.account(accountName);
  if (!a) return errors.doesNotExist('ACCOUNT', accountName.toUpperCase());
  const g = findGroupIn(a, group);
  if (!g) return errors.doesNotExist('REPLICATION_GROUP', group);
  if (g.refreshInProgress) {
    return [{ PHASE_NAME: REFRESH_PHASES[0], START_TIME: g.refreshInProgress.startTime, END_TIME: null, PROGRESS: null, DETAILS: null }];
  }
  const r = g.refreshes[g.refreshes.length - 1];
  if (!r) return [];
  const rows: RefreshProgressRow[] = [];
  const upTo = r.phase === 'COMPLETED' ? REFRESH_PHASES.length : r.failedPhase ? REFRESH_PHASES.indexOf(r.failedPhase) : 0;
  for (let i = 0; i < upTo; i++) {
    const phase = REFRESH_PHASES[i]!;
    const data = phase.endsWith('_DATA') || phase.endsWith('_METADATA');
    rows.push({
      PHASE_NAME: phase,
      START_TIME: r.startTime,
      END_TIME: r.endTime,
      PROGRESS: data ? '100' : null,
      DETAILS: phase === 'PRIMARY_UPLOADING_METADATA' ? { primarySnapshotTimestamp: r.primarySnapshotTimestamp } : null,
    });
  }
  rows.push({
    PHASE_NAME: r.phase,
    START_TIME: r.startTime,
    END_TIME: r.endTime,
    PROGRESS: null,
    DETAILS: r.phase === 'COMPLETED' ? null : { errorCode: r.errorCode, errorMessage: r.error },
  });
  return rows;
}
