/**
 * The request pipeline: routing (account, connection, path), availability, the 500-in-flight
 * limit, network policies, body checks, read-only secondaries, and the REST_EVENT_HISTORY row every
 * request leaves.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization, findUser, type Command, type Organization, shHas } from '@snowglobe/core';
import { createScimHandler } from './handler.ts';
import { ADMIN, fixture, generateToken, provisionerSetup, restEvents } from './test-support.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function run(org: Organization, account: string, ...commands: Command[]): void {
  for (const c of commands) {
    const r = org.execute(account, c, ADMIN);
    if ('type' in r) throw new Error(`${c.type}: ${r.message}`);
  }
}

/** Two accounts in different regions; ACCOUNT1 set up for Okta, replicating to ACCOUNT2. */
function replicated() {
  const org = createOrganization({
    seed: 3,
    accounts: [
      { name: 'ACCOUNT1', admin: 'ADMIN' },
      { name: 'ACCOUNT2', admin: 'ADMIN', region: 'AWS_EU_WEST_1' },
    ],
  });
  run(org, 'ACCOUNT1', ...provisionerSetup('OKTA_PROVISIONER', 'OKTA_PROVISIONING', 'OKTA'));
  const token = generateToken(org, 'OKTA_PROVISIONING');
  run(org, 'ACCOUNT1', {
    type: 'CreateFailoverGroup',
    kind: 'FAILOVER',
    name: 'FG',
    objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'],
    allowedIntegrationTypes: ['SECURITY INTEGRATIONS'],
    allowedAccounts: ['ACCOUNT2'],
  });
  run(org, 'ACCOUNT2', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.ACCOUNT1.FG' });
  run(org, 'ACCOUNT1', { type: 'CreateConnection', name: 'GLOBAL' }, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'enableFailover', accounts: ['MYORG.ACCOUNT2'] } });
  run(org, 'ACCOUNT2', { type: 'CreateConnection', name: 'GLOBAL', replicaOf: 'MYORG.ACCOUNT1.GLOBAL' });
  return { org, token };
}

function send(scim: ReturnType<typeof createScimHandler>, token: string, host: string, method: string, path: string, body?: unknown, info?: Parameters<typeof scim>[1]) {
  return scim(
    new Request(`https://${host}/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
    info,
  );
}

describe('routing', () => {
  it('routes by Host: <org>-<account>, <org>-<connection> (its current primary), other hosts to the first account', async () => {
    const { org, token } = replicated();
    const scim = createScimHandler(org);
    expect((await send(scim, token, 'myorg-global.snowflakecomputing.com', 'POST', '/Users', { userName: 'a@x.com' })).status).toBe(201);
    expect(findUser(org.requireAccount('ACCOUNT1').state, { name: 'A@X.COM' })).toBeDefined();
    expect((await send(scim, token, 'localhost:4280', 'GET', '/Users')).status).toBe(200);
    expect((await send(scim, token, '127.0.0.1', 'GET', '/Users')).status).toBe(200);
    // ACCOUNT2 has no integration before a refresh: the token is unknown there.
    expect((await send(scim, token, 'myorg-account2.snowflakecomputing.com', 'GET', '/Users')).status).toBe(401);
    expect((await send(scim, token, 'MYORG_ACCOUNT2.snowflakecomputing.com', 'GET', '/Users')).status).toBe(401);
    // info.account wins over the host.
    expect((await send(scim, token, 'myorg-account2.snowflakecomputing.com', 'GET', '/Users', undefined, { account: 'ACCOUNT1' })).status).toBe(200);
  });

  it('answers an unroutable request per unroutableResponse, recording nothing', async () => {
    const { org, token } = replicated();
    const before = org.requireAccount('ACCOUNT1').log.length;
    const r = await send(createScimHandler(org), token, 'myorg-nowhere.snowflakecomputing.com', 'GET', '/Users');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ status: '404' });
    const html = await send(createScimHandler(org, { unroutableResponse: 'html-403' }), token, 'h', 'GET', '/Users', undefined, { account: 'NOPE' });
    expect(html.status).toBe(403);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect((await html.text()).startsWith('<')).toBe(true);
    expect(org.requireAccount('ACCOUNT1').log.length).toBe(before);
  });

  it('follows the connection after failover; writes on a read-only secondary are refused per readOnlySecondaryStatus', async () => {
    const { org, token } = replicated();
    const scim = createScimHandler(org);
    const primary = 'myorg-global.snowflakecomputing.com';
    const secondary = 'myorg-account2.snowflakecomputing.com';
    const created = await send(scim, token, primary, 'POST', '/Users', { userName: 'a@x.com' });
    const id = String(((await created.json()) as { id: string }).id);
    run(org, 'ACCOUNT2', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'refresh', force: true } });
    // Reads work on the secondary with the replicated token; writes do not.
    expect((await send(scim, token, secondary, 'GET', `/Users/${id}`)).status).toBe(200);
    const before = org.requireAccount('ACCOUNT2').state.users;
    const post = await send(scim, token, secondary, 'POST', '/Users', { userName: 'b@x.com' });
    expect(post.status).toBe(409);
    expect(((await post.json()) as { detail: string }).detail).toMatch(/read-only secondary/);
    expect((await send(scim, token, secondary, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(400);
    expect((await send(scim, token, secondary, 'DELETE', `/Users/${id}`)).status).toBe(400);
    expect((await send(scim, token, secondary, 'POST', '/Groups', { displayName: 'g' })).status).toBe(400);
    expect((await send(createScimHandler(org, { readOnlySecondaryStatus: 403 }), token, secondary, 'POST', '/Users', { userName: 'b@x.com' })).status).toBe(403);
    expect(org.requireAccount('ACCOUNT2').state.users).toBe(before);
    expect(restEvents(org, 'ACCOUNT2').map((r) => r.status)).toEqual(['200', '409', '400', '400', '400', '403']);
    // Fail over: the connection URL now writes to ACCOUNT2.
    run(org, 'ACCOUNT2', { type: 'AlterFailoverGroup', kind: 'FAILOVER', name: 'FG', action: { kind: 'primary' } }, { type: 'AlterConnection', name: 'GLOBAL', action: { kind: 'primary' } });
    expect((await send(scim, token, primary, 'POST', '/Users', { userName: 'c@x.com' })).status).toBe(201);
    expect(findUser(org.requireAccount('ACCOUNT2').state, { name: 'C@X.COM' })).toBeDefined();
    expect(findUser(org.requireAccount('ACCOUNT1').state, { name: 'C@X.COM' })).toBeUndefined();
  });

  it('answers an unavailable account as a network failure would: 503, nothing recorded', async () => {
    const f = fixture();
    const before = f.org.requireAccount('ACCOUNT1').log.length;
    f.org.setAvailable('ACCOUNT1', false);
    const r = await f.json('POST', '/Users', { body: { userName: 'down' } });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503' });
    f.org.setAvailable('ACCOUNT1', true);
    expect(f.org.requireAccount('ACCOUNT1').log.length).toBe(before);
    expect((await f.call('POST', '/Users', { body: { userName: 'up' } })).status).toBe(201);
  });

  it('404 for unknown paths, 405 with Allow for unknown methods; PUT /Groups only with groupPut: accept', async () => {
    const f = fixture();
    for (const path of ['/Schemas', '/ResourceTypes', '/Bulk', '/Me', '/Users/a/b', '//Users', '']) {
      const r = await f.json('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ status: '404' });
    }
    const outside = await f.scim(new Request('https://myorg-account1.snowflakecomputing.com/api/v2/statements', { headers: { authorization: `Bearer ${f.okta}` } }));
    expect(outside.status).toBe(404);
    const cases: [string, string, string][] = [
      ['DELETE', '/Users', 'GET, POST'],
      ['PUT', '/Groups', 'GET, POST'],
      ['POST', '/Users/x', 'GET, PUT, PATCH, DELETE'],
      ['PUT', '/Groups/x', 'GET, PATCH, DELETE'],
      ['POST', '/ServiceProviderConfig', 'GET'],
      ['HEAD', '/Users', 'GET, POST'],
      ['OPTIONS', '/Users', 'GET, POST'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await f.call(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get('allow')).toBe(allow);
    }
    const g = fixture({ groupPut: 'accept' });
    const uid = String((await g.json('POST', '/Users', { body: { userName: 'm' } })).body?.id);
    const gid = String((await g.json('POST', '/Groups', { body: { displayName: 'before' } })).body?.id);
    const put = await g.json('PUT', `/Groups/${gid}`, { body: { displayName: 'after', members: [{ value: uid }] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'after', members: [{ value: uid }] });
    expect(shHas(g.roleNamed('after')!.users, uid)).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses bad bodies with SCIM errors and no change of state', async () => {
    const f = fixture({ maxBodyBytes: 1024 });
    const id = String((await f.json('POST', '/Users', { body: { userName: 'victim' } })).body?.id);
    const before = f.org.requireAccount('ACCOUNT1').state;
    const cases: [string, string, Parameters<typeof f.call>[2], number][] = [
      ['POST', '/Users', { text: '{"userName":' }, 409],
      ['PATCH', `/Users/${id}`, { text: '{"Operations":[' }, 400],
      ['PATCH', `/Users/${id}`, { text: '[]' }, 400],
      ['PATCH', `/Users/${id}`, { text: '' }, 400],
      ['POST', '/Groups', { text: 'null' }, 400],
      ['POST', '/Groups', { body: { displayName: 42 } }, 400],
      ['POST', '/Users', { body: { userName: 'x'.repeat(2000) } }, 413],
      ['POST', '/Users', { body: { userName: 'y' }, headers: { 'content-type': 'text/plain' } }, 415],
      ['POST', '/Users', { body: { userName: 'y' }, headers: { 'content-type': 'application/scim+json; charset=latin1' } }, 415],
      ['PATCH', `/Users/${id}`, { body: { schemas: ['urn:bogus'], Operations: [{ op: 'replace', path: 'urn:bogus:attr', value: 1 }] } }, 400],
      ['POST', '/Users', { body: { userName: ['a'] } }, 409],
    ];
    for (const [method, path, options, status] of cases) {
      const r = await f.json(method, path, options);
      expect(r.status, `${method} ${path} ${JSON.stringify(options).slice(0, 60)}`).toBe(status);
      expect(r.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
    }
    const after = f.org.requireAccount('ACCOUNT1').state;
    expect(after.users).toBe(before.users);
    expect(after.roles).toBe(before.roles);
  });

  it('413 on a declared Content-Length over the limit, and on a streamed body that grows over it', async () => {
    const f = fixture({ maxBodyBytes: 100 });
    const declared = await f.call('POST', '/Users', { text: '{}', headers: { 'content-length': '1000000' } });
    expect(declared.status).toBe(413);
    const chunks = ['{"userName":"', 'a'.repeat(80), 'b'.repeat(80), '"}'];
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next === undefined) c.close();
        else c.enqueue(new TextEncoder().encode(next));
      },
    });
    const init = { method: 'POST', headers: { authorization: `Bearer ${f.okta}`, 'content-type': 'application/scim+json' }, body: stream, duplex: 'half' };
    const r = await f.scim(new Request('https://myorg-account1.snowflakecomputing.com/scim/v2/Users', init as RequestInit));
    expect(r.status).toBe(413);
    expect(f.org.requireAccount('ACCOUNT1').state.users.size).toBe(1);
  });
});

describe('the 500-in-flight limit', () => {
  it('answers 429 past 500 in-flight requests on one endpoint of one account; other endpoints are counted apart', async () => {
    const f = fixture();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hanging = (i: number): Request => {
      const stream = new ReadableStream<Uint8Array>({
        async pull(c) {
          await gate;
          c.enqueue(new TextEncoder().encode(JSON.stringify({ userName: `slow${i}@example.com` })));
          c.close();
        },
      });
      const init = { method: 'POST', headers: { authorization: `Bearer ${f.okta}`, 'content-type': 'application/scim+json' }, body: stream, duplex: 'half' };
      return new Request('https://myorg-account1.snowflakecomputing.com/scim/v2/Users', init as RequestInit);
    };
    const inFlight = Array.from({ length: 500 }, (_, i) => f.scim(hanging(i)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const over = await f.json('POST', '/Users', { body: { userName: 'one.too.many@example.com' } });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect((await f.call('GET', '/Users')).status).toBe(429);
    // /Groups of the same account has its own 500.
    expect((await f.call('GET', '/Groups')).status).toBe(200);
    open();
    const done = await Promise.all(inFlight);
    expect(done.every((r) => r.status === 201)).toBe(true);
    expect(f.org.requireAccount('ACCOUNT1').state.users.size).toBe(501);
    // Slots are released: the endpoint answers again.
    expect((await f.call('GET', '/Users?count=1')).status).toBe(200);
    const rows = restEvents(f.org);
    expect(rows.filter((r) => r.status === '429')).toHaveLength(2);
    expect(rows.find((r) => r.status === '429')).toMatchObject({ errorCode: 'tooManyRequests', endpoint: 'scim/v2/Users', method: 'POST' });
    expect(rows).toHaveLength(504);
  });
});

describe('network policies', () => {
  it('applies the integration\'s policy to the client IP; a blocked request gets 403 and changes nothing', async () => {
    const f = fixture();
    run(f.org, 'ACCOUNT1', { type: 'CreateNetworkPolicy', name: 'OKTA_IPS', allowedIpList: ['10.0.0.0/8'], blockedIpList: ['10.9.9.9'] }, { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'OKTA_IPS' } });
    const before = f.org.requireAccount('ACCOUNT1').state.users;
    const blocked = await f.json('POST', '/Users', { body: { userName: 'x' }, info: { clientIp: '192.168.1.1' } });
    expect(blocked.status).toBe(403);
    expect(blocked.body?.detail).toBe('Incoming request with IP/Token 192.168.1.1 is not allowed to access Snowflake. Contact your account administrator.');
    expect((await f.call('GET', '/Users', { info: { clientIp: '10.9.9.9' } })).status).toBe(403);
    expect(f.org.requireAccount('ACCOUNT1').state.users).toBe(before);
    expect((await f.call('POST', '/Users', { body: { userName: 'x' }, info: { clientIp: '10.1.2.3' } })).status).toBe(201);
    // The Entra integration has no policy.
    expect((await f.call('GET', '/Users', { token: f.entra, info: { clientIp: '192.168.1.1' } })).status).toBe(200);
    expect(restEvents(f.org).slice(0, 2)).toMatchObject([
      { status: '403', clientIp: '192.168.1.1', errorCode: 'forbidden', actorDomain: 'OKTA_PROVISIONING' },
      { status: '403', clientIp: '10.9.9.9' },
    ]);
  });

  it('falls back to the account\'s policy; the integration\'s overrides it', async () => {
    const f = fixture();
    run(
      f.org,
      'ACCOUNT1',
      { type: 'CreateNetworkPolicy', name: 'CORP', allowedIpList: ['172.16.0.0/12'] },
      { type: 'CreateNetworkPolicy', name: 'IDP', allowedIpList: ['20.0.0.0/8'] },
      { type: 'SetAccountParameters', set: { NETWORK_POLICY: 'CORP' } },
      { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'IDP' } },
    );
    // Entra: no integration policy, the account's applies.
    expect((await f.call('GET', '/Users', { token: f.entra, info: { clientIp: '20.1.1.1' } })).status).toBe(403);
    expect((await f.call('GET', '/Users', { token: f.entra, info: { clientIp: '172.16.5.5' } })).status).toBe(200);
    // Okta: its integration's policy wins over the account's.
    expect((await f.call('GET', '/Users', { info: { clientIp: '20.1.1.1' } })).status).toBe(200);
    expect((await f.call('GET', '/Users', { info: { clientIp: '172.16.5.5' } })).status).toBe(403);
    // networkPolicyBlockStatus: 401.
    const g = fixture({ networkPolicyBlockStatus: 401 });
    run(g.org, 'ACCOUNT1', { type: 'CreateNetworkPolicy', name: 'CORP', allowedIpList: ['172.16.0.0/12'] }, { type: 'SetAccountParameters', set: { NETWORK_POLICY: 'CORP' } });
    expect((await g.call('GET', '/Users', { info: { clientIp: '8.8.8.8' } })).status).toBe(401);
  });

  it('judges IPv6 clients by IPv4-only rules as blocked, and the default client IP is 127.0.0.1', async () => {
    const f = fixture();
    run(f.org, 'ACCOUNT1', { type: 'CreateNetworkPolicy', name: 'V4', allowedIpList: ['127.0.0.0/8'] }, { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'V4' } });
    expect((await f.call('GET', '/Users')).status).toBe(200);
    expect((await f.call('GET', '/Users', { info: { clientIp: '2001:db8::1' } })).status).toBe(403);
    expect((await f.call('GET', '/Users', { info: { clientIp: 'not-an-ip' } })).status).toBe(403);
  });
});

describe('REST_EVENT_HISTORY', () => {
  it('records every request that reaches an account, failures included, with small, token-free rows', async () => {
    const f = fixture();
    const uid = String((await f.json('POST', '/Users', { body: { userName: 'row@example.com' } })).body?.id);
    await f.call('GET', `/Users?filter=${encodeURIComponent('userName co "x"')}`);
    await f.call('GET', '/Users', { token: 'wrong' });
    await f.call('DELETE', '/Users');
    await f.call('PATCH', `/Users/${uid}`, { body: { Operations: [{ op: 'replace', value: { displayName: 'Row' } }] }, info: { clientIp: '10.0.0.7' } });
    await f.call('POST', '/Groups', { body: { displayName: 'row_group' } });
    await f.call('GET', '/Nope');
    const rows = restEvents(f.org);
    expect(rows).toEqual([
      { endpoint: 'scim/v2/Users', method: 'POST', status: '201', errorCode: null, details: JSON.stringify({ id: uid }), clientIp: '127.0.0.1', actorName: 'OKTA_PROVISIONER', actorDomain: 'OKTA_PROVISIONING', resourceName: 'ROW@EXAMPLE.COM', resourceDomain: 'user' },
      expect.objectContaining({ endpoint: 'scim/v2/Users', method: 'GET', status: '400', errorCode: 'invalidFilter' }),
      expect.objectContaining({ method: 'GET', status: '401', errorCode: 'unauthorized', actorName: '', actorDomain: '' }),
      expect.objectContaining({ method: 'DELETE', status: '405', errorCode: 'methodNotAllowed' }),
      expect.objectContaining({ endpoint: `scim/v2/Users/${uid}`, method: 'PATCH', status: '200', clientIp: '10.0.0.7', resourceName: 'ROW@EXAMPLE.COM' }),
      expect.objectContaining({ endpoint: 'scim/v2/Groups', method: 'POST', status: '201', resourceName: 'row_group', resourceDomain: 'role' }),
      expect.objectContaining({ endpoint: 'scim/v2/Nope', status: '404', errorCode: 'notFound' }),
    ]);
    for (const row of rows) expect(JSON.stringify(row).length).toBeLessThan(600);
  });
});

describe('ServiceProviderConfig', () => {
  it('reports filter.supported true (2026_03) and changePassword per the integration\'s SYNC_PASSWORD', async () => {
    const f = fixture();
    const okta = await f.json('GET', '/ServiceProviderConfig');
    expect(okta.status).toBe(200);
    expect(okta.body).toMatchObject({ filter: { supported: true, maxResults: 1000 }, patch: { supported: true }, bulk: { supported: false }, changePassword: { supported: true } });
    expect((await f.json('GET', '/ServiceProviderConfig', { token: f.entra })).body).toMatchObject({ changePassword: { supported: false } });
  });
});
