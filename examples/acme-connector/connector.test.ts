/**
 * Acme's connector under the snowglobe harness. Acme's class knows nothing about snowglobe; the
 * adapter below turns the harness's directory into Acme's people and teams and reports back.
 * In your own project the import is `from '@snowglobe/testing'`.
 */
import { describe, expect, test } from 'vitest';
import {
  checkInVitest,
  checkProperty,
  convergence,
  failoverRoundTrip,
  noSilentLoss,
  snowglobeMatchers,
  type ConnectorEnv,
  type Directory,
  type ScimConnector,
} from '@snowglobe/testing';
import { AcmeConnector, type AcmePerson, type AcmeTeam } from './connector.ts';

expect.extend(snowglobeMatchers);

/** The directory as Acme sees it. */
function acmeView(d: Directory): { people: AcmePerson[]; teams: AcmeTeam[] } {
  const login = new Map(d.users.map((u) => [u.key, u.userName]));
  return {
    people: d.users.map((u) => ({
      login: u.userName,
      first: u.givenName,
      last: u.familyName,
      display: u.displayName,
      mail: u.email,
      enabled: u.active,
      ...(u.defaultWarehouse !== undefined ? { warehouse: u.defaultWarehouse } : {}),
    })),
    teams: d.groups.map((g) => ({ name: g.displayName, members: g.members.map((m) => login.get(m)).filter((l): l is string => l !== undefined) })),
  };
}

/** The harness's `ScimConnector` around any Acme connector: a full sync does every change at once, or none. */
function adapt(make: (env: ConnectorEnv) => AcmeConnector): (env: ConnectorEnv) => ScimConnector {
  return (env) => {
    const acme = make(env);
    return {
      name: 'acme',
      userDeletion: 'delete',
      async sync(directory, changes) {
        const { people, teams } = acmeView(directory);
        const r = await acme.sync(people, teams);
        return r.errors.length === 0 ? { applied: changes.length } : { applied: 0, error: r.errors.join('; ') };
      },
    };
  };
}

const acme = adapt((env) => new AcmeConnector({ baseUrl: env.baseUrl, bearer: env.token, fetch: (input, init) => env.fetch(input, init) }));

// Run counts: ~10 s in CI together.
describe('Acme connector under the snowglobe harness', () => {
  test('converges: Snowflake holds what Acme holds, and every secondary after REFRESH', () =>
    checkInVitest(expect, convergence({ connector: acme, accounts: [2, 3] }), { numRuns: 25 }), 120_000);

  test('keeps working through a failover round trip (tokens and the connection URL move with it)', () =>
    checkInVitest(expect, failoverRoundTrip({ connector: acme }), { numRuns: 15 }), 120_000);

  test('unplanned failovers: nothing it was told succeeded vanishes unreported', () =>
    checkInVitest(expect, noSilentLoss({ connector: acme }), { numRuns: 20 }), 120_000);

  test('the harness catches a case-sensitive login comparison (Snowflake upper-cases userName)', async () => {
    class CaseSensitiveAcme extends AcmeConnector {
      protected override sameLogin(a: string, b: string): boolean {
        return a === b;
      }
    }
    const buggy = adapt((env) => new CaseSensitiveAcme({ baseUrl: env.baseUrl, bearer: env.token, fetch: (input, init) => env.fetch(input, init) }));
    const r = await checkProperty(convergence({ connector: buggy, steps: { max: 4 }, directory: { maxUsers: 3, maxGroups: 1 } }), { numRuns: 50, seed: 1, env: {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.report.message).toMatch(/^the connector left \d+ change\(s\) unprovisioned after retries$/);
    expect(r.report.details.join('\n')).toMatch(/create [^:]+: 409/);
    expect(r.report.steps.join('\n')).toMatch(/POST \/scim\/v2\/Users \{.*\} {2}→ {2}409/);
    expect(r.report.rerun).toMatch(/^SNOWGLOBE_SEED=1 SNOWGLOBE_PATH=[\d:]+ npx vitest run/);
  }, 120_000);
});
