import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountHostname, accountPathPrefix, hostnameOf, parseTarget } from './target.ts';
import type { OrgDirectory } from './target.ts';

const ORG: OrgDirectory = { name: 'MYORG', accounts: ['ACCOUNT1', 'ACCOUNT2', 'ACCOUNT_1'], connections: ['PROD_CONN', 'MYCONN'] };
const LOCAL = new URL('http://127.0.0.1:4280/scim/v2/Users?count=1');

function viaHost(host: string, path = '/scim/v2/Users') {
  return parseTarget(new URL(`http://127.0.0.1:4280${path}`), host, ORG);
}

describe('parseTarget by Host', () => {
  it('finds accounts in the org-account host form, any case, with a port', () => {
    expect(viaHost('myorg-account1.snowflakecomputing.com')).toEqual({ kind: 'account', account: 'ACCOUNT1', path: '/scim/v2/Users', prefix: '', via: 'host' });
    expect(viaHost('MYORG-ACCOUNT2.SNOWFLAKECOMPUTING.COM:443')).toMatchObject({ kind: 'account', account: 'ACCOUNT2' });
    expect(viaHost('myorg_account2.snowflakecomputing.com')).toMatchObject({ kind: 'account', account: 'ACCOUNT2' });
    expect(viaHost('myorg-account2.privatelink.snowflakecomputing.com')).toMatchObject({ kind: 'account', account: 'ACCOUNT2' });
    expect(viaHost('myorg-account2.snowflakecomputing.com.')).toMatchObject({ kind: 'account', account: 'ACCOUNT2' });
    expect(viaHost('myorg-account2.localhost:4280')).toMatchObject({ kind: 'account', account: 'ACCOUNT2' });
  });

  it('handles underscores inside names with either separator', () => {
    for (const host of ['myorg-account-1.snowflakecomputing.com', 'myorg-account_1.snowflakecomputing.com', 'MYORG_ACCOUNT_1.snowflakecomputing.com', 'myorg_account-1.snowflakecomputing.com']) {
      expect(viaHost(host), host).toMatchObject({ kind: 'account', account: 'ACCOUNT_1' });
    }
    expect(viaHost('myorg-prod-conn.snowflakecomputing.com')).toMatchObject({ kind: 'connection', connection: 'PROD_CONN' });
  });

  it('finds connections', () => {
    expect(viaHost('myorg-myconn.snowflakecomputing.com')).toEqual({ kind: 'connection', connection: 'MYCONN', path: '/scim/v2/Users', prefix: '', via: 'host' });
  });

  it('sends localhost, IPs and foreign hosts to the default account', () => {
    for (const host of ['localhost', 'localhost:4280', '127.0.0.1:4280', '[::1]:4280', '::1', 'example.com', 'otherorg-account1.snowflakecomputing.com', 'xy12345.us-west-2.snowflakecomputing.com', 'myorg-account1.example.com', '', '   ']) {
      expect(viaHost(host), host).toEqual({ kind: 'default', path: '/scim/v2/Users', prefix: '', via: 'none' });
    }
  });

  it('reports an unknown name of this org explicitly', () => {
    expect(viaHost('myorg-account9.snowflakecomputing.com')).toMatchObject({ kind: 'unknown', name: 'myorg-account9', via: 'host' });
  });

  it('falls back to the URL host without a Host header', () => {
    expect(parseTarget(new URL('http://myorg-account2.localhost:4280/x'), null, ORG)).toMatchObject({ kind: 'account', account: 'ACCOUNT2', path: '/x' });
    expect(parseTarget(LOCAL, null, ORG)).toMatchObject({ kind: 'default', path: '/scim/v2/Users' });
  });
});

describe('parseTarget by path prefix', () => {
  it('strips /accounts/<org>-<name> and keeps the rest', () => {
    const url = new URL('http://127.0.0.1:4280/accounts/MYORG-ACCOUNT2/api/v2/statements?requestId=1');
    expect(parseTarget(url, '127.0.0.1:4280', ORG)).toEqual({
      kind: 'account',
      account: 'ACCOUNT2',
      path: '/api/v2/statements',
      prefix: '/accounts/MYORG-ACCOUNT2',
      via: 'path',
    });
    expect(parseTarget(new URL('http://h/accounts/myorg_account-1'), null, ORG)).toMatchObject({ kind: 'account', account: 'ACCOUNT_1', path: '/' });
    expect(parseTarget(new URL('http://h/accounts/myorg-myconn/scim/v2/Users'), null, ORG)).toMatchObject({ kind: 'connection', connection: 'MYCONN', path: '/scim/v2/Users' });
    expect(parseTarget(new URL('http://h/accounts/MYORG%2DACCOUNT1/x'), null, ORG)).toMatchObject({ kind: 'account', account: 'ACCOUNT1', prefix: '/accounts/MYORG%2DACCOUNT1' });
  });

  it('wins over the Host header', () => {
    const url = new URL('http://h/accounts/MYORG-ACCOUNT1/scim/v2/Users');
    expect(parseTarget(url, 'myorg-account2.snowflakecomputing.com', ORG)).toMatchObject({ kind: 'account', account: 'ACCOUNT1' });
  });

  it('reports an unknown or malformed name as unknown', () => {
    expect(parseTarget(new URL('http://h/accounts/MYORG-NOPE/scim/v2/Users'), null, ORG)).toMatchObject({ kind: 'unknown', name: 'MYORG-NOPE', path: '/scim/v2/Users' });
    expect(parseTarget(new URL('http://h/accounts/ACCOUNT1/x'), null, ORG)).toMatchObject({ kind: 'unknown', name: 'ACCOUNT1' });
    expect(parseTarget(new URL('http://h/accounts/%E0%A4%A/x'), null, ORG)).toMatchObject({ kind: 'unknown', name: '%E0%A4%A' });
    expect(parseTarget(new URL('http://h/accounts/'), null, ORG)).toMatchObject({ kind: 'unknown', path: '/' });
  });

  it('leaves paths that merely start with "accounts" alone', () => {
    expect(parseTarget(new URL('http://h/accountsX/y'), null, ORG)).toMatchObject({ kind: 'default', path: '/accountsX/y' });
  });
});

describe('helpers', () => {
  it('build the addresses a client uses', () => {
    expect(accountPathPrefix('MYORG', 'ACCOUNT1')).toBe('/accounts/MYORG-ACCOUNT1');
    expect(accountHostname('MYORG', 'ACCOUNT_1')).toBe('myorg-account-1.snowflakecomputing.com');
    expect(parseTarget(new URL(`http://h${accountPathPrefix('MYORG', 'ACCOUNT_1')}/x`), null, ORG)).toMatchObject({ kind: 'account', account: 'ACCOUNT_1' });
    expect(viaHost(accountHostname('MYORG', 'ACCOUNT_1'))).toMatchObject({ kind: 'account', account: 'ACCOUNT_1' });
  });

  it('hostnameOf strips ports and refuses IP literals and junk', () => {
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
    expect(hostnameOf('10.0.0.1')).toBeNull();
    expect(hostnameOf('[::1]')).toBeNull();
    expect(hostnameOf('a b')).toBeNull();
    expect(hostnameOf('host:port')).toBeNull();
  });
});

describe('properties', () => {
  // fc.webPath is slow (~3 ms a sample); segments biased towards the prefix are more useful anyway.
  const segment = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('accounts', 'MYORG-ACCOUNT1', 'myorg_account_1', '%zz', '%E0%A4', '', 'api'));
  const path = fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`);
  const identifier = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/).filter((s) => !s.endsWith('_') && !s.includes('__'));

  it('never throws on arbitrary host strings and paths', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary' }), { nil: null }), path, (host, p) => {
        const r = parseTarget(new URL(`http://127.0.0.1${p}`), host, ORG);
        expect(['account', 'connection', 'default', 'unknown']).toContain(r.kind);
        expect(r.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(() => parseTarget(new URL('http://h/'), s, ORG)).not.toThrow();
        expect(() => parseTarget(new URL('http://h/'), `${s}.snowflakecomputing.com`, ORG)).not.toThrow();
        expect(() => parseTarget(new URL('http://h/'), `myorg-${s}`, ORG)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('finds every account in every spelling of its host name and path', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(identifier, { minLength: 1, maxLength: 5, selector: (s) => s.replaceAll('_', '-') }),
        fc.nat(),
        fc.constantFrom('-', '_'),
        fc.boolean(),
        fc.boolean(),
        (accounts, pick, sep, lower, dashes) => {
          const org: OrgDirectory = { name: 'MYORG', accounts, connections: [] };
          const account = accounts[pick % accounts.length] ?? '';
          let label = `MYORG${sep}${dashes ? account.replaceAll('_', '-') : account}`;
          if (lower) label = label.toLowerCase();
          expect(parseTarget(new URL('http://h/x'), `${label}.snowflakecomputing.com:443`, org)).toMatchObject({ kind: 'account', account });
          expect(parseTarget(new URL(`http://h/accounts/${label}/x`), null, org)).toMatchObject({ kind: 'account', account, path: '/x' });
        },
      ),
    );
  });
});
