import { describe, expect, it } from 'vitest';
import { isSnowflakeError, shValues, stateToJSON } from '@snowglobe/core';
import type { Organization } from '@snowglobe/core';
import { createDefaultOrganization } from './default-org.ts';
import { isScenarioError, organizationFromScenario, parseScenario, scenarioFromOrganization, SCENARIO_FORMAT } from './scenario.ts';
import type { Scenario } from './scenario.ts';

function withUsers(): Organization {
  const org = createDefaultOrganization({ seed: 42 });
  for (const name of ['ALICE', 'BOB']) {
    const r = org.execute('ACCOUNT1', { type: 'CreateUser', name, props: {} }, { role: 'ACCOUNTADMIN' });
    if (isSnowflakeError(r)) throw new Error(r.message);
  }
  org.advance('1 hour');
  return org;
}

describe('scenario files', () => {
  it('round-trips an organization through JSON', () => {
    const org = withUsers();
    const scenario = scenarioFromOrganization(org, { steps: [{ kind: 'sql', account: 'ACCOUNT1', statement: 'CREATE USER ALICE' }], meta: { property: 'demo' } });
    const parsed = parseScenario(JSON.stringify(scenario));
    if (isScenarioError(parsed)) throw new Error(parsed.message);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(scenario)));
    const rebuilt = organizationFromScenario(parsed);
    expect(rebuilt.name).toBe('MYORG');
    expect(rebuilt.now).toBe(org.now);
    expect(rebuilt.accounts.map((a) => a.info)).toEqual(org.accounts.map((a) => a.info));
    for (const a of org.accounts) expect(stateToJSON(rebuilt.requireAccount(a.name).state)).toEqual(stateToJSON(a.state));
  });

  it('continues with ids the logs never used', () => {
    const org = withUsers();
    const rebuilt = organizationFromScenario(scenarioFromOrganization(org));
    const used = new Set(org.accounts.flatMap((a) => [...shValues(a.state.users)].map((u) => u.id)));
    const r = rebuilt.execute('ACCOUNT1', { type: 'CreateUser', name: 'CAROL', props: {} }, { role: 'ACCOUNTADMIN' });
    if (isSnowflakeError(r) || r.decision.output.kind !== 'created') throw new Error('create failed');
    expect(used.has(r.decision.output.id)).toBe(false);
  });

  it('accepts the minimal document the harness writes', () => {
    const org = createDefaultOrganization();
    const minimal = { format: SCENARIO_FORMAT, version: 1, seed: 1, accounts: org.accounts.map((a) => ({ info: a.info, log: a.log })) };
    const parsed = parseScenario(minimal);
    expect(isScenarioError(parsed)).toBe(false);
    const rebuilt = organizationFromScenario(parsed as Scenario);
    expect(rebuilt.accounts.map((a) => a.name)).toEqual(['ACCOUNT1', 'ACCOUNT2']);
  });

  it('explains what is wrong with a bad document', () => {
    const org = createDefaultOrganization();
    const good = scenarioFromOrganization(org);
    const cases: [unknown, RegExp][] = [
      ['{not json', /not JSON/],
      [[], /JSON object/],
      [{ ...good, format: 'other' }, /format/],
      [{ ...good, version: 2 }, /version 2/],
      [{ ...good, seed: 'x' }, /seed/],
      [{ ...good, accounts: [] }, /non-empty/],
      [{ ...good, accounts: [{ info: { name: 'X' }, log: [] }] }, /info/],
      [{ ...good, accounts: [good.accounts[0], good.accounts[0]] }, /twice/],
      [{ ...good, accounts: [{ info: good.accounts[0]?.info, log: [{ seq: 1, at: 0, event: { type: 'X' } }, { seq: 3, at: 0, event: { type: 'X' } }] }] }, /seq 3 follows 1/],
      [{ ...good, steps: [{ nokind: true }] }, /steps\[0\]/],
      [{ ...good, eventSchema: 99 }, /event schema/],
    ];
    for (const [input, message] of cases) {
      const r = parseScenario(typeof input === 'string' ? input : JSON.parse(JSON.stringify(input)));
      expect(isScenarioError(r), String(message)).toBe(true);
      if (isScenarioError(r)) expect(r.message).toMatch(message);
    }
  });
});
