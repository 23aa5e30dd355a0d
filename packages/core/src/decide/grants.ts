import type { CommandOf, GranteeRef, Ref } from '../commands.ts';
import type { Event, Grantee } from '../events.ts';
import { errors, type ObjectKind, type SnowflakeError } from '../errors.ts';
import { isAccountPrivilege, isSystemRole } from '../model/index.ts';
import type { SecurableKind } from '../model/privileges.ts';
import { privilegeKey, SYSTEM_PRIVILEGES } from '../model/privileges.ts';
import type { AccountState } from '../state.ts';
import { shHas } from '../util/sharded-map.ts';
import { activeRoles, isAccountAdmin, roleClosure, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import { type DecideContext, type Decision, done, findIntegration, findNetworkPolicy, findRole, findUser, refName } from './context.ts';
import { guardReplica } from './replica.ts';

/** Account privileges only ACCOUNTADMIN may grant (spec §5: "Must be granted by the ACCOUNTADMIN role"). */
const ACCOUNTADMIN_GRANTS = new Set(['CREATE DATABASE', 'CREATE WAREHOUSE', 'CREATE INTEGRATION', 'CREATE FAILOVER GROUP', 'CREATE REPLICATION GROUP', 'CREATE SHARE', 'CREATE ACCOUNT', 'CREATE CONNECTION']);

/** Object privileges accepted per kind (besides OWNERSHIP, which has its own statement). */
const OBJECT_PRIVILEGES: Record<SecurableKind, readonly string[]> = {
  USER: ['MONITOR', 'IMPERSONATE', 'MODIFY PROGRAMMATIC AUTHENTICATION METHODS'],
  ROLE: [],
  INTEGRATION: ['USAGE', 'USE_ANY_ROLE'],
  NETWORK_POLICY: ['USAGE'],
  FAILOVER_GROUP: ['FAILOVER', 'REPLICATE', 'MONITOR', 'MODIFY'],
  REPLICATION_GROUP: ['REPLICATE', 'MONITOR', 'MODIFY'],
  CONNECTION: ['FAILOVER'],
};

const KIND_WORD: Record<SecurableKind, string> = {
  USER: 'USER',
  ROLE: 'ROLE',
  INTEGRATION: 'INTEGRATION',
  NETWORK_POLICY: 'NETWORK_POLICY',
  FAILOVER_GROUP: 'FAILOVER GROUP',
  REPLICATION_GROUP: 'REPLICATION GROUP',
  CONNECTION: 'CONNECTION',
};

interface Target {
  readonly kind: SecurableKind;
  readonly id: string;
  readonly name: string;
  readonly owner: string;
}

function resolveTarget(s: AccountState, kind: SecurableKind, ref: Ref): Target | undefined {
  switch (kind) {
    case 'USER': {
      const u = findUser(s, ref);
      return u && { kind, id: u.id, name: u.name, owner: u.owner };
    }
    case 'ROLE': {
      const r = findRole(s, ref);
      return r && { kind, id: r.id, name: r.name, owner: r.owner };
    }
    case 'INTEGRATION': {
      const i = findIntegration(s, ref);
      return i && { kind, id: i.id, name: i.name, owner: i.owner };
    }
    case 'NETWORK_POLICY': {
      const p = findNetworkPolicy(s, ref);
      return p && { kind, id: p.id, name: p.name, owner: p.owner };
    }
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP': {
      for (const g of s.failoverGroups.values()) {
        if (('id' in ref ? g.id === ref.id : g.name === ref.name) && (g.type === 'FAILOVER') === (kind === 'FAILOVER_GROUP')) {
          return { kind, id: g.id, name: g.name, owner: g.owner };
        }
      }
      return undefined;
    }
    case 'CONNECTION': {
      for (const c of s.connections.values()) if ('id' in ref ? c.id === ref.id : c.name === ref.name) return { kind, id: c.id, name: c.name, owner: 'ACCOUNTADMIN' };
      return undefined;
    }
  }
}

function resolveGrantee(s: AccountState, g: GranteeRef): Grantee | SnowflakeError {
  if (g.kind === 'ROLE') {
    const r = findRole(s, g.ref);
    return r ? { kind: 'ROLE', id: r.id } : errors.doesNotExist('ROLE', refName(g.ref));
  }
  const u = findUser(s, g.ref);
  return u ? { kind: 'USER', id: u.id } : errors.doesNotExist('USER', refName(g.ref));
}

/** GRANT ROLE r TO ROLE | USER: needs OWNERSHIP of r or MANAGE GRANTS. */
export function grantRole(cmd: CommandOf<'GrantRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const checked = checkRoleGrant(cmd.role, cmd.to, s, ctx);
  if ('type' in checked) return checked;
  const { role, grantee, grantor } = checked;
  if (grantee.kind === 'ROLE') {
    const parent = findRole(s, { id: grantee.id })!;
    if (parent.granted.has(role.id)) return done([]);
    // A grant that would make a role inherit itself is refused (text UNCONFIRMED upstream).
    if (roleClosure(s, role.id).has(grantee.id)) {
      return errors.execution(`Cannot grant role ${role.name} to role ${parent.name}: it would create a cycle in the role hierarchy.`, '003012', '42601');
    }
  } else if (shHas(role.users, grantee.id)) {
    return done([]);
  }
  return done([{ type: 'RoleGranted', role: role.id, to: grantee, grantedBy: grantor, at: ctx.now }]);
}

export function revokeRole(cmd: CommandOf<'RevokeRole'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const checked = checkRoleGrant(cmd.role, cmd.from, s, ctx);
  if ('type' in checked) return checked;
  const { role, grantee } = checked;
  const held = grantee.kind === 'ROLE' ? findRole(s, { id: grantee.id })!.granted.has(role.id) : shHas(role.users, grantee.id);
  if (grantee.kind === 'ROLE' && isSystemRole(role.id) && isSystemRole(grantee.id)) {
    return errors.execution(`Cannot revoke a grant made by Snowflake: role ${role.name} from role ${grantee.id}.`, '003024', '42601');
  }
  return done(held ? [{ type: 'RoleRevoked', role: role.id, from: grantee }] : []);
}

function checkRoleGrant(roleRef: Ref, to: GranteeRef, s: AccountState, ctx: DecideContext) {
  const role = findRole(s, roleRef);
  if (!role) return errors.doesNotExist('ROLE', refName(roleRef));
  const grantee = resolveGrantee(s, to);
  if ('type' in grantee) return grantee;
  // Role-to-role grants replicate with ROLES; role-to-user grants with ROLES and USERS.
  const ro = guardReplica(s, ctx, 'ROLES', 'Role', role.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  const manage = rolesHoldAccountPrivilege(s, roles.all, 'MANAGE GRANTS');
  if (!manage && !rolesOwn(roles.all, role.owner)) {
    return errors.insufficientPrivileges('ROLE', role.name, `Your primary role ${ctx.actor.role} must have OWNERSHIP granted on ROLE ${role.name}`);
  }
  // The owner is recorded as grantor, also when the grant was made through MANAGE GRANTS.
  const grantor = role.owner || roles.primary || ctx.actor.role;
  return { role, grantee, grantor };
}

export function grantPrivileges(cmd: CommandOf<'GrantPrivileges'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  return privilegeChange(cmd.privileges, cmd.on, cmd.to, s, ctx, 'grant', cmd.grantOption ?? false);
}

export function revokePrivileges(cmd: CommandOf<'RevokePrivileges'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  return privilegeChange(cmd.privileges, cmd.on, cmd.from, s, ctx, 'revoke', false);
}

function privilegeChange(
  privileges: readonly string[],
  on: CommandOf<'GrantPrivileges'>['on'],
  roleRef: Ref,
  s: AccountState,
  ctx: DecideContext,
  mode: 'grant' | 'revoke',
  grantOption: boolean,
): Decision | SnowflakeError {
  const role = findRole(s, roleRef);
  if (!role) return errors.doesNotExist('ROLE', refName(roleRef));
  // Privileges on local objects of a target (its groups, connections) may be granted to secondary
  // roles; privileges on replicated objects may not (spec/snowflake-replication.md §2.7, §3.1).
  const local = on.kind === 'FAILOVER_GROUP' || on.kind === 'REPLICATION_GROUP' || on.kind === 'CONNECTION';
  const ro = local ? null : guardReplica(s, ctx, 'ROLES', 'Role', role.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  const manage = rolesHoldAccountPrivilege(s, roles.all, 'MANAGE GRANTS');
  const events: Event[] = [];
  if (on.kind === 'ACCOUNT') {
    const list = privileges.includes('ALL') || privileges.includes('ALL PRIVILEGES') ? Object.values(SYSTEM_PRIVILEGES).flat() : privileges;
    for (const p of list) {
      if (!isAccountPrivilege(p)) return errors.compilation(`Invalid privilege '${p}' for object type 'ACCOUNT'.`, '002214', '42601');
      if (!manage) return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
      if (ACCOUNTADMIN_GRANTS.has(p) && !isAccountAdmin(roles.all)) return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
      const key = privilegeKey(p, on, role.id);
      if (mode === 'grant') {
        const existing = s.privileges.get(key);
        if (existing && existing.grantOption === grantOption) continue;
        events.push({ type: 'PrivilegeGranted', grant: { privilege: p, on, to: role.id, grantOption, grantedBy: roles.primary ?? ctx.actor.role, at: ctx.now } });
      } else if (s.privileges.has(key)) {
        events.push({ type: 'PrivilegeRevoked', privilege: p, on, from: role.id });
      }
    }
    return done(events);
  }
  const target = resolveTarget(s, on.kind, on.ref);
  if (!target) return errors.doesNotExist(on.kind as ObjectKind, refName(on.ref));
  for (const p of privileges) {
    const allowed = OBJECT_PRIVILEGES[on.kind];
    const expanded = p === 'ALL' || p === 'ALL PRIVILEGES' ? allowed : [p];
    for (const priv of expanded) {
      if (!allowed.includes(priv)) {
        return errors.compilation(`Invalid object type '${KIND_WORD[on.kind]}' for privilege '${priv}'.`, '002214', '42601');
      }
      if (!manage && !rolesOwn(roles.all, target.owner)) return errors.insufficientPrivileges(on.kind as ObjectKind, target.name);
      const objectOn = { kind: on.kind, id: target.id } as const;
      const key = privilegeKey(priv, objectOn, role.id);
      if (mode === 'grant') {
        if (s.privileges.has(key)) continue;
        // Granted with only MANAGE GRANTS: the object owner is recorded as grantor.
        events.push({ type: 'PrivilegeGranted', grant: { privilege: priv, on: objectOn, to: role.id, grantOption, grantedBy: target.owner, at: ctx.now } });
      } else if (s.privileges.has(key)) {
        events.push({ type: 'PrivilegeRevoked', privilege: priv, on: objectOn, from: role.id });
      }
    }
  }
  return done(events);
}

/** GRANT OWNERSHIP ON <kind> x TO ROLE r [COPY | REVOKE CURRENT GRANTS] (spec §5). */
export function grantOwnership(cmd: CommandOf<'GrantOwnership'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const target = resolveTarget(s, cmd.on.kind, cmd.on.ref);
  if (!target) return errors.doesNotExist(cmd.on.kind as ObjectKind, refName(cmd.on.ref));
  const to = findRole(s, cmd.to);
  if (!to) return errors.doesNotExist('ROLE', refName(cmd.to));
  if (cmd.on.kind === 'CONNECTION') return errors.execution('Ownership of a connection cannot be transferred.', '003010', '42601');
  if (cmd.on.kind === 'ROLE' && isSystemRole(target.id)) return errors.insufficientPrivileges('ROLE', target.name);
  const type = { USER: 'USERS', ROLE: 'ROLES', INTEGRATION: 'INTEGRATIONS', NETWORK_POLICY: 'NETWORK POLICIES' } as const;
  const replicated = type[cmd.on.kind as keyof typeof type];
  if (replicated) {
    const ro = guardReplica(s, ctx, replicated, cmd.on.kind, target.name);
    if (ro) return ro;
  }
  const roles = activeRoles(s, ctx.actor);
  const manage = rolesHoldAccountPrivilege(s, roles.all, 'MANAGE GRANTS');
  if (!manage && !rolesOwn(roles.all, target.owner)) return errors.insufficientPrivileges(cmd.on.kind as ObjectKind, target.name);
  if (target.owner === to.id) return done([]);
  if (!cmd.currentGrants && cmd.on.kind !== 'ROLE') {
    for (const g of s.privileges.values()) {
      if (g.on.kind === cmd.on.kind && g.on.id === target.id) {
        const granteeName = findRole(s, { id: g.to })?.name ?? g.to;
        return errors.execution(
          `Dependent grant of privilege '${g.privilege}' on securable '${target.name}' to role '${granteeName}' exists.  It must be revoked first.  More than one dependent grant may exist: use 'SHOW GRANTS' command to view them.  To revoke all dependent grants while transferring object ownership, use convenience command 'GRANT OWNERSHIP ON <target_objects> TO <target_role> REVOKE CURRENT GRANTS'.`,
          '003036',
          '23001',
        );
      }
    }
  }
  if (cmd.currentGrants === 'COPY' && !manage && !roleClosure(s, roles.primary ?? '').has(to.id)) {
    return errors.insufficientPrivileges(cmd.on.kind as ObjectKind, target.name);
  }
  return done([{ type: 'OwnershipTransferred', object: { kind: cmd.on.kind, id: target.id }, to: to.id, currentGrants: cmd.currentGrants ?? 'KEEP' }]);
}
