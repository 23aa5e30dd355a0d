import { isDraft, type Draft } from 'immer';
import type { EventOf } from '../events.ts';
import { userRecord, type User } from '../model/user.ts';
import { shDelete, shGet, shSet } from '../util/sharded-map.ts';
import type { W } from './draft.ts';

/**
 * User recipes mutate in place: on an immer draft that is copy-on-write, and on a replay's working
 * copy the object is owned (userCreated copies the event's record), so nothing in the log changes.
 * In place avoids copying a ~25-field object per event, which dominated replay time.
 */
type DraftUser = Draft<User>;

function user(s: W, id: string): DraftUser | undefined {
  return shGet(s.users, id) as DraftUser | undefined;
}

export function userCreated(s: W, e: EventOf<'UserCreated'>): void {
  const u = e.user;
  const previous = user(s, u.id);
  if (previous) unindex(s, previous);
  // Under immer (live writes) the state may hold the event's own record: immer never mutates a
  // base object, so sharing halves the memory of a user. A replay's working copy is mutated in
  // place, so there the record is copied.
  const shareable = isDraft(s) && !previous && u.roles !== undefined && u.roles.length === 0;
  shSet(s.users, u.id, (shareable ? u : userRecord(u, previous ? previous.roles : [])) as DraftUser);
  shSet(s.userNames, u.name, u.id);
  shSet(s.loginNames, u.loginName.toUpperCase(), u.id);
}

function unindex(s: W, u: { id: string; name: string; loginName: string }): void {
  if (shGet(s.userNames, u.name) === u.id) shDelete(s.userNames, u.name);
  const login = u.loginName.toUpperCase();
  if (shGet(s.loginNames, login) === u.id) shDelete(s.loginNames, login);
}

export function userAltered(s: W, e: EventOf<'UserAltered'>): void {
  const u = user(s, e.id);
  if (!u) return;
  const oldLogin = u.loginName.toUpperCase();
  Object.assign(u, e.changes);
  u.updatedOn = e.at;
  if (e.scim) u.scim = { ...u.scim, ...e.scim };
  const newLogin = u.loginName.toUpperCase();
  if (newLogin !== oldLogin) {
    if (shGet(s.loginNames, oldLogin) === u.id) shDelete(s.loginNames, oldLogin);
    shSet(s.loginNames, newLogin, u.id);
  }
}

export function userRenamed(s: W, e: EventOf<'UserRenamed'>): void {
  const u = user(s, e.id);
  if (!u) return;
  if (shGet(s.userNames, u.name) === u.id) shDelete(s.userNames, u.name);
  shSet(s.userNames, e.name, u.id);
  u.name = e.name;
  u.updatedOn = e.at;
}

export function userDropped(s: W, e: EventOf<'UserDropped'>): void {
  const u = user(s, e.id);
  if (!u) return;
  unindex(s, u);
  for (const g of u.roles) {
    const role = shGet(s.roles, g.role);
    if (role) shDelete(role.users, u.id);
  }
  shDelete(s.users, e.id);
}

export { user as draftUser };
