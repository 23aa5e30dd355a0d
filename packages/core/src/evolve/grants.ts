import type { EventOf } from '../events.ts';
import { privilegeKey } from '../model/privileges.ts';
import { shDelete, shGet, shSet } from '../util/sharded-map.ts';
import type { W } from './draft.ts';
import { writableRole, writableUser } from './records.ts';

export function roleGranted(s: W, e: EventOf<'RoleGranted'>): void {
  if (!shGet(s.roles, e.role)) return;
  const meta = { grantedBy: e.grantedBy, at: e.at };
  if (e.to.kind === 'ROLE') {
    writableRole(s, e.to.id)?.granted.set(e.role, meta);
    return;
  }
  const user = writableUser(s, e.to.id);
  if (!user) return;
  const role = writableRole(s, e.role)!;
  role.users = shSet(role.users, user.id, meta);
  const grant = { role: e.role, grantedBy: e.grantedBy, at: e.at };
  const i = user.roles.findIndex((g) => g.role === e.role);
  if (i >= 0) user.roles[i] = grant;
  else user.roles.push(grant);
}

export function roleRevoked(s: W, e: EventOf<'RoleRevoked'>): void {
  if (e.from.kind === 'ROLE') {
    writableRole(s, e.from.id)?.granted.delete(e.role);
    return;
  }
  const role = writableRole(s, e.role);
  if (role) role.users = shDelete(role.users, e.from.id);
  const user = writableUser(s, e.from.id);
  if (!user) return;
  const i = user.roles.findIndex((g) => g.role === e.role);
  if (i >= 0) user.roles.splice(i, 1);
}

export function privilegeGranted(s: W, e: EventOf<'PrivilegeGranted'>): void {
  s.privileges.set(privilegeKey(e.grant.privilege, e.grant.on, e.grant.to), { ...e.grant });
}

export function privilegeRevoked(s: W, e: EventOf<'PrivilegeRevoked'>): void {
  s.privileges.delete(privilegeKey(e.privilege, e.on, e.from));
}

export function ownershipTransferred(s: W, e: EventOf<'OwnershipTransferred'>): void {
  const { kind, id } = e.object;
  switch (kind) {
    case 'USER': {
      const u = writableUser(s, id);
      if (u) u.owner = e.to;
      break;
    }
    case 'ROLE': {
      const r = writableRole(s, id);
      if (r) r.owner = e.to;
      break;
    }
    case 'INTEGRATION': {
      const i = s.integrations.get(id);
      if (i) i.owner = e.to;
      break;
    }
    case 'NETWORK_POLICY': {
      const p = s.networkPolicies.get(id);
      if (p) p.owner = e.to;
      break;
    }
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP': {
      const g = s.failoverGroups.get(id);
      if (g) g.owner = e.to;
      break;
    }
    case 'CONNECTION':
      break;
  }
  if (e.currentGrants === 'KEEP') return;
  for (const [key, grant] of s.privileges) {
    if (grant.on.kind === 'ACCOUNT' || grant.on.kind !== kind || grant.on.id !== id) continue;
    if (e.currentGrants === 'REVOKE') s.privileges.delete(key);
    else grant.grantedBy = e.to;
  }
}
