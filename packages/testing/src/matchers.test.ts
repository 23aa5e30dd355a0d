import { describe, expect, test } from 'vitest';
import { buildDirectory } from './arbitraries/directory.ts';
import { applyChanges } from './directory.ts';
import { snowglobeMatchers } from './matchers.ts';
import type { Plan } from './plan.ts';
import { World } from './world.ts';

expect.extend(snowglobeMatchers);

const plan: Plan = {
  config: { accounts: 3, idp: 'entra', objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'], schedule: null, seed: 1 },
  initial: buildDirectory([{ userName: 'søren@example.com', givenName: 'Søren', familyName: 'Ødegård', displayName: 'Søren Ødegård', email: 'soren@example.com', active: true }], [['analysts', [0]]]),
  steps: [{ kind: 'sync', changes: [{ kind: 'updateUser', key: 'u1', set: { displayName: 'S. Ødegård' } }] }],
};

describe('vitest matchers', () => {
  test('toConvergeWith / toMatchDirectory on a World and on accounts', async () => {
    const w = await World.start(plan);
    await w.runAll();
    // Not refreshed yet: the secondaries lag.
    expect(w).not.toConvergeWith();
    expect(w.org.account('ACCOUNT2')).not.toConvergeWith(w.org.account('ACCOUNT1'));
    expect(w).toMatchDirectory();
    await w.settle();
    expect(w).toConvergeWith();
    expect(w.org.account('ACCOUNT3')).toConvergeWith(w.org.account('ACCOUNT1'));
    expect(w.org.account('ACCOUNT2')!.state).toConvergeWith(w.org.account('ACCOUNT1')!.state);
    expect(w.org.account('ACCOUNT1')).toMatchDirectory(w.directory, { provisioner: 'AAD_PROVISIONER' });
    // The replica matches too: it holds the same users, owned by the same (replicated) role.
    expect(w.org.account('ACCOUNT2')).toMatchDirectory(w.directory);
  });

  test('failure messages list the differences', async () => {
    const w = await World.start(plan);
    await w.runAll();
    const other = applyChanges(w.directory, [{ kind: 'updateUser', key: 'u1', set: { email: 'new@example.com' } }]).directory;
    expect(() => expect(w.org.account('ACCOUNT1')).toMatchDirectory(other)).toThrow(
      'expected ACCOUNT1 to match the directory (1 difference):\n  user "SØREN@EXAMPLE.COM": email expected "new@example.com" but was "soren@example.com"',
    );
    expect(() => expect(w).toConvergeWith()).toThrow(/expected every secondary to converge with ACCOUNT1:\n {2}ACCOUNT2: users differ/);
    expect(() => expect(w.org.account('ACCOUNT2')).toConvergeWith(w.org.account('ACCOUNT1'))).toThrow(/expected ACCOUNT2 to converge with ACCOUNT1 over [A-Z, ]+:\n {2}users differ: SØREN@EXAMPLE.COM\n {2}roles differ: analysts/);
  });
});
