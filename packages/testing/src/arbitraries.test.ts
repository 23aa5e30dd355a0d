import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { createOrganization, isSnowflakeError } from '@snowglobe/core';
import { createSession, isResultSet } from '@snowglobe/sql';
import { malformedScimRequestArb, materializeScimRequest, scimRequestArb } from './arbitraries/scim-requests.ts';
import { malformedSqlArb, quoteIdent, sqlScriptArb, sqlString } from './arbitraries/sql.ts';
import { planArb, roundTripPlanArb } from './arbitraries/scenario.ts';
import { accountNames } from './plan.ts';

describe('SCIM request arbitraries', () => {
  prop.prop([scimRequestArb(), fc.array(fc.string({ minLength: 21, maxLength: 21, unit: fc.constantFrom(...'abcXYZ019_-') }), { maxLength: 4 })], { numRuns: 200 })(
    'materialise into Requests with the ids that exist at run time',
    async (spec, ids) => {
      const r = materializeScimRequest(spec, { baseUrl: 'https://myorg-global.snowflakecomputing.com/scim/v2', token: 'T0KEN', userIds: ids, groupIds: ids });
      expect(r.method).toBe(spec.method);
      const url = new URL(r.url);
      expect(url.pathname.startsWith('/scim/v2/')).toBe(true);
      if (spec.target.kind === 'item') expect(ids.length === 0 ? url.pathname.endsWith('does-not-exist-0000') : ids.some((id) => url.pathname.endsWith(`/${id}`))).toBe(true);
      if ((spec.auth ?? 'valid') === 'valid') expect(r.headers.get('authorization')).toBe('Bearer T0KEN');
      const body = await r.text();
      expect(body.includes('{{member}}')).toBe(false);
    },
  );

  test('malformed requests are all marked as ones Snowflake must refuse', () => {
    for (const spec of fc.sample(malformedScimRequestArb(), { numRuns: 50, seed: 2 })) expect(spec.mustFail).toBe(true);
  });
});

describe('SQL arbitraries', () => {
  test('quoting', () => {
    expect(quoteIdent('O"BRIEN')).toBe('"O""BRIEN"');
    expect(sqlString("it's a back\\slash")).toBe("'it''s a back\\\\slash'");
  });

  prop.prop([sqlScriptArb({ maxLength: 8 })], { numRuns: 60 })('every statement answers a result or a Snowflake error; a refused statement writes nothing', (script) => {
    const org = createOrganization({ seed: 1, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
    const session = createSession(org, { account: 'ACCOUNT1', user: 'ADMIN', role: 'ACCOUNTADMIN' });
    for (const statement of script) {
      const before = org.account('ACCOUNT1')!.seq;
      const outcomes = session.execute(statement);
      for (const o of outcomes) expect(isResultSet(o.result) || isSnowflakeError(o.result)).toBe(true);
      if (outcomes.length === 1 && isSnowflakeError(outcomes[0]!.result)) expect(org.account('ACCOUNT1')!.seq).toBe(before);
    }
  });

  test('malformed statements are refused with an error code', () => {
    const org = createOrganization({ seed: 1, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
    const session = createSession(org, { account: 'ACCOUNT1', user: 'ADMIN', role: 'ACCOUNTADMIN' });
    for (const s of ['CREATE USER', 'GRANT ROLE TO USER x', "ALTER USER x SET COMMENT = 'open"]) {
      const [o] = session.execute(s);
      expect(o && isSnowflakeError(o.result) && o.result.code).toMatch(/^\d{6}$/);
    }
    expect(fc.sample(malformedSqlArb(), { numRuns: 20, seed: 1 }).length).toBe(20);
  });
});

describe('scenario arbitraries', () => {
  prop.prop([planArb({ accounts: [2, 3], failover: 'unplanned', steps: { min: 5, max: 20 } })], { numRuns: 150 })('plans name real accounts and only refresh secondaries', (plan) => {
    const names = accountNames(plan.config);
    let primary = 'ACCOUNT1';
    for (const s of plan.steps) {
      if ('account' in s) expect(names).toContain(s.account);
      if (s.kind === 'refresh') expect(s.account).not.toBe(primary);
      if (s.kind === 'promote') primary = s.account;
      if (s.kind === 'sync') expect(s.changes.length).toBeGreaterThan(0);
    }
  });

  prop.prop([planArb({ failover: 'none' })], { numRuns: 100 })('failover none never promotes', (plan) => {
    expect(plan.steps.some((s) => s.kind === 'promote' || s.kind === 'promoteConnection' || s.kind === 'failover')).toBe(false);
  });

  prop.prop([roundTripPlanArb({ accounts: [2, 3] })], { numRuns: 100 })('round trips fail over away and back, with the primary up', (plan) => {
    const failovers = plan.steps.filter((s) => s.kind === 'failover').map((s) => ('account' in s ? s.account : ''));
    expect(failovers).toHaveLength(2);
    expect(failovers[1]).toBe('ACCOUNT1');
    expect(failovers[0]).not.toBe('ACCOUNT1');
    const down = new Set<string>();
    let primary = 'ACCOUNT1';
    for (const s of plan.steps) {
      if (s.kind === 'outage') {
        expect(s.account).not.toBe(primary);
        down.add(s.account);
      }
      if (s.kind === 'recover') down.delete(s.account);
      if (s.kind === 'failover') {
        expect(down.size).toBe(0);
        primary = s.account;
      }
    }
  });

  test('steps: 20 gives 20 step intents', () => {
    for (const plan of fc.sample(planArb({ steps: 20, outages: false }), { numRuns: 20, seed: 4 })) expect(plan.steps.length).toBeGreaterThanOrEqual(18);
  });
});
