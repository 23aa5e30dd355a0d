import type { EventOf } from '../events.ts';
import type { User } from '../model/user.ts';
import { shDelete, shGet, shSet } from '../util/sharded-map.ts';
import type { W } from './draft.ts';

export function userCreated(s: W, e: EventOf<'UserCreated'>): void {
  const u = e.user;
  const previous = shGet(s.users, u.id) as User | undefined;
  if (previous) unindex(s, previous);
  shSet(s.users, u.id, { ...u, roles: previous?.roles ?? [] } as User);
  shSet(s.userNames, u.name, u.id);
  shSet(s.loginNames, u.loginName.toUpperCase(), u.id);
}

function unindex(s: W, u: User): void {
  if (shGet(s.userNames, u.name) === u.id) shDelete(s.userNames, u.name);
  const login = u.loginName.toUpperCase();
  if (shGet(s.loginNames, login) === u.id) shDelete(s.loginNames, login);
}

export function userAltered(s: W, e: EventOf<'UserAltered'>): void {
  const u = shGet(s.users, e.id) as User | undefined;
  if (!u) return;
  const next: User = { ...u, ...e.changes, updatedOn: e.at, ...(e.scim ? { scim: { ...u.scim, ...e.scim } } : {}) };
  if (next.loginName.toUpperCase() !== u.loginName.toUpperCase()) {
    const old = u.loginName.toUpperCase();
    if (shGet(s.loginNames, old) === u.id) shDelete(s.loginNames, old);
    shSet(s.loginNames, next.loginName.toUpperCase(), u.id);
  }
  shSet(s.users, e.id, next);
}

export function userRenamed(s: W, e: EventOf<'UserRenamed'>): void {
  const u = shGet(s.users, e.id) as User | undefined;
  if (!u) return;
  if (shGet(s.userNames, u.name) === u.id) shDelete(s.userNames, u.name);
  shSet(s.userNames, e.name, u.id);
  shSet(s.users, e.id, { ...u, name: e.name, updatedOn: e.at });
}

export function userDropped(s: W, e: EventOf<'UserDropped'>): void {
  const u = shGet(s.users, e.id) as User | undefined;
  if (!u) return;
  unindex(s, u);
  for (const g of u.roles) {
    const role = shGet(s.roles, g.role);
    role?.users.delete(u.id);
  }
  shDelete(s.users, e.id);
}
