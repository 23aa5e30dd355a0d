import type { Event } from '../events.ts';
import type { IdSource } from '../util/ids.ts';
import type { AccountState } from '../state.ts';
import type { Ref } from '../commands.ts';
import type { User } from '../model/user.ts';
import type { Role } from '../model/role.ts';
import type { Integration } from '../model/integration.ts';
import type { NetworkPolicy } from '../model/network-policy.ts';
import type { SnowflakeError } from '../errors.ts';
import { shGet } from '../util/sharded-map.ts';

/** Who runs a command: the session's primary role (by name) and, for SQL, the user. */
export interface Actor {
  readonly role: string;
  /** The session user's NAME; SCIM requests have none (they run as the integration's role). */
  readonly user?: string | null;
  /** `USE SECONDARY ROLES ALL` (the user default) lets the user's other roles count. */
  readonly secondaryRoles?: 'ALL' | 'NONE';
}

/** Behaviour switches where Snowflake's docs are silent or in conflict (see docs). */
export interface CoreOptions {
  /** SYNC_PASSWORD default for new SCIM integrations: docs say FALSE, Terraform observed TRUE. */
  readonly syncPasswordDefault: boolean;
  /** The error a write on a replicated object in a secondary gets (text UNCONFIRMED upstream). */
  readonly readOnlyReplicaError: (kind: string, name: string) => SnowflakeError;
}

export interface DecideContext {
  /** The simulated clock, epoch ms. */
  readonly now: number;
  readonly ids: IdSource;
  readonly actor: Actor;
  readonly account: { readonly org: string; readonly name: string; readonly locator: string };
  readonly options: CoreOptions;
}

/** What a command produced besides its events, for the caller (SQL status texts, SCIM bodies). */
export type DecisionOutput =
  | { readonly kind: 'done' }
  | { readonly kind: 'created'; readonly id: string; readonly replaced: boolean }
  | { readonly kind: 'exists'; readonly name: string }
  | { readonly kind: 'missing'; readonly name: string }
  | { readonly kind: 'dropped'; readonly name: string }
  | { readonly kind: 'token'; readonly token: string; readonly expiresAt: number };

export interface Decision {
  readonly events: readonly Event[];
  readonly output: DecisionOutput;
}

export const done = (events: readonly Event[]): Decision => ({ events, output: { kind: 'done' } });

export function findUser(s: AccountState, ref: Ref): User | undefined {
  if ('id' in ref) return shGet(s.users, ref.id);
  const id = shGet(s.userNames, ref.name);
  return id === undefined ? undefined : shGet(s.users, id);
}

export function findUserByLogin(s: AccountState, login: string): User | undefined {
  const id = shGet(s.loginNames, login.toUpperCase());
  return id === undefined ? undefined : shGet(s.users, id);
}

export function findRole(s: AccountState, ref: Ref): Role | undefined {
  if ('id' in ref) return shGet(s.roles, ref.id);
  const id = shGet(s.roleNames, ref.name);
  return id === undefined ? undefined : shGet(s.roles, id);
}

export function findIntegration(s: AccountState, ref: Ref): Integration | undefined {
  if ('id' in ref) return s.integrations.get(ref.id);
  for (const i of s.integrations.values()) if (i.name === ref.name) return i;
  return undefined;
}

export function findNetworkPolicy(s: AccountState, ref: Ref): NetworkPolicy | undefined {
  if ('id' in ref) return s.networkPolicies.get(ref.id);
  for (const p of s.networkPolicies.values()) if (p.name === ref.name) return p;
  return undefined;
}

export function refName(ref: Ref): string {
  return 'name' in ref ? ref.name : ref.id;
}
