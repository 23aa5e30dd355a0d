/**
 * Fuzzing the whole handler with fast-check: thousands of random and mutated requests — methods,
 * paths, hosts, headers, tokens (valid, expired, broken, misplaced), bodies (SCIM-shaped, mutated,
 * malformed, oversize), filters, paging and PATCH operations — interleaved with outages and clock
 * advances. Properties:
 *
 * 1. no response is a 5xx, except the documented 503 of an unavailable account;
 * 2. every error is a SCIM error body whose `status` is the HTTP status, as a string;
 * 3. a failed request (4xx/5xx) changes no user and no role;
 * 4. every user and role SCIM created is owned by the RUN_AS_ROLE of the integration that created it;
 * 5. no token text appears anywhere in the log or in any response.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { findRole, shGet, type Event } from '@snowglobe/core';
import { ADMIN, fixture } from './test-support.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:2.0:User';
const MAX_BODY = 2048;

/** Placeholders resolved at run time against the objects created so far. */
const pick = fc.oneof(
  fc.nat({ max: 9 }).map((n) => `@@user:${n}`),
  fc.nat({ max: 9 }).map((n) => `@@group:${n}`),
  fc.constantFrom('unknown-id', '', '%zz', '../../etc', 'ACCOUNTADMIN', 'x'.repeat(300)),
);

const str = fc.oneof(
  fc.constantFrom('alice@example.com', 'Bob', 'ALICE@EXAMPLE.COM', 'é ü ß', '', ' ', 'a"b\\c', 'null', 'True', 'False', 'NONE', 'ALL'),
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 250, maxLength: 300 }),
);
const anyValue = fc.oneof(str, fc.boolean(), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }), pick);
const boolish = fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 2, arbitrary: fc.constantFrom('True', 'False', 'true') }, { weight: 1, arbitrary: fc.constantFrom('maybe', 1, 0, null) });

/** Mostly `good`, now and then anything at all: most requests valid, every field sometimes broken. */
const mostly = <T,>(good: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: anyValue });
const text = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,15}$/);

const extension = fc.record(
  {
    defaultRole: mostly(text),
    defaultWarehouse: mostly(text),
    defaultSecondaryRoles: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('ALL', 'NONE', '', ['ALL']) }, { weight: 1, arbitrary: fc.constantFrom('SOME', 7) }),
    type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('person', 'service', 'SERVICE_AGENT', 'legacy_service', null) }, { weight: 1, arbitrary: fc.constantFrom('robot', 1) }),
    snowflakeUserName: mostly(text),
    snowflakeTags: fc.oneof({ weight: 8, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.constant(['db.sch.tag:v']) }),
    allowedInterfaces: fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('ALL', 'STREAMLIT') }),
  },
  { requiredKeys: [] },
);

/** Mostly fresh, valid user names, so that creates succeed and later requests find objects. */
const userName = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[a-z]{2,8}(\.[a-z]{2,6})?@(example|contoso)\.com$/) },
  { weight: 1, arbitrary: str },
  { weight: 1, arbitrary: anyValue },
);

const userBody = fc.record(
  {
    schemas: fc.oneof({ weight: 6, arbitrary: fc.constantFrom([CORE], [CORE, ENTERPRISE], [CORE, EXT]) }, { weight: 1, arbitrary: fc.constant(['urn:bogus']) }, { weight: 1, arbitrary: anyValue }),
    userName,
    name: mostly(fc.record({ givenName: mostly(text), familyName: mostly(text), formatted: str }, { requiredKeys: [] })),
    emails: mostly(fc.array(fc.record({ value: mostly(fc.emailAddress()), primary: boolish, type: fc.constantFrom('work', 'home') }, { requiredKeys: [] }), { maxLength: 3 })),
    displayName: mostly(text),
    active: boolish,
    password: mostly(text),
    externalId: mostly(text),
    groups: mostly(fc.constant([])),
    roles: fc.constant([]),
    id: anyValue,
    /** One extension object, mostly: two that disagree are a 400 (conflicting values). */
    extension: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(ENTERPRISE, EXT) }, { weight: 1, arbitrary: fc.constant('both') }),
    extensionBody: extension,
    /** Now and then a key Snowflake lacks, or a key repeated in another case. */
    oddity: fc.oneof(
      { weight: 8, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom<Record<string, unknown>>({ nickName: 'n' }, { UserName: 'dup' }, { [`${EXT}:type`]: 'person' }, { roles: [] }) },
    ),
  },
  { requiredKeys: ['userName', 'extension', 'extensionBody', 'oddity'] },
).map(({ extension: ns, extensionBody, oddity, ...rest }) => {
  const body: Record<string, unknown> = { ...rest };
  if (ns === 'both') {
    body[ENTERPRISE] = extensionBody;
    body[EXT] = extensionBody;
  } else if (ns !== null) body[ns] = extensionBody;
  return oddity === null ? body : { ...body, ...oddity };
});

const path = fc.oneof(
  fc.constantFrom(
    'active',
    'userName',
    'displayName',
    'name.givenName',
    'name.familyName',
    'emails[type eq "work"].value',
    'emails',
    'password',
    'externalId',
    'groups',
    'members',
    'id',
    `${ENTERPRISE}.snowflakeUserName`,
    `${ENTERPRISE}:defaultRole`,
    `${EXT}:defaultSecondaryRoles`,
    `${EXT}:type`,
    EXT,
    'urn:bogus:attr',
    '[',
    'members[value eq',
    'name.',
    '',
  ),
  pick.map((p) => `members[value eq "${p}"]`),
  fc.string({ maxLength: 10 }),
);
const userRef = fc.nat({ max: 9 }).map((n) => `@@user:${n}`);
const members = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: userRef.map((value) => ({ value })) },
    { weight: 2, arbitrary: userRef.map((value) => ({ $ref: null, value })) },
    { weight: 1, arbitrary: pick },
    { weight: 1, arbitrary: pick.map((value) => ({ value })) },
    { weight: 1, arbitrary: anyValue },
  ),
  { maxLength: 4 },
);
const randomOperation = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'Add', 'Replace', 'Remove', 'REPLACE', 'move', ''), anyValue),
    path,
    value: fc.oneof(anyValue, members, userBody, fc.record({ displayName: str, id: pick }, { requiredKeys: [] })),
  },
  { requiredKeys: ['op'] },
);
/** User operations as IdPs send them (spec §4.3, §4.4), mostly well-formed. */
const userOperation = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('replace', 'Replace'), value: fc.record({ active: boolish, displayName: mostly(text), givenName: mostly(text), 'name.familyName': mostly(text) }, { requiredKeys: [] }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constantFrom('replace', 'Replace', 'add', 'Add'),
      path: fc.constantFrom('active', 'displayName', 'name.givenName', 'emails[type eq "work"].value', `${EXT}:defaultRole`, `${ENTERPRISE}.defaultWarehouse`, 'userName', 'externalId', `${EXT}:defaultSecondaryRoles`, 'password'),
      value: fc.oneof(mostly(text), boolish, fc.constantFrom('ALL', 'NONE')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove'), path: fc.constantFrom('displayName', 'name.familyName', 'externalId', `${EXT}:type`, 'emails', `${ENTERPRISE}:defaultRole`) }) },
  { weight: 1, arbitrary: randomOperation },
);
/** Group operations as IdPs send them (spec §3.2, §4.3, §4.4), mostly well-formed. */
const groupOperation = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('add', 'Add'), path: fc.constant('members'), value: members }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('add'), value: members }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('remove', 'Remove'), path: userRef.map((p) => `members[value eq "${p}"]`) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('Remove'), path: fc.constant('members'), value: members }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace'), path: fc.constant('members'), value: members }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace'), value: fc.record({ id: fc.constant('@@self'), displayName: mostly(text) }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('Replace'), path: fc.constant('displayName'), value: mostly(text) }) },
  { weight: 1, arbitrary: randomOperation },
);
const patchBody = (operation: fc.Arbitrary<unknown>) =>
  fc.record({ schemas: mostly(fc.constant([PATCH_OP])), Operations: mostly(fc.array(operation, { maxLength: 4 })) }, { requiredKeys: ['Operations'] });
const groupBody = fc.record(
  {
    schemas: mostly(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:Group'])),
    displayName: fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{1,12}$/) },
      { weight: 1, arbitrary: fc.constantFrom('okta_group', 'Sales', 'ACCOUNTADMIN', 'OKTA_PROVISIONER') },
      { weight: 1, arbitrary: anyValue },
    ),
    members: mostly(members),
    externalId: mostly(text),
  },
  { requiredKeys: ['displayName'] },
);

/** A body as sent: SCIM-shaped, random JSON, mutated text, or oversize. */
const anyBody = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(userBody, patchBody(userOperation), groupBody).map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(userBody, patchBody(groupOperation), groupBody), fc.nat()).map(([b, n]) => { const t = JSON.stringify(b); return t.slice(0, n % (t.length + 1)); }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(`{"userName":"${'x'.repeat(MAX_BODY)}"}`) },
);

const filter = fc.oneof(
  fc.constantFrom('userName eq "@@username"', 'userName sw "a"', 'displayName eq "okta_group"', 'displayName sw "S"', 'externalId eq "x"', 'userName co "a"', 'userName eq "a" or userName eq "b"', 'not (userName eq "a")', 'userName pr', 'emails[type eq "work"]', 'userName eq 1', 'userName eq', '"', ''),
  str.map((s) => `userName eq ${JSON.stringify(s)}`),
  fc.string({ maxLength: 20 }),
);
const query = fc.record(
  {
    filter,
    startIndex: fc.oneof(fc.integer({ min: -5, max: 20 }).map(String), fc.constantFrom('abc', '1.5', '1e3', '')),
    count: fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.constantFrom('x', '')),
    excludedAttributes: fc.constantFrom('groups', 'members', 'GROUPS', 'name', ''),
  },
  { requiredKeys: [] },
);

type TokenChoice = 'okta' | 'entra' | 'generic' | 'none' | 'broken' | 'basic' | 'misplaced' | 'garbage';

const request = fc.record({
  kind: fc.constant('request' as const),
  method: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('GET', 'POST') },
    { weight: 4, arbitrary: fc.constant('PATCH') },
    { weight: 2, arbitrary: fc.constant('PUT') },
    { weight: 1, arbitrary: fc.constant('DELETE') },
    { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'FOO') },
  ),
  base: fc.oneof(
    { weight: 12, arbitrary: fc.constant('/scim/v2') },
    { weight: 2, arbitrary: fc.constant('/scim/v2/@@endpoint') },
    { weight: 1, arbitrary: fc.constantFrom('/SCIM/V2', '/scim/v1', '', '/scim/v2/00000000-0000-4000-a000-000000000000') },
  ),
  resource: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('Users', 'Groups') }, { weight: 1, arbitrary: fc.constantFrom('ServiceProviderConfig', 'Schemas', 'users', 'Bulk', '', '@@token') }),
  /** `@@id:n` picks an object of the endpoint's own kind. */
  id: fc.oneof({ weight: 5, arbitrary: fc.nat({ max: 9 }).map((n) => `@@id:${n}`) }, { weight: 1, arbitrary: pick }),
  /** 0: the unusual shape (an id on POST, none on PUT/PATCH/DELETE/GET-by-id). */
  shape: fc.nat({ max: 5 }),
  slash: fc.boolean(),
  query: fc.option(query, { nil: null }),
  token: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<TokenChoice>('okta', 'okta', 'entra', 'generic') },
    { weight: 1, arbitrary: fc.constantFrom<TokenChoice>('none', 'broken', 'basic', 'misplaced', 'garbage') },
  ),
  contentType: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('application/scim+json', 'application/json', 'application/scim+json; charset=utf-8') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', null) },
  ),
  host: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('myorg-account1.snowflakecomputing.com', 'localhost:4280') },
    { weight: 1, arbitrary: fc.constant('myorg-nowhere.snowflakecomputing.com') },
  ),
  clientIp: fc.oneof({ weight: 10, arbitrary: fc.constantFrom('127.0.0.1', '10.1.2.3') }, { weight: 1, arbitrary: fc.constantFrom('192.168.0.1', '2001:db8::1', 'junk') }),
  /** A fitting body for the endpoint, usually; `other` when `mismatch` is 0. */
  body: fc.option(
    fc.record({
      user: userBody.map((b) => JSON.stringify(b)),
      userPatch: patchBody(userOperation).map((b) => JSON.stringify(b)),
      groupPatch: patchBody(groupOperation).map((b) => JSON.stringify(b)),
      group: groupBody.map((b) => JSON.stringify(b)),
      other: anyBody,
      mismatch: fc.nat({ max: 4 }),
    }),
    { nil: null, freq: 8 },
  ),
});
const step = fc.oneof(
  { weight: 40, arbitrary: request },
  // One request sent while the account is down.
  { weight: 1, arbitrary: request.map((r) => ({ ...r, outage: true })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'advance' as const }) },
);

describe('fuzz', () => {
  it('random and mutated requests: no 5xx but the documented 503, SCIM error bodies, failures change nothing, ownership, no token leaks', async () => {
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 60 }), fc.nat({ max: 3 }), async (steps, mode) => {
        // A quarter of the runs in strict mode.
        const strict = mode === 0;
        const f = fixture({ maxBodyBytes: MAX_BODY, strict, groupPut: strict ? 'reject-405' : 'accept' });
        const account = f.org.requireAccount('ACCOUNT1');
        // Network policies in play: the Okta integration admits only 10/8 and loopback.
        for (const c of [
          { type: 'CreateNetworkPolicy', name: 'OKTA_IPS', allowedIpList: ['10.0.0.0/8', '127.0.0.1'] },
          { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'OKTA_IPS' } },
        ] as const) {
          const r = f.org.execute('ACCOUNT1', c, ADMIN);
          if ('type' in r) throw new Error(r.message);
        }
        const setupSeq = account.seq;
        const endpoint = (() => {
          const i = [...account.state.integrations.values()].find((x) => x.name === 'OKTA_PROVISIONING');
          return i?.props.kind === 'SCIM' ? i.props.scimEndpointId : '';
        })();
        const provisioner = {
          okta: findRole(account.state, { name: 'OKTA_PROVISIONER' })!.id,
          entra: findRole(account.state, { name: 'AAD_PROVISIONER' })!.id,
          generic: findRole(account.state, { name: 'GENERIC_SCIM_PROVISIONER' })!.id,
        };
        const tokens = { okta: f.okta, entra: f.entra, generic: f.generic };
        const users: string[] = [];
        const groups: string[] = [];
        const userNames: string[] = [];
        const owners = new Map<string, string>();
        const responses: string[] = [];
        // Seed each integration with two users and a group holding them, so that requests by id
        // meet real objects from the first step.
        for (const [name, t] of Object.entries(tokens) as [keyof typeof tokens, string][]) {
          const ids: string[] = [];
          for (const n of [1, 2]) {
            const r = await f.json('POST', '/Users', { token: t, body: { schemas: [CORE], userName: `seed${n}.${name}@example.com`, name: { givenName: 'Seed' } } });
            if (r.status !== 201) throw new Error(`seeding failed: ${JSON.stringify(r.body)}`);
            ids.push(String(r.body?.id));
            userNames.push(`seed${n}.${name}@example.com`);
          }
          const g = await f.json('POST', '/Groups', {
            token: t,
            body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `seed_${name}`, members: ids.map((value) => ({ value })) },
          });
          if (g.status !== 201) throw new Error(`seeding failed: ${JSON.stringify(g.body)}`);
          users.push(...ids);
          groups.push(String(g.body?.id));
          for (const id of [...ids, String(g.body?.id)]) owners.set(id, name);
        }
        const resolve = (text: string): string =>
          text
            .replace(/@@user:(\d+)/g, (_, n: string) => users[Number(n) % Math.max(users.length, 1)] ?? 'no-user')
            .replace(/@@group:(\d+)/g, (_, n: string) => groups[Number(n) % Math.max(groups.length, 1)] ?? 'no-group')
            .replace(/@@username/g, userNames[0] ?? 'nobody')
            .replace(/@@endpoint/g, endpoint)
            .replace(/@@token/g, f.okta);

        for (const s of steps) {
          if (s.kind === 'advance') {
            // Now and then far enough to expire the tokens (183 days) within a long run.
            f.org.advance('9 days');
            continue;
          }
          const outage = 'outage' in s;
          if (outage) f.org.setAvailable('ACCOUNT1', false);
          const headers: Record<string, string> = {};
          let token: keyof typeof tokens = 'okta';
          let misplaced = false;
          switch (s.token) {
            case 'okta':
            case 'entra':
            case 'generic':
              token = s.token;
              headers.authorization = `Bearer ${tokens[s.token]}`;
              break;
            case 'broken':
              headers.authorization = `Bearer ${f.okta.slice(0, -1)}`;
              break;
            case 'basic':
              headers.authorization = `Basic ${f.entra}`;
              break;
            case 'misplaced':
              // The token where it does not belong: the path. It must not come back or be logged.
              misplaced = true;
              headers.authorization = `Bearer ${f.generic}`;
              token = 'generic';
              break;
            case 'garbage':
              headers.authorization = 'Bearer ver:1-hint:0-ETMsDgAAAgarbage==';
              break;
            case 'none':
              break;
          }
          // `@@id:n` mostly picks an object the caller's integration owns, sometimes anyone's.
          const all = s.resource === 'Groups' ? groups : users;
          const own = all.filter((x) => owners.get(x) === token);
          const id = s.id.replace(/@@id:(\d+)/, (_, n: string) => {
            const pool = Number(n) < 8 && own.length > 0 ? own : all;
            return pool[Number(n) % Math.max(pool.length, 1)] ?? 'nothing-yet';
          });
          // Collections mostly for POST and GET, items mostly for the others.
          const itemShape = (s.method === 'POST') === (s.shape === 0) || (s.method === 'GET' && s.shape % 2 === 0);
          let pathText = `${resolve(s.base)}${s.resource === '' ? '' : `/${s.resource}`}${itemShape ? `/${encodeURIComponent(resolve(id))}` : ''}${s.slash ? '/' : ''}`;
          if (misplaced) pathText += `/${f.generic}`;
          if (s.contentType !== null) headers['content-type'] = s.contentType;
          headers.host = s.host;
          const qs = s.query === null ? '' : `?${Object.entries(s.query).map(([k, v]) => `${k}=${encodeURIComponent(resolve(v))}`).join('&')}`;
          let sent: string | null = null;
          if (s.body !== null && s.method !== 'GET' && s.method !== 'HEAD') {
            const b = s.body;
            const patch = s.resource === 'Groups' ? b.groupPatch : b.userPatch;
            sent = (b.mismatch === 0 ? b.other : s.method === 'PATCH' ? patch : s.resource === 'Groups' ? b.group : b.user).replaceAll('@@self', id);
          }
          const req = new Request(`https://${s.host}${pathText}${qs}`, { method: s.method, headers, ...(sent !== null ? { body: resolve(sent) } : {}) });

          const before = account.state;
          const available = f.org.isAvailable('ACCOUNT1');
          const res = await f.scim(req, { clientIp: s.clientIp });
          if (outage) f.org.setAvailable('ACCOUNT1', true);
          requests += 1;
          const text = await res.text();
          responses.push(text);
          const where = `${s.method} ${pathText}${qs} -> ${res.status} ${text.slice(0, 200)}`;

          // 1. no 5xx but the documented 503 of an unavailable account.
          if (res.status >= 500) {
            expect(res.status, where).toBe(503);
            expect(available, where).toBe(false);
          }
          // 2. errors are SCIM error bodies (the html-403 option is off here).
          if (res.status >= 400) {
            const body = JSON.parse(text) as { schemas: string[]; status: string };
            expect(body.schemas, where).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
            expect(body.status, where).toBe(String(res.status));
            // 3. a failed request changes no user and no role.
            expect(account.state.users === before.users, where).toBe(true);
            expect(account.state.roles === before.roles, where).toBe(true);
          }
          // Forget what was deleted, so that later steps mostly meet live objects.
          if (s.method === 'DELETE' && res.status === 204) {
            for (const pool of [users, groups]) {
              const at = pool.indexOf(id);
              if (at >= 0) pool.splice(at, 1);
            }
          }
          // Remember what was created, and by whom (4).
          if (res.status === 201) {
            const body = JSON.parse(text) as { id: string; userName?: string };
            const isUser = body.userName !== undefined;
            (isUser ? users : groups).push(body.id);
            owners.set(body.id, token);
            if (isUser && body.userName !== undefined) userNames.push(body.userName);
            const owner = isUser ? shGet(account.state.users, body.id)?.owner : shGet(account.state.roles, body.id)?.owner;
            expect(owner, where).toBe(provisioner[token]);
          }
        }

        // 4. every object SCIM created (any UserCreated / RoleCreated after setup) is owned by a RUN_AS_ROLE.
        const runAsRoles = new Set(Object.values(provisioner));
        for (const entry of account.log) {
          if (entry.seq <= setupSeq) continue;
          const e: Event = entry.event;
          if (e.type === 'UserCreated') expect(runAsRoles.has(e.user.owner)).toBe(true);
          if (e.type === 'RoleCreated') expect(runAsRoles.has(e.role.owner)).toBe(true);
        }
        // 5. no token text in the log or any response.
        const log = JSON.stringify(account.log);
        for (const t of Object.values(tokens)) {
          expect(log.includes(t)).toBe(false);
          for (const r of responses) expect(r.includes(t)).toBe(false);
        }
      }),
      { numRuns: 100, seed: 4242, endOnFailure: true },
    );
    expect(requests).toBeGreaterThan(3000);
  }, 240_000);
});
