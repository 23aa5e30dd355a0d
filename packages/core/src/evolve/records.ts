import type { Role, RoleGrantMeta } from '../model/role.ts';
import { userRecord, type User, type UserRoleGrant } from '../model/user.ts';
import { shGet, shSet } from '../util/sharded-map.ts';
import { own, owned } from '../util/transient.ts';
import type { W } from './draft.ts';

export type WritableUser = { -readonly [K in keyof User]: User[K] } & { roles: UserRoleGrant[] };
export type WritableRole = { -readonly [K in keyof Role]: Role[K] } & { granted: Map<string, RoleGrantMeta> };

/**
 * A user record the running write may change in place: the stored one if the write owns it,
 * else a copy (its grant list too) stored in its place. A live batch thus never changes a record
 * a published state, or the log, still holds.
 */
export function writableUser(s: W, id: string): WritableUser | undefined {
  const u = shGet(s.users, id);
  if (u === undefined || owned(u)) return u as WritableUser | undefined;
  const copy = own(userRecord(u, u.roles.slice()));
  s.users = shSet(s.users, id, copy);
  return copy as WritableUser;
}

/** A role record the running write may change in place (its child-role grants too); see writableUser. */
export function writableRole(s: W, id: string): WritableRole | undefined {
  const r = shGet(s.roles, id);
  if (r === undefined || owned(r)) return r as WritableRole | undefined;
  const copy = own(roleRecord(r, new Map(r.granted), r.users));
  s.roles = shSet(s.roles, id, copy);
  return copy as WritableRole;
}

/** A role built from one literal, so every role shares one V8 hidden class (see userRecord). */
export function roleRecord(r: Omit<Role, 'granted' | 'users'>, granted: Map<string, RoleGrantMeta>, users: Role['users']): Role {
  return {
    id: r.id,
    name: r.name,
    comment: r.comment,
    owner: r.owner,
    createdOn: r.createdOn,
    updatedOn: r.updatedOn,
    granted,
    users,
    externalId: r.externalId,
  };
}
