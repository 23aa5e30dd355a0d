import type { EventOf } from '../events.ts';
import type { User } from '../model/user.ts';
import { privilegeKey } from '../model/privileges.ts';
import { shGet, shSet } from '../util/sharded-map.ts';
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
  const user = shGet(s.users, e.to.id) as User | undefined;
  if (!user) return;
  role.users.set(user.id, meta);
  const roles = user.roles.filter((g) => g.role !== e.role);
  roles.push({ role: e.role, grantedBy: e.grantedBy, at: e.at });
  shSet(s.users, user.id, { ...user, roles });
}

export function roleRevoked(s: W, e: EventOf<'RoleRevoked'>): void {
  if (e.from.kind === 'ROLE') {
    shGet(s.roles, e.from.id)?.granted.delete(e.role);
    return;
  }
  shGet(s.roles, e.role)?.users.delete(e.from.id);
  const user = shGet(s.users, e.from.id) as User | undefined;
  if (user) shSet(s.users, user.id, { ...user, roles: user.roles.filter((g) => g.role !== e.role) });
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
      const u = shGet(s.users, id) as User | undefined;
      if (u) shSet(s.users, id, { ...u, owner: e.to });
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
