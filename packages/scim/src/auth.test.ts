/**
 * Authentication (spec §6.1, §1.1): SCIM access tokens valid six months on the simulated clock,
 * invalidated by DROP INTEGRATION and CREATE OR REPLACE, REJECT_TOKENS_ISSUED_BEFORE honoured,
 * `/scim/v2/<SCIM_ENDPOINT_ID>/` bound to its integration; and no token in any log, event or
 * response.
 */
import { describe, expect, it } from 'vitest';
import { findIntegration, scimTokenHash, verifyScimToken, verifyScimTokenHash, type ScimIntegrationProps } from '@snowglobe/core';
import { ADMIN, fixture, generateToken, provisionerSetup, restEvents } from './test-support.ts';
import { TokenHashMemo, bearerToken } from './auth.ts';

function endpointId(f: ReturnType<typeof fixture>, name: string): string {
  const i = findIntegration(f.org.requireAccount('ACCOUNT1').state, { name })!;
  return (i.props as ScimIntegrationProps).scimEndpointId;
}

describe('token lifetime', () => {
  it('is six months on the simulated clock: "Access token expired" after 184 days', async () => {
    const f = fixture();
    f.org.advance('182 days');
    expect((await f.call('GET', '/Users')).status).toBe(200);
    f.org.advance('2 days');
    const expired = await f.json('GET', '/Users');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: '401', detail: 'Access token expired' });
    // A new token works; old ones are not invalidated by generating new ones (spec §6.1).
    const fresh = generateToken(f.org, 'OKTA_PROVISIONING');
    expect((await f.call('GET', '/Users', { token: fresh })).status).toBe(200);
    expect(restEvents(f.org).map((r) => r.status)).toEqual(['200', '401', '200']);
  });

  it('generating a new token leaves older tokens valid', async () => {
    const f = fixture();
    const second = generateToken(f.org, 'OKTA_PROVISIONING');
    expect((await f.call('GET', '/Users')).status).toBe(200);
    expect((await f.call('GET', '/Users', { token: second })).status).toBe(200);
  });
});

describe('token invalidation', () => {
  it('DROP INTEGRATION invalidates its tokens', async () => {
    const f = fixture();
    f.org.execute('ACCOUNT1', { type: 'DropIntegration', target: { name: 'OKTA_PROVISIONING' } }, ADMIN);
    const r = await f.json('GET', '/Users');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ detail: 'Invalid access token' });
    // Other integrations are unaffected.
    expect((await f.call('GET', '/Users', { token: f.entra })).status).toBe(200);
  });

  it('CREATE OR REPLACE invalidates the old tokens; a new token works', async () => {
    const f = fixture();
    for (const c of provisionerSetup('OKTA_PROVISIONER', 'OKTA_PROVISIONING', 'OKTA')) f.org.execute('ACCOUNT1', c, ADMIN);
    expect((await f.call('GET', '/Users')).status).toBe(401);
    expect((await f.call('GET', '/Users', { token: generateToken(f.org, 'OKTA_PROVISIONING') })).status).toBe(200);
  });

  it('honours REJECT_TOKENS_ISSUED_BEFORE, and UNSET makes the old tokens valid again', async () => {
    const f = fixture();
    f.org.advance('1 day');
    const newer = generateToken(f.org, 'OKTA_PROVISIONING');
    const cut = f.org.now - 60_000;
    f.org.execute('ACCOUNT1', { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { rejectTokensIssuedBefore: cut } }, ADMIN);
    const old = await f.json('GET', '/Users');
    expect(old.status).toBe(401);
    expect(String(old.body?.detail)).toMatch(/REJECT_TOKENS_ISSUED_BEFORE/);
    expect((await f.call('GET', '/Users', { token: newer })).status).toBe(200);
    f.org.execute('ACCOUNT1', { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: {}, unset: ['REJECT_TOKENS_ISSUED_BEFORE'] }, ADMIN);
    expect((await f.call('GET', '/Users')).status).toBe(200);
  });

  it('refuses a missing header, another scheme, and garbage', async () => {
    const f = fixture();
    const variants: Record<string, string>[] = [{}, { authorization: `Basic ${f.okta}` }, { authorization: 'Bearer' }, { authorization: `Bearer ${f.okta} extra` }];
    for (const headers of variants) {
      const r = await f.json('GET', '/Users', { token: null, headers });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
    // The scheme is case-insensitive (RFC 6750).
    expect((await f.call('GET', '/Users', { token: null, headers: { authorization: `bearer ${f.okta}` } })).status).toBe(200);
  });
});

describe('base URLs', () => {
  it('serves /scim/v2/ and /scim/v2/<SCIM_ENDPOINT_ID>/, with or without the trailing slash', async () => {
    const f = fixture();
    const eid = endpointId(f, 'OKTA_PROVISIONING');
    for (const path of ['/Users', '/Users/', `/${eid}/Users`, `/${eid}/Users/`, `/${eid.toUpperCase()}/Users`]) {
      expect((await f.call('GET', path)).status, path).toBe(200);
    }
    // Entra's tenant URL has no trailing slash: `.../scim/v2` + `/Users`.
    expect((await f.call('GET', '/ServiceProviderConfig')).status).toBe(200);
    expect((await f.call('GET', `/${eid}/ServiceProviderConfig/`)).status).toBe(200);
  });

  it('binds the endpoint-id URL to its integration: another integration\'s token is 401', async () => {
    const f = fixture();
    const eid = endpointId(f, 'OKTA_PROVISIONING');
    const r = await f.json('GET', `/${eid}/Users`, { token: f.entra });
    expect(r.status).toBe(401);
    expect(String(r.body?.detail)).toMatch(/does not belong/);
    // An endpoint id that no integration has.
    expect((await f.call('GET', '/00000000-0000-4000-a000-000000000000/Users')).status).toBe(401);
  });

  it('ENABLED = FALSE affects only UUID-less routing, and only with disabledIntegrationsRoutable: false', async () => {
    for (const routable of [true, false]) {
      const f = fixture({ disabledIntegrationsRoutable: routable });
      f.org.execute('ACCOUNT1', { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { enabled: false } }, ADMIN);
      expect((await f.call('GET', '/Users')).status).toBe(routable ? 200 : 401);
      expect((await f.call('GET', `/${endpointId(f, 'OKTA_PROVISIONING')}/Users`)).status).toBe(200);
    }
  });
});

describe('secrets', () => {
  it('never puts a token into a log, an event or a response, even when the client misplaces it', async () => {
    const f = fixture();
    const responses: string[] = [];
    const send = async (method: string, path: string, o: Parameters<typeof f.call>[2] = {}) => {
      const r = await f.call(method, path, o);
      responses.push(await r.text(), JSON.stringify([...r.headers]));
    };
    await send('GET', '/Users');
    await send('GET', `/Users/${f.okta}`);
    await send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${f.okta}"`)}`);
    await send('PATCH', `/Users/${f.okta}`, { body: { Operations: [{ op: 'replace', path: f.okta, value: 1 }] } });
    await send('POST', '/Users', { body: { userName: 42, password: f.okta } });
    await send('POST', `/${f.okta}`, { body: {} });
    await send('GET', '/Users', { token: `${f.okta}x` });
    await send('GET', '/Groups', { token: f.entra });
    const log = JSON.stringify(f.org.requireAccount('ACCOUNT1').log);
    for (const token of [f.okta, f.entra, f.generic]) {
      expect(log).not.toContain(token);
      for (const text of responses) expect(text).not.toContain(token);
    }
    expect(restEvents(f.org)).toHaveLength(8);
  });

  it('memoises only token hashes, bounded', () => {
    const memo = new TokenHashMemo(2);
    const a = memo.hash('token-a-000000');
    expect(memo.hash('token-a-000000')).toBe(a);
    memo.hash('token-b-000000');
    memo.hash('token-c-000000');
    expect(memo.hash('token-a-000000')).toBe(a);
    expect(bearerToken('  Bearer   abc  ')).toBe('abc');
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});

describe('run as RUN_AS_ROLE', () => {
  it('needs CREATE USER on the run-as role: without it POST is the 409 catch-all and nothing is created', async () => {
    const f = fixture();
    f.org.execute('ACCOUNT1', { type: 'RevokePrivileges', privileges: ['CREATE USER'], on: { kind: 'ACCOUNT' }, from: { name: 'OKTA_PROVISIONER' } }, ADMIN);
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const r = await f.json('POST', '/Users', { body: { userName: 'nobody@example.com' } });
    expect(r.status).toBe(409);
    expect(String(r.body?.detail)).toMatch(/Insufficient privileges/);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
    expect(restEvents(f.org).at(-1)).toMatchObject({ status: '409', errorCode: '003001' });
  });
});

describe('verifyScimTokenHash', () => {
  it('agrees with core\'s verifyScimToken on valid, expired, rejected, dropped and unknown tokens', () => {
    const f = fixture();
    const state = () => f.org.requireAccount('ACCOUNT1').state;
    const tokens = [f.okta, f.entra, f.generic, 'garbage', `${f.okta}x`, ''];
    const agree = () => {
      for (const t of tokens) expect(verifyScimTokenHash(state(), scimTokenHash(t), f.org.now)).toEqual(verifyScimToken(state(), t, f.org.now));
    };
    agree();
    f.org.advance('1 day');
    tokens.push(generateToken(f.org, 'OKTA_PROVISIONING'));
    f.org.execute('ACCOUNT1', { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { rejectTokensIssuedBefore: f.org.now - 1 } }, ADMIN);
    agree();
    f.org.execute('ACCOUNT1', { type: 'DropIntegration', target: { name: 'AAD_PROVISIONING' } }, ADMIN);
    agree();
    f.org.advance('183 days');
    agree();
  });
});
