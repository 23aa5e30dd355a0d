import type { EventOf } from '../events.ts';
import type { Role } from '../model/role.ts';
import { emptySharded, shDelete, shGet, shKeys, shSet, shValues } from '../util/sharded-map.ts';
import type { W } from './draft.ts';
import { draftUser } from './users.ts';

export function roleCreated(s: W, e: EventOf<'RoleCreated'>): void {
  const r = e.role;
  const previous = shGet(s.roles, r.id);
  const role: Role = {
    id: r.id,
    name: r.name,
    comment: r.comment,
    owner: r.owner,
    createdOn: r.createdOn,
    updatedOn: r.createdOn,
    granted: previous ? (previous.granted as Role['granted']) : new Map(),
    users: previous ? (previous.users as Role['users']) : emptySharded(),
    ...(r.externalId !== undefined ? { externalId: r.externalId } : {}),
  };
  if (previous && shGet(s.roleNames, previous.name) === r.id) shDelete(s.roleNames, previous.name);
  shSet(s.roles, r.id, role);
  shSet(s.roleNames, r.name, r.id);
}

export function roleAltered(s: W, e: EventOf<'RoleAltered'>): void {
  const r = shGet(s.roles, e.id);
  if (!r) return;
  r.comment = e.comment;
  r.updatedOn = e.at;
}

export function roleRenamed(s: W, e: EventOf<'RoleRenamed'>): void {
  const r = shGet(s.roles, e.id);
  if (!r) return;
  if (shGet(s.roleNames, r.name) === r.id) shDelete(s.roleNames, r.name);
  shSet(s.roleNames, e.name, r.id);
  r.name = e.name;
  r.updatedOn = e.at;
}

export function roleDropped(s: W, e: EventOf<'RoleDropped'>): void {
  const r = shGet(s.roles, e.id);
  if (!r) return;
  // Every grant naming the dropped role, as grantee or as granted role, goes with it.
  for (const userId of shKeys(r.users)) {
    const u = draftUser(s, userId);
    if (u) u.roles = u.roles.filter((g) => g.role !== e.id);
  }
  for (const parent of shValues(s.roles)) if (parent.granted.has(e.id)) shGet(s.roles, parent.id)!.granted.delete(e.id);
  for (const [key, grant] of s.privileges) if (grant.to === e.id) s.privileges.delete(key);
  if (shGet(s.roleNames, r.name) === r.id) shDelete(s.roleNames, r.name);
  shDelete(s.roles, e.id);
}
