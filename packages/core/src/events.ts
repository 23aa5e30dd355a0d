import type { User, UserChanges, UserScimData } from './model/user.ts';
import type { PrivilegeGrant, Securable, SecurableKind } from './model/privileges.ts';
import type { Integration, IntegrationProps, ScimToken } from './model/integration.ts';
import type { NetworkPolicy } from './model/network-policy.ts';
import type { Connection, FailoverGroup, RefreshRecord } from './model/replication.ts';

/**
 * Events: facts in the past tense, one type per fact. All plain JSON (no Maps, no undefined
 * inside arrays) so a log exports to JSON Lines and imports back byte for byte. The schema
 * version of every type is `EVENT_SCHEMA_VERSION`, written in the JSONL header.
 */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * A user as created: every property, and no grants (they arrive as RoleGranted). `decide` writes
 * `roles: []` so the live state can hold the event's own object instead of a copy of it.
 */
export type UserRecord = Omit<User, 'roles'> & { readonly roles?: readonly [] };

export interface RoleRecord {
  readonly id: string;
  readonly name: string;
  readonly comment: string | null;
  readonly owner: string;
  readonly createdOn: number;
  readonly externalId?: string;
}

export type Grantee = { readonly kind: 'ROLE' | 'USER'; readonly id: string };

export interface IntegrationChanges {
  enabled?: boolean;
  comment?: string | null;
  networkPolicy?: string | null;
  syncPassword?: boolean;
  rejectTokensIssuedBefore?: number | null;
  /** Property-set integrations: a key with `null` unsets it. */
  properties?: Readonly<Record<string, string | number | boolean | readonly string[] | null>>;
  /** Whole-props replacement (replication reconcile). */
  props?: IntegrationProps;
}

export interface NetworkPolicyChanges {
  allowedIpList?: readonly string[];
  blockedIpList?: readonly string[];
  comment?: string | null;
}

/** One REST_EVENT_HISTORY row (a SCIM request), as recorded. Never holds a token. */
export interface RestEvent {
  readonly endpoint: string;
  readonly method: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly details: string;
  readonly clientIp: string;
  readonly actorName: string;
  readonly actorDomain: string;
  readonly resourceName: string | null;
  readonly resourceDomain: string | null;
}

/** A write the old primary acknowledged that a reconcile dropped (the lost-writes report). */
export interface DiscardedWrite {
  readonly seq: number;
  readonly at: number;
  readonly event: Event;
}

export type Event =
  | { readonly type: 'AccountCreated'; readonly org: string; readonly name: string; readonly at: number }
  | { readonly type: 'UserCreated'; readonly user: UserRecord }
  | { readonly type: 'UserAltered'; readonly id: string; readonly changes: UserChanges; readonly scim?: UserScimData; readonly at: number }
  | { readonly type: 'UserRenamed'; readonly id: string; readonly name: string; readonly at: number }
  | { readonly type: 'UserDropped'; readonly id: string }
  | { readonly type: 'RoleCreated'; readonly role: RoleRecord }
  | { readonly type: 'RoleAltered'; readonly id: string; readonly comment: string | null; readonly at: number }
  | { readonly type: 'RoleRenamed'; readonly id: string; readonly name: string; readonly at: number }
  | { readonly type: 'RoleDropped'; readonly id: string }
  | { readonly type: 'RoleGranted'; readonly role: string; readonly to: Grantee; readonly grantedBy: string; readonly at: number }
  | { readonly type: 'RoleRevoked'; readonly role: string; readonly from: Grantee }
  | { readonly type: 'PrivilegeGranted'; readonly grant: PrivilegeGrant }
  | { readonly type: 'PrivilegeRevoked'; readonly privilege: string; readonly on: Securable; readonly from: string }
  | {
      readonly type: 'OwnershipTransferred';
      readonly object: { readonly kind: SecurableKind; readonly id: string };
      readonly to: string;
      readonly currentGrants: 'COPY' | 'REVOKE' | 'KEEP';
    }
  | { readonly type: 'IntegrationCreated'; readonly integration: Integration }
  | { readonly type: 'IntegrationAltered'; readonly id: string; readonly changes: IntegrationChanges; readonly at: number }
  | { readonly type: 'IntegrationRenamed'; readonly id: string; readonly name: string }
  | { readonly type: 'IntegrationDropped'; readonly id: string }
  | { readonly type: 'ScimTokenIssued'; readonly token: ScimToken }
  | { readonly type: 'NetworkPolicyCreated'; readonly policy: NetworkPolicy }
  | { readonly type: 'NetworkPolicyAltered'; readonly id: string; readonly changes: NetworkPolicyChanges; readonly at: number }
  | { readonly type: 'NetworkPolicyRenamed'; readonly id: string; readonly name: string }
  | { readonly type: 'NetworkPolicyDropped'; readonly id: string }
  | { readonly type: 'ParameterSet'; readonly name: string; readonly value: string }
  | { readonly type: 'ParameterUnset'; readonly name: string }
  | { readonly type: 'FailoverGroupCreated'; readonly group: FailoverGroup }
  | { readonly type: 'FailoverGroupAltered'; readonly id: string; readonly changes: Partial<Omit<FailoverGroup, 'id' | 'refreshes'>> }
  | { readonly type: 'FailoverGroupDropped'; readonly id: string }
  | {
      readonly type: 'ReplicaRefreshed';
      readonly groupId: string;
      readonly refresh: RefreshRecord;
      /** The primary account and the last of its log seqs this refresh covers. */
      readonly source: { readonly account: string; readonly seq: number };
      /** The primary's replicable events (incremental) or the reconcile diff, applied in order. */
      readonly events: readonly Event[];
      readonly discarded: readonly DiscardedWrite[];
    }
  | { readonly type: 'ObjectsLinked'; readonly links: readonly { readonly kind: 'USER' | 'ROLE'; readonly fromId: string; readonly toId: string }[] }
  | { readonly type: 'ConnectionCreated'; readonly connection: Connection }
  | { readonly type: 'ConnectionAltered'; readonly id: string; readonly changes: Partial<Omit<Connection, 'id'>> }
  | { readonly type: 'ConnectionDropped'; readonly id: string }
  | { readonly type: 'ScimRequestRecorded'; readonly request: RestEvent };

export type EventType = Event['type'];
export type EventOf<T extends EventType> = Extract<Event, { type: T }>;

/** One entry of an account's append-only log. */
export interface LogEntry {
  readonly seq: number;
  /** Simulated clock, epoch milliseconds. */
  readonly at: number;
  readonly event: Event;
}
