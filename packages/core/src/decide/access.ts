import type { AccountState } from '../state.ts';
import { privilegeKey, SYSTEM_PRIVILEGES } from '../model/privileges.ts';
import { shGet } from '../util/sharded-map.ts';
import type { Actor } from './context.ts';
import { findUser } from './context.ts';

/**
 * Privilege checks through the role hierarchy. A role holds the privileges of every role granted
 * to it (transitively) and of PUBLIC. Owning a role does not confer its privileges.
 */
const closureCache = new WeakMap<object, Map<string, ReadonlySet<string>>>();

/** The role ids `roleId` inherits, itself and PUBLIC included. Cached per roles-map version. */
export function roleClosure(s: AccountState, roleId: string): ReadonlySet<string> {
  let perVersion = closureCache.get(s.roles);
  if (!perVersion) {
    perVersion = new Map();
    closureCache.set(s.roles, perVersion);
  }
  const hit = perVersion.get(roleId);
  if (hit) return hit;
  const out = new Set<string>();
  const stack = [roleId, 'PUBLIC'];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    const role = shGet(s.roles, id);
    if (!role) continue;
    out.add(id);
    for (const child of role.granted.keys()) stack.push(child);
  }
  perVersion.set(roleId, out);
  return out;
}

export interface ActiveRoles {
  /** The primary role's id, or undefined when it no longer exists. */
  readonly primary: string | undefined;
  /** Roles usable for CREATE: the primary role's closure only. */
  readonly forCreate: ReadonlySet<string>;
  /** Roles usable for everything else: primary plus, with secondary roles ALL, the user's roles. */
  readonly all: ReadonlySet<string>;
}

export function activeRoles(s: AccountState, actor: Actor): ActiveRoles {
  const primary = shGet(s.roleNames, actor.role);
  const forCreate = primary === undefined ? new Set<string>() : roleClosure(s, primary);
  if (!actor.user || actor.secondaryRoles === 'NONE') return { primary, forCreate, all: forCreate };
  const user = findUser(s, { name: actor.user });
  if (!user || user.roles.length === 0) return { primary, forCreate, all: forCreate };
  const all = new Set(forCreate);
  for (const g of user.roles) for (const id of roleClosure(s, g.role)) all.add(id);
  return { primary, forCreate, all };
}

export function rolesHoldAccountPrivilege(s: AccountState, roles: ReadonlySet<string>, privilege: string): boolean {
  // Cached per (privileges version, role set): closures are cached per roles version, so a run of
  // user writes (which change neither) asks the same question of the same objects every command.
  let byRoles = privilegeCache.get(s.privileges);
  if (byRoles === undefined) {
    byRoles = new WeakMap();
    privilegeCache.set(s.privileges, byRoles);
  }
  let answers = byRoles.get(roles);
  if (answers === undefined) {
    answers = new Map();
    byRoles.set(roles, answers);
  }
  let held = answers.get(privilege);
  if (held === undefined) {
    held = holdsAccountPrivilege(s, roles, privilege);
    answers.set(privilege, held);
  }
  return held;
}

const privilegeCache = new WeakMap<object, WeakMap<ReadonlySet<string>, Map<string, boolean>>>();

function holdsAccountPrivilege(s: AccountState, roles: ReadonlySet<string>, privilege: string): boolean {
  for (const id of roles) {
    if (SYSTEM_PRIVILEGES[id]?.includes(privilege)) return true;
    if (s.privileges.has(privilegeKey(privilege, { kind: 'ACCOUNT' }, id))) return true;
  }
  return false;
}

/** Whether `roles` may act as owner of an object owned by `owner` (a role id). */
export function rolesOwn(roles: ReadonlySet<string>, owner: string): boolean {
  return owner !== '' && roles.has(owner);
}

export function isAccountAdmin(roles: ReadonlySet<string>): boolean {
  return roles.has('ACCOUNTADMIN');
}
