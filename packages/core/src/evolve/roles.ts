import type { EventOf } from '../events.ts';
import { emptySharded, shDelete, shGet, shKeys, shSet, shValues } from '../util/sharded-map.ts';
import { own } from '../util/transient.ts';
import { writableMap, type W } from './draft.ts';
import { roleRecord, writableRole, writableUser } from './records.ts';

export function roleCreated(s: W, e: EventOf<'RoleCreated'>): void {
  const r = e.role;
  const previous = shGet(s.roles, r.id);
  const role = own(roleRecord({ ...r, updatedOn: r.createdOn }, previous ? new Map(previous.granted) : new Map(), previous ? previous.users : emptySharded()));
  if (previous && shGet(s.roleNames, previous.name) === r.id) s.roleNames = shDelete(s.roleNames, previous.name);
  s.roles = shSet(s.roles, r.id, role);
  s.roleNames = shSet(s.roleNames, r.name, r.id);
}

export function roleAltered(s: W, e: EventOf<'RoleAltered'>): void {
  const r = writableRole(s, e.id);
  if (!r) return;
  r.comment = e.comment;
  r.updatedOn = e.at;
}

export function roleRenamed(s: W, e: EventOf<'RoleRenamed'>): void {
  const r = writableRole(s, e.id);
  if (!r) return;
  if (shGet(s.roleNames, r.name) === r.id) s.roleNames = shDelete(s.roleNames, r.name);
  s.roleNames = shSet(s.roleNames, e.name, r.id);
  r.name = e.name;
  r.updatedOn = e.at;
}

export function roleDropped(s: W, e: EventOf<'RoleDropped'>): void {
  const r = shGet(s.roles, e.id);
  if (!r) return;
  // Every grant naming the dropped role, as grantee or as granted role, goes with it.
  for (const userId of shKeys(r.users)) {
    const u = writableUser(s, userId);
    if (u) u.roles = u.roles.filter((g) => g.role !== e.id);
  }
  for (const parent of [...shValues(s.roles)]) if (parent.granted.has(e.id)) writableRole(s, parent.id)!.granted.delete(e.id);
  const held: string[] = [];
  for (const [key, grant] of s.privileges) if (grant.to === e.id) held.push(key);
  if (held.length > 0) {
    const privileges = writableMap(s, 'privileges');
    for (const key of held) privileges.delete(key);
  }
  if (shGet(s.roleNames, r.name) === r.id) s.roleNames = shDelete(s.roleNames, r.name);
  s.roles = shDelete(s.roles, e.id);
}
