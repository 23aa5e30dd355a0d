/**
 * The identity-provider side of the harness: a directory of users and groups as an IdP (Okta,
 * Entra, a custom tool) holds it, and the changes an administrator makes to it. Plain JSON data
 * with a pure `applyChange`, so a counterexample prints as data and replays from a file.
 *
 * Keys (`key`) are the IdP's own object ids: stable across renames, never sent as SCIM `id`s
 * (those are Snowflake's). Names follow SCIM (`userName`, `givenName`, ...), not Snowflake.
 */

/** A user as the IdP holds it. Every string is non-empty and has no surrounding whitespace. */
export interface DirectoryUser {
  /** The IdP's id (Okta `00u...`, Entra objectId): sent as `externalId`. */
  readonly key: string;
  /** The login: Snowflake's LOGIN_NAME and (upper-cased) NAME. */
  readonly userName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly displayName: string;
  /** The one (primary, work) email. */
  readonly email: string;
  readonly active: boolean;
  /** Custom attribute mapped to DEFAULT_WAREHOUSE (enterprise / extension namespace); upper case. */
  readonly defaultWarehouse?: string;
}

/** A group pushed to Snowflake as an account role. */
export interface DirectoryGroup {
  readonly key: string;
  /** The role name (stored verbatim). */
  readonly displayName: string;
  /** Member user keys, sorted. */
  readonly members: readonly string[];
}

/**
 * The directory: live users and groups, sorted by key, and the users deleted so far (an IdP that
 * never deletes in Snowflake — Okta — leaves them there, deactivated).
 */
export interface Directory {
  readonly users: readonly DirectoryUser[];
  readonly groups: readonly DirectoryGroup[];
  readonly deletedUsers: readonly DirectoryUser[];
}

/** The attributes an `updateUser` change may set. */
export type UserAttributeChanges = Partial<Pick<DirectoryUser, 'givenName' | 'familyName' | 'displayName' | 'email' | 'defaultWarehouse'>>;

/** One administrator action in the IdP (the ones Okta and Entra provision; spec §10). */
export type Change =
  | { readonly kind: 'createUser'; readonly user: DirectoryUser }
  | { readonly kind: 'updateUser'; readonly key: string; readonly set: UserAttributeChanges }
  | { readonly kind: 'renameUser'; readonly key: string; readonly userName: string }
  | { readonly kind: 'deactivateUser'; readonly key: string }
  | { readonly kind: 'reactivateUser'; readonly key: string }
  | { readonly kind: 'deleteUser'; readonly key: string }
  /** Group push: the group is created empty; members follow as `addMember`. */
  | { readonly kind: 'createGroup'; readonly key: string; readonly displayName: string }
  | { readonly kind: 'renameGroup'; readonly key: string; readonly displayName: string }
  | { readonly kind: 'addMember'; readonly group: string; readonly user: string }
  | { readonly kind: 'removeMember'; readonly group: string; readonly user: string }
  | { readonly kind: 'deleteGroup'; readonly key: string };

export type ChangeKind = Change['kind'];

/** The directory with nothing in it. */
export const EMPTY_DIRECTORY: Directory = Object.freeze({ users: [], groups: [], deletedUsers: [] });

const byKey = <T extends { readonly key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Looks a live user up by key. */
export function findUser(d: Directory, key: string): DirectoryUser | undefined {
  return d.users.find((u) => u.key === key);
}

/** Looks a group up by key. */
export function findGroup(d: Directory, key: string): DirectoryGroup | undefined {
  return d.groups.find((g) => g.key === key);
}

/** The case-folded form Snowflake compares logins (and SCIM-created NAMEs) by. */
export const foldLogin = (userName: string): string => userName.toUpperCase();
/** Role names are stored verbatim, but `eq` filters and most tools also match the upper-cased form. */
export const foldRole = (displayName: string): string => displayName.toUpperCase();

/** Why a change cannot apply to a directory (the arbitraries never produce such changes). */
export interface ChangeRejected {
  readonly rejected: string;
}

const no = (rejected: string): ChangeRejected => ({ rejected });

/** Whether a live or deleted user other than `except` has this login (case-folded). */
function loginTaken(d: Directory, userName: string, except?: string): boolean {
  const folded = foldLogin(userName);
  for (const u of d.users) if (u.key !== except && foldedLogin(u) === folded) return true;
  for (const u of d.deletedUsers) if (u.key !== except && foldedLogin(u) === folded) return true;
  return false;
}

// Directory users are immutable: each one's folded login is computed once (this check runs for
// every create and rename a connector pushes, over every user).
const FOLDED = new WeakMap<DirectoryUser, string>();

function foldedLogin(u: DirectoryUser): string {
  let folded = FOLDED.get(u);
  if (folded === undefined) {
    folded = foldLogin(u.userName);
    FOLDED.set(u, folded);
  }
  return folded;
}

function groupNameTaken(d: Directory, name: string, except?: string): boolean {
  const folded = foldRole(name);
  for (const g of d.groups) if (g.key !== except && foldRole(g.displayName) === folded) return true;
  return false;
}

/** `list` (sorted by key) with `item` inserted in key order: one copy, no sort. */
function insertSorted<T extends { readonly key: string }>(list: readonly T[], item: T): T[] {
  // A directory built by hand may not be sorted yet: then sort it as a whole, as before.
  for (let k = 1; k < list.length; k++) if (byKey(list[k - 1]!, list[k]!) > 0) return [...list, item].sort(byKey);
  let i = list.length;
  while (i > 0 && byKey(list[i - 1]!, item) > 0) i--;
  const out = list.slice(0, i);
  out.push(item);
  for (let j = i; j < list.length; j++) out.push(list[j]!);
  return out;
}

/** `d` with user `key` replaced by `next`. */
function withUser(d: Directory, key: string, next: DirectoryUser): Directory {
  return { ...d, users: d.users.map((x) => (x.key === key ? next : x)) };
}

/** `d` with group `key` replaced by `next`. */
function withGroup(d: Directory, key: string, next: DirectoryGroup): Directory {
  return { ...d, groups: d.groups.map((x) => (x.key === key ? next : x)) };
}

/**
 * Applies one change. Pure. A change that does not fit (unknown key, a login or group name
 * already in use, a member that is not a live user) is refused as a value, leaving the directory
 * as it was: resolution in the arbitraries relies on it.
 */
export function applyChange(d: Directory, c: Change): Directory | ChangeRejected {
  // Module-level helpers rather than closures: this runs for every change a connector pushes.
  switch (c.kind) {
    case 'createUser':
      if (findUser(d, c.user.key) || d.deletedUsers.some((u) => u.key === c.user.key)) return no(`user key ${c.user.key} in use`);
      if (loginTaken(d, c.user.userName)) return no(`login ${c.user.userName} in use`);
      return { ...d, users: insertSorted(d.users, c.user) };
    case 'updateUser': {
      const u = findUser(d, c.key);
      return u ? withUser(d, c.key, { ...u, ...c.set }) : no(`no user ${c.key}`);
    }
    case 'renameUser': {
      if (loginTaken(d, c.userName, c.key)) return no(`login ${c.userName} in use`);
      const u = findUser(d, c.key);
      return u ? withUser(d, c.key, { ...u, userName: c.userName }) : no(`no user ${c.key}`);
    }
    case 'deactivateUser':
    case 'reactivateUser': {
      const u = findUser(d, c.key);
      return u ? withUser(d, c.key, { ...u, active: c.kind === 'reactivateUser' }) : no(`no user ${c.key}`);
    }
    case 'deleteUser': {
      const u = findUser(d, c.key);
      if (!u) return no(`no user ${c.key}`);
      return {
        users: d.users.filter((x) => x.key !== c.key),
        groups: d.groups.map((g) => (g.members.includes(c.key) ? { ...g, members: g.members.filter((m) => m !== c.key) } : g)),
        deletedUsers: insertSorted(d.deletedUsers, { ...u, active: false }),
      };
    }
    case 'createGroup':
      if (findGroup(d, c.key)) return no(`group key ${c.key} in use`);
      if (groupNameTaken(d, c.displayName)) return no(`group ${c.displayName} in use`);
      return { ...d, groups: insertSorted(d.groups, { key: c.key, displayName: c.displayName, members: [] }) };
    case 'renameGroup': {
      if (groupNameTaken(d, c.displayName, c.key)) return no(`group ${c.displayName} in use`);
      const g = findGroup(d, c.key);
      return g ? withGroup(d, c.key, { ...g, displayName: c.displayName }) : no(`no group ${c.key}`);
    }
    case 'addMember': {
      if (!findUser(d, c.user)) return no(`no user ${c.user}`);
      const g = findGroup(d, c.group);
      if (!g) return no(`no group ${c.group}`);
      return withGroup(d, c.group, g.members.includes(c.user) ? g : { ...g, members: [...g.members, c.user].sort() });
    }
    case 'removeMember': {
      const g = findGroup(d, c.group);
      return g ? withGroup(d, c.group, { ...g, members: g.members.filter((m) => m !== c.user) }) : no(`no group ${c.group}`);
    }
    case 'deleteGroup':
      if (!findGroup(d, c.key)) return no(`no group ${c.key}`);
      return { ...d, groups: d.groups.filter((g) => g.key !== c.key) };
  }
}

/** Whether `applyChange` refused. */
export function isRejected(x: Directory | ChangeRejected): x is ChangeRejected {
  return 'rejected' in x;
}

/** Applies changes in order, skipping (and returning) the ones that do not fit. */
export function applyChanges(d: Directory, changes: readonly Change[]): { directory: Directory; applied: Change[]; skipped: Change[] } {
  let current = d;
  const applied: Change[] = [];
  const skipped: Change[] = [];
  for (const c of changes) {
    const next = applyChange(current, c);
    if (isRejected(next)) skipped.push(c);
    else {
      current = next;
      applied.push(c);
    }
  }
  return { directory: current, applied, skipped };
}

/**
 * The changes that build `d` from an empty directory: users, then groups, then memberships,
 * then deactivations (an IdP's first full push). Deleted users are not replayed.
 */
export function changesFromEmpty(d: Directory): Change[] {
  const out: Change[] = [];
  for (const u of d.users) out.push({ kind: 'createUser', user: u });
  for (const g of d.groups) out.push({ kind: 'createGroup', key: g.key, displayName: g.displayName });
  for (const g of d.groups) for (const m of g.members) out.push({ kind: 'addMember', group: g.key, user: m });
  return out;
}

/** One line per change, for reports: `createUser u3 "zoë.müller@example.com"`. */
export function describeChange(c: Change): string {
  const q = JSON.stringify;
  switch (c.kind) {
    case 'createUser':
      return `createUser ${c.user.key} ${q(c.user.userName)}${c.user.active ? '' : ' (inactive)'}`;
    case 'updateUser':
      return `updateUser ${c.key} ${q(c.set)}`;
    case 'renameUser':
      return `renameUser ${c.key} -> ${q(c.userName)}`;
    case 'deactivateUser':
    case 'reactivateUser':
    case 'deleteUser':
    case 'deleteGroup':
      return `${c.kind} ${c.key}`;
    case 'createGroup':
      return `createGroup ${c.key} ${q(c.displayName)}`;
    case 'renameGroup':
      return `renameGroup ${c.key} -> ${q(c.displayName)}`;
    case 'addMember':
    case 'removeMember':
      return `${c.kind} ${c.group} ${c.user}`;
  }
}
