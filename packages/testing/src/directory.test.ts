import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { applyChange, applyChanges, changesFromEmpty, EMPTY_DIRECTORY, foldLogin, foldRole, isRejected, type Directory } from './directory.ts';
import { buildDirectory, directoryArb, RESERVED_ROLE_NAMES } from './arbitraries/directory.ts';
import { changesArb, changeIntentArb, resolveIntents } from './arbitraries/changes.ts';
import { expectedView } from './expected.ts';

const zoe = { userName: 'zoë.strauß@example.com', givenName: 'Zoë', familyName: 'Strauß', displayName: 'Zoë Strauß', email: 'zoe@example.com', active: true };
const jose = { userName: 'jose.garcia@example.com', givenName: 'José', familyName: 'García', displayName: 'García, José', email: 'jose@example.com', active: true };

describe('directory changes', () => {
  const d = buildDirectory([zoe, jose], [['Ärzte', [0, 1]]]);

  test('refuses what does not fit, as a value', () => {
    expect(applyChange(d, { kind: 'renameUser', key: 'u1', userName: 'JOSE.GARCIA@example.com' })).toEqual({ rejected: 'login JOSE.GARCIA@example.com in use' });
    expect(applyChange(d, { kind: 'createGroup', key: 'g9', displayName: 'ÄRZTE' })).toEqual({ rejected: 'group ÄRZTE in use' });
    // ß upper-cases to SS: Snowflake's LOGIN_NAME sees the same login.
    expect(isRejected(applyChange(d, { kind: 'createUser', user: { key: 'u9', ...zoe, userName: 'ZOË.STRAUSS@EXAMPLE.COM' } }))).toBe(true);
  });

  test('deleting a user removes it from its groups and keeps a tombstone', () => {
    const next = applyChange(d, { kind: 'deleteUser', key: 'u1' }) as Directory;
    expect(next.users.map((u) => u.key)).toEqual(['u2']);
    expect(next.groups[0]?.members).toEqual(['u2']);
    expect(next.deletedUsers.map((u) => [u.key, u.active])).toEqual([['u1', false]]);
    // Okta deactivates instead of deleting; Entra and generic clients delete.
    expect(expectedView(next, { userDeletion: 'deactivate' }).users.map((u) => [u.name, u.disabled])).toEqual([
      ['JOSE.GARCIA@EXAMPLE.COM', false],
      ['ZOË.STRAUSS@EXAMPLE.COM', true],
    ]);
    expect(expectedView(next, { userDeletion: 'delete' }).users.map((u) => u.name)).toEqual(['JOSE.GARCIA@EXAMPLE.COM']);
  });

  test('a created user or group lands in key order, even in a hand-built directory that was not sorted', () => {
    const add = (dir: Directory, key: string): string[] => (applyChange(dir, { kind: 'createUser', user: { key, ...zoe, userName: `${key}@example.com` } }) as Directory).users.map((u) => u.key);
    expect(add(d, 'u0')).toEqual(['u0', 'u1', 'u2']);
    expect(add(d, 'u15')).toEqual(['u1', 'u15', 'u2']);
    expect(add(d, 'u3')).toEqual(['u1', 'u2', 'u3']);
    expect(add({ ...d, users: [...d.users].reverse() }, 'u15')).toEqual(['u1', 'u15', 'u2']);
    const groups = (applyChange(d, { kind: 'createGroup', key: 'g0', displayName: 'Zahnärzte' }) as Directory).groups.map((g) => g.key);
    expect(groups).toEqual(['g0', ...d.groups.map((g) => g.key)]);
  });

  test('changesFromEmpty rebuilds a directory', () => {
    expect(applyChanges(EMPTY_DIRECTORY, changesFromEmpty(d)).directory).toEqual({ ...d, deletedUsers: [] });
  });
});

describe('directory arbitraries', () => {
  prop.prop([directoryArb({ maxUsers: 10, maxGroups: 6 })], { numRuns: 200 })('logins and group names are unique case-insensitively; members are users', (d) => {
    const logins = d.users.map((u) => foldLogin(u.userName));
    expect(new Set(logins).size).toBe(logins.length);
    const groups = d.groups.map((g) => foldRole(g.displayName));
    expect(new Set(groups).size).toBe(groups.length);
    for (const g of d.groups) {
      expect(RESERVED_ROLE_NAMES.has(foldRole(g.displayName))).toBe(false);
      for (const m of g.members) expect(d.users.some((u) => u.key === m)).toBe(true);
    }
    for (const u of d.users) for (const v of [u.userName, u.givenName, u.familyName, u.displayName, u.email]) expect(v.length > 0 && v.trim() === v).toBe(true);
  });

  prop.prop([directoryArb(), fc.array(changeIntentArb(), { maxLength: 30 })], { numRuns: 200 })('resolved changes all apply, in order', (d, intents) => {
    const { changes, directory } = resolveIntents(d, intents);
    const applied = applyChanges(d, changes);
    expect(applied.skipped).toEqual([]);
    expect(applied.directory).toEqual(directory);
  });

  prop.prop([directoryArb().chain((d) => changesArb(d, { kinds: ['createUser', 'updateUser'] }).map((c) => [d, c] as const))], { numRuns: 50 })(
    'changesArb restricted to kinds',
    ([, changes]) => {
      for (const c of changes) expect(['createUser', 'updateUser']).toContain(c.kind);
    },
  );

  test('realistic names include non-ASCII scripts', () => {
    const names = fc.sample(directoryArb({ minUsers: 5 }), { numRuns: 40, seed: 1 }).flatMap((d) => d.users.map((u) => `${u.givenName} ${u.familyName} ${u.userName}`));
    expect(names.some((n) => /[^\x00-\x7f]/.test(n))).toBe(true);
    expect(names.some((n) => /[^\x00-\x7f].*@/.test(n))).toBe(true);
  });
});
