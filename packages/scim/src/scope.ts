/**
 * What a SCIM integration sees and may change (spec §1.3 "Visibility rule", §7.4): the objects its
 * RUN_AS_ROLE owns — directly, or through a role in RUN_AS_ROLE's hierarchy — and, for visibility
 * only, every user with MONITOR USER on the account and every role with MONITOR ROLE. Writes go
 * through core's `decide` as RUN_AS_ROLE, which enforces ownership itself; this module answers the
 * read side and lets writes be validated before their first command.
 */
import { findRole, roleClosure, rolesHoldAccountPrivilege, rolesOwn, shValues, type AccountState, type Role, type User } from '@snowglobe/core';

/** The visibility of one integration's run-as role in one state. */
export interface ScimScope {
  readonly state: AccountState;
  /** The run-as role's id, or undefined when the role no longer exists (then nothing is owned). */
  readonly runAsRoleId: string | undefined;
  /** Role ids the run-as role inherits (itself and PUBLIC included). */
  readonly closure: ReadonlySet<string>;
  readonly monitorUser: boolean;
  readonly monitorRole: boolean;
}

const EMPTY: ReadonlySet<string> = new Set();

// Per state version: states are immutable, and a group request asks for the scope once per
// member it checks (the role closure and privilege scans were ~4% of a harness run).
const scopes = new WeakMap<AccountState, Map<string, ScimScope>>();

/** The scope of `runAsRole` (a role NAME, as RUN_AS_ROLE stores it) in `state`. */
export function scopeOf(state: AccountState, runAsRole: string): ScimScope {
  let byRole = scopes.get(state);
  if (byRole === undefined) {
    byRole = new Map();
    scopes.set(state, byRole);
  }
  let scope = byRole.get(runAsRole);
  if (scope === undefined) {
    scope = computeScope(state, runAsRole);
    byRole.set(runAsRole, scope);
  }
  return scope;
}

function computeScope(state: AccountState, runAsRole: string): ScimScope {
  const role = findRole(state, { name: runAsRole });
  const closure = role === undefined ? EMPTY : roleClosure(state, role.id);
  return {
    state,
    runAsRoleId: role?.id,
    closure,
    monitorUser: rolesHoldAccountPrivilege(state, closure, 'MONITOR USER'),
    monitorRole: rolesHoldAccountPrivilege(state, closure, 'MONITOR ROLE'),
  };
}

/** Whether the run-as role may act as owner of an object owned by `owner` (a role id). */
export function owns(scope: ScimScope, owner: string): boolean {
  return rolesOwn(scope.closure, owner);
}

/** Whether the user is visible: owned, or MONITOR USER. */
export function seesUser(scope: ScimScope, user: User): boolean {
  return scope.monitorUser || owns(scope, user.owner);
}

/** Whether the role is visible as a group: owned, or MONITOR ROLE. */
export function seesRole(scope: ScimScope, role: Role): boolean {
  return scope.monitorRole || owns(scope, role.owner);
}

/** Creation time, then NAME (objects created in the same simulated millisecond), then id. */
function byCreation<T extends { readonly createdOn: number; readonly name: string; readonly id: string }>(a: T, b: T): number {
  return a.createdOn - b.createdOn || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// Sorted snapshots per version of the users / roles map: the maps are immutable, so a list
// request after no write (an IdP walking pages) reuses the sort instead of redoing O(n log n).
const sortedUsers = new WeakMap<object, readonly User[]>();
const sortedRoles = new WeakMap<object, readonly Role[]>();

/**
 * All users in creation order (then NAME, then id), the order lists page through. Snowflake's
 * order is UNCONFIRMED; creation order keeps pages stable while new users are appended.
 */
export function usersInOrder(state: AccountState): readonly User[] {
  const hit = sortedUsers.get(state.users);
  if (hit !== undefined) return hit;
  const list = [...shValues(state.users)].sort(byCreation);
  sortedUsers.set(state.users, list);
  return list;
}

/** All roles in creation order (then NAME, then id). */
export function rolesInOrder(state: AccountState): readonly Role[] {
  const hit = sortedRoles.get(state.roles);
  if (hit !== undefined) return hit;
  const list = [...shValues(state.roles)].sort(byCreation);
  sortedRoles.set(state.roles, list);
  return list;
}
