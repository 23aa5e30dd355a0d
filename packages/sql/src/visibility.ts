/**
 * What SHOW and DESC reveal to the session's active roles (spec/snowflake-sql.md §0, §1): an
 * object is listed when an active role owns it or holds some privilege on it; MANAGE GRANTS sees
 * everything. SHOW USERS lists every user but fills the details only for owners and MANAGE GRANTS
 * holders.
 */
import {
  activeRoles,
  isAccountAdmin,
  rolesHoldAccountPrivilege,
  rolesOwn,
  type AccountState,
  type Actor,
  type ActiveRoles,
  type SecurableKind,
  type User,
} from '@snowglobe/core';

/** The viewer: the active roles of an actor in one account's state. */
export interface Viewer {
  readonly state: AccountState;
  readonly actor: Actor;
  readonly roles: ActiveRoles;
  /** Holds MANAGE GRANTS through any active role. */
  readonly manageGrants: boolean;
}

export function viewer(state: AccountState, actor: Actor): Viewer {
  const roles = activeRoles(state, actor);
  return { state, actor, roles, manageGrants: rolesHoldAccountPrivilege(state, roles.all, 'MANAGE GRANTS') };
}

/** An active role owns the object (owner is a role id; '' means the system). */
export const owns = (v: Viewer, owner: string): boolean => rolesOwn(v.roles.all, owner);

/** An active role holds some privilege (other than OWNERSHIP) on the object. */
export function holdsAnyPrivilegeOn(v: Viewer, kind: SecurableKind, id: string): boolean {
  for (const g of v.state.privileges.values()) {
    if (g.on.kind === kind && g.on.id === id && v.roles.all.has(g.to)) return true;
  }
  return false;
}

/** Listed by SHOW: owner, some privilege, or MANAGE GRANTS. */
export function objectVisible(v: Viewer, kind: SecurableKind, id: string, owner: string): boolean {
  return v.manageGrants || owns(v, owner) || holdsAnyPrivilegeOn(v, kind, id);
}

/** SHOW USERS fills every column only for the owner or a MANAGE GRANTS holder (docs SHOW USERS). */
export function userDetailsVisible(v: Viewer, user: User): boolean {
  return v.manageGrants || owns(v, user.owner);
}

/** DESC USER / SHOW PARAMETERS IN USER: the user themself, or OWNERSHIP of the user (docs DESC USER). */
export function userDescribable(v: Viewer, user: User): boolean {
  return v.actor.user === user.name || owns(v, user.owner);
}

/** ACCOUNTADMIN among the active roles (REST_EVENT_HISTORY, SHOW REPLICATION ACCOUNTS, connections). */
export const accountAdmin = (v: Viewer): boolean => isAccountAdmin(v.roles.all);
