/**
 * Arbitraries for SCIM requests, valid and malformed: the request shapes Okta, Entra and plain
 * RFC 7644 clients send (spec §4, §10), and the ways requests go wrong (bad JSON, unsupported
 * filters, non-numeric paging, missing or garbage tokens, unknown paths and ids, wrong methods,
 * immutable or unknown attributes, oversized bodies). Requests name their targets by index
 * (`{ user: 3 }`); `materializeScimRequest` resolves them against the ids that exist at run time,
 * so a counterexample prints with real ids.
 */
import fc from 'fast-check';
import { userDraftArb, groupNameArb, type UserDraft } from './directory.ts';
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, EXTENSION_USER, MS_ADSCIM_GROUP, PATCH_OP } from '../idp/schemas.ts';

/** Where a request points: a collection, an item picked by index, or a raw path. */
export type ScimTarget =
  | { readonly kind: 'collection'; readonly resource: 'Users' | 'Groups' }
  | { readonly kind: 'item'; readonly resource: 'Users' | 'Groups'; readonly pick: number }
  | { readonly kind: 'missing'; readonly resource: 'Users' | 'Groups' }
  | { readonly kind: 'raw'; readonly path: string };

/** A body: JSON (with `{{user}}` / `{{group}}` placeholders resolved at run time) or raw text. */
export type ScimBody = { readonly json: unknown } | { readonly raw: string };

/** One SCIM request as data. */
export interface ScimRequestSpec {
  /** What it is, for reports: `okta: create user`, `malformed: filter with 'co'`. */
  readonly label: string;
  readonly method: string;
  readonly target: ScimTarget;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: ScimBody;
  /** `valid` (default), or an authentication fault. */
  readonly auth?: 'valid' | 'missing' | 'garbage' | 'basic';
  readonly contentType?: string;
  /** Picks used by placeholders in the body (a member to add, ...). */
  readonly memberPick?: number;
  /** True when Snowflake must refuse it (4xx), whatever its options. */
  readonly mustFail: boolean;
}

/** The ids that exist when a request is sent. */
export interface ScimRuntime {
  readonly baseUrl: string;
  readonly token: string;
  readonly userIds: readonly string[];
  readonly groupIds: readonly string[];
}

const pick = fc.nat(255);

function userBody(d: UserDraft, flavour: 'okta' | 'entra' | 'generic'): Record<string, unknown> {
  const base: Record<string, unknown> = {
    userName: d.userName,
    name: { givenName: d.givenName, familyName: d.familyName },
    emails: [{ primary: true, value: d.email, type: 'work' }],
    displayName: d.displayName,
    active: d.active,
  };
  switch (flavour) {
    case 'okta':
      return { schemas: [CORE_USER, ENTERPRISE_USER], ...base, locale: 'en-US', externalId: '00u1abcdEFGH', groups: [], password: 'Placeholder-1!', ...(d.defaultWarehouse ? { [ENTERPRISE_USER]: { defaultWarehouse: d.defaultWarehouse } } : {}) };
    case 'entra':
      return { schemas: [CORE_USER, ENTERPRISE_USER], ...base, externalId: 'mailnick', meta: { resourceType: 'User' }, roles: [] };
    case 'generic':
      return { schemas: [CORE_USER, EXTENSION_USER], ...base, ...(d.defaultWarehouse ? { [EXTENSION_USER]: { defaultWarehouse: d.defaultWarehouse } } : {}) };
  }
}

const patch = (ops: unknown[]): ScimBody => ({ json: { schemas: [PATCH_OP], Operations: ops } });
const flavour = fc.constantFrom('okta' as const, 'entra' as const, 'generic' as const);

/** Requests a well-behaved client sends. */
export function validScimRequestArb(): fc.Arbitrary<ScimRequestSpec> {
  const usersCollection: ScimTarget = { kind: 'collection', resource: 'Users' };
  const item = (resource: 'Users' | 'Groups') => pick.map((p): ScimTarget => ({ kind: 'item', resource, pick: p }));
  const ok = (x: Omit<ScimRequestSpec, 'mustFail'>): ScimRequestSpec => ({ ...x, mustFail: false });
  return fc.oneof(
    fc.tuple(userDraftArb(), fc.boolean()).map(([d, paged]) =>
      ok({ label: 'filter users by userName', method: 'GET', target: usersCollection, query: { filter: `userName eq ${JSON.stringify(d.userName)}`, ...(paged ? { startIndex: '1', count: '100' } : {}) } }),
    ),
    fc.tuple(fc.integer({ min: -2, max: 5 }), fc.integer({ min: -1, max: 1500 })).map(([s, c]) =>
      ok({ label: 'list users page', method: 'GET', target: usersCollection, query: { startIndex: String(s), count: String(c), excludedAttributes: 'groups' } }),
    ),
    item('Users').map((target) => ok({ label: 'get user', method: 'GET', target })),
    groupNameArb().map((g) => ok({ label: 'filter groups (Entra)', method: 'GET', target: { kind: 'collection', resource: 'Groups' }, query: { excludedAttributes: 'members', filter: `displayName eq ${JSON.stringify(g)}` } })),
    item('Groups').map((target) => ok({ label: 'get group', method: 'GET', target, query: { excludedAttributes: 'members' } })),
    fc.constant(ok({ label: 'service provider config', method: 'GET', target: { kind: 'raw', path: '/ServiceProviderConfig' } })),
    fc.tuple(userDraftArb(), flavour).map(([d, f]) => ok({ label: `${f}: create user`, method: 'POST', target: { kind: 'collection', resource: 'Users' }, body: { json: userBody(d, f) } })),
    fc.tuple(groupNameArb(), fc.boolean()).map(([g, ms]) =>
      ok({ label: 'create group', method: 'POST', target: { kind: 'collection', resource: 'Groups' }, body: { json: { schemas: ms ? [CORE_GROUP, MS_ADSCIM_GROUP] : [CORE_GROUP], displayName: g } } }),
    ),
    fc.tuple(item('Users'), fc.boolean()).map(([target, active]) => ok({ label: 'okta: (de)activate', method: 'PATCH', target, body: patch([{ op: 'replace', value: { active } }]) })),
    fc.tuple(item('Users'), fc.constantFrom('True', 'False')).map(([target, v]) => ok({ label: 'entra: string boolean', method: 'PATCH', target, body: patch([{ op: 'Replace', path: 'active', value: v }]) })),
    fc.tuple(item('Users'), userDraftArb()).map(([target, d]) =>
      ok({
        label: 'entra: replace with paths',
        method: 'PATCH',
        target,
        body: patch([
          { op: 'Replace', path: 'emails[type eq "work"].value', value: d.email },
          { op: 'Replace', path: 'name.familyName', value: d.familyName },
          { op: 'Replace', path: `${EXTENSION_USER}:defaultWarehouse`, value: 'COMPUTE_WH' },
        ]),
      }),
    ),
    fc.tuple(item('Users'), userDraftArb()).map(([target, d]) => ok({ label: 'put user', method: 'PUT', target, body: { json: userBody(d, 'generic') } })),
    fc.tuple(item('Groups'), pick).map(([target, m]) =>
      ok({ label: 'okta: add member', method: 'PATCH', target, memberPick: m, body: patch([{ op: 'add', path: 'members', value: [{ value: '{{member}}', display: 'x' }] }]) }),
    ),
    fc.tuple(item('Groups'), pick).map(([target, m]) => ok({ label: 'okta: remove member', method: 'PATCH', target, memberPick: m, body: patch([{ op: 'remove', path: 'members[value eq "{{member}}"]' }]) })),
    fc.tuple(item('Groups'), groupNameArb()).map(([target, g]) => ok({ label: 'entra: rename group', method: 'PATCH', target, body: patch([{ op: 'Replace', path: 'displayName', value: g }]) })),
    item('Users').map((target) => ok({ label: 'delete user', method: 'DELETE', target })),
    item('Groups').map((target) => ok({ label: 'delete group', method: 'DELETE', target })),
  );
}

/** Requests Snowflake must refuse (4xx) — never 5xx, never a state change. */
export function malformedScimRequestArb(): fc.Arbitrary<ScimRequestSpec> {
  const bad = (x: Omit<ScimRequestSpec, 'mustFail'>): ScimRequestSpec => ({ ...x, mustFail: true });
  const usersCollection: ScimTarget = { kind: 'collection', resource: 'Users' };
  const userItem = pick.map((p): ScimTarget => ({ kind: 'item', resource: 'Users', pick: p }));
  return fc.oneof(
    fc
      .constantFrom('userName co "a"', 'userName eq "a" and active eq true', 'userName eq', '(userName eq "a"', 'userName gt "a"', 'userName eq 1', 'userName eq "a" or userName eq "b"')
      .map((f) => bad({ label: `unsupported filter: ${f}`, method: 'GET', target: usersCollection, query: { filter: f } })),
    fc.constantFrom('abc', '1.5x', '').filter((v) => v !== '').map((v) => bad({ label: 'non-numeric startIndex', method: 'GET', target: usersCollection, query: { startIndex: v } })),
    fc.constantFrom('{"userName":', '[1,2', 'not json', '{"userName": "x",}').map((raw) => bad({ label: 'body is not JSON', method: 'POST', target: usersCollection, body: { raw } })),
    fc.constant(bad({ label: 'user without userName', method: 'POST', target: usersCollection, body: { json: { schemas: [CORE_USER], displayName: 'No Login' } } })),
    fc.constant(bad({ label: 'userName is not a string', method: 'POST', target: usersCollection, body: { json: { schemas: [CORE_USER], userName: 42 } } })),
    fc.constantFrom<ScimRequestSpec['auth']>('missing', 'garbage', 'basic').map((auth) => bad({ label: `auth: ${auth}`, method: 'GET', target: usersCollection, auth })),
    fc.constantFrom('/Bulk', '/Me', '/Schemas/x', '/Users/a/b').map((path) => bad({ label: `unknown path ${path}`, method: 'GET', target: { kind: 'raw', path } })),
    fc.constantFrom('GET', 'PATCH', 'DELETE').map((method) => bad({ label: `${method} an id that does not exist`, method, target: { kind: 'missing', resource: 'Users' }, ...(method === 'PATCH' ? { body: patch([{ op: 'replace', value: { active: false } }]) } : {}) })),
    fc.constant(bad({ label: 'DELETE the Users collection', method: 'DELETE', target: usersCollection })),
    userItem.map((target) => bad({ label: 'PATCH op move', method: 'PATCH', target, body: patch([{ op: 'move', path: 'displayName', value: 'x' }]) })),
    userItem.map((target) => bad({ label: 'PATCH the read-only groups', method: 'PATCH', target, body: patch([{ op: 'add', path: 'groups', value: [{ value: 'x' }] }]) })),
    fc.tuple(userItem, userDraftArb()).map(([target, d]) =>
      bad({ label: 'PUT an attribute Snowflake does not have', method: 'PUT', target, body: { json: { schemas: [CORE_USER], userName: d.userName, favoriteColor: 'teal' } } }),
    ),
    fc.constant(bad({ label: 'body over the size limit', method: 'POST', target: usersCollection, body: { raw: `{"userName":"${'x'.repeat(1_100_000)}"}` } })),
    fc.constant(bad({ label: 'content type text/plain', method: 'POST', target: usersCollection, contentType: 'text/plain', body: { json: { schemas: [CORE_USER], userName: 'plain@example.com' } } })),
  );
}

/** Valid and malformed requests, mostly valid (weights 3:1 by default). */
export function scimRequestArb(opts: { readonly malformedWeight?: number } = {}): fc.Arbitrary<ScimRequestSpec> {
  return fc.oneof({ weight: 3, arbitrary: validScimRequestArb() }, { weight: opts.malformedWeight ?? 1, arbitrary: malformedScimRequestArb() });
}

const MISSING_ID = 'does-not-exist-0000';

function at(ids: readonly string[], n: number): string {
  return ids.length === 0 ? MISSING_ID : ids[n % ids.length]!;
}

/** Builds the `Request`, resolving picks and placeholders against the ids that exist now. */
export function materializeScimRequest(spec: ScimRequestSpec, rt: ScimRuntime): Request {
  let path: string;
  switch (spec.target.kind) {
    case 'collection':
      path = `/${spec.target.resource}`;
      break;
    case 'item':
      path = `/${spec.target.resource}/${encodeURIComponent(at(spec.target.resource === 'Users' ? rt.userIds : rt.groupIds, spec.target.pick))}`;
      break;
    case 'missing':
      path = `/${spec.target.resource}/${MISSING_ID}`;
      break;
    case 'raw':
      path = spec.target.path;
      break;
  }
  const query = spec.query ? `?${Object.entries(spec.query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
  const headers: Record<string, string> = { Accept: 'application/scim+json' };
  switch (spec.auth ?? 'valid') {
    case 'valid':
      headers.Authorization = `Bearer ${rt.token}`;
      break;
    case 'garbage':
      headers.Authorization = 'Bearer ver:1-hint:0-not-a-token';
      break;
    case 'basic':
      headers.Authorization = 'Basic YWRtaW46YWRtaW4=';
      break;
    case 'missing':
      break;
  }
  let body: string | undefined;
  if (spec.body) {
    headers['Content-Type'] = spec.contentType ?? 'application/scim+json';
    if ('raw' in spec.body) body = spec.body.raw;
    else body = JSON.stringify(spec.body.json).replaceAll('{{member}}', at(rt.userIds, spec.memberPick ?? 0));
  }
  return new Request(`${rt.baseUrl}${path}${query}`, { method: spec.method, headers, ...(body !== undefined ? { body } : {}) });
}
