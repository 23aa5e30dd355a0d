/** Object types a failover / replication group can carry (OBJECT_TYPES), as Snowflake spells them. */
export const REPLICATION_OBJECT_TYPES = [
  'ACCOUNT PARAMETERS',
  'DATABASES',
  'EXTERNAL VOLUMES',
  'INTEGRATIONS',
  'LISTINGS',
  'NETWORK POLICIES',
  'PROFILES',
  'RESOURCE MONITORS',
  'ROLES',
  'SHARES',
  'USERS',
  'WAREHOUSES',
] as const;
export type ReplicationObjectType = (typeof REPLICATION_OBJECT_TYPES)[number];

export const INTEGRATION_TYPES = [
  'SECURITY INTEGRATIONS',
  'API INTEGRATIONS',
  'STORAGE INTEGRATIONS',
  'EXTERNAL ACCESS INTEGRATIONS',
  'NOTIFICATION INTEGRATIONS',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** `<org>.<account>` (and `<org>.<account>.<group>` for a primary's full name). */
export interface AccountRef {
  readonly org: string;
  readonly account: string;
}

export type ReplicationSchedule =
  | { readonly kind: 'interval'; readonly minutes: number; readonly text: string }
  | { readonly kind: 'cron'; readonly expr: string; readonly timeZone: string; readonly text: string };

/** Group kinds: a failover group can also be promoted (`PRIMARY`); a replication group cannot. */
export type GroupKind = 'FAILOVER' | 'REPLICATION';

/** The phases of a refresh, in order (REPLICATION_GROUP_REFRESH_PROGRESS, spec §4.1). */
export const REFRESH_PHASES = [
  'SECONDARY_SYNCHRONIZING_MEMBERSHIP',
  'SECONDARY_UPLOADING_INVENTORY',
  'PRIMARY_UPLOADING_METADATA',
  'PRIMARY_UPLOADING_DATA',
  'SECONDARY_DOWNLOADING_METADATA',
  'SECONDARY_DOWNLOADING_DATA',
  'SECONDARY_COMMITTING',
] as const;
export type RefreshPhase = (typeof REFRESH_PHASES)[number];

/** What started a refresh. */
export type RefreshTrigger = 'INITIAL' | 'MANUAL' | 'SCHEDULED' | 'ASYNC';

/** One refresh job: a row of REPLICATION_GROUP_REFRESH_HISTORY. */
export interface RefreshRecord {
  /** The job's UUID (JOB_UUID). */
  readonly id: string;
  readonly phase: 'COMPLETED' | 'FAILED' | 'CANCELED';
  readonly startTime: number;
  readonly endTime: number;
  readonly primarySnapshotTimestamp: number;
  /** Objects in the snapshot (reconcile) or touched by the carried events (incremental). */
  readonly objectCount: number;
  readonly mode: 'incremental' | 'reconcile' | 'initial';
  /** The error message (FAILED / CANCELED), null on success. */
  readonly error: string | null;
  readonly errorCode: string | null;
  readonly trigger: RefreshTrigger;
  readonly force: boolean;
  /** The phase a FAILED job stopped in. */
  readonly failedPhase: RefreshPhase | null;
  /** OBJECT_COUNT.objectTypes: per kind (`users`, `roles`, `grants`, ...). */
  readonly objectTypes: readonly { readonly objectType: string; readonly totalObjects: number }[];
}

/** A refresh started with SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH and not finished yet. */
export interface RefreshJob {
  readonly id: string;
  readonly startTime: number;
  readonly trigger: RefreshTrigger;
  readonly force: boolean;
  /** The role the job runs as. */
  readonly role: string;
}

export interface FailoverGroup {
  readonly id: string;
  readonly name: string;
  readonly type: GroupKind;
  readonly comment: string | null;
  readonly owner: string;
  readonly createdOn: number;
  readonly isPrimary: boolean;
  /** The primary group, `org.account.group`, as last known here. For a primary, itself. */
  readonly primary: { readonly account: string; readonly group: string };
  readonly objectTypes: readonly ReplicationObjectType[];
  readonly allowedIntegrationTypes: readonly IntegrationType[];
  /** Including the source account (added automatically). Upper-case `ORG.ACCOUNT`. */
  readonly allowedAccounts: readonly string[];
  readonly schedule: ReplicationSchedule | null;
  /** Secondary state: scheduled refreshes suspended. */
  readonly suspended: boolean;
  /** Secondary: the primary's log seq this replica has consumed (incremental refresh cursor). */
  readonly cursor: number;
  /** Secondary: the primary account the cursor refers to. */
  readonly cursorAccount: string | null;
  /** When the last refresh started (the schedule counts from it). */
  readonly lastRefreshStart: number | null;
  readonly refreshes: readonly RefreshRecord[];
  /**
   * The id every group of one replication lineage shares: the id of the group created as the
   * first primary. A secondary and the primary it replicates have different `id`s (ids are unique
   * in an organization) and the same `globalId`.
   */
  readonly globalId: string;
  /**
   * Failover generation: 0 at creation, +1 at every `PRIMARY`. The current primary of a lineage is
   * the group with `isPrimary` and the highest epoch (an old primary that was unreachable when
   * the failover happened still says `isPrimary` until it learns otherwise).
   */
  readonly epoch: number;
  /** The epoch the incremental cursor was taken in: a failover since forces a reconcile. */
  readonly cursorEpoch: number;
  /** ALLOWED_DATABASES / ALLOWED_SHARES / ALLOWED_EXTERNAL_VOLUMES (null unless the type is listed). */
  readonly allowedDatabases: readonly string[] | null;
  readonly allowedShares: readonly string[] | null;
  readonly allowedExternalVolumes: readonly string[] | null;
  /** When REPLICATION_SCHEDULE was last set or changed: the interval counter starts there. */
  readonly scheduleSetAt: number | null;
  /** Secondary: when RESUME last ran (the counter restarts). */
  readonly resumedAt: number | null;
  /**
   * Object types already brought into this account by a completed refresh (or, for a group
   * created as primary, the account's own). The first USERS / ROLES refresh over same-named local
   * objects fails unless FORCE or linked (spec §4.3).
   */
  readonly initializedTypes: readonly ReplicationObjectType[];
  /** A refresh running now (async), or null. PRIMARY is refused meanwhile (003122). */
  readonly refreshInProgress: RefreshJob | null;
}

export interface Connection {
  readonly id: string;
  readonly name: string;
  readonly comment: string | null;
  readonly createdOn: number;
  readonly isPrimary: boolean;
  /** `ORG.ACCOUNT` of the current primary. */
  readonly primaryAccount: string;
  /** `ORG.ACCOUNT` entries, the primary's own account first. */
  readonly failoverAllowedTo: readonly string[];
  /** Failover generation, as for groups: the primary with the highest epoch is the current one. */
  readonly epoch: number;
}
