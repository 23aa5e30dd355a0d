/**
 * `createScimHandler`: Snowflake's SCIM 2.0 service provider as a web-standard fetch handler
 * (`Request` → `Promise<Response>`), over an `@snowglobe/core` organization. No Node-only API: it
 * runs in a browser, a worker, or behind snowglobe's HTTP server.
 *
 * Every request goes through the same pipeline:
 *
 * 1. route to an account (`info.account`, else the Host header: `<org>-<account>` or the current
 *    primary of `<org>-<connection>`, else the first account); unroutable → `unroutableResponse`;
 * 2. an unavailable account answers 503, as a network failure would (nothing can be recorded);
 * 3. take an in-flight slot of the endpoint (/Users or /Groups of that account) → 429 above 500;
 * 4. authenticate the Bearer token (401) and, with a `/scim/v2/<SCIM_ENDPOINT_ID>/` URL, check it
 *    belongs to that integration;
 * 5. apply the network policy to the client IP (integration's, else account's) → 403;
 * 6. route the path and method (404, 405), read and parse the body (413, 415, 400);
 * 7. run one core command per change as the integration's RUN_AS_ROLE, render the answer;
 * 8. record a REST_EVENT_HISTORY row (`RecordScimRequest`) and answer.
 *
 * Bad input never changes state and never answers 5xx: every failure is a SCIM error value.
 */
import type { Account, Organization } from '@snowglobe/core';
import {
  forUserPost,
  htmlForbiddenResponse,
  readJsonBody,
  resolveOptions,
  scimError,
  scimErrorResponse,
  serviceProviderConfig,
  type ScimError,
  type ScimOptions,
} from './protocol/index.ts';
import { authenticate, bearerToken, TokenHashMemo } from './auth.ts';
import { recordRequest, restEvent, type AuditActor } from './audit.ts';
import { failure, success, type Outcome, type ScimRequestContext } from './context.ts';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups.ts';
import { InFlightLimiter } from './limiter.ts';
import { blockedDetail, checkNetworkPolicy } from './network-policy.ts';
import { parseScimPath, resolveByHost, routeAccount, type AccountResolver, type ScimPath } from './routing.ts';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users.ts';

// One memo for every handler: a token's hash depends on the token alone, and test suites create a
// handler per run with the same few tokens.
const memo = new TokenHashMemo(256);

/** Per-request facts the embedding server knows and a `Request` does not carry. */
export interface ScimRequestInfo {
  /** The account to serve (`ACCOUNT1` or `MYORG.ACCOUNT1`); wins over the Host header. */
  readonly account?: string;
  /** The client's IP address, judged by network policies and recorded as CLIENT_IP. */
  readonly clientIp?: string;
}

/** A SCIM endpoint: one call per HTTP request. */
export type ScimHandler = (request: Request, info?: ScimRequestInfo) => Promise<Response>;

/** The protocol switches ({@link ScimOptions}, all optional) plus what only the handler needs. */
export interface ScimHandlerOptions extends Partial<ScimOptions> {
  /** Client IP when `info.clientIp` is absent. Default `127.0.0.1`. */
  readonly defaultClientIp?: string;
  /**
   * How a request without `info.account` finds its account from its host. Default
   * {@link resolveByHost}: `<org>-<account>.snowflakecomputing.com`, `<org>-<connection>...` (the
   * connection's current primary), else the organization's first account.
   */
  readonly resolveAccount?: AccountResolver;
}

/** The default client IP: a loopback caller, as an in-process client is. */
export const DEFAULT_CLIENT_IP = '127.0.0.1';

const ENDPOINT_USERS = 'scim/v2/Users';
const ENDPOINT_GROUPS = 'scim/v2/Groups';
const ENDPOINT_SPC = 'scim/v2/ServiceProviderConfig';
const NO_ACTOR = '';

/** The ENDPOINT column: canonical for known paths (interned strings for collections). */
function endpointOf(path: ScimPath, pathname: string): string {
  switch (path.kind) {
    case 'collection':
      return path.resource === 'Users' ? ENDPOINT_USERS : ENDPOINT_GROUPS;
    case 'item':
      return `${path.resource === 'Users' ? ENDPOINT_USERS : ENDPOINT_GROUPS}/${path.id}`;
    case 'serviceProviderConfig':
      return ENDPOINT_SPC;
    case 'unknown':
      return pathname.replace(/^\/+/, '');
  }
}

/** The limiter key of a path: /Users and /Groups are limited per account; other paths are not. */
function limitedEndpoint(path: ScimPath): 'Users' | 'Groups' | null {
  return path.kind === 'collection' || path.kind === 'item' ? path.resource : null;
}

/**
 * The limiter key of an account's endpoint, one string per pair: a key built per request was a
 * new string to flatten and hash twice (acquire, release) on every request.
 */
const LIMIT_KEYS = new Map<string, { readonly Users: string; readonly Groups: string }>();

function limitKey(account: string, endpoint: 'Users' | 'Groups'): string {
  let keys = LIMIT_KEYS.get(account);
  if (keys === undefined) {
    if (LIMIT_KEYS.size >= 1024) LIMIT_KEYS.clear();
    keys = { Users: `${account}/Users`, Groups: `${account}/Groups` };
    LIMIT_KEYS.set(account, keys);
  }
  return keys[endpoint];
}

/**
 * Request URLs parsed once: an IdP repeats the same few (`/Users`, `/Groups`), and parsing was a
 * visible share of a request. Bounded, short URLs only; the handler only reads a URL it parsed.
 */
const URLS = new Map<string, URL>();

function parsedUrl(href: string): URL {
  if (href.length > 256) return new URL(href);
  let url = URLS.get(href);
  if (url === undefined) {
    url = new URL(href);
    if (URLS.size >= 256) URLS.clear();
    URLS.set(href, url);
  }
  return url;
}

function methodNotAllowed(ctx: Pick<ScimRequestContext, 'options' | 'secret'>, allow: readonly string[], method: string): Outcome {
  return failure(ctx, scimError.methodNotAllowed(allow, `Method ${method.slice(0, 16)} is not allowed here; allowed: ${allow.join(', ')}`));
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Route an authenticated, admitted request to its endpoint. */
async function dispatch(ctx: ScimRequestContext, path: ScimPath, request: Request): Promise<Outcome> {
  const method = request.method;
  const { options } = ctx;
  let allow: readonly string[];
  switch (path.kind) {
    case 'unknown':
      return failure(ctx, scimError.notFound(`No SCIM resource at ${ctx.url.pathname.slice(0, 200)}`));
    case 'serviceProviderConfig':
      if (method !== 'GET') return methodNotAllowed(ctx, ['GET'], method);
      return success(ctx, serviceProviderConfig(options, { syncPassword: ctx.integration.props.syncPassword, baseUrl: ctx.baseUrl }), 200, {});
    case 'collection':
      allow = ['GET', 'POST'];
      break;
    case 'item':
      allow = path.resource === 'Users' || options.groupPut === 'accept' ? ['GET', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'PATCH', 'DELETE'];
      break;
  }
  if (!allow.includes(method)) return methodNotAllowed(ctx, allow, method);
  if (method === 'GET' || method === 'DELETE') {
    if (path.kind === 'collection') return path.resource === 'Users' ? listUsers(ctx) : listGroups(ctx);
    if (method === 'GET') return path.resource === 'Users' ? getUser(ctx, path.id) : getGroup(ctx, path.id);
    return path.resource === 'Users' ? deleteUser(ctx, path.id) : deleteGroup(ctx, path.id);
  }
  // A write: read the body first (the request holds its in-flight slot meanwhile), then act on the
  // state as it is once the body is in.
  const body = await readJsonBody(request, options);
  const domain = path.resource === 'Users' ? 'user' : 'role';
  if (!body.ok) {
    const subject = path.kind === 'item' ? { id: path.id, domain } as const : { domain } as const;
    // POST /Users answers 409 "if the request fails for any other reason" (spec §1.3): a malformed
    // body (400) too; 413 and 415 keep their status (forUserPost maps only 400 and 403).
    const err = path.kind === 'collection' && path.resource === 'Users' ? forUserPost(body.error, options) : body.error;
    return failure(ctx, err, subject);
  }
  if (path.kind === 'collection') return path.resource === 'Users' ? createUser(ctx, body.value) : createGroup(ctx, body.value);
  if (method === 'PATCH') return path.resource === 'Users' ? patchUser(ctx, path.id, body.value) : patchGroup(ctx, path.id, body.value);
  return path.resource === 'Users' ? replaceUser(ctx, path.id, body.value) : replaceGroup(ctx, path.id, body.value);
}

/**
 * Create the SCIM endpoint of `org`. `options` are the simulator switches (defaults: the
 * documented behaviour and the 2026_03 bundle) plus routing hooks.
 *
 * @example
 * const scim = createScimHandler(org, { bundle: '2026_03' });
 * const res = await scim(new Request('https://myorg-account1.snowflakecomputing.com/scim/v2/Users', {
 *   headers: { authorization: `Bearer ${token}` },
 * }));
 */
export function createScimHandler(org: Organization, options: ScimHandlerOptions = {}): ScimHandler {
  const opts = resolveOptions(options);
  const limiter = new InFlightLimiter(opts.maxInFlightPerEndpoint);
  const resolver = options.resolveAccount ?? resolveByHost;
  const defaultIp = options.defaultClientIp ?? DEFAULT_CLIENT_IP;
  return async (request, info) => {
    try {
      return await handle({ org, options: opts, limiter, memo, resolver, defaultIp }, request, info);
    } catch (e) {
      // A bug, not a client error: answer a SCIM 500 rather than reject the promise (a fetch
      // handler that throws takes the server's error page). The fuzz test keeps this unreachable.
      const detail = e instanceof Error ? e.message : 'unexpected failure';
      return scimErrorResponse(scimError.internal(`Internal error: ${detail.slice(0, 200)}`), opts);
    }
  };
}

/** What one handler instance keeps across requests. */
interface HandlerState {
  readonly org: Organization;
  readonly options: ScimOptions;
  readonly limiter: InFlightLimiter;
  readonly memo: TokenHashMemo;
  readonly resolver: AccountResolver;
  readonly defaultIp: string;
}

/** One admitted request: what its REST_EVENT_HISTORY row needs besides the outcome. */
interface Admitted {
  readonly org: Organization;
  readonly account: Account;
  readonly options: ScimOptions;
  readonly path: ScimPath;
  readonly url: URL;
  readonly method: string;
  readonly token: string | null;
  actor: AuditActor;
}

/** Record the request's row and hand back its response. */
function finish(a: Admitted, outcome: Outcome): Response {
  const fields = {
    endpoint: endpointOf(a.path, a.url.pathname),
    method: a.method,
    status: outcome.status,
    errorCode: outcome.errorCode,
    details: outcome.details,
    resourceName: outcome.resourceName,
    resourceDomain: outcome.resourceDomain,
  };
  recordRequest(a.org, a.account, restEvent(fields, a.actor, a.token));
  return outcome.response;
}

/** Answer (and record) a failure of the pipeline itself. */
function fail(a: Admitted, err: ScimError): Response {
  return finish(a, failure({ options: a.options, secret: a.token }, err));
}

async function handle(h: HandlerState, request: Request, info: ScimRequestInfo | undefined): Promise<Response> {
  const { org, options, limiter, resolver } = h;
  const url = parsedUrl(request.url);
  const route = routeAccount(org, request.headers.get('host') ?? url.host, info?.account, resolver);
  if (!route.ok) {
    return options.unroutableResponse === 'html-403' ? htmlForbiddenResponse() : scimErrorResponse(scimError.notFound(route.reason), options);
  }
  const account = route.account;
  // An outage looks like a network failure to the IdP: 503, and nothing reaches the account's log.
  if (!org.isAvailable(account.name)) {
    return scimErrorResponse(scimError.unavailable(`Account ${account.name} is unavailable`), options);
  }
  const path = parseScimPath(url.pathname, options.strict);
  const token = bearerToken(request.headers.get('authorization'));
  const clientIp = info?.clientIp ?? h.defaultIp;
  const a: Admitted = {
    org,
    account,
    options,
    path,
    url,
    method: request.method,
    token,
    actor: { clientIp, actorName: NO_ACTOR, actorDomain: NO_ACTOR },
  };

  const endpoint = limitedEndpoint(path);
  const key = endpoint === null ? null : limitKey(account.name, endpoint);
  if (key !== null && !limiter.tryAcquire(key)) {
    return fail(a, scimError.tooManyRequests(`More than ${options.maxInFlightPerEndpoint} concurrent requests on /${endpoint} of this account`));
  }
  try {
    const auth = authenticate(account.state, token, org.now, path.endpointId, options, h.memo);
    if (!auth.ok) {
      const response = fail(a, auth.error);
      response.headers.set('www-authenticate', 'Bearer');
      return response;
    }
    const integration = auth.integration;
    a.actor = { clientIp, actorName: integration.props.runAsRole, actorDomain: integration.name };
    const verdict = checkNetworkPolicy(account.state, integration, clientIp, options);
    if (!verdict.allowed) {
      const detail = blockedDetail(clientIp);
      return fail(a, options.networkPolicyBlockStatus === 401 ? scimError.unauthorized(detail) : scimError.forbidden(detail));
    }
    const ctx: ScimRequestContext = {
      org,
      account,
      options,
      integration,
      actor: { role: integration.props.runAsRole },
      url,
      baseUrl: `${url.origin}/scim/v2${path.endpointId === null ? '' : `/${path.endpointId}`}`,
      secret: token,
    };
    const wasWrite = WRITE_METHODS.has(request.method);
    const outcome = await dispatch(ctx, path, request);
    // Between the body read and the write the account may have gone down: the write was refused
    // by core with AccountUnavailable (503) and there is nothing to record into.
    if (wasWrite && !org.isAvailable(account.name)) return outcome.response;
    return finish(a, outcome);
  } finally {
    if (key !== null) limiter.release(key);
  }
}
