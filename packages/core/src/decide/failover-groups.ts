import type { CommandOf, CreateFailoverGroupCommand, FailoverGroupAction } from '../commands.ts';
import type { Event } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { FailoverGroup, GroupKind, IntegrationType, ReplicationObjectType, ReplicationSchedule } from '../model/replication.ts';
import { privilegeKey } from '../model/privileges.ts';
import type { AccountState } from '../state.ts';
import { activeRoles, isAccountAdmin, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import type { Actor, DecideContext, Decision } from './context.ts';
import { done } from './context.ts';
import { groupKindWord, normalizeAccountRef, parseIntegrationTypes, parseObjectTypes } from '../replication/names.ts';
import { carriesAccountObjects } from '../replication/scope.ts';
import { parseReplicationSchedule } from '../replication/schedule.ts';

/** A group of this account by name (both kinds share one namespace, spec §2.1). */
export function findGroup(s: AccountState, name: string): FailoverGroup | undefined {
  for (const g of s.failoverGroups.values()) if (g.name === name) return g;
  return undefined;
}

/** A group of this account by name and kind: ALTER FAILOVER GROUP does not see replication groups. */
export function findGroupOfKind(s: AccountState, name: string, kind: GroupKind): FailoverGroup | undefined {
  const g = findGroup(s, name);
  return g && g.type === kind ? g : undefined;
}

const objectKind = (kind: GroupKind): 'FAILOVER_GROUP' | 'REPLICATION_GROUP' => (kind === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP');

/**
 * Whether `actor` may act on group `g` with one of `privileges` (OWNERSHIP is always enough;
 * spec §2.2 / §2.7: REFRESH needs REPLICATE, PRIMARY needs FAILOVER, SHOW needs any of them).
 */
export function holdsGroupPrivilege(s: AccountState, actor: Actor, g: FailoverGroup, privileges: readonly string[]): boolean {
  const roles = activeRoles(s, actor).all;
  if (rolesOwn(roles, g.owner)) return true;
  const on = { kind: objectKind(g.type), id: g.id };
  for (const role of roles) for (const p of privileges) if (s.privileges.has(privilegeKey(p, on, role))) return true;
  return false;
}

/** The other group of this account that already carries account objects, if any (spec §2.1, §4). */
function accountObjectsGroup(s: AccountState, except: string | null): FailoverGroup | undefined {
  for (const g of s.failoverGroups.values()) if (g.id !== except && carriesAccountObjects(g.objectTypes)) return g;
  return undefined;
}

interface Membership {
  readonly objectTypes: readonly ReplicationObjectType[];
  readonly allowedIntegrationTypes: readonly IntegrationType[];
  readonly allowedDatabases: readonly string[] | null;
  readonly allowedShares: readonly string[] | null;
  readonly allowedExternalVolumes: readonly string[] | null;
}

/**
 * The membership rules of spec §2.1: ALLOWED_DATABASES / SHARES / EXTERNAL_VOLUMES only with
 * their type (and, at CREATE, the type needs its list); INTEGRATIONS <=> ALLOWED_INTEGRATION_TYPES;
 * SECURITY INTEGRATIONS needs ROLES.
 */
function checkMembership(m: Membership, creating: boolean): SnowflakeError | null {
  const pairs = [
    ['DATABASES', 'ALLOWED_DATABASES', m.allowedDatabases],
    ['SHARES', 'ALLOWED_SHARES', m.allowedShares],
    ['EXTERNAL VOLUMES', 'ALLOWED_EXTERNAL_VOLUMES', m.allowedExternalVolumes],
  ] as const;
  for (const [type, list, value] of pairs) {
    const listed = m.objectTypes.includes(type);
    if (value !== null && !listed) return errors.groupPropertyRequires(list, `${type} in OBJECT_TYPES`);
    if (creating && listed && (value === null || value.length === 0)) return errors.groupPropertyRequires(`${type} in OBJECT_TYPES`, list);
  }
  const integrations = m.objectTypes.includes('INTEGRATIONS');
  if (integrations && m.allowedIntegrationTypes.length === 0) return errors.groupPropertyRequires('INTEGRATIONS in OBJECT_TYPES', 'ALLOWED_INTEGRATION_TYPES');
  if (!integrations && m.allowedIntegrationTypes.length > 0) return errors.groupPropertyRequires('ALLOWED_INTEGRATION_TYPES', 'INTEGRATIONS in OBJECT_TYPES');
  if (m.allowedIntegrationTypes.includes('SECURITY INTEGRATIONS') && !m.objectTypes.includes('ROLES')) {
    return errors.groupPropertyRequires('ALLOWED_INTEGRATION_TYPES = SECURITY INTEGRATIONS', 'ROLES in OBJECT_TYPES');
  }
  return null;
}

const upperList = (l: readonly string[] | null | undefined) => (l ? [...new Set(l.map((x) => x.toUpperCase()))] : null);

function normalizeAccounts(list: readonly string[], ctx: DecideContext): string[] | SnowflakeError {
  const out: string[] = [];
  for (const raw of list) {
    const ref = normalizeAccountRef(raw, ctx.account.org);
    if (!ref) return errors.doesNotExist('ACCOUNT', raw.toUpperCase());
    if (!out.includes(ref)) out.push(ref);
  }
  return out;
}

/**
 * CREATE FAILOVER | REPLICATION GROUP (primary form, spec §2.1). Per-account checks only: that the
 * allowed accounts exist and the editions fit is checked by the organization before this runs.
 */
export function createFailoverGroup(cmd: CreateFailoverGroupCommand, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.replicaOf !== undefined) return errors.requiresOrganization(`CREATE ${cmd.kind} GROUP ... AS REPLICA OF`);
  const roles = activeRoles(s, ctx.actor);
  if (!rolesHoldAccountPrivilege(s, roles.forCreate, `CREATE ${cmd.kind} GROUP`) || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  }
  const existing = findGroup(s, cmd.name);
  if (existing) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    return errors.alreadyExists(cmd.name);
  }
  const kindWord = `${cmd.kind} GROUP`;
  if (!cmd.objectTypes || cmd.objectTypes.length === 0) return errors.missingProperty('OBJECT_TYPES', kindWord);
  const objectTypes = parseObjectTypes(cmd.objectTypes);
  if ('type' in objectTypes) return objectTypes;
  const allowedIntegrationTypes = parseIntegrationTypes(cmd.allowedIntegrationTypes ?? []);
  if ('type' in allowedIntegrationTypes) return allowedIntegrationTypes;
  const membership: Membership = {
    objectTypes,
    allowedIntegrationTypes,
    allowedDatabases: upperList(cmd.allowedDatabases),
    allowedShares: upperList(cmd.allowedShares),
    allowedExternalVolumes: upperList(cmd.allowedExternalVolumes),
  };
  const bad = checkMembership(membership, true);
  if (bad) return bad;
  if (!cmd.allowedAccounts || cmd.allowedAccounts.length === 0) return errors.missingProperty('ALLOWED_ACCOUNTS', kindWord);
  const targets = normalizeAccounts(cmd.allowedAccounts, ctx);
  if ('type' in targets) return targets;
  // The server adds the source account itself (OBS T1): two entries for one target.
  const self = `${ctx.account.org}.${ctx.account.name}`.toUpperCase();
  const allowedAccounts = [self, ...targets.filter((a) => a !== self)];
  if (carriesAccountObjects(objectTypes)) {
    const other = accountObjectsGroup(s, null);
    if (other) return errors.accountObjectsGroupExists(other.name);
  }
  let schedule: ReplicationSchedule | null = null;
  if (cmd.replicationSchedule) {
    const parsed = parseReplicationSchedule(cmd.replicationSchedule);
    if ('type' in parsed) return parsed;
    schedule = parsed;
  }
  const id = ctx.ids.id();
  const group: FailoverGroup = {
    id,
    globalId: id,
    name: cmd.name,
    type: cmd.kind,
    comment: cmd.comment ?? null,
    owner: roles.primary,
    createdOn: ctx.now,
    isPrimary: true,
    primary: { account: ctx.account.name, group: cmd.name },
    ...membership,
    allowedAccounts,
    schedule,
    scheduleSetAt: schedule ? ctx.now : null,
    suspended: false,
    resumedAt: null,
    cursor: 0,
    cursorAccount: null,
    cursorEpoch: -1,
    epoch: 0,
    lastRefreshStart: null,
    refreshes: [],
    // The source's own objects are the lineage's starting point.
    initializedTypes: objectTypes,
    refreshInProgress: null,
  };
  return { events: [{ type: 'FailoverGroupCreated', group }], output: { kind: 'created', id, replaced: false } };
}

/** The forms allowed only on a primary, and those only on a secondary (spec §2.2). */
const PRIMARY_ONLY: ReadonlySet<FailoverGroupAction['kind']> = new Set(['rename', 'setMembership', 'set', 'unset', 'addAccounts', 'removeAccounts']);
const SECONDARY_ONLY: ReadonlySet<FailoverGroupAction['kind']> = new Set(['refresh', 'primary', 'suspend', 'resume']);

const ACTION_WORDS: Record<FailoverGroupAction['kind'], string> = {
  refresh: 'REFRESH',
  primary: 'PRIMARY',
  suspend: 'SUSPEND',
  resume: 'RESUME',
  rename: 'RENAME',
  setMembership: 'SET OBJECT_TYPES',
  set: 'SET',
  unset: 'UNSET',
  addAccounts: 'ADD ... TO ALLOWED_ACCOUNTS',
  removeAccounts: 'REMOVE ... FROM ALLOWED_ACCOUNTS',
};

/**
 * The group an ALTER addresses, checked for existence, primary/secondary form and privilege.
 * Returns a Decision for IF EXISTS on a missing group.
 */
export function alterTarget(cmd: CommandOf<'AlterFailoverGroup'>, s: AccountState, actor: Actor): FailoverGroup | Decision | SnowflakeError {
  const g = findGroupOfKind(s, cmd.name, cmd.kind);
  if (!g) {
    if (cmd.ifExists) return { events: [], output: { kind: 'missing', name: cmd.name } };
    return errors.doesNotExist(objectKind(cmd.kind), cmd.name);
  }
  const action = cmd.action.kind;
  const word = groupKindWord(g.type);
  if (action === 'primary' && g.type === 'REPLICATION') return errors.replicationGroupCannotFailover(g.name);
  if (PRIMARY_ONLY.has(action) && !g.isPrimary) return errors.groupNotPrimary(word, g.name, `ALTER ${g.type} GROUP ... ${ACTION_WORDS[action]}`);
  if (SECONDARY_ONLY.has(action) && g.isPrimary) return errors.groupNotSecondary(word, g.name, `ALTER ${g.type} GROUP ... ${ACTION_WORDS[action]}`);
  const needed =
    action === 'refresh' ? ['REPLICATE'] : action === 'primary' ? ['FAILOVER'] : action === 'rename' ? [] : ['MODIFY'];
  if (!holdsGroupPrivilege(s, actor, g, needed)) return errors.insufficientPrivileges(objectKind(g.type), g.name);
  return g;
}

const isGroup = (x: FailoverGroup | Decision | SnowflakeError): x is FailoverGroup => 'globalId' in x;

/** ALTER FAILOVER | REPLICATION GROUP: the forms that change only this account. */
export function alterFailoverGroup(cmd: CommandOf<'AlterFailoverGroup'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const g = alterTarget(cmd, s, ctx.actor);
  if (!isGroup(g)) return g;
  const a = cmd.action;
  const altered = (changes: Extract<Event, { type: 'FailoverGroupAltered' }>['changes']): Decision =>
    done([{ type: 'FailoverGroupAltered', id: g.id, changes }]);
  switch (a.kind) {
    case 'refresh':
    case 'primary':
      return errors.requiresOrganization(`ALTER ${g.type} GROUP ... ${ACTION_WORDS[a.kind]}`);
    case 'suspend':
      // SUSPEND IMMEDIATE also cancels a *scheduled* refresh in progress; scheduled refreshes
      // run to completion at once in the simulator, so there is never one to cancel.
      return g.suspended ? done([]) : altered({ suspended: true });
    case 'resume':
      return g.suspended ? altered({ suspended: false, resumedAt: ctx.now }) : done([]);
    case 'rename': {
      if (a.newName === g.name) return done([]);
      if (findGroup(s, a.newName)) return errors.alreadyExists(a.newName);
      return altered({ name: a.newName, primary: { account: ctx.account.name, group: a.newName } });
    }
    case 'setMembership': {
      const types = a.objectTypes ? parseObjectTypes(a.objectTypes) : g.objectTypes;
      if ('type' in types) return types;
      const given = a.allowedIntegrationTypes ? parseIntegrationTypes(a.allowedIntegrationTypes) : null;
      if (given && 'type' in given) return given;
      // SET OBJECT_TYPES replaces the list; a member list survives only while its type stays
      // listed (spec §2.2).
      const keep = (type: ReplicationObjectType, value: readonly string[] | undefined, old: readonly string[] | null) =>
        value !== undefined ? upperList(value) : types.includes(type) && g.objectTypes.includes(type) ? old : null;
      const membership: Membership = {
        objectTypes: types,
        allowedIntegrationTypes: given ?? (types.includes('INTEGRATIONS') && g.objectTypes.includes('INTEGRATIONS') ? g.allowedIntegrationTypes : []),
        allowedDatabases: keep('DATABASES', a.allowedDatabases, g.allowedDatabases),
        allowedShares: keep('SHARES', a.allowedShares, g.allowedShares),
        allowedExternalVolumes: keep('EXTERNAL VOLUMES', a.allowedExternalVolumes, g.allowedExternalVolumes),
      };
      const bad = checkMembership(membership, false);
      if (bad) return bad;
      if (carriesAccountObjects(types)) {
        const other = accountObjectsGroup(s, g.id);
        if (other) return errors.accountObjectsGroupExists(other.name);
      }
      return altered({ ...membership, initializedTypes: types });
    }
    case 'set': {
      const changes: { -readonly [K in keyof FailoverGroup]?: FailoverGroup[K] } = {};
      if (a.comment !== undefined) changes.comment = a.comment;
      if (a.replicationSchedule !== undefined) {
        const parsed = parseReplicationSchedule(a.replicationSchedule);
        if ('type' in parsed) return parsed;
        changes.schedule = parsed;
        // The interval counter restarts when the schedule changes (spec §2.1).
        changes.scheduleSetAt = ctx.now;
      }
      return altered(changes);
    }
    case 'unset': {
      const changes: { -readonly [K in keyof FailoverGroup]?: FailoverGroup[K] } = {};
      if (a.names.includes('COMMENT')) changes.comment = null;
      if (a.names.includes('REPLICATION_SCHEDULE')) {
        changes.schedule = null;
        changes.scheduleSetAt = ctx.now;
      }
      return altered(changes);
    }
    case 'addAccounts': {
      const add = normalizeAccounts(a.accounts, ctx);
      if ('type' in add) return add;
      const next = [...g.allowedAccounts, ...add.filter((x) => !g.allowedAccounts.includes(x))];
      return next.length === g.allowedAccounts.length ? done([]) : altered({ allowedAccounts: next });
    }
    case 'removeAccounts': {
      const remove = normalizeAccounts(a.accounts, ctx);
      if ('type' in remove) return remove;
      const self = `${ctx.account.org}.${ctx.account.name}`.toUpperCase();
      if (remove.includes(self)) return errors.execution(`Cannot remove the source account ${self} from ALLOWED_ACCOUNTS of ${g.name}.`, '003141', '55000');
      const next = g.allowedAccounts.filter((x) => !remove.includes(x));
      return next.length === g.allowedAccounts.length ? done([]) : altered({ allowedAccounts: next });
    }
    default: {
      const never: never = a;
      return never;
    }
  }
}

/**
 * DROP FAILOVER | REPLICATION GROUP: the owner or ACCOUNTADMIN (spec §2.3). That a primary has
 * no linked secondaries is checked by the organization. Dropping a secondary releases its
 * objects: they stay as local, writable objects (UNCONFIRMED, spec §2.3).
 */
export function dropFailoverGroup(cmd: CommandOf<'DropFailoverGroup'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const g = findGroupOfKind(s, cmd.name, cmd.kind);
  if (!g) {
    if (cmd.ifExists) return { events: [], output: { kind: 'missing', name: cmd.name } };
    return errors.doesNotExist(objectKind(cmd.kind), cmd.name);
  }
  const roles = activeRoles(s, ctx.actor).all;
  if (!rolesOwn(roles, g.owner) && !isAccountAdmin(roles)) return errors.insufficientPrivileges(objectKind(g.type), g.name);
  return { events: [{ type: 'FailoverGroupDropped', id: g.id }], output: { kind: 'dropped', name: g.name } };
}
