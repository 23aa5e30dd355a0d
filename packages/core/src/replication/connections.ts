import type { Account } from '../account.ts';
import type { Organization } from '../organization.ts';
import type { Actor } from '../decide/context.ts';
import type { LogEntry } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { Connection } from '../model/replication.ts';
import { privilegeKey } from '../model/privileges.ts';
import { activeRoles, isAccountAdmin } from '../decide/access.ts';
import { findConnection } from '../decide/connections.ts';
import { accountRef, reachableAccount } from './context.ts';
import { connectionLineage, currentPrimaryConnection, settleReplication, type ConnectionRef } from './lineage.ts';
import { parseObjectRef } from './names.ts';

/** The host of a connection URL: `<org>-<connection>.snowflakecomputing.com`, lower case (spec §2.8). */
export function connectionUrl(org: Organization, name: string): string {
  return `${org.name}-${name}.snowflakecomputing.com`.toLowerCase();
}

/**
 * CREATE CONNECTION <name> AS REPLICA OF <org>.<account>.<name> (spec §2.8): ACCOUNTADMIN, same
 * name as the primary, in an account the primary enabled with ENABLE FAILOVER TO ACCOUNTS.
 */
export function createReplicaConnection(
  org: Organization,
  accountName: string,
  cmd: { readonly name: string; readonly replicaOf: string; readonly comment?: string | null; readonly ifNotExists?: boolean },
  actor: Actor,
): { readonly connection: Connection; readonly entries: readonly LogEntry[] } | { readonly exists: string } | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  if (!isAccountAdmin(activeRoles(t.state, actor).forCreate)) return errors.insufficientPrivileges('ACCOUNT', t.info.locator);
  if (findConnection(t.state, cmd.name)) return cmd.ifNotExists ? { exists: cmd.name } : errors.alreadyExists(cmd.name);
  const ref = parseObjectRef(cmd.replicaOf, org.name);
  const a = ref ? org.account(ref.account) : undefined;
  const p = a && ref ? findConnection(a.state, ref.name) ?? findConnection(a.state, ref.name.toUpperCase()) : undefined;
  if (!ref || !a || !p) return errors.doesNotExist('CONNECTION', cmd.replicaOf.toUpperCase());
  const refText = `${org.name}.${a.name}.${p.name}`;
  // The name is part of the URL: a secondary has exactly its primary's name (spec §2.8).
  if (p.name !== cmd.name) {
    return errors.execution(`A secondary connection must have the same name as its primary connection ${refText}.`, '003817', '42601');
  }
  const primary = currentPrimaryConnection(org, p.name);
  if (!primary || primary.connection.id !== p.id) {
    return errors.notThePrimary('Connection', refText, primary ? `${org.name}.${primary.account.name}.${primary.connection.name}` : null);
  }
  if (!p.failoverAllowedTo.includes(accountRef(org, t))) return errors.connectionNotAuthorized();
  if (!org.isAvailable(a.name)) return errors.accountUnavailable(org.hostOf(a));
  const connection: Connection = {
    id: org.ids.id(),
    name: p.name,
    comment: cmd.comment ?? null,
    createdOn: org.now,
    isPrimary: false,
    primaryAccount: p.primaryAccount,
    failoverAllowedTo: [],
    epoch: p.epoch,
  };
  const entries = org.appendEvents(t, [{ type: 'ConnectionCreated', connection }]);
  return { connection, entries };
}

/** What ALTER CONNECTION ... PRIMARY did. */
export interface ConnectionPromoteResult {
  readonly connection: Connection;
  readonly entries: readonly LogEntry[];
  readonly notified: readonly string[];
  readonly pending: readonly string[];
}

/**
 * ALTER CONNECTION <name> PRIMARY, in a secondary's account (spec §2.8, §10.4): this account's
 * connection becomes the primary and the connection URL now resolves here; the old primary
 * becomes a secondary (now if reachable, else when it comes back: allowed during an outage).
 * ACCOUNTADMIN, or a role with FAILOVER on the connection. The failover list moves to the new
 * primary, its own account first, the old primary's account kept so failback works
 * (UNCONFIRMED, spec §2.8: docs samples disagree).
 */
export function promoteConnection(org: Organization, accountName: string, name: string, opts: { readonly actor: Actor }): ConnectionPromoteResult | SnowflakeError {
  const t = reachableAccount(org, accountName);
  if ('type' in t) return t;
  settleReplication(org);
  const c = findConnection(t.state, name);
  if (!c) return errors.doesNotExist('CONNECTION', name);
  if (c.isPrimary) return errors.groupNotSecondary('Connection', c.name, 'ALTER CONNECTION ... PRIMARY');
  const roles = activeRoles(t.state, opts.actor).all;
  const failover = [...roles].some((r) => t.state.privileges.has(privilegeKey('FAILOVER', { kind: 'CONNECTION', id: c.id }, r)));
  if (!isAccountAdmin(roles) && !failover) return errors.insufficientPrivileges('CONNECTION', c.name);
  const old = currentPrimaryConnection(org, c.name);
  const self = accountRef(org, t);
  if (old && !old.connection.failoverAllowedTo.includes(self)) return errors.connectionFailoverNotEnabled(c.name, self);
  const epoch = Math.max(0, ...connectionLineage(org, c.name).map((r) => r.connection.epoch)) + 1;
  const list = old ? [self, ...old.connection.failoverAllowedTo.filter((x) => x !== self)] : [self];
  const entries = org.appendEvents(t, [
    { type: 'ConnectionAltered', id: c.id, changes: { isPrimary: true, epoch, primaryAccount: self, failoverAllowedTo: list } },
  ]);
  const notified: string[] = [];
  const pending: string[] = [];
  for (const ref of connectionLineage(org, c.name)) {
    if (ref.account === t) continue;
    if (!org.isAvailable(ref.account.name)) {
      pending.push(ref.account.name);
      continue;
    }
    org.appendEvents(ref.account, [{ type: 'ConnectionAltered', id: ref.connection.id, changes: { isPrimary: false, epoch, primaryAccount: self } }]);
    notified.push(ref.account.name);
  }
  return { connection: t.state.connections.get(c.id)!, entries, notified, pending };
}

/**
 * The account that holds the primary of connection `name` now (case-insensitive), or null.
 * SCIM and SQL requests to `<org>-<connection>` go there (the account may be unavailable: the
 * caller answers as for an outage).
 */
export function resolveConnection(org: Organization, name: string): ConnectionRef | null {
  return currentPrimaryConnection(org, name);
}

/** Where a host name routes. */
export type HostTarget =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'connection'; readonly connection: string; readonly account: Account };

const fold = (s: string) => s.toUpperCase().replaceAll('-', '_');

/**
 * Resolves `<org>-<account>` / `<org>-<connection>` host names (any case, `-` or `_` as
 * separators, with or without `.snowflakecomputing.com` / `.privatelink.snowflakecomputing.com`
 * and a port) to the account that serves them: an account's own URL, or the account holding the
 * connection's primary now. Accounts win over connections (their names are disjoint in an
 * organization). Null when the host is not this organization's.
 */
export function resolveHost(org: Organization, host: string): HostTarget | null {
  const cache = hostCacheOf(org);
  let target = cache.targets.get(host);
  if (target === undefined) {
    target = resolveUncached(org, host);
    // Bounded: clients can send any Host header.
    if (cache.targets.size >= 1024) cache.targets.clear();
    cache.targets.set(host, target);
  }
  return target;
}

/**
 * Resolved hosts per organization, valid while every account's connections Map is the one they
 * were resolved against (states are immutable: a connection change replaces its account's Map)
 * and no account was added. Every SCIM request resolves its Host, usually the same one.
 */
const hostCaches = new WeakMap<Organization, { readonly maps: readonly ReadonlyMap<string, unknown>[]; readonly targets: Map<string, HostTarget | null> }>();

function hostCacheOf(org: Organization): { readonly targets: Map<string, HostTarget | null> } {
  const accounts = org.accounts;
  const cached = hostCaches.get(org);
  if (cached !== undefined && cached.maps.length === accounts.length && accounts.every((a, i) => a.state.connections === cached.maps[i])) return cached;
  const fresh = { maps: accounts.map((a) => a.state.connections), targets: new Map<string, HostTarget | null>() };
  hostCaches.set(org, fresh);
  return fresh;
}

function resolveUncached(org: Organization, host: string): HostTarget | null {
  let h = host.trim().toLowerCase();
  const colon = h.indexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  if (h.endsWith('.')) h = h.slice(0, -1);
  const dot = h.indexOf('.');
  const label = dot === -1 ? h : h.slice(0, dot);
  const suffix = dot === -1 ? '' : h.slice(dot + 1);
  if (suffix !== '' && suffix !== 'snowflakecomputing.com' && suffix !== 'privatelink.snowflakecomputing.com') return null;
  const folded = fold(label);
  const prefix = `${fold(org.name)}_`;
  if (!folded.startsWith(prefix)) return null;
  const rest = folded.slice(prefix.length);
  // Account names are upper case with `_` (never `-`), so the folded label is the name itself.
  const account = org.account(rest);
  if (account !== undefined && account.name === rest) return { kind: 'account', account };
  const names = new Set<string>();
  for (const account of org.accounts) for (const c of account.state.connections.values()) names.add(c.name);
  for (const name of names) {
    if (fold(name) !== rest) continue;
    const primary = currentPrimaryConnection(org, name);
    if (primary) return { kind: 'connection', connection: primary.connection.name, account: primary.account };
  }
  return null;
}
