/**
 * Property tests of the executor: whatever text comes in — random token streams, or documented
 * statements mutated token by token — executing it against a populated organization never throws
 * (only SnowflakeError values come back, never the internal-error code), and a statement that
 * fails leaves every account's log exactly as it was. The one documented exception: a failed
 * `ALTER ... GROUP ... REFRESH` records its FAILED row of REPLICATION_GROUP_REFRESH_HISTORY (a
 * `ReplicaRefreshed` entry with phase FAILED and no events), as Snowflake lists failed refreshes.
 */
import { fc, test } from '@fast-check/vitest';
import { createOrganization, isSnowflakeError, type Organization } from '@snowglobe/core';
import { describe, expect } from 'vitest';
import { DOCUMENTED_FRAGMENTS, DOCUMENTED_SQL } from './parse/fixtures/documented-sql.ts';
import { EXAMPLES } from './parse/fixtures/examples.ts';
import { parseScript, tokenize } from './parse/index.ts';
import { createSession, type Session } from './session.ts';

/** A populated organization: the Okta setup, users, roles, policies, a SAML2 integration, a group. */
function populated(): { org: Organization; s: Session } {
  const org = createOrganization({
    name: 'myorg',
    seed: 11,
    accounts: [
      { name: 'ACCT1', admin: 'ADMIN', region: 'AWS_US_WEST_2' },
      { name: 'ACCT2', admin: 'ADMIN', region: 'AWS_US_EAST_1' },
    ],
  });
  const s = createSession(org);
  const setup = `create role if not exists okta_provisioner;
    grant create user on account to role okta_provisioner;
    grant create role on account to role okta_provisioner;
    grant role okta_provisioner to role accountadmin;
    create or replace security integration okta_provisioning type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER';
    create role analyst; create role r; create role r2; grant role analyst to role sysadmin;
    create user jsmith email = 'j@example.com' default_role = analyst; create user u; create user svc type = service;
    grant role analyst to user jsmith; grant role r to user u;
    create network policy np allowed_ip_list = ('10.0.0.0/8') blocked_ip_list = ('10.0.0.9');
    grant usage on network policy np to role r;
    create security integration my_idp type = saml2 enabled = true saml2_issuer = 'i' saml2_sso_url = 'https://x' saml2_provider = 'OKTA' saml2_x509_cert = 'c';
    create failover group fg object_types = users, roles, integrations allowed_integration_types = security integrations allowed_accounts = myorg.acct2;
    create connection global;
    use account myorg.acct2;
    create failover group fg as replica of myorg.acct1.fg;
    select system$link_account_objects_by_name('fg');
    alter failover group fg refresh;
    use account myorg.acct1;`;
  for (const r of s.execute(setup)) if (isSnowflakeError(r.result)) throw new Error(`${r.statement}: ${r.result.message}`);
  org.execute('ACCT1', { type: 'RecordScimRequest', request: { endpoint: 'scim/v2/Users', method: 'POST', status: '201', errorCode: null, details: '{}', clientIp: '10.0.0.1', actorName: 'OKTA_PROVISIONER', actorDomain: 'OKTA_PROVISIONING', resourceName: 'JSMITH', resourceDomain: 'user' } }, { role: 'OKTA_PROVISIONER' });
  return { org, s };
}

const SOURCES: string[] = [
  ...Object.values(EXAMPLES).flat(),
  ...DOCUMENTED_SQL.flatMap((d) => parseScript(d.sql).map((p) => p.text)),
  ...DOCUMENTED_FRAGMENTS.map((d) => d.sql),
];

/** Every token text of the documented and example statements: the vocabulary of random streams. */
const VOCABULARY: string[] = [
  ...new Set([
    ...SOURCES.flatMap((sql) => tokenize(sql).filter((t) => t.kind !== 'eof').map((t) => t.text)),
    'jsmith', 'u', 'svc', 'analyst', 'np', 'my_idp', 'okta_provisioner', 'OKTA_PROVISIONING', 'fg', 'global', 'acct2', 'myorg',
    "'10 minutes'", "'8 days'", "'OKTA_PROVISIONING'", 'NULL', '-1', '0', '1.5', "'x'", '"q"', ';', '*', '(', ')', ',', '=>',
  ]),
];

const seqs = (org: Organization): number[] => org.accounts.map((a) => a.seq);

/** The entries appended since `before`, other than FAILED refresh records (see the module comment). */
function changes(org: Organization, before: number[]): string[] {
  const out: string[] = [];
  org.accounts.forEach((a, i) => {
    for (const e of a.log.slice(before[i])) {
      const failedRefresh = e.event.type === 'ReplicaRefreshed' && e.event.refresh.phase === 'FAILED' && e.event.events.length === 0;
      if (!failedRefresh) out.push(`${a.name}#${e.seq} ${e.event.type}`);
    }
  });
  return out;
}

/** Runs each statement of `text` alone and checks the two properties. */
function check(org: Organization, s: Session, text: string): void {
  for (const parsed of parseScript(text)) {
    const before = seqs(org);
    let result;
    try {
      result = s.executeOne(parsed.text).result;
    } catch (e) {
      throw new Error(`threw on ${JSON.stringify(parsed.text)}: ${String(e)}`);
    }
    if (isSnowflakeError(result)) {
      expect(result.code, `${parsed.text}\n${result.message}`).not.toBe('000603');
      expect(changes(org, before), `a failed statement changed a log: ${parsed.text}\n${result.message}`).toEqual([]);
    } else {
      expect(Array.isArray(result.rows)).toBe(true);
      for (const row of result.rows) expect(row.length).toBe(result.columns.length);
    }
  }
}

const token = fc.constantFrom(...VOCABULARY);

/** Token-level mutations of a valid statement. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SOURCES),
    fc.array(fc.tuple(fc.constantFrom('delete', 'duplicate', 'swap', 'replace', 'insert', 'case'), fc.nat(), fc.nat(), token), { minLength: 1, maxLength: 3 }),
  )
  .map(([sql, ops]) => {
    const toks = tokenize(sql)
      .filter((t) => t.kind !== 'eof')
      .map((t) => t.text);
    for (const [op, i, j, t] of ops) {
      if (toks.length === 0) break;
      const a = i % toks.length;
      const b = j % toks.length;
      switch (op) {
        case 'delete':
          toks.splice(a, 1);
          break;
        case 'duplicate':
          toks.splice(a, 0, toks[a]!);
          break;
        case 'swap':
          [toks[a], toks[b]] = [toks[b]!, toks[a]!];
          break;
        case 'replace':
          toks[a] = t;
          break;
        case 'insert':
          toks.splice(a, 0, t);
          break;
        case 'case':
          toks[a] = toks[a]!.startsWith("'") ? toks[a]!.toUpperCase() : toks[a]!.toLowerCase();
          break;
      }
    }
    return toks.join(' ');
  });

describe('executor properties', () => {
  test.prop([fc.array(fc.array(token, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 8 })], { numRuns: 100 })(
    'random token streams never throw and failures change no log',
    (statements) => {
      const { org, s } = populated();
      check(org, s, statements.map((t) => t.join(' ')).join(';\n'));
    },
  );

  test.prop([fc.array(mutated, { minLength: 1, maxLength: 8 })], { numRuns: 150 })(
    'mutated documented statements never throw and failures change no log',
    (statements) => {
      const { org, s } = populated();
      check(org, s, statements.join(';\n'));
    },
  );

  test.prop([fc.shuffledSubarray(SOURCES, { minLength: 1, maxLength: 12 })], { numRuns: 60 })(
    'valid documented statements in any order never throw and failures change no log',
    (statements) => {
      const { org, s } = populated();
      check(org, s, statements.join(';\n'));
    },
  );
});
