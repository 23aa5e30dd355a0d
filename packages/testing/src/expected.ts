/**
 * What Snowflake should contain after an IdP synced a directory (spec §2.1 attribute mapping,
 * §2.4 name case, §3 groups = roles), and the same view read off an account's state, so the two
 * compare with one `diffIdentity`. Only SCIM-managed objects are compared: users and roles the
 * integration's RUN_AS_ROLE owns (spec §7.4: SCIM creates them owned by that role).
 */
import { findRole, shValues, type AccountState, shKeys } from '@snowglobe/core';
import { foldLogin, type Directory, type DirectoryUser } from './directory.ts';

/** A Snowflake user as the directory implies it. */
export interface IdentityUser {
  /** NAME: the upper-cased `userName` (spec §2.4, observed). */
  readonly name: string;
  /** LOGIN_NAME, upper-cased (Snowflake compares it case-insensitively). */
  readonly loginName: string;
  readonly displayName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly disabled: boolean;
  readonly defaultWarehouse: string | null;
}

/** A role (SCIM group) and its direct members' NAMEs, sorted. */
export interface IdentityRole {
  readonly name: string;
  readonly members: readonly string[];
}

/** The SCIM-managed part of an account, canonical: users by name, roles by name. */
export interface IdentityView {
  readonly users: readonly IdentityUser[];
  readonly roles: readonly IdentityRole[];
}

/** How the IdP handles a user deleted in the directory (spec §10: Okta never DELETEs users). */
export type UserDeletion = 'delete' | 'deactivate';

export interface ExpectedOptions {
  /** `deactivate` (Okta): deleted users stay, disabled. `delete` (Entra, generic): they are dropped. */
  readonly userDeletion: UserDeletion;
  /** Snowflake upper-cases SCIM user names (scim option `uppercaseUserNames`, default true). */
  readonly uppercaseUserNames?: boolean;
}

const byName = <T extends { readonly name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function userOf(u: DirectoryUser, upper: boolean, disabled: boolean): IdentityUser {
  return {
    name: upper ? foldLogin(u.userName) : u.userName,
    loginName: foldLogin(u.userName),
    displayName: u.displayName,
    firstName: u.givenName,
    lastName: u.familyName,
    email: u.email,
    disabled,
    defaultWarehouse: u.defaultWarehouse ?? null,
  };
}

/** The Snowflake view a faithful sync of `d` produces. */
export function expectedView(d: Directory, opts: ExpectedOptions): IdentityView {
  const upper = opts.uppercaseUserNames ?? true;
  const users = d.users.map((u) => userOf(u, upper, !u.active));
  if (opts.userDeletion === 'deactivate') for (const u of d.deletedUsers) users.push(userOf(u, upper, true));
  const nameOfKey = new Map(d.users.map((u) => [u.key, upper ? foldLogin(u.userName) : u.userName]));
  const roles = d.groups.map((g) => ({
    name: g.displayName,
    members: g.members.map((m) => nameOfKey.get(m)).filter((n): n is string => n !== undefined).sort(),
  }));
  return { users: users.sort(byName), roles: roles.sort(byName) };
}

/**
 * The SCIM-managed part of an account: users and roles owned by `provisioner` (a role name), with
 * role members restricted to those users. Empty when the role does not exist.
 */
export function observedView(state: AccountState, provisioner: string): IdentityView {
  const owner = findRole(state, { name: provisioner })?.id;
  if (owner === undefined) return { users: [], roles: [] };
  const users: IdentityUser[] = [];
  const names = new Map<string, string>();
  for (const u of shValues(state.users)) {
    if (u.owner !== owner) continue;
    names.set(u.id, u.name);
    users.push({
      name: u.name,
      loginName: u.loginName.toUpperCase(),
      displayName: u.displayName,
      firstName: u.firstName,
      lastName: u.lastName,
      email: u.email,
      disabled: u.disabled,
      defaultWarehouse: u.defaultWarehouse,
    });
  }
  const roles: IdentityRole[] = [];
  for (const r of shValues(state.roles)) {
    if (r.owner !== owner) continue;
    roles.push({ name: r.name, members: [...shKeys(r.users)].map((id) => names.get(id)).filter((n): n is string => n !== undefined).sort() });
  }
  return { users: users.sort(byName), roles: roles.sort(byName) };
}

/** One difference between two identity views, readable on its own. */
export interface IdentityDifference {
  readonly kind: 'user' | 'role';
  readonly name: string;
  /** `missing` in actual, `unexpected` in actual, or the attribute that differs. */
  readonly what: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/** The differences from `expected` to `actual`, users first, each sorted by name. Empty when equal. */
export function diffIdentity(expected: IdentityView, actual: IdentityView): IdentityDifference[] {
  const out: IdentityDifference[] = [];
  const diffList = <T extends { readonly name: string }>(kind: 'user' | 'role', a: readonly T[], b: readonly T[], fields: readonly (keyof T & string)[]) => {
    const bm = new Map(b.map((x) => [x.name, x]));
    const am = new Map(a.map((x) => [x.name, x]));
    for (const x of a) {
      const y = bm.get(x.name);
      if (!y) {
        out.push({ kind, name: x.name, what: 'missing' });
        continue;
      }
      for (const f of fields) {
        if (JSON.stringify(x[f]) !== JSON.stringify(y[f])) out.push({ kind, name: x.name, what: f, expected: x[f], actual: y[f] });
      }
    }
    for (const y of b) if (!am.has(y.name)) out.push({ kind, name: y.name, what: 'unexpected' });
  };
  diffList('user', expected.users, actual.users, ['loginName', 'displayName', 'firstName', 'lastName', 'email', 'disabled', 'defaultWarehouse']);
  diffList('role', expected.roles, actual.roles, ['members']);
  return out;
}

/** `user "ZOË.MÜLLER@EXAMPLE.COM": email expected "a@x" but was "b@x"`. */
export function describeDifference(d: IdentityDifference): string {
  const subject = `${d.kind} ${JSON.stringify(d.name)}`;
  if (d.what === 'missing') return `${subject}: missing`;
  if (d.what === 'unexpected') return `${subject}: present but not expected`;
  return `${subject}: ${d.what} expected ${JSON.stringify(d.expected)} but was ${JSON.stringify(d.actual)}`;
}
