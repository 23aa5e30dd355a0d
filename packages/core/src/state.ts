import type { User } from './model/user.ts';
import type { Role } from './model/role.ts';
import type { PrivilegeGrant } from './model/privileges.ts';
import type { Integration, ScimToken } from './model/integration.ts';
import type { NetworkPolicy } from './model/network-policy.ts';
import type { Connection, FailoverGroup } from './model/replication.ts';
import { emptySharded, type ShardedMap } from './util/sharded-map.ts';

/**
 * The state of one account: small Maps per entity kind (never one big object), and sharded
 * maps for the kinds that grow large (users, roles) so a command copies O(1) of them.
 */
export interface AccountState {
  readonly users: ShardedMap<User>;
  /** NAME -> user id. */
  readonly userNames: ShardedMap<string>;
  /** Upper-cased LOGIN_NAME -> user id (login names are unique case-insensitively). */
  readonly loginNames: ShardedMap<string>;
  readonly roles: ShardedMap<Role>;
  /** NAME -> role id. */
  readonly roleNames: ShardedMap<string>;
  /** Privilege grants other than OWNERSHIP, by privilegeKey(). */
  readonly privileges: ReadonlyMap<string, PrivilegeGrant>;
  readonly integrations: ReadonlyMap<string, Integration>;
  /** SCIM access tokens by hash. */
  readonly scimTokens: ReadonlyMap<string, ScimToken>;
  readonly networkPolicies: ReadonlyMap<string, NetworkPolicy>;
  /** Account parameters set at account level, by name. */
  readonly parameters: ReadonlyMap<string, string>;
  readonly failoverGroups: ReadonlyMap<string, FailoverGroup>;
  readonly connections: ReadonlyMap<string, Connection>;
}

/** An empty account: system roles are created by the `AccountCreated` event, not here. */
export function initialState(): AccountState {
  return {
    users: emptySharded(),
    userNames: emptySharded(),
    loginNames: emptySharded(),
    roles: emptySharded(),
    roleNames: emptySharded(),
    privileges: new Map(),
    integrations: new Map(),
    scimTokens: new Map(),
    networkPolicies: new Map(),
    parameters: new Map(),
    failoverGroups: new Map(),
    connections: new Map(),
  };
}
