import type { EventOf } from '../events.ts';
import { privilegeKey } from '../model/privileges.ts';
import { shDelete, shGet, shSet } from '../util/sharded-map.ts';
import { draftUser } from './users.ts';
import type { W } from './draft.ts';

export function roleGranted(s: W, e: EventOf<'RoleGranted'>): void {
  const role = shGet(s.roles, e.role);
  if (!role) return;
  const meta = { grantedBy: e.grantedBy, at: e.at };
  if (e.to.kind === 'ROLE') {
    const parent = shGet(s.roles, e.to.id);
    parent?.granted.set(e.role, meta);
    return;
  }
  const user = draftUser(s, e.to.id);
  if (!user) return;
  shSet(role.users, user.id, meta);
  const grant = { role: e.role, grantedBy: e.grantedBy, at: e.at };
  const i = user.roles.findIndex((g) => g.role === e.role);
  if (i >= 0) user.roles[i] = grant;
  else user.roles.push(grant);
}

export function roleRevoked(s: W, e: EventOf<'RoleRevoked'>): void {
  if (e.from.kind === 'ROLE') {
    shGet(s.roles, e.from.id)?.granted.delete(e.role);
    return;
  }
  const role = shGet(s.roles, e.role);
  if (role) shDelete(role.users, e.from.id);
  const user = draftUser(s, e.from.id);
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
      const u = draftUser(s, id);
      if (u) u.owner = e.to;
      break;
    }
    case 'ROLE': {
      const r = shGet(s.roles, id);
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
