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

/** One row of REPLICATION_GROUP_REFRESH_HISTORY. */
export interface RefreshRecord {
  readonly id: string;
  readonly phase: 'COMPLETED' | 'FAILED' | 'CANCELED';
  readonly startTime: number;
  readonly endTime: number;
  readonly primarySnapshotTimestamp: number;
  readonly objectCount: number;
  readonly mode: 'incremental' | 'reconcile' | 'initial';
  readonly error: string | null;
}

export interface FailoverGroup {
  readonly id: string;
  readonly name: string;
  readonly type: 'FAILOVER' | 'REPLICATION';
  readonly comment: string | null;
  readonly owner: string;
  readonly createdOn: number;
  readonly isPrimary: boolean;
  /** The primary group, `org.account.group`. For a primary, itself. */
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
}
