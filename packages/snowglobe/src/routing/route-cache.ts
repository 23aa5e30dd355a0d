/**
 * Which account a request reaches, cached by what addressed it (the Host header, or the
 * `/accounts/<org>-<name>` segment): clients send the same few values on every request, and
 * resolving one means listing every account's connections and folding names.
 *
 * The answer depends on the organization (a reset replaces it), on its names (accounts added,
 * connections created or dropped) and on where each connection's primary is (failover). All of
 * these change only through appended `Account*` / `Connection*` events (a failover appends
 * `ConnectionAltered` in the accounts involved, also when an account comes back and learns about
 * one it missed) or through the organization's journal (accounts restored from a log), so the
 * cache subscribes to the organization's appends, and drops everything on such an event, a journal
 * entry, or a new organization. Availability (outages) is not cached: the caller checks it.
 */
import type { Account, LogEntry, Organization } from '@snowglobe/core';
import { matchTarget } from './target.ts';
import type { OrgDirectory, Target, TargetVia } from './target.ts';

/** What the cache needs from the simulator. */
export interface RouteSource {
  /** The organization now. */
  readonly org: Organization;
  /** The names the router matches against. */
  directory(): OrgDirectory;
  /** The account holding connection `name`'s primary now. */
  connectionAccount(name: string): Account | undefined;
}

/** A resolved route. */
export interface Route {
  readonly target: Target;
  /** The `/accounts/<org>-<name>` prefix as written, or `''`. */
  readonly prefix: string;
  readonly via: TargetVia;
  /** The account it reaches now; null if none has that name, 'no-primary' for a connection without one. */
  readonly account: Account | null | 'no-primary';
}

/** Distinct Host values or prefixes kept; a client making up names cannot grow the cache past it. */
const MAX_ENTRIES = 1024;

export class RouteCache {
  readonly #source: RouteSource;
  /** By Host header, for paths without an account prefix. */
  readonly #byHost = new Map<string, Route>();
  /** By the `<org>-<name>` segment of an `/accounts/...` path (whatever the Host). */
  readonly #byPrefix = new Map<string, Route>();
  #org: Organization | null = null;
  #journalLength = -1;
  #unsubscribe: (() => void) | null = null;
  /** Bound once: subscribing must not allocate a listener per organization swap, nor per event. */
  readonly #onAppend = (_account: Account, entries: readonly LogEntry[]): void => {
    for (const entry of entries) {
      const type = entry.event.type;
      if (type.startsWith('Connection') || type.startsWith('Account')) {
        this.#clear();
        return;
      }
    }
  };

  constructor(source: RouteSource) {
    this.#source = source;
  }

  /** The route of a request for `pathname` (still percent-encoded) with Host `hostHeader`. */
  resolve(pathname: string, hostHeader: string): Route {
    const org = this.#source.org;
    if (org !== this.#org) this.#follow(org);
    if (org.journal.length !== this.#journalLength) {
      this.#clear();
      this.#journalLength = org.journal.length;
    }
    const prefixed = pathname.startsWith('/accounts/');
    const routes = prefixed ? this.#byPrefix : this.#byHost;
    const key = prefixed ? prefixSegment(pathname) : hostHeader;
    let route = routes.get(key);
    if (route === undefined) {
      route = this.#compute(pathname, hostHeader);
      if (routes.size >= MAX_ENTRIES) routes.clear();
      routes.set(key, route);
    }
    return route;
  }

  #clear(): void {
    this.#byHost.clear();
    this.#byPrefix.clear();
  }

  #follow(org: Organization): void {
    this.#unsubscribe?.();
    this.#clear();
    this.#org = org;
    this.#journalLength = org.journal.length;
    this.#unsubscribe = org.subscribe(this.#onAppend);
  }

  #compute(pathname: string, hostHeader: string): Route {
    const source = this.#source;
    const { path: _path, prefix, via, ...target } = matchTarget(pathname, hostHeader, () => source.directory());
    const org = source.org;
    let account: Account | null | 'no-primary';
    switch (target.kind) {
      case 'account':
        account = org.account(target.account) ?? null;
        break;
      case 'default':
        account = org.accounts[0] ?? null;
        break;
      case 'connection':
        account = source.connectionAccount(target.connection) ?? 'no-primary';
        break;
      case 'unknown':
        account = null;
        break;
    }
    return { target: target as Target, prefix, via, account };
  }
}

/** The `<org>-<name>` segment of a `/accounts/...` path, as written. */
function prefixSegment(pathname: string): string {
  const slash = pathname.indexOf('/', '/accounts/'.length);
  return slash === -1 ? pathname.slice('/accounts/'.length) : pathname.slice('/accounts/'.length, slash);
}
