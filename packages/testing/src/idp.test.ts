import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { applyChanges, changesFromEmpty, EMPTY_DIRECTORY } from './directory.ts';
import { diffIdentity, expectedView, observedView } from './expected.ts';
import { OktaConnector } from './idp/okta.ts';
import { buildDirectory } from './arbitraries/directory.ts';
import type { Plan } from './plan.ts';
import { World } from './world.ts';
import { convergenceVerdict } from './properties/common.ts';

const initial = buildDirectory(
  [
    { userName: 'zoë.strauß@example.com', givenName: 'Zoë', familyName: 'Strauß', displayName: 'Zoë Strauß', email: 'zoe@example.com', active: true, defaultWarehouse: 'COMPUTE_WH' },
    { userName: 'jose.garcia@example.com', givenName: 'José', familyName: 'García', displayName: 'García, José', email: 'jose@example.com', active: true },
  ],
  [['Data Science – EMEA', [0]]],
);

function plan(idp: Plan['config']['idp']): Plan {
  return {
    config: { accounts: 2, idp, objectTypes: ['USERS', 'ROLES', 'INTEGRATIONS'], schedule: null, seed: 1 },
    initial,
    steps: [
      { kind: 'sync', changes: [{ kind: 'updateUser', key: 'u1', set: { email: 'zoe.s@example.com', familyName: 'Strauss' } }, { kind: 'addMember', group: 'g1', user: 'u2' }] },
      { kind: 'sync', changes: [{ kind: 'renameUser', key: 'u2', userName: 'jgarcia@example.com' }, { kind: 'renameGroup', key: 'g1', displayName: 'Ärzte' }] },
      { kind: 'sync', changes: [{ kind: 'deactivateUser', key: 'u2' }, { kind: 'reactivateUser', key: 'u2' }, { kind: 'removeMember', group: 'g1', user: 'u1' }] },
      { kind: 'failover', account: 'ACCOUNT2' },
      { kind: 'sync', changes: [{ kind: 'deleteUser', key: 'u1' }, { kind: 'deleteGroup', key: 'g1' }] },
    ],
  };
}

async function run(idp: Plan['config']['idp']): Promise<World> {
  const w = await World.start(plan(idp), { traceBodies: true });
  await w.runAll();
  await w.settle();
  return w;
}

const bodies = (w: World, method: string, path: RegExp) =>
  w.exchanges.filter((x) => x.method === method && path.test(new URL(x.url).pathname)).map((x) => JSON.parse(x.requestBody ?? 'null') as Record<string, unknown>);
const ops = (b: Record<string, unknown>) => b.Operations as Record<string, unknown>[];

describe('IdP models send their real request patterns (spec §4.3, §4.4, §10) and converge', () => {
  test('okta: filter then POST, GET+PUT updates, PATCH active without path, group rename with every membership PATCH, never DELETE users', async () => {
    const w = await run('okta');
    expect(convergenceVerdict(w)).toEqual({ ok: true });
    const urls = w.exchanges.map((x) => `${x.method} ${decodeURIComponent(new URL(x.url).pathname + new URL(x.url).search)}`);
    expect(urls[0]).toBe('GET /scim/v2/Users?filter=userName eq "zoë.strauß@example.com"&startIndex=1&count=100');
    expect(urls[1]).toBe('POST /scim/v2/Users');
    const post = bodies(w, 'POST', /Users$/)[0]!;
    expect(post).toMatchObject({ groups: [], locale: 'en-US', active: true, emails: [{ primary: true, type: 'work', value: 'zoe@example.com' }] });
    expect(post.password).toEqual(expect.any(String));
    expect(post.externalId).toMatch(/^00u[0-9a-zA-Z]{17}$/);
    expect(post['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ defaultWarehouse: 'COMPUTE_WH' });
    const puts = urls.map((u, i) => [u, urls[i - 1]] as const).filter(([u]) => u.startsWith('PUT /scim/v2/Users/'));
    expect(puts.length).toBeGreaterThan(0);
    for (const [put, before] of puts) expect(before).toBe(put.replace('PUT', 'GET'));
    for (const b of bodies(w, 'PATCH', /Users\//)) expect(ops(b)).toEqual([{ op: 'replace', value: { active: expect.any(Boolean) } }]);
    for (const b of bodies(w, 'PATCH', /Groups\//)) expect(ops(b)[0]).toEqual({ op: 'replace', value: { id: expect.any(String), displayName: expect.any(String) } });
    expect(bodies(w, 'PATCH', /Groups\//).flatMap(ops).some((o) => o.op === 'remove' && /^members\[value eq "[\w-]+"\]$/.test(String(o.path)))).toBe(true);
    expect(w.exchanges.some((x) => x.method === 'DELETE' && x.url.includes('/Users/'))).toBe(false);
    // The deleted user stays, deactivated.
    expect(w.primary().state.users.size).toBe(3);
    expect(w.exchanges.filter((x) => x.method === 'PATCH' && x.url.includes('/Groups/')).every((x) => x.status === 200)).toBe(true);
  });

  test('entra: capitalised ops with paths, string booleans, DELETE after hard delete, ADSCIM group schema, $ref members', async () => {
    const w = await run('entra');
    expect(convergenceVerdict(w)).toEqual({ ok: true });
    const userOps = bodies(w, 'PATCH', /Users\//).flatMap(ops);
    expect(userOps).toContainEqual({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'zoe.s@example.com' });
    expect(userOps).toContainEqual({ op: 'Replace', path: 'name.familyName', value: 'Strauss' });
    expect(userOps).toContainEqual({ op: 'Replace', path: 'userName', value: 'jgarcia@example.com' });
    expect(userOps).toContainEqual({ op: 'Replace', path: 'active', value: 'False' });
    expect(userOps).toContainEqual({ op: 'Replace', path: 'active', value: 'True' });
    const post = bodies(w, 'POST', /Users$/)[0]!;
    expect(post.password).toBeUndefined();
    expect(post).toMatchObject({ roles: [], meta: { resourceType: 'User' }, name: { formatted: 'Zoë Strauß' } });
    expect(bodies(w, 'POST', /Groups$/)[0]?.schemas).toContain('http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group');
    expect(bodies(w, 'PATCH', /Groups\//).flatMap(ops)).toContainEqual({ op: 'Remove', path: 'members', value: [{ $ref: null, value: expect.any(String) }] });
    expect(w.exchanges.some((x) => x.method === 'DELETE' && x.url.includes('/Users/') && x.status === 204)).toBe(true);
    expect(w.exchanges.filter((x) => x.method === 'PATCH' && x.url.includes('/Groups/')).every((x) => x.status === 204)).toBe(true);
    expect(w.exchanges.filter((x) => x.method === 'GET' && x.url.includes('/Groups?')).every((x) => x.url.includes('excludedAttributes=members'))).toBe(true);
  });

  test('generic: POST, PUT updates, lower-case PATCH ops, DELETE users and groups', async () => {
    const w = await run('generic');
    expect(convergenceVerdict(w)).toEqual({ ok: true });
    expect(bodies(w, 'PUT', /Users\//).length).toBe(2);
    expect(bodies(w, 'PATCH', /./).flatMap(ops).every((o) => o.op === String(o.op).toLowerCase())).toBe(true);
    expect(w.exchanges.some((x) => x.method === 'DELETE' && x.url.includes('/Users/'))).toBe(true);
    expect(w.exchanges.some((x) => x.method === 'DELETE' && x.url.includes('/Groups/'))).toBe(true);
  });

  test('after a planned failover the IdP reaches the new primary through the connection URL with the same token', async () => {
    const w = await run('okta');
    expect(w.primary().name).toBe('ACCOUNT2');
    const after = w.trace.find((t) => t.title.startsWith('IdP sync: deleteUser'))!;
    expect(after.lines.filter((l) => /^(GET|PATCH|DELETE|POST|PUT) /.test(l)).every((l) => / → {2}20\d/.test(l))).toBe(true);
    expect(w.org.account('ACCOUNT2')!.log.some((e) => e.event.type === 'ScimRequestRecorded')).toBe(true);
  });
});

describe('the same models over a real port', () => {
  test('okta syncs through global fetch to an HTTP server in front of the handler', async () => {
    const world = await World.start({ ...plan('okta'), initial: EMPTY_DIRECTORY, steps: [] });
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await world.scim(new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}) }), { account: 'ACCOUNT1', clientIp: req.socket.remoteAddress ?? '127.0.0.1' });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const connector = new OktaConnector({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: () => world.token, fetch: (input, init) => fetch(input, init) });
      const changes = [...changesFromEmpty(initial), { kind: 'updateUser' as const, key: 'u2', set: { email: 'jg@example.com' } }];
      const report = await connector.sync(applyChanges(EMPTY_DIRECTORY, changes).directory, changes);
      expect(report).toEqual({ applied: changes.length });
      const expected = expectedView(applyChanges(EMPTY_DIRECTORY, changes).directory, { userDeletion: 'deactivate' });
      expect(diffIdentity(expected, observedView(world.org.account('ACCOUNT1')!.state, 'OKTA_PROVISIONER'))).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
