/**
 * Arbitraries for change sequences: what an IdP administrator does between two syncs (create,
 * update, rename, deactivate, reactivate, delete users; push, rename, delete groups; add and
 * remove members). Generated as *intents* that pick their targets by index, then resolved against
 * the directory as it evolves, so every resolved change applies, and shrinking (which drops or
 * simplifies intents) still yields a valid sequence — the approach of fast-check's own
 * `fc.commands`, without a model object.
 */
import fc from 'fast-check';
import {
  applyChange,
  findGroup,
  isRejected,
  type Change,
  type ChangeKind,
  type Directory,
  type DirectoryUser,
  type UserAttributeChanges,
} from '../directory.ts';
import { FAMILY_NAMES, GIVEN_NAMES, groupNameArb, userDraftArb, type NameOptions, type UserDraft } from './directory.ts';

/** A change before resolution: targets are indices into the live objects of the right kind. */
export type ChangeIntent =
  | { readonly kind: 'createUser'; readonly draft: UserDraft }
  | { readonly kind: 'updateUser'; readonly pick: number; readonly set: UserAttributeChanges }
  | { readonly kind: 'renameUser'; readonly pick: number; readonly userName: string }
  | { readonly kind: 'deactivateUser' | 'reactivateUser' | 'deleteUser'; readonly pick: number }
  | { readonly kind: 'createGroup'; readonly displayName: string }
  | { readonly kind: 'renameGroup'; readonly pick: number; readonly displayName: string }
  | { readonly kind: 'addMember' | 'removeMember'; readonly group: number; readonly user: number }
  | { readonly kind: 'deleteGroup'; readonly pick: number };

export const ALL_CHANGE_KINDS: readonly ChangeKind[] = [
  'createUser',
  'updateUser',
  'renameUser',
  'deactivateUser',
  'reactivateUser',
  'deleteUser',
  'createGroup',
  'renameGroup',
  'addMember',
  'removeMember',
  'deleteGroup',
];

/** Relative frequencies: memberships and updates are what IdPs send most. */
const WEIGHTS: Readonly<Record<ChangeKind, number>> = {
  createUser: 4,
  updateUser: 4,
  renameUser: 1,
  deactivateUser: 2,
  reactivateUser: 1,
  deleteUser: 1,
  createGroup: 2,
  renameGroup: 1,
  addMember: 4,
  removeMember: 2,
  deleteGroup: 1,
};

export interface ChangeOptions extends NameOptions {
  /** Which kinds to generate (default all). Users-only runs: the user kinds. */
  readonly kinds?: readonly ChangeKind[];
}

const pick = fc.nat(255);

/** Attribute updates: one or more attributes, new values from the same pools as new users. */
function attributeChangesArb(opts: NameOptions): fc.Arbitrary<UserAttributeChanges> {
  const draft = userDraftArb(opts);
  return fc
    .record(
      {
        givenName: fc.constantFrom(...GIVEN_NAMES).map(([name]) => name),
        familyName: fc.constantFrom(...FAMILY_NAMES).map(([name]) => name),
        displayName: draft.map((d) => d.displayName),
        email: draft.map((d) => d.email),
        defaultWarehouse: fc.constantFrom('COMPUTE_WH', 'REPORTING_WH', 'ETL_WH'),
      },
      { requiredKeys: [] },
    )
    .filter((set) => Object.keys(set).length > 0);
}

/** One intent of the allowed kinds. */
export function changeIntentArb(opts: ChangeOptions = {}): fc.Arbitrary<ChangeIntent> {
  const kinds = opts.kinds ?? ALL_CHANGE_KINDS;
  const of = (kind: ChangeKind): fc.Arbitrary<ChangeIntent> => {
    switch (kind) {
      case 'createUser':
        return userDraftArb(opts).map((draft) => ({ kind, draft }));
      case 'updateUser':
        return fc.record({ kind: fc.constant(kind), pick, set: attributeChangesArb(opts) });
      case 'renameUser':
        return fc.record({ kind: fc.constant(kind), pick, userName: userDraftArb(opts).map((d) => d.userName) });
      case 'deactivateUser':
      case 'reactivateUser':
      case 'deleteUser':
        return fc.record({ kind: fc.constant(kind), pick });
      case 'createGroup':
        return groupNameArb().map((displayName) => ({ kind, displayName }));
      case 'renameGroup':
        return fc.record({ kind: fc.constant(kind), pick, displayName: groupNameArb() });
      case 'addMember':
      case 'removeMember':
        return fc.record({ kind: fc.constant(kind), group: pick, user: pick });
      case 'deleteGroup':
        return fc.record({ kind: fc.constant(kind), pick });
    }
  };
  return fc.oneof(...kinds.map((k) => ({ weight: WEIGHTS[k], arbitrary: of(k) })));
}

/** The next unused `u<n>` / `g<n>` key. */
function nextKey(prefix: string, used: ReadonlySet<string>): string {
  let n = used.size + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);

/** Turns one intent into a change against `d`, or null when it has nothing to act on. */
export function resolveIntent(d: Directory, intent: ChangeIntent): Change | null {
  const live = d.users;
  switch (intent.kind) {
    case 'createUser': {
      const key = nextKey('u', new Set([...d.users, ...d.deletedUsers].map((u) => u.key)));
      const user: DirectoryUser = { key, ...intent.draft };
      return { kind: 'createUser', user };
    }
    case 'updateUser': {
      const u = at(live, intent.pick);
      return u ? { kind: 'updateUser', key: u.key, set: intent.set } : null;
    }
    case 'renameUser': {
      const u = at(live, intent.pick);
      return u && u.userName !== intent.userName ? { kind: 'renameUser', key: u.key, userName: intent.userName } : null;
    }
    case 'deactivateUser': {
      const u = at(live.filter((x) => x.active), intent.pick);
      return u ? { kind: 'deactivateUser', key: u.key } : null;
    }
    case 'reactivateUser': {
      const u = at(live.filter((x) => !x.active), intent.pick);
      return u ? { kind: 'reactivateUser', key: u.key } : null;
    }
    case 'deleteUser': {
      const u = at(live, intent.pick);
      return u ? { kind: 'deleteUser', key: u.key } : null;
    }
    case 'createGroup':
      return { kind: 'createGroup', key: nextKey('g', new Set(d.groups.map((g) => g.key).concat(deletedGroupKeys(d)))), displayName: intent.displayName };
    case 'renameGroup': {
      const g = at(d.groups, intent.pick);
      return g && g.displayName !== intent.displayName ? { kind: 'renameGroup', key: g.key, displayName: intent.displayName } : null;
    }
    case 'addMember': {
      const g = at(d.groups, intent.group);
      const u = g ? at(live.filter((x) => !g.members.includes(x.key)), intent.user) : undefined;
      return g && u ? { kind: 'addMember', group: g.key, user: u.key } : null;
    }
    case 'removeMember': {
      const g = at(d.groups, intent.group);
      const m = g ? at(g.members, intent.user) : undefined;
      return g && m !== undefined ? { kind: 'removeMember', group: g.key, user: m } : null;
    }
    case 'deleteGroup': {
      const g = at(d.groups, intent.pick);
      return g ? { kind: 'deleteGroup', key: g.key } : null;
    }
  }
}

/**
 * Group keys are never reused within a run, even after a delete: an IdP's ids are unique. The
 * directory keeps no tombstones for groups, so keys of deleted groups are remembered here, on the
 * directory object itself (a WeakMap: directories are immutable values).
 */
const deletedGroups = new WeakMap<Directory, readonly string[]>();
function deletedGroupKeys(d: Directory): readonly string[] {
  return deletedGroups.get(d) ?? [];
}

/** Resolves intents in order against `d`; intents with no target or that do not apply are dropped. */
export function resolveIntents(d: Directory, intents: readonly ChangeIntent[]): { changes: Change[]; directory: Directory } {
  let current = d;
  const changes: Change[] = [];
  for (const intent of intents) {
    const c = resolveIntent(current, intent);
    if (c === null) continue;
    const next = applyChange(current, c);
    if (isRejected(next)) continue;
    const gone = c.kind === 'deleteGroup' && findGroup(current, c.key) ? [c.key] : [];
    deletedGroups.set(next, [...deletedGroupKeys(current), ...gone]);
    current = next;
    changes.push(c);
  }
  return { changes, directory: current };
}

export interface ChangesArbOptions extends ChangeOptions {
  readonly minLength?: number;
  /** Default 10. */
  readonly maxLength?: number;
}

/** A sequence of changes that all apply, in order, to `directory`. */
export function changesArb(directory: Directory, opts: ChangesArbOptions = {}): fc.Arbitrary<Change[]> {
  return fc
    .array(changeIntentArb(opts), { minLength: opts.minLength ?? 0, maxLength: opts.maxLength ?? 10 })
    .map((intents) => resolveIntents(directory, intents).changes);
}
