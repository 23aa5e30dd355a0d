import { describe, expect, it } from 'vitest';
import { createOrganization } from '../organization.ts';
import type { Command } from '../commands.ts';
import { stateToJSON } from '../state-json.ts';

/**
 * Batches of only "immer-free" events (evolve/index.ts) run on a shallow copy of the state and
 * write small Maps through `writableMap`. A state published before such a batch must not move.
 */
describe('writes that skip immer leave published states alone', () => {
  const setup = () => {
    const org = createOrganization({ seed: 1, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
    const run = (command: Command) => {
      const r = org.execute('ACCOUNT1', command, { role: 'ACCOUNTADMIN', user: 'ADMIN' });
      if ('type' in r) throw new Error(r.message);
      return r;
    };
    return { org, run, state: () => org.requireAccount('ACCOUNT1').state };
  };

  it('DROP ROLE revokes the role’s privileges in the new state only', () => {
    const { run, state } = setup();
    run({ type: 'CreateRole', name: 'R' });
    run({ type: 'GrantPrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, to: { name: 'R' } });
    const before = state();
    const json = JSON.stringify(stateToJSON(before));
    const r = run({ type: 'DropRole', target: { name: 'R' } });
    expect(r.decision.events.map((e) => e.type)).toEqual(['RoleDropped']);
    expect(state().privileges.size).toBe(before.privileges.size - 1);
    expect(JSON.stringify(stateToJSON(before))).toBe(json);
  });

  it('a new SCIM token is in the new state only', () => {
    const { run, state } = setup();
    run({ type: 'CreateRole', name: 'P' });
    run({ type: 'CreateIntegration', name: 'OKTA', props: { kind: 'SCIM', scimClient: 'OKTA', runAsRole: 'P' } });
    const before = state();
    const r = run({ type: 'GenerateScimToken', integration: { name: 'OKTA' } });
    expect(r.decision.events.map((e) => e.type)).toEqual(['ScimTokenIssued']);
    expect(state().scimTokens.size).toBe(before.scimTokens.size + 1);
    expect(before.scimTokens.size).toBe(0);
  });
});
