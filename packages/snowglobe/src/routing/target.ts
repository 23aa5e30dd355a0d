/**
 * Which account a request is for. Snowflake clients address an account by host name
 * (`<org>-<account>.snowflakecomputing.com`, or `<org>-<connection>...` to follow a connection);
 * clients that cannot set Host use our path prefix `/accounts/<org>-<name>/...`. Pure: the caller
 * passes the organization's names, and resolving a connection to its current primary is the
 * caller's business (it changes on failover).
 */

/** The names the router needs from the organization. */
export interface OrgDirectory {
  readonly name: string;
  readonly accounts: readonly string[];
  readonly connections: readonly string[];
}

/** Where a request goes. */
export type Target =
  | { readonly kind: 'account'; readonly account: string }
  | { readonly kind: 'connection'; readonly connection: string }
  /** Nothing addressed an account (localhost, an IP, another domain): the first account. */
  | { readonly kind: 'default' }
  /**
   * The request explicitly named an account of this organization that does not exist (a
   * `/accounts/<x>` prefix, or `<org>-<x>.snowflakecomputing.com`). Sending it to the first account
   * would silently write into the wrong one, so the server should answer 404.
   */
  | { readonly kind: 'unknown'; readonly name: string };

/** How the target was found. */
export type TargetVia = 'path' | 'host' | 'none';

/** A target plus the request path left once the account prefix is stripped. */
export type TargetMatch = Target & {
  /** The path the account's handlers see, still percent-encoded; `/` at least. */
  readonly path: string;
  /** The stripped `/accounts/<org>-<name>` prefix as the client wrote it, or `''`. */
  readonly prefix: string;
  readonly via: TargetVia;
};

/** Host name suffixes under which the first label is `<org>-<name>`. */
const HOST_SUFFIXES = ['snowflakecomputing.com', 'privatelink.snowflakecomputing.com', 'localhost'];

const PATH_PREFIX = '/accounts/';

/**
 * Canonical form for comparing names: upper case, `-` read as `_`. Snowflake's URLs write an
 * account's `_` as `-`, and both separators between org and name are accepted; folding both sides
 * the same way lets `ACCOUNT_1` match `myorg-account-1`, `MYORG_ACCOUNT_1`, and so on, with no
 * guessing where the org ends.
 */
function fold(s: string): string {
  return s.toUpperCase().replaceAll('-', '_');
}

/** Resolves an `<org>-<name>` label (any case, `-` or `_`) to an account or connection. */
function resolveLabel(label: string, org: OrgDirectory): Target | null {
  const folded = fold(label);
  const orgPrefix = `${fold(org.name)}_`;
  if (!folded.startsWith(orgPrefix)) return null;
  const rest = folded.slice(orgPrefix.length);
  if (rest === '') return { kind: 'unknown', name: label };
  // Accounts win over connections: Snowflake keeps the two name spaces disjoint within an
  // organization, so a tie can only be a configuration mistake, and the account is the safer read.
  const account = org.accounts.find((a) => fold(a) === rest);
  if (account !== undefined) return { kind: 'account', account };
  const connection = org.connections.find((c) => fold(c) === rest);
  if (connection !== undefined) return { kind: 'connection', connection };
  return { kind: 'unknown', name: label };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * The host name of a Host header, lower case, without port or trailing dot; null for IP literals
 * and anything that is not a plausible DNS name.
 */
export function hostnameOf(hostHeader: string): string | null {
  let host = hostHeader.trim().toLowerCase();
  if (host === '' || host.startsWith('[')) return null; // empty, or an IPv6 literal
  const colons = host.split(':').length - 1;
  if (colons > 1) return null; // a bare IPv6 address
  if (colons === 1) {
    const at = host.indexOf(':');
    if (!/^\d*$/.test(host.slice(at + 1))) return null;
    host = host.slice(0, at);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host)) return null;
  if (/^\d+(\.\d+){3}$/.test(host)) return null; // IPv4
  return host;
}

/**
 * Finds the target of a request. The `/accounts/<org>-<name>` path prefix wins over the Host
 * header (it is the explicit choice of a client that cannot set Host); `hostHeader` falls back to
 * `url.host`. Never throws.
 */
export function parseTarget(url: URL, hostHeader: string | null, org: OrgDirectory): TargetMatch {
  return matchTarget(url.pathname, hostHeader ?? url.host, () => org);
}

/**
 * {@link parseTarget} on the path and Host header as strings; `directory` is only called when a
 * name has to be resolved (a request to `127.0.0.1` needs no directory at all).
 */
export function matchTarget(pathname: string, hostHeader: string, directory: () => OrgDirectory): TargetMatch {
  if (pathname === '') pathname = '/';
  if (pathname.startsWith(PATH_PREFIX)) {
    const afterPrefix = pathname.slice(PATH_PREFIX.length);
    const slash = afterPrefix.indexOf('/');
    const rawSegment = slash === -1 ? afterPrefix : afterPrefix.slice(0, slash);
    const rest = slash === -1 ? '/' : afterPrefix.slice(slash);
    const prefix = `${PATH_PREFIX}${rawSegment}`;
    const segment = safeDecode(rawSegment) ?? rawSegment;
    const target = resolveLabel(segment, directory()) ?? { kind: 'unknown', name: segment };
    return { ...target, path: rest, prefix, via: 'path' };
  }

  const hostname = hostnameOf(hostHeader);
  if (hostname !== null) {
    const dot = hostname.indexOf('.');
    const label = dot === -1 ? hostname : hostname.slice(0, dot);
    const suffix = dot === -1 ? '' : hostname.slice(dot + 1);
    if (HOST_SUFFIXES.includes(suffix)) {
      const target = resolveLabel(label, directory());
      if (target !== null) return { ...target, path: pathname, prefix: '', via: 'host' };
    }
  }
  return { kind: 'default', path: pathname, prefix: '', via: 'none' };
}

/** The `/accounts/<org>-<name>` prefix of `pathname` as written, or `''`. */
export function accountPrefixOf(pathname: string): string {
  if (!pathname.startsWith(PATH_PREFIX)) return '';
  const slash = pathname.indexOf('/', PATH_PREFIX.length);
  return slash === -1 ? pathname : pathname.slice(0, slash);
}

/** `pathname` without its `/accounts/<org>-<name>` prefix (`/` at least). */
export function withoutAccountPrefix(pathname: string): string {
  const prefix = accountPrefixOf(pathname);
  return prefix === '' ? pathname : pathname.slice(prefix.length) || '/';
}

/** The path prefix that addresses `name` (an account or connection) of `org`: `/accounts/MYORG-ACCOUNT1`. */
export function accountPathPrefix(org: string, name: string): string {
  return `${PATH_PREFIX}${encodeURIComponent(`${org}-${name}`)}`;
}

/**
 * Snowflake's host name for `name` of `org`: lower case, `_` written as `-`
 * (`myorg-account-1.snowflakecomputing.com`).
 */
export function accountHostname(org: string, name: string): string {
  return `${org}-${name}`.toLowerCase().replaceAll('_', '-') + '.snowflakecomputing.com';
}
