/** Snowflake user types (TYPE property). NULL behaves like PERSON. */
export type UserType = 'PERSON' | 'SERVICE' | 'LEGACY_SERVICE' | 'SERVICE_AGENT';

/** A role granted to a user, with who granted it and when (SHOW GRANTS TO USER / OF ROLE). */
export interface UserRoleGrant {
  readonly role: string;
  readonly grantedBy: string;
  readonly at: number;
}

/**
 * The user properties Snowflake stores (CREATE / ALTER USER). `null` = unset. Names follow the
 * SQL property names in camelCase. The password is kept only as a SHA-256 hash.
 */
export interface UserProperties {
  readonly loginName: string;
  readonly displayName: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly comment: string | null;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly defaultWarehouse: string | null;
  readonly defaultNamespace: string | null;
  readonly defaultRole: string | null;
  /** `['ALL']` by default for a new user; `[]` after `= ()`. */
  readonly defaultSecondaryRoles: readonly string[];
  readonly type: UserType | null;
  readonly passwordHash: string | null;
  /** Network policy id attached to the user (NETWORK_POLICY parameter at user level). */
  readonly networkPolicy: string | null;
  readonly daysToExpiry: number | null;
  readonly minsToUnlock: number | null;
  readonly rsaPublicKey: string | null;
  readonly rsaPublicKey2: string | null;
}

/** What SCIM remembers about a user beyond Snowflake's properties (echoed in responses). */
export interface UserScimData {
  readonly externalId?: string;
  /** The extension namespace the client used, so responses echo the same one. */
  readonly namespace?: 'enterprise' | 'snowflake';
}

export interface User extends UserProperties {
  /** Stable id: Snowflake's internal id, the SCIM `id`, and the replication global id. */
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly roles: readonly UserRoleGrant[];
  readonly scim?: UserScimData;
}

export const USER_DEFAULTS: UserProperties = {
  loginName: '',
  displayName: null,
  firstName: null,
  middleName: null,
  lastName: null,
  email: null,
  comment: null,
  disabled: false,
  mustChangePassword: false,
  defaultWarehouse: null,
  defaultNamespace: null,
  defaultRole: null,
  defaultSecondaryRoles: ['ALL'],
  type: null,
  passwordHash: null,
  networkPolicy: null,
  daysToExpiry: null,
  minsToUnlock: null,
  rsaPublicKey: null,
  rsaPublicKey2: null,
};

/** A change to user properties: a key present with `null` unsets it. */
export type UserChanges = { -readonly [K in keyof UserProperties]?: UserProperties[K] };

/**
 * Builds a user record with every property in one fixed order, from one object literal.
 *
 * V8 gives objects built by spreading (`{ ...USER_DEFAULTS, ...props, id }`) a hidden class of
 * their own each: 100k users meant 100k hidden classes, ~700 bytes of map per user and
 * megamorphic property reads everywhere (a replay spent ~2.5 µs copying one such user). Built
 * here, all users share one hidden class; `scim` is always present (undefined when unset, which
 * JSON omits) for the same reason.
 */
export function userRecord<R extends readonly UserRoleGrant[] | readonly []>(u: Omit<User, 'roles'>, roles: R): Omit<User, 'roles'> & { readonly roles: R } {
  return {
    id: u.id,
    name: u.name,
    loginName: u.loginName,
    displayName: u.displayName,
    firstName: u.firstName,
    middleName: u.middleName,
    lastName: u.lastName,
    email: u.email,
    comment: u.comment,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    defaultWarehouse: u.defaultWarehouse,
    defaultNamespace: u.defaultNamespace,
    defaultRole: u.defaultRole,
    defaultSecondaryRoles: u.defaultSecondaryRoles,
    type: u.type,
    passwordHash: u.passwordHash,
    networkPolicy: u.networkPolicy,
    daysToExpiry: u.daysToExpiry,
    minsToUnlock: u.minsToUnlock,
    rsaPublicKey: u.rsaPublicKey,
    rsaPublicKey2: u.rsaPublicKey2,
    owner: u.owner,
    createdOn: u.createdOn,
    updatedOn: u.updatedOn,
    roles,
    scim: u.scim,
  };
}
