/**
 * Cross-account replication: failover / replication groups, refresh (incremental or reconcile),
 * failover and failback, the lost-writes report, schedules, connections and routing, and the
 * rows SHOW needs. See docs/replication.md.
 */
export { coverage, carriesAccountObjects, DEFAULT_REPLICA_OWNER, type Coverage, type ReplicationScope } from './scope.ts';
export { replicable, replicableEvents } from './replicable.ts';
export {
  project,
  viewsEqual,
  viewToJSON,
  userView,
  roleView,
  type ReplicatedView,
  type UserView,
  type RoleView,
  type RoleEdgeView,
  type NetworkPolicyView,
} from './project.ts';
export { canonicalEqual, stableStringify } from './stable.ts';
export { reconcileEvents, danglingReferences, nameCollisions, countEvents, type ReconcilePlan, type ObjectCounts } from './reconcile.ts';
export {
  refreshGroup,
  scheduleAsyncRefresh,
  completeAsyncRefreshes,
  cancelRefresh,
  linkAccountObjectsByName,
  type RefreshOptions,
  type RefreshResult,
  type AsyncRefresh,
  type ObjectLink,
} from './refresh.ts';
export { promoteGroup, createReplicaGroup, businessCritical, type PromoteResult, type CreateReplicaResult } from './promote.ts';
export {
  createReplicaConnection,
  promoteConnection,
  resolveConnection,
  resolveHost,
  connectionUrl,
  type ConnectionPromoteResult,
  type HostTarget,
} from './connections.ts';
export {
  lineageGroups,
  currentPrimary,
  currentPrimaryConnection,
  connectionLineage,
  settleReplication,
  findGroupIn,
  type GroupRef,
  type ConnectionRef,
} from './lineage.ts';
export { lostWrites, type LostWrite } from './lost-writes.ts';
export { knowledgeAt, knows, type Knowledge } from './knowledge.ts';
export { parseReplicationSchedule, nextDue, lastDue, MAX_SCHEDULE_MINUTES } from './schedule.ts';
export { parseCron, parseTimeZone, nextCronTime, prevCronTime, type CronSpec, type TimeZone } from './cron.ts';
export { runScheduledRefreshes, replicationTicker } from './scheduler.ts';
export { installReplicationScheduler } from './install.ts';
export { executeReplicationCommand, REPLICATION_COMMANDS } from './execute.ts';
export {
  showGroups,
  showReplicationAccounts,
  showConnections,
  refreshHistory,
  refreshProgress,
  nextScheduledRefresh,
  likeMatches,
  REPLICATION_GROUP_COLUMNS,
  REPLICATION_ACCOUNT_COLUMNS,
  CONNECTION_COLUMNS,
  type ReplicationGroupRow,
  type ReplicationAccountRow,
  type ConnectionRow,
  type RefreshHistoryRow,
  type RefreshProgressRow,
} from './show.ts';
export { parseObjectTypes, parseIntegrationTypes, normalizeAccountRef } from './names.ts';
