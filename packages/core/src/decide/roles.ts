import type { CommandOf } from '../commands.ts';
import type { Event } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import { isSystemRole, type Role } from '../model/role.ts';
import type { SecurableKind } from '../model/privileges.ts';
import type { AccountState } from '../state.ts';
import { shValues } from '../util/sharded-map.ts';
import { activeRoles, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import { type DecideContext, type Decision, findRole, refName } from './context.ts';
import { guardReplica } from './replica.ts';

export function createRole(cmd: CommandOf<'CreateRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.orReplace && cmd.ifNotExists) return errors.incompatibleOptions();
  const ro = guardReplica(s, ctx, 'ROLES', 'Role', cmd.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  if (!rolesHoldAccountPrivilege(s, roles.forCreate, 'CREATE ROLE') || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  }
  const events: Event[] = [];
  const existing = findRole(s, { name: cmd.name });
  if (existing) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    if (!cmd.orReplace) return errors.alreadyExists(cmd.name);
    const dropped = dropRoleEvents(existing, s, ctx, roles.primary);
    if ('type' in dropped) return dropped;
    events.push(...dropped);
  }
  const id = ctx.ids.id();
  events.push({
    type: 'RoleCreated',
    role: {
      id,
      name: cmd.name,
      comment: cmd.comment ?? null,
      owner: roles.primary,
      createdOn: ctx.now,
      ...(cmd.externalId !== undefined ? { externalId: cmd.externalId } : {}),
    },
  });
  return { events, output: { kind: 'created', id, replaced: existing !== undefined } };
}

function ownedRole(cmd: { target: Parameters<typeof findRole>[1]; ifExists?: boolean }, s: AccountState, ctx: DecideContext):
  | Role
  | Decision
  | SnowflakeError {
  const role = findRole(s, cmd.target);
  if (!role) {
    if (cmd.ifExists) return { events: [], output: { kind: 'missing', name: refName(cmd.target) } };
    return errors.doesNotExist('ROLE', refName(cmd.target));
  }
  const ro = guardReplica(s, ctx, 'ROLES', 'Role', role.name);
  if (ro) return ro;
  if (isSystemRole(role.id)) {
    return errors.execution(`Cannot modify system role ${role.name}.`, '003021', '42501');
  }
  if (!rolesOwn(activeRoles(s, ctx.actor).all, role.owner)) {
    return errors.insufficientPrivileges('ROLE', role.name, `Your primary role ${ctx.actor.role} must have OWNERSHIP granted on ROLE ${role.name}`);
  }
  return role;
}

const isRole = (x: Role | Decision | SnowflakeError): x is Role => 'granted' in x;

export function alterRole(cmd: CommandOf<'AlterRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const role = ownedRole(cmd, s, ctx);
  if (!isRole(role)) return role;
  return { events: [{ type: 'RoleAltered', id: role.id, comment: cmd.comment, at: ctx.now }], output: { kind: 'done' } };
}

export function renameRole(cmd: CommandOf<'RenameRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const role = ownedRole(cmd, s, ctx);
  if (!isRole(role)) return role;
  if (role.name === cmd.newName) return { events: [], output: { kind: 'done' } };
  if (findRole(s, { name: cmd.newName })) return errors.alreadyExists(cmd.newName);
  return { events: [{ type: 'RoleRenamed', id: role.id, name: cmd.newName, at: ctx.now }], output: { kind: 'done' } };
}

export function dropRole(cmd: CommandOf<'DropRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const role = ownedRole(cmd, s, ctx);
  if (!isRole(role)) return role;
  const primary = activeRoles(s, ctx.actor).primary;
  if (primary === undefined) return errors.doesNotExist('ROLE', ctx.actor.role);
  const events = dropRoleEvents(role, s, ctx, primary);
  if ('type' in events) return events;
  return { events, output: { kind: 'dropped', name: role.name } };
}

/**
 * DROP ROLE: refused for the session's primary role; whatever the role owned passes to the role
 * that ran DROP (spec §5, Roles), then the role and every grant naming it go.
 */
function dropRoleEvents(role: Role, s: AccountState, ctx: DecideContext, dropper: string): Event[] | SnowflakeError {
  if (role.name === ctx.actor.role) {
    return errors.execution(`Cannot drop role ${role.name} as it is the current primary role.`, '003025', '42601');
  }
  const events: Event[] = [];
  const transfer = (kind: SecurableKind, id: string) =>
    events.push({ type: 'OwnershipTransferred', object: { kind, id }, to: dropper, currentGrants: 'KEEP' });
  for (const u of shValues(s.users)) if (u.owner === role.id) transfer('USER', u.id);
  for (const r of shValues(s.roles)) if (r.owner === role.id && r.id !== role.id) transfer('ROLE', r.id);
  for (const i of s.integrations.values()) if (i.owner === role.id) transfer('INTEGRATION', i.id);
  for (const p of s.networkPolicies.values()) if (p.owner === role.id) transfer('NETWORK_POLICY', p.id);
  for (const g of s.failoverGroups.values()) if (g.owner === role.id) transfer(g.type === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP', g.id);
  events.push({ type: 'RoleDropped', id: role.id });
  return events;
}
