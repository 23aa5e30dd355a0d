import type { AccountState } from '../state.ts';
import type { User, UserRoleGrant } from '../model/user.ts';
import type { PrivilegeGrant } from '../model/privileges.ts';
import { privilegeKey } from '../model/privileges.ts';
import type { Integration, ScimToken } from '../model/integration.ts';
import type { NetworkPolicy } from '../model/network-policy.ts';
import type { IntegrationType, ReplicationObjectType } from '../model/replication.ts';
import { isSystemRole, type Role } from '../model/role.ts';
import { shGet, shValues } from '../util/sharded-map.ts';
import { coverage, type Coverage, type ReplicationScope } from './scope.ts';
import { canonicalEqual, stableStringify } from './stable.ts';

/** A user as replicated: no `owner` unless ROLES are replicated, no `roles` unless ROLES and USERS. */
export type UserView = Omit<User, 'owner' | 'roles'> & { readonly owner?: string; readonly roles?: readonly UserRoleGrant[] };

/** One edge of the role hierarchy: `role` is granted to the role that holds the edge. */
export interface RoleEdgeView {
  readonly role: string;
  readonly grantedBy: string;
  readonly at: number;
}

/**
 * A role as replicated. System roles exist in every account with the same ids (their names) and
 * cannot be altered, so only their hierarchy edges are compared; their creation time is each
 * account's own.
 */
export interface RoleView {
  readonly id: string;
  readonly name: string;
  readonly system: boolean;
  readonly comment?: string | null;
  readonly owner?: string;
  readonly createdOn?: number;
  readonly updatedOn?: number;
  readonly externalId?: string;
  /** Roles granted to this role, sorted by id. */
  readonly granted: readonly RoleEdgeView[];
}

/** A network policy as replicated: no `owner` unless ROLES are replicated. */
export type NetworkPolicyView = Omit<NetworkPolicy, 'owner'> & { readonly owner?: string };

/**
 * The part of an account a group covers, canonical and comparable: every collection sorted by
 * id (or key), null for a kind the group does not carry. `project(primary)` is what a
 * secondary must equal after a refresh (DESIGN invariant 1).
 */
export interface ReplicatedView {
  readonly objectTypes: readonly ReplicationObjectType[];
  readonly allowedIntegrationTypes: readonly IntegrationType[];
  readonly users: readonly UserView[] | null;
  readonly roles: readonly RoleView[] | null;
  /** Privilege grants (not OWNERSHIP) on the account and on covered objects that exist. */
  readonly privileges: readonly PrivilegeGrant[] | null;
  readonly integrations: readonly Integration[] | null;
  readonly scimTokens: readonly ScimToken[] | null;
  readonly networkPolicies: readonly NetworkPolicyView[] | null;
  readonly parameters: readonly { readonly name: string; readonly value: string }[] | null;
}

const byId = <T extends { readonly id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** A user as the group replicates it. */
export function userView(u: User, scope: ReplicationScope, c: Coverage = coverage(scope)): UserView {
  return userViewIn(u, c);
}

function userViewIn(u: User, c: Coverage): UserView {
  const { owner, roles, ...rest } = u;
  return {
    ...rest,
    ...(c.ownership ? { owner } : {}),
    ...(c.userGrants ? { roles: [...roles].sort(byKey((g) => g.role)) } : {}),
  };
}

/** A role as the group replicates it (ROLES always carries owners). */
export function roleView(r: Role): RoleView {
  const granted = [...r.granted.entries()].map(([role, m]) => ({ role, grantedBy: m.grantedBy, at: m.at })).sort(byKey((e) => e.role));
  if (isSystemRole(r.id)) return { id: r.id, name: r.name, system: true, granted };
  return {
    id: r.id,
    name: r.name,
    system: false,
    comment: r.comment,
    owner: r.owner,
    createdOn: r.createdOn,
    updatedOn: r.updatedOn,
    ...(r.externalId !== undefined ? { externalId: r.externalId } : {}),
    granted,
  };
}

/**
 * project(state, group): the covered part of an account (DESIGN.md "Replication"). Pure; O(size
 * of the covered state). Compare two views with `viewsEqual` (or `toEqual`).
 */
export function project(state: AccountState, scope: ReplicationScope): ReplicatedView {
  const c = coverage(scope);
  const users = c.users ? [...shValues(state.users)].map((u) => userViewIn(u, c)).sort(byId) : null;
  const roles = c.roles ? [...shValues(state.roles)].map(roleView).sort(byId) : null;
  const integrations = c.integrations ? [...state.integrations.values()].map((i) => ({ ...i })).sort(byId) : null;
  const networkPolicies = c.policies
    ? [...state.networkPolicies.values()]
        .map((p): NetworkPolicyView => {
          const { owner, ...rest } = p;
          return c.ownership ? { ...rest, owner } : rest;
        })
        .sort(byId)
    : null;
  let privileges: PrivilegeGrant[] | null = null;
  if (c.roles) {
    privileges = [];
    for (const g of state.privileges.values()) if (grantCovered(state, g, c)) privileges.push(g);
    privileges.sort(byKey((g) => privilegeKey(g.privilege, g.on, g.to)));
  }
  const scimTokens = c.integrations
    ? [...state.scimTokens.values()].filter((t) => state.integrations.has(t.integrationId)).sort(byKey((t) => t.hash))
    : null;
  const parameters = c.parameters
    ? [...state.parameters.entries()].map(([name, value]) => ({ name, value })).sort(byKey((p) => p.name))
    : null;
  return {
    objectTypes: [...scope.objectTypes].sort(),
    allowedIntegrationTypes: [...scope.allowedIntegrationTypes].sort(),
    users,
    roles,
    privileges,
    integrations,
    scimTokens,
    networkPolicies,
    parameters,
  };
}

/**
 * Whether a privilege grant belongs to the covered part: on the account, or on a covered object
 * that exists (a grant left behind by a dropped object is not part of any view). Grants to
 * roles that no longer exist are ignored likewise.
 */
export function grantCovered(state: AccountState, g: PrivilegeGrant, c = coverage({ objectTypes: ['ROLES'], allowedIntegrationTypes: [] })): boolean {
  if (!c.roles || !shGet(state.roles, g.to)) return false;
  const on = g.on;
  switch (on.kind) {
    case 'ACCOUNT':
      return true;
    case 'USER':
      return c.users && shGet(state.users, on.id) !== undefined;
    case 'ROLE':
      return shGet(state.roles, on.id) !== undefined;
    case 'INTEGRATION':
      return c.integrations && state.integrations.has(on.id);
    case 'NETWORK_POLICY':
      return c.policies && state.networkPolicies.has(on.id);
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP':
    case 'CONNECTION':
      return false;
  }
}

/** Canonical JSON of a view: equal views give equal strings. */
export function viewToJSON(view: ReplicatedView): string {
  return stableStringify(view);
}

/** Whether two views are the same (DESIGN invariants 1-3 compare views this way). */
export function viewsEqual(a: ReplicatedView, b: ReplicatedView): boolean {
  return canonicalEqual(a, b);
}
