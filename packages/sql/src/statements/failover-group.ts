/**
 * CREATE / ALTER / DROP FAILOVER | REPLICATION GROUP, SHOW FAILOVER GROUPS / REPLICATION GROUPS /
 * REPLICATION ACCOUNTS, the replication system functions and the refresh-history table functions
 * (spec/snowflake-replication.md §2, §4.6). Each statement is one core command; core's replication
 * module runs the cross-account forms (AS REPLICA OF, REFRESH, PRIMARY) through the organization.
 *
 * Also the simulator function `SYSTEM$SNOWGLOBE_LOST_WRITES('<group>')` — NOT Snowflake's: the
 * writes a failover lost (DESIGN invariant 4), as JSON.
 */
import {
  cancelRefresh,
  errors,
  findGroup,
  holdsGroupPrivilege,
  linkAccountObjectsByName,
  lostWrites,
  refreshHistory,
  refreshProgress,
  scheduleAsyncRefresh,
  showGroups as coreShowGroups,
  showReplicationAccounts as coreShowReplicationAccounts,
  snowflakeError,
  type AccountState,
  type FailoverGroupAction,
  type GroupKind,
  type SnowflakeError,
} from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { fail, timestamp, toText, toTimestamp, type EvalEnv, type Value } from '../expressions.ts';
import type {
  AccountRef,
  AlterGroup,
  CreateGroup,
  CreateGroupReplica,
  DropGroup,
  FuncArg,
  GroupMemberList,
  Ident,
  ShowGroups,
  ShowReplicationAccounts,
} from '../parse/index.ts';
import { written } from '../properties.ts';
import { col, resultSet, type Cell, type Column } from '../result.ts';
import { ddlOutcome } from './ddl.ts';
import { READ_FUNCTIONS, SYSTEM_FUNCTIONS, TABLE_FUNCTIONS, stringArg, type SystemFunction } from './select.ts';
import { bindArgs, type Table } from './table-function.ts';

/** `Failover group` / `Replication group`: the status and error kind words (spec §1.12, UNCONFIRMED). */
const kindWord = (k: GroupKind): string => (k === 'FAILOVER' ? 'Failover group' : 'Replication group');

/** `<org>.<account>` as written (org upper-cased by identifier rules), or the bare account. */
export const accountText = (a: AccountRef): string => (a.org ? `${a.org.name}.${a.account.name}` : a.account.name);

const names = (list: readonly Ident[] | null): string[] | undefined => list?.map((i) => i.name);
const words = (list: readonly { value: string }[] | null): string[] | undefined => list?.map((w) => w.value);

/** Properties of CREATE / ALTER ... SET that snowglobe does not model. */
const UNMODELLED = new Set(['OPTIMIZED_REFRESH', 'ERROR_INTEGRATION', 'RPO_ASSURANCE', 'TAG']);

export function createGroup(ctx: ExecContext, stmt: CreateGroup): Outcome {
  if (stmt.optimizedRefresh === true) return errors.unsupported('OPTIMIZED_REFRESH = TRUE');
  if (stmt.errorIntegration) return errors.unsupported('ERROR_INTEGRATION');
  // Databases, shares and external volumes are not modelled: none exists to be allowed.
  const missing = firstMissingMember(stmt.allowedDatabases, 'ALLOWED_DATABASES') ?? firstMissingMember(stmt.allowedShares, 'ALLOWED_SHARES') ?? firstMissingMember(stmt.allowedExternalVolumes, 'ALLOWED_EXTERNAL_VOLUMES');
  if (missing) return missing;
  const r = ctx.run({
    type: 'CreateFailoverGroup',
    kind: stmt.groupKind,
    name: stmt.name.name,
    ifNotExists: stmt.ifNotExists,
    objectTypes: words(stmt.objectTypes) ?? [],
    ...(stmt.allowedIntegrationTypes ? { allowedIntegrationTypes: words(stmt.allowedIntegrationTypes) } : {}),
    allowedAccounts: stmt.allowedAccounts.map(accountText),
    ignoreEditionCheck: stmt.ignoreEditionCheck,
    replicationSchedule: stmt.replicationSchedule?.value ?? null,
    comment: stmt.comment?.value ?? null,
  });
  return ddlOutcome(r, 'create', kindWord(stmt.groupKind), stmt.name.name);
}

const MEMBER_WORD: Readonly<Record<GroupMemberList, string>> = {
  ALLOWED_DATABASES: 'Database',
  ALLOWED_SHARES: 'Share',
  ALLOWED_EXTERNAL_VOLUMES: 'External volume',
};

function memberMissing(list: GroupMemberList, name: string): SnowflakeError {
  return snowflakeError('DoesNotExist', '002003', '02000', `SQL compilation error:\n${MEMBER_WORD[list]} '${name}' does not exist or not authorized.`);
}

function firstMissingMember(list: readonly Ident[] | null, kind: GroupMemberList): SnowflakeError | null {
  const first = list?.[0];
  return first ? memberMissing(kind, first.name) : null;
}

export function createGroupReplica(ctx: ExecContext, stmt: CreateGroupReplica): Outcome {
  const p = stmt.primary;
  const r = ctx.run({
    type: 'CreateFailoverGroup',
    kind: stmt.groupKind,
    name: stmt.name.name,
    ifNotExists: stmt.ifNotExists,
    replicaOf: `${p.org.name}.${p.account.name}.${p.name.name}`,
  });
  return ddlOutcome(r, 'create', kindWord(stmt.groupKind), stmt.name.name);
}

export function alterGroup(ctx: ExecContext, stmt: AlterGroup): Outcome {
  const a = stmt.action;
  let action: FailoverGroupAction;
  switch (a.kind) {
    case 'refresh':
      action = { kind: 'refresh', force: a.force };
      break;
    case 'primary':
      action = { kind: 'primary' };
      break;
    case 'suspend':
      action = { kind: 'suspend', immediate: a.immediate };
      break;
    case 'resume':
      action = { kind: 'resume' };
      break;
    case 'rename':
      action = { kind: 'rename', newName: a.newName.name };
      break;
    case 'setMembership': {
      const missing = firstMissingMember(a.allowedDatabases, 'ALLOWED_DATABASES') ?? firstMissingMember(a.allowedShares, 'ALLOWED_SHARES') ?? firstMissingMember(a.allowedExternalVolumes, 'ALLOWED_EXTERNAL_VOLUMES');
      if (missing) return missing;
      const objectTypes = words(a.objectTypes);
      const allowedIntegrationTypes = words(a.allowedIntegrationTypes);
      action = {
        kind: 'setMembership',
        ...(objectTypes ? { objectTypes } : {}),
        ...(allowedIntegrationTypes ? { allowedIntegrationTypes } : {}),
        ...(a.allowedDatabases ? { allowedDatabases: names(a.allowedDatabases) } : {}),
        ...(a.allowedShares ? { allowedShares: names(a.allowedShares) } : {}),
        ...(a.allowedExternalVolumes ? { allowedExternalVolumes: names(a.allowedExternalVolumes) } : {}),
      };
      break;
    }
    case 'set': {
      let replicationSchedule: string | undefined;
      let comment: string | undefined;
      for (const prop of a.properties) {
        if (UNMODELLED.has(prop.name)) return errors.unsupported(`${stmt.groupKind} GROUP property ${prop.name}`);
        if (prop.name !== 'REPLICATION_SCHEDULE' && prop.name !== 'COMMENT') return errors.invalidProperty(prop.name, `${stmt.groupKind}_GROUP`);
        if (prop.value.kind !== 'string') return errors.invalidPropertyValue(written(prop.value), prop.name);
        if (prop.name === 'REPLICATION_SCHEDULE') replicationSchedule = prop.value.value;
        else comment = prop.value.value;
      }
      action = { kind: 'set', ...(replicationSchedule !== undefined ? { replicationSchedule } : {}), ...(comment !== undefined ? { comment } : {}) };
      break;
    }
    case 'unset': {
      const list: ('COMMENT' | 'REPLICATION_SCHEDULE')[] = [];
      for (const n of a.names) {
        if (UNMODELLED.has(n.name)) return errors.unsupported(`${stmt.groupKind} GROUP property ${n.name}`);
        if (n.name !== 'COMMENT' && n.name !== 'REPLICATION_SCHEDULE') return errors.invalidProperty(n.name, `${stmt.groupKind}_GROUP`);
        list.push(n.name);
      }
      action = { kind: 'unset', names: list };
      break;
    }
    case 'addAccounts':
      action = { kind: 'addAccounts', accounts: a.accounts.map(accountText), ignoreEditionCheck: a.ignoreEditionCheck };
      break;
    case 'removeAccounts':
      action = { kind: 'removeAccounts', accounts: a.accounts.map(accountText) };
      break;
    case 'addMembers':
    case 'removeMembers':
    case 'moveMembers':
      // No database, share or external volume exists in snowglobe.
      return memberMissing(a.list, a.names[0]!.name);
  }
  const r = ctx.run({ type: 'AlterFailoverGroup', kind: stmt.groupKind, name: stmt.name.name, ifExists: stmt.ifExists, action });
  return ddlOutcome(r, 'alter', kindWord(stmt.groupKind), stmt.name.name);
}

export function dropGroup(ctx: ExecContext, stmt: DropGroup): Outcome {
  const r = ctx.run({ type: 'DropFailoverGroup', kind: stmt.groupKind, name: stmt.name.name, ifExists: stmt.ifExists });
  return ddlOutcome(r, 'drop', kindWord(stmt.groupKind), stmt.name.name);
}

// ---------------------------------------------------------------------------------------------
// SHOW
// ---------------------------------------------------------------------------------------------

/** SHOW FAILOVER GROUPS columns (`region_group` only for multi-region-group organizations: omitted). */
const GROUP_COLUMNS: readonly Column[] = [
  col('snowflake_region'),
  col('created_on', 'timestamp_ltz'),
  col('account_name'),
  col('name'),
  col('type'),
  col('comment'),
  col('is_primary', 'boolean'),
  col('primary'),
  col('object_types'),
  col('allowed_integration_types'),
  col('allowed_accounts'),
  col('organization_name'),
  col('account_locator'),
  col('replication_schedule'),
  col('secondary_state'),
  col('next_scheduled_refresh', 'timestamp_ltz'),
  col('owner'),
  col('is_listing_auto_fulfillment_group', 'boolean'),
  col('is_optimized_refresh_enabled', 'boolean'),
];

/**
 * SHOW FAILOVER GROUPS lists failover groups; SHOW REPLICATION GROUPS both kinds, without the
 * FAILOVER-only `is_optimized_refresh_enabled` column (spec §2.4, §2.5).
 */
export function showGroups(ctx: ExecContext, stmt: ShowGroups): Outcome {
  let inAccount: string | undefined;
  if (stmt.inAccount) {
    const ref = stmt.inAccount;
    if (ref.org && ref.org.name !== ctx.org.name) return errors.doesNotExist('ACCOUNT', accountText(ref));
    inAccount = ref.account.name;
  }
  const rows = coreShowGroups(ctx.org, ctx.account.name, { kind: stmt.groupKind, ...(inAccount !== undefined ? { inAccount } : {}), actor: ctx.actor });
  if ('type' in rows) return rows;
  const columns = stmt.groupKind === 'FAILOVER' ? GROUP_COLUMNS : GROUP_COLUMNS.slice(0, -1);
  const cells: Cell[][] = rows.map((r) =>
    columns.map((c) => {
      const v = r[c.name as keyof typeof r];
      return v === undefined ? null : (v as Cell);
    }),
  );
  return resultSet(columns, cells);
}

const ACCOUNT_COLUMNS: readonly Column[] = [
  col('snowflake_region'),
  col('created_on', 'timestamp_ltz'),
  col('account_name'),
  col('account_locator'),
  col('comment'),
  col('organization_name'),
  col('is_org_admin', 'boolean'),
];

/** SHOW REPLICATION ACCOUNTS [LIKE]: ACCOUNTADMIN only (spec §2.6). */
export function showReplicationAccounts(ctx: ExecContext, stmt: ShowReplicationAccounts): Outcome {
  const rows = coreShowReplicationAccounts(ctx.org, ctx.account.name, { ...(stmt.like ? { like: stmt.like.value } : {}), actor: ctx.actor });
  if ('type' in rows) return rows;
  return resultSet(
    ACCOUNT_COLUMNS,
    rows.map((r) => [r.snowflake_region, r.created_on, r.account_name, r.account_locator, r.comment, r.organization_name, r.is_org_admin]),
  );
}

// ---------------------------------------------------------------------------------------------
// System functions
// ---------------------------------------------------------------------------------------------

/** A group named in a string argument: exact first, then as an unquoted identifier (upper case). */
function groupName(s: AccountState, text: string): string {
  if (findGroup(s, text)) return text;
  return findGroup(s, text.toUpperCase()) ? text.toUpperCase() : text;
}

/** SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME('<group>'): UNCONFIRMED result text (the docs show none). */
const linkAccountObjects: SystemFunction = (ctx, args, dry, call) => {
  const g = stringArg('SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME', args, call);
  if (dry) return '';
  const r = linkAccountObjectsByName(ctx.org, ctx.account.name, groupName(ctx.state, g), { actor: ctx.actor });
  if ('type' in r) return fail(r);
  if (r.links.length === 0) return 'No account objects were linked.';
  return `Linked ${r.links.length} account object(s): ${r.links.map((l) => `${l.kind} ${l.name}`).join(', ')}.`;
};

/** SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH('<group>'): starts a job; returns its id (UNCONFIRMED text). */
const scheduleAsync: SystemFunction = (ctx, args, dry, call) => {
  const g = stringArg('SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH', args, call);
  if (dry) return '';
  const r = scheduleAsyncRefresh(ctx.org, ctx.account.name, groupName(ctx.state, g), { actor: ctx.actor });
  if ('type' in r) return fail(r);
  return r.jobId;
};

/** SYSTEM$CANCEL_QUERY('<job uuid>'): `query [<id>] terminated.` (docs). */
const cancelQuery: SystemFunction = (ctx, args, dry, call) => {
  const id = stringArg('SYSTEM$CANCEL_QUERY', args, call);
  if (dry) return '';
  const r = cancelRefresh(ctx.org, ctx.account.name, id);
  return typeof r === 'string' ? r : fail(r);
};

/**
 * SIMULATOR (not Snowflake): SYSTEM$SNOWGLOBE_LOST_WRITES('<group>' | '<org>.<account>.<group>')
 * — the writes acknowledged by a primary of the group's lineage that the current primary never
 * received, oldest first, as a JSON array of `{account, seq, at, type, event}`.
 */
const snowglobeLostWrites: SystemFunction = (ctx, args, _dry, call) => {
  const g = stringArg('SYSTEM$SNOWGLOBE_LOST_WRITES', args, call);
  const list = lostWrites(ctx.org, g).map((w) => ({ account: w.account, seq: w.seq, at: new Date(w.at).toISOString(), type: w.event.type, event: w.event }));
  return JSON.stringify(list);
};

/**
 * SYSTEM$GLOBAL_ACCOUNT_SET_PARAMETER('<org>.<account>', 'ENABLE_ACCOUNT_DATABASE_REPLICATION', 'true'):
 * every snowglobe account is replication-enabled, so this only checks its arguments.
 */
const globalAccountSetParameter: SystemFunction = (ctx, args, _dry, call) => {
  if (args.length !== 3 || args.some((a) => typeof a !== 'string')) {
    return fail(errors.compilation(`error line ${call.pos.line} at position ${call.pos.column}\nInvalid argument types for function 'SYSTEM$GLOBAL_ACCOUNT_SET_PARAMETER'`, '001044', '42P13'));
  }
  const account = String(args[0]);
  const bare = account.toUpperCase().startsWith(`${ctx.org.name}.`) ? account.slice(ctx.org.name.length + 1) : account;
  if (!ctx.org.account(bare)) return fail(errors.doesNotExist('ACCOUNT', account.toUpperCase()));
  return 'Statement executed successfully.';
};

SYSTEM_FUNCTIONS.set('SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME', linkAccountObjects);
SYSTEM_FUNCTIONS.set('SYSTEM$SCHEDULE_ASYNC_REPLICATION_GROUP_REFRESH', scheduleAsync);
SYSTEM_FUNCTIONS.set('SYSTEM$CANCEL_QUERY', cancelQuery);
READ_FUNCTIONS.set('SYSTEM$SNOWGLOBE_LOST_WRITES', snowglobeLostWrites);
READ_FUNCTIONS.set('SYSTEM$GLOBAL_ACCOUNT_SET_PARAMETER', globalAccountSetParameter);

// ---------------------------------------------------------------------------------------------
// Table functions
// ---------------------------------------------------------------------------------------------

const HISTORY_COLUMNS: readonly Column[] = [
  col('PHASE_NAME'),
  col('START_TIME', 'timestamp_ltz'),
  col('END_TIME', 'timestamp_ltz'),
  col('JOB_UUID'),
  col('TOTAL_BYTES', 'variant'),
  col('OBJECT_COUNT', 'variant'),
  col('COMMITTED_OBJECT_COUNT', 'variant'),
  col('PRIMARY_SNAPSHOT_TIMESTAMP', 'timestamp_ltz'),
  col('ERROR', 'variant'),
];
const HISTORY_ALL_COLUMNS: readonly Column[] = [col('GROUP_NAME'), col('GROUP_TYPE'), ...HISTORY_COLUMNS];

/** Without a range, the last 12 hours; a range reaching past the 14-day retention is an error (spec §4.6). */
const RETENTION_MS = 14 * 86_400_000;
const DEFAULT_WINDOW_MS = 12 * 3_600_000;

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

function historyRange(ctx: ExecContext, bound: Map<string, Value>): { from: number; to: number | undefined } {
  const now = ctx.org.now;
  const s = bound.get('DATE_RANGE_START');
  const e = bound.get('DATE_RANGE_END');
  const from = s === undefined || s === null ? now - DEFAULT_WINDOW_MS : toTimestamp(s);
  const to = e === undefined || e === null ? undefined : toTimestamp(e);
  if (from < now - RETENTION_MS) fail(errors.invalidParameterValue(new Date(from).toISOString(), 'DATE_RANGE_START'));
  return { from, to };
}

function historyTable(ctx: ExecContext, group: string | undefined, bound: Map<string, Value>): Table {
  const { from, to } = historyRange(ctx, bound);
  const all = group === undefined;
  let rows = refreshHistory(ctx.org, ctx.account.name, group, { from, ...(to !== undefined ? { to } : {}) });
  if ('type' in rows) return fail(rows);
  // Only secondary groups, and only to roles with some privilege on the group (spec §4.6).
  rows = rows.filter((r) => {
    const g = findGroup(ctx.state, r.GROUP_NAME);
    return g !== undefined && !g.isPrimary && holdsGroupPrivilege(ctx.state, ctx.actor, g, ['MONITOR', 'REPLICATE', 'FAILOVER', 'MODIFY']);
  });
  return {
    columns: all ? HISTORY_ALL_COLUMNS : HISTORY_COLUMNS,
    rows: rows.map((r) => [
      ...(all ? [r.GROUP_NAME, r.GROUP_TYPE] : []),
      r.PHASE_NAME,
      timestamp(r.START_TIME),
      r.END_TIME === null ? null : timestamp(r.END_TIME),
      r.JOB_UUID,
      json(r.TOTAL_BYTES),
      json(r.OBJECT_COUNT),
      r.PHASE_NAME === 'COMPLETED' ? json(r.OBJECT_COUNT) : null,
      r.PRIMARY_SNAPSHOT_TIMESTAMP === null ? null : timestamp(r.PRIMARY_SNAPSHOT_TIMESTAMP),
      json(r.ERROR),
    ]),
  };
}

/** `[INFORMATION_SCHEMA.]REPLICATION_GROUP_REFRESH_HISTORY('<secondary>' [, DATE_RANGE_START => ..] [, DATE_RANGE_END => ..])`. */
function refreshHistoryFn(ctx: ExecContext, args: readonly FuncArg[], env: EvalEnv): Table | SnowflakeError {
  const bound = bindArgs('REPLICATION_GROUP_REFRESH_HISTORY', ['REPLICATION_GROUP_NAME', 'DATE_RANGE_START', 'DATE_RANGE_END'], args, env);
  if (!(bound instanceof Map)) return bound;
  const g = bound.get('REPLICATION_GROUP_NAME');
  if (g === undefined || g === null) return errors.compilation('REPLICATION_GROUP_REFRESH_HISTORY requires a group name', '001044', '42P13');
  return historyTable(ctx, groupName(ctx.state, toText(g)), bound);
}

/** `REPLICATION_GROUP_REFRESH_HISTORY_ALL([DATE_RANGE_START => ..] [, DATE_RANGE_END => ..])`: every group. */
function refreshHistoryAllFn(ctx: ExecContext, args: readonly FuncArg[], env: EvalEnv): Table | SnowflakeError {
  const bound = bindArgs('REPLICATION_GROUP_REFRESH_HISTORY_ALL', ['DATE_RANGE_START', 'DATE_RANGE_END'], args, env);
  if (!(bound instanceof Map)) return bound;
  return historyTable(ctx, undefined, bound);
}

const PROGRESS_COLUMNS: readonly Column[] = [
  col('PHASE_NAME'),
  col('START_TIME', 'timestamp_ltz'),
  col('END_TIME', 'timestamp_ltz'),
  col('PROGRESS'),
  col('DETAILS', 'variant'),
];

/** `REPLICATION_GROUP_REFRESH_PROGRESS('<secondary>')`: the phases of the latest refresh. */
function refreshProgressFn(ctx: ExecContext, args: readonly FuncArg[], env: EvalEnv): Table | SnowflakeError {
  const bound = bindArgs('REPLICATION_GROUP_REFRESH_PROGRESS', ['REPLICATION_GROUP_NAME'], args, env);
  if (!(bound instanceof Map)) return bound;
  const g = bound.get('REPLICATION_GROUP_NAME');
  if (g === undefined || g === null) return errors.compilation('REPLICATION_GROUP_REFRESH_PROGRESS requires a group name', '001044', '42P13');
  const rows = refreshProgress(ctx.org, ctx.account.name, groupName(ctx.state, toText(g)));
  if ('type' in rows) return rows;
  return {
    columns: PROGRESS_COLUMNS,
    rows: rows.map((r) => [r.PHASE_NAME, timestamp(r.START_TIME), r.END_TIME === null ? null : timestamp(r.END_TIME), r.PROGRESS, json(r.DETAILS)]),
  };
}

TABLE_FUNCTIONS.set('REPLICATION_GROUP_REFRESH_HISTORY', refreshHistoryFn);
TABLE_FUNCTIONS.set('REPLICATION_GROUP_REFRESH_HISTORY_ALL', refreshHistoryAllFn);
TABLE_FUNCTIONS.set('REPLICATION_GROUP_REFRESH_PROGRESS', refreshProgressFn);
