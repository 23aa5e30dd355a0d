/**
 * Where a SCIM request goes: which account (from the caller, or the Host header as Snowflake's
 * account and connection URLs do) and which resource (from the path below `/scim/v2/`).
 *
 * Base URLs (spec §1.1): `/scim/v2/` and `/scim/v2/<SCIM_ENDPOINT_ID>/`, with or without the
 * trailing slash (Entra's tenant URL has none).
 */
import { resolveHost, type Account, type Organization } from '@snowglobe/core';

/** The resources this service provider serves. */
export type ScimResource = 'Users' | 'Groups';

/** What the path of a request names. */
export type ScimPath =
  | { readonly kind: 'collection'; readonly resource: ScimResource; readonly endpointId: string | null }
  | { readonly kind: 'item'; readonly resource: ScimResource; readonly id: string; readonly endpointId: string | null }
  | { readonly kind: 'serviceProviderConfig'; readonly endpointId: string | null }
  /** Anything else under or outside `/scim/v2` (e.g. `/Schemas`, `/Bulk`, `/Me`: UNCONFIRMED, answered 404). */
  | { readonly kind: 'unknown'; readonly endpointId: string | null };

const BASE = ['scim', 'v2'] as const;
/** SCIM_ENDPOINT_ID is a UUID (spec §1.1; core generates the 8-4-4-4-12 form). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCES = ['Users', 'Groups', 'ServiceProviderConfig'] as const;
type ResourceName = (typeof RESOURCES)[number];

function resourceName(segment: string, strict: boolean): ResourceName | undefined {
  // Resource endpoints are case-sensitive in RFC 7644; lenient mode forgives `/users`.
  return strict ? RESOURCES.find((r) => r === segment) : RESOURCES.find((r) => r.toLowerCase() === segment.toLowerCase());
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function unknown(endpointId: string | null = null): ScimPath {
  return { kind: 'unknown', endpointId };
}

/**
 * Parse a URL path (still percent-encoded). One trailing slash is allowed anywhere a path ends;
 * empty segments elsewhere (`/scim/v2//Users`) name nothing.
 */
export function parseScimPath(pathname: string, strict: boolean): ScimPath {
  // Memoized: an IdP sends the same few paths again and again, and splitting each one showed in
  // profiles. Results are immutable, so sharing them is safe; the memo is bounded, and keeps only
  // paths of a plausible length.
  if (pathname.length > 256) return parsePath(pathname, strict);
  const memo = strict ? STRICT_PATHS : LENIENT_PATHS;
  let path = memo.get(pathname);
  if (path === undefined) {
    path = parsePath(pathname, strict);
    if (memo.size >= PATH_MEMO_LIMIT) memo.clear();
    memo.set(pathname, path);
  }
  return path;
}

const PATH_MEMO_LIMIT = 1024;
const STRICT_PATHS = new Map<string, ScimPath>();
const LENIENT_PATHS = new Map<string, ScimPath>();

function parsePath(pathname: string, strict: boolean): ScimPath {
  const trimmed = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const segments = trimmed.split('/').slice(1);
  if (segments.length < 2 || segments[0]?.toLowerCase() !== BASE[0] || segments[1]?.toLowerCase() !== BASE[1]) return unknown();
  if (strict && (segments[0] !== BASE[0] || segments[1] !== BASE[1])) return unknown();
  let rest = segments.slice(2);
  let endpointId: string | null = null;
  if (rest[0] !== undefined && UUID.test(rest[0])) {
    endpointId = rest[0].toLowerCase();
    rest = rest.slice(1);
  }
  const [first, second, ...more] = rest;
  if (first === undefined || more.length > 0) return unknown(endpointId);
  const resource = resourceName(first, strict);
  if (resource === undefined) return unknown(endpointId);
  if (resource === 'ServiceProviderConfig') return second === undefined ? { kind: 'serviceProviderConfig', endpointId } : unknown(endpointId);
  if (second === undefined) return { kind: 'collection', resource, endpointId };
  const id = decode(second);
  if (id === null || id === '') return unknown(endpointId);
  return { kind: 'item', resource, id, endpointId };
}

/** The account a request goes to, or why there is none. */
export type AccountRoute =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly reason: string };

/**
 * Resolves a request to an account when the caller names none, from the request's host (the Host
 * header, else the URL's host). Answers the account, or null when the host addresses something
 * this organization does not have (the handler then answers per `unroutableResponse`).
 */
export type AccountResolver = (org: Organization, host: string) => Account | null;

/** Canonical name form: upper case, `-` read as `_` (Snowflake URLs write an account's `_` as `-`). */
function fold(s: string): string {
  return s.toUpperCase().replaceAll('-', '_');
}

/** Whether a host is this organization's `<org>-<name>[.snowflakecomputing.com]` form. */
function namesThisOrg(org: Organization, host: string): boolean {
  const h = host.trim().toLowerCase().replace(/:\d*$/, '').replace(/\.$/, '');
  const dot = h.indexOf('.');
  const label = dot < 0 ? h : h.slice(0, dot);
  const suffix = dot < 0 ? '' : h.slice(dot + 1);
  const ours = suffix === '' || suffix === 'snowflakecomputing.com' || suffix === 'privatelink.snowflakecomputing.com';
  return ours && fold(label).startsWith(`${fold(org.name)}_`);
}

/**
 * The default resolver, on core's replication routing (`resolveHost`):
 * `<org>-<account>.snowflakecomputing.com` → that account; `<org>-<connection>...` → the account
 * holding the connection's primary now (the URL IdPs use with replication, spec §1.1);
 * an `<org>-<name>` host naming nothing → null (unroutable); any other host (localhost, an IP,
 * another domain) → the organization's first account.
 */
export const resolveByHost: AccountResolver = (org, host) => {
  const target = resolveHost(org, host);
  if (target !== null) return target.account;
  if (namesThisOrg(org, host)) return null;
  return org.accounts[0] ?? null;
};

/**
 * Resolve the account of a request: `explicit` (the caller's `info.account`) wins over `resolver`,
 * which sees `host` (the Host header, else the URL's host).
 */
export function routeAccount(org: Organization, host: string, explicit: string | undefined, resolver: AccountResolver): AccountRoute {
  if (explicit !== undefined) {
    const account = org.account(explicit);
    return account === undefined ? { ok: false, reason: `No account '${explicit}' in organization ${org.name}` } : { ok: true, account };
  }
  const account = resolver(org, host);
  return account === null ? { ok: false, reason: `The host '${host.slice(0, 100)}' addresses no account of organization ${org.name}` } : { ok: true, account };
}
