/**
 * Core's users and roles → the protocol layer's plain records (`ScimUserRecord`,
 * `ScimGroupRecord`), which `renderUser` / `renderGroup` turn into SCIM JSON.
 *
 * A record says "unset" with null, so that the extension object is echoed only when something was
 * set (`extensionEcho: 'when-set'`). Two core defaults therefore read as unset: TYPE PERSON (or
 * null), and DEFAULT_SECONDARY_ROLES `('ALL')`, the default of every new user.
 */
import { shGet, type AccountState, type Role, type User, type UserScimData, shKeys } from '@snowglobe/core';
import type { ExtensionNamespace, ScimGroupRecord, ScimMemberRef, ScimUserRecord } from './protocol/index.ts';

/** Core's name for the `urn:ietf:params:scim:schemas:extension:2.0:User` namespace is `snowflake`. */
export function namespaceFromCore(ns: UserScimData['namespace']): ExtensionNamespace | null {
  switch (ns) {
    case 'enterprise':
      return 'enterprise';
    case 'snowflake':
      return 'extension';
    case undefined:
      return null;
  }
}

/** The protocol's namespace in core's spelling. */
export function namespaceToCore(ns: ExtensionNamespace): NonNullable<UserScimData['namespace']> {
  return ns === 'enterprise' ? 'enterprise' : 'snowflake';
}

/**
 * The stored externalId, or null. An empty string is how an unset externalId is recorded: events
 * are plain JSON, and an `undefined` would vanish on export and come back as the old value.
 */
export function externalIdOf(scim: UserScimData | undefined): string | null {
  const id = scim?.externalId;
  return id === undefined || id === '' ? null : id;
}

function isDefaultSecondaryRoles(roles: readonly string[]): boolean {
  return roles.length === 1 && roles[0] === 'ALL';
}

/** A user as a SCIM record; `groups` are the roles directly granted to it. */
export function userRecord(state: AccountState, user: User): ScimUserRecord {
  const groups = [];
  for (const grant of user.roles) {
    const role = shGet(state.roles, grant.role);
    if (role !== undefined) groups.push({ id: role.id, displayName: role.name });
  }
  return {
    id: user.id,
    name: user.name,
    loginName: user.loginName,
    displayName: user.displayName,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    disabled: user.disabled,
    defaultRole: user.defaultRole,
    defaultWarehouse: user.defaultWarehouse,
    defaultSecondaryRoles: isDefaultSecondaryRoles(user.defaultSecondaryRoles) ? null : user.defaultSecondaryRoles,
    allowedInterfaces: null,
    snowflakeTags: [],
    type: user.type,
    externalId: externalIdOf(user.scim),
    createdOn: user.createdOn,
    updatedOn: user.updatedOn,
    groups,
    extensionNamespace: namespaceFromCore(user.scim?.namespace),
  };
}

/**
 * A role as a SCIM group. `members` are the users granted the role directly (spec §1.5: users who
 * inherit it through the hierarchy are not listed), displayed by their userName (LOGIN_NAME).
 */
export function groupRecord(state: AccountState, role: Role, uppercaseUserNames: boolean): ScimGroupRecord {
  const members: ScimMemberRef[] = [];
  for (const userId of shKeys(role.users)) {
    const user = shGet(state.users, userId);
    if (user !== undefined) members.push({ id: user.id, display: uppercaseUserNames ? user.loginName.toUpperCase() : user.loginName });
  }
  return {
    id: role.id,
    displayName: role.name,
    members,
    externalId: role.externalId ?? null,
    createdOn: role.createdOn,
    updatedOn: role.updatedOn,
  };
}
