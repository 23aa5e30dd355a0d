import type { EventOf } from '../events.ts';
import { userRecord } from '../model/user.ts';
import { shDelete, shGet, shSet } from '../util/sharded-map.ts';
import { foldingPrivately, own } from '../util/transient.ts';
import type { W } from './draft.ts';
import { writableRole, writableUser } from './records.ts';

export function userCreated(s: W, e: EventOf<'UserCreated'>): void {
  const u = e.user;
  const previous = shGet(s.users, u.id);
  if (previous) unindex(s, previous);
  // A live batch stores the event's own record (decide writes `roles: []`): nothing mutates a
  // record it does not own, so sharing halves the memory of a user. A private fold mutates what
  // it stores, so there the record is copied.
  const shareable = !foldingPrivately() && !previous && u.roles !== undefined && u.roles.length === 0;
  s.users = shSet(s.users, u.id, shareable ? (u as typeof u & { roles: [] }) : own(userRecord(u, previous ? previous.roles.slice() : [])));
  s.userNames = shSet(s.userNames, u.name, u.id);
  s.loginNames = shSet(s.loginNames, u.loginName.toUpperCase(), u.id);
}

function unindex(s: W, u: { id: string; name: string; loginName: string }): void {
  if (shGet(s.userNames, u.name) === u.id) s.userNames = shDelete(s.userNames, u.name);
  const login = u.loginName.toUpperCase();
  if (shGet(s.loginNames, login) === u.id) s.loginNames = shDelete(s.loginNames, login);
}

export function userAltered(s: W, e: EventOf<'UserAltered'>): void {
  const u = writableUser(s, e.id);
  if (!u) return;
  const oldLogin = u.loginName;
  Object.assign(u, e.changes);
  u.updatedOn = e.at;
  if (e.scim) u.scim = { ...u.scim, ...e.scim };
  if (u.loginName !== oldLogin) {
    const from = oldLogin.toUpperCase(), to = u.loginName.toUpperCase();
    if (shGet(s.loginNames, from) === u.id) s.loginNames = shDelete(s.loginNames, from);
    s.loginNames = shSet(s.loginNames, to, u.id);
  }
}

export function userRenamed(s: W, e: EventOf<'UserRenamed'>): void {
  const u = writableUser(s, e.id);
  if (!u) return;
  if (shGet(s.userNames, u.name) === u.id) s.userNames = shDelete(s.userNames, u.name);
  s.userNames = shSet(s.userNames, e.name, u.id);
  u.name = e.name;
  u.updatedOn = e.at;
}

export function userDropped(s: W, e: EventOf<'UserDropped'>): void {
  const u = shGet(s.users, e.id);
  if (!u) return;
  unindex(s, u);
  for (const g of u.roles) {
    const role = writableRole(s, g.role);
    if (role) role.users = shDelete(role.users, u.id);
  }
  s.users = shDelete(s.users, e.id);
}
