/**
 * Arbitraries for identity-provider directories: users with realistic attributes — names from
 * many scripts (accents, `ß`, CJK, Cyrillic, Vietnamese, apostrophes, particles), logins that are
 * emails, some with non-ASCII local parts — and groups with memberships. Logins are unique
 * case-insensitively (Snowflake's LOGIN_NAME is), group names likewise (the `eq` filter also
 * matches the upper-cased name). Built from `fc.record`, `fc.uniqueArray` and index picks so that
 * shrinking removes users and groups and simplifies names without breaking references.
 */
import fc from 'fast-check';
import { foldLogin, foldRole, type Directory, type DirectoryGroup, type DirectoryUser } from '../directory.ts';

/** Given names with their ASCII login spelling. */
export const GIVEN_NAMES: readonly (readonly [name: string, ascii: string])[] = [
  ['Alice', 'alice'],
  ['José', 'jose'],
  ['Zoë', 'zoe'],
  ['Łukasz', 'lukasz'],
  ['Søren', 'soren'],
  ['Ngọc', 'ngoc'],
  ['美咲', 'misaki'],
  ['Владимир', 'vladimir'],
  ['Ömer', 'omer'],
  ['Siobhán', 'siobhan'],
  ['François', 'francois'],
  ['Aarav', 'aarav'],
  ['Chloé', 'chloe'],
  ['Björn', 'bjorn'],
  ['Mónica', 'monica'],
  ['Anne-Marie', 'anne-marie'],
];

/** Family names with their ASCII login spelling. */
export const FAMILY_NAMES: readonly (readonly [name: string, ascii: string])[] = [
  ['Smith', 'smith'],
  ['García', 'garcia'],
  ['Müller', 'muller'],
  ['Nakamura', 'nakamura'],
  ['Ødegård', 'odegard'],
  ['Nguyễn', 'nguyen'],
  ['佐藤', 'sato'],
  ['Иванов', 'ivanov'],
  ['Yılmaz', 'yilmaz'],
  ["O'Brien", 'obrien'],
  ['Strauß', 'strauss'],
  ['van der Berg', 'vanderberg'],
  ['Kowalczyk', 'kowalczyk'],
  ["D'Angelo", 'dangelo'],
];

/** Mail domains, including an internationalised one. */
export const DOMAINS: readonly string[] = ['example.com', 'corp.example.org', 'acme.co.uk', 'exämple.de'];

/** Group names as IdP admins write them: spaces, case, dashes, non-ASCII, Okta-style `okta_role1`. */
export const GROUP_NAMES: readonly string[] = [
  'Engineering',
  'okta_role1',
  'Data Science – EMEA',
  'finance',
  'FINANCE_READONLY',
  'Ventes France',
  '開発チーム',
  'Support (Tier 2)',
  'analysts',
  'Ops-On-Call',
  'Ärzte',
  'snowflake_admins',
];

/** Names that must never be a SCIM group: system roles and the provisioner roles. */
export const RESERVED_ROLE_NAMES: ReadonlySet<string> = new Set([
  'ACCOUNTADMIN',
  'SECURITYADMIN',
  'USERADMIN',
  'SYSADMIN',
  'ORGADMIN',
  'PUBLIC',
  'OKTA_PROVISIONER',
  'AAD_PROVISIONER',
  'GENERIC_SCIM_PROVISIONER',
]);

export interface NameOptions {
  /** Allow non-ASCII login local parts (`zoë.müller@…`, `strauß@…`). Default true. */
  readonly nonAsciiLogins?: boolean;
  /** Mix in arbitrary Unicode display names (full graphemes) besides the pools. Default true. */
  readonly unicodeDisplayNames?: boolean;
}

/** A user without its key, as generated. */
export type UserDraft = Omit<DirectoryUser, 'key'>;

/** Display names from arbitrary graphemes: trimmed, non-empty, no control characters. */
const unicodeText = (max: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    // eslint-disable-next-line no-control-regex
    .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim())
    .filter((s) => s.length > 0);

/** Arbitrary user attributes. The login derives from the names, as IdPs usually do. */
export function userDraftArb(opts: NameOptions = {}): fc.Arbitrary<UserDraft> {
  const nonAscii = opts.nonAsciiLogins ?? true;
  const display = opts.unicodeDisplayNames ?? true;
  return fc
    .record({
      given: fc.constantFrom(...GIVEN_NAMES),
      family: fc.constantFrom(...FAMILY_NAMES),
      suffix: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined, freq: 3 }),
      domain: fc.constantFrom(...DOMAINS),
      loginStyle: nonAscii ? fc.constantFrom('ascii', 'ascii', 'ascii', 'native') : fc.constant('ascii'),
      displayStyle: display ? fc.constantFrom('full', 'full', 'family-first', 'unicode') : fc.constantFrom('full', 'family-first'),
      unicode: unicodeText(16),
      inactive: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      defaultWarehouse: fc.option(fc.constantFrom('COMPUTE_WH', 'ANALYTICS_WH', 'ETL_WH'), { nil: undefined, freq: 2 }),
    })
    .map((r): UserDraft => {
      const [givenName, givenAscii] = r.given;
      const [familyName, familyAscii] = r.family;
      // Native logins keep Latin letters with diacritics only; other scripts stay ASCII.
      const native = (name: string, ascii: string) => (/^[\p{Script=Latin}' -]+$/u.test(name) ? name.toLowerCase().replace(/[' ]/g, '') : ascii);
      const local =
        r.loginStyle === 'native' ? `${native(givenName, givenAscii)}.${native(familyName, familyAscii)}` : `${givenAscii}.${familyAscii}`;
      const userName = `${local}${r.suffix ?? ''}@${r.domain}`;
      const displayName =
        r.displayStyle === 'full' ? `${givenName} ${familyName}` : r.displayStyle === 'family-first' ? `${familyName}, ${givenName}` : r.unicode;
      return {
        userName,
        givenName,
        familyName,
        displayName,
        email: `${givenAscii}.${familyAscii}${r.suffix ?? ''}@${r.domain}`,
        active: !r.inactive,
        ...(r.defaultWarehouse !== undefined ? { defaultWarehouse: r.defaultWarehouse } : {}),
      };
    });
}

/** Group display names: the pool, or pool + a number (so uniqueness never starves). */
export function groupNameArb(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...GROUP_NAMES), fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined, freq: 2 }))
    .map(([name, n]) => (n === undefined ? name : `${name} ${n}`))
    .filter((name) => !RESERVED_ROLE_NAMES.has(foldRole(name)));
}

export interface DirectoryOptions extends NameOptions {
  readonly minUsers?: number;
  /** Default 8. */
  readonly maxUsers?: number;
  readonly minGroups?: number;
  /** Default 4. */
  readonly maxGroups?: number;
}

/** The key of the n-th generated user / group: stable, short, readable in reports. */
export const userKey = (n: number): string => `u${n + 1}`;
export const groupKey = (n: number): string => `g${n + 1}`;

/**
 * A directory: unique logins (case-insensitive), unique group names, members picked by index so
 * shrinking a user away drops it from every group instead of leaving a dangling member.
 */
export function directoryArb(opts: DirectoryOptions = {}): fc.Arbitrary<Directory> {
  const users = fc.uniqueArray(userDraftArb(opts), {
    minLength: opts.minUsers ?? 0,
    maxLength: opts.maxUsers ?? 8,
    selector: (u) => foldLogin(u.userName),
  });
  const groups = fc.uniqueArray(fc.tuple(groupNameArb(), fc.uniqueArray(fc.nat(63), { maxLength: 6 })), {
    minLength: opts.minGroups ?? 0,
    maxLength: opts.maxGroups ?? 4,
    selector: ([name]) => foldRole(name),
  });
  return fc.tuple(users, groups).map(([drafts, gs]) => buildDirectory(drafts, gs));
}

/** Assembles a directory from drafts and `(name, member picks)`; picks are taken modulo the user count. */
export function buildDirectory(drafts: readonly UserDraft[], groups: readonly (readonly [string, readonly number[]])[]): Directory {
  const users: DirectoryUser[] = drafts.map((d, i) => ({ key: userKey(i), ...d }));
  const gs: DirectoryGroup[] = groups.map(([displayName, picks], i) => ({
    key: groupKey(i),
    displayName,
    members: users.length === 0 ? [] : [...new Set(picks.map((p) => users[p % users.length]!.key))].sort(),
  }));
  const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { users: users.sort(byKey), groups: gs.sort(byKey), deletedUsers: [] };
}
