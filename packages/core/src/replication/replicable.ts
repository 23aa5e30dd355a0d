import type { Event } from '../events.ts';
import type { SecurableKind } from '../model/privileges.ts';
import type { Securable } from '../model/privileges.ts';
import { coverage, DEFAULT_REPLICA_OWNER, type Coverage, type ReplicationScope } from './scope.ts';

/** Whether grants on / ownership of an object of `kind` replicate under `c`. */
function securableCovered(c: Coverage, kind: SecurableKind | 'ACCOUNT'): boolean {
  switch (kind) {
    case 'ACCOUNT':
    case 'ROLE':
      return c.roles;
    case 'USER':
      return c.roles && c.users;
    case 'INTEGRATION':
      return c.roles && c.integrations;
    case 'NETWORK_POLICY':
      return c.roles && c.policies;
    // Privileges on groups and connections are never replicated (spec §2.7).
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP':
    case 'CONNECTION':
      return false;
  }
}

const onKind = (on: Securable): SecurableKind | 'ACCOUNT' => on.kind;

/**
 * What a secondary receives for one event of the primary's log, or null when the group does not
 * carry it. Pure. The rules (spec/snowflake-replication.md §3, DESIGN.md "Replication"):
 * - USERS: user events; ROLES: roles, the role hierarchy and account-level privilege grants;
 *   role-to-user grants only with ROLES and USERS; privileges on / ownership of an object only
 *   when ROLES and the object's type are both replicated;
 * - INTEGRATIONS with SECURITY INTEGRATIONS: integrations and their SCIM tokens (tokens keep
 *   working after failover); NETWORK POLICIES: policies; ACCOUNT PARAMETERS: ParameterSet/Unset;
 * - without ROLES, users and policies a refresh creates are owned by ACCOUNTADMIN;
 * - a `ReplicaRefreshed` (the primary was once a secondary) contributes its inner events,
 *   filtered the same way (use `replicableEvents` to get them flat);
 * - `AccountCreated` is kept: every account starts from the same system roles, so folding the
 *   filtered log starts from the same place (a refresh never carries it: cursors start after it);
 * - `ObjectsLinked` is kept for the kinds covered, so a relinked object keeps its global id;
 * - groups, connections and `ScimRequestRecorded` (REST event history) never replicate.
 */
export function replicable(event: Event, scope: ReplicationScope): Event | null {
  return replicableIn(event, coverage(scope));
}

function replicableIn(event: Event, c: Coverage): Event | null {
  switch (event.type) {
    case 'AccountCreated':
      return event;
    case 'UserCreated':
      if (!c.users) return null;
      return c.ownership ? event : { ...event, user: { ...event.user, owner: DEFAULT_REPLICA_OWNER } };
    case 'UserAltered':
    case 'UserRenamed':
    case 'UserDropped':
      return c.users ? event : null;
    case 'RoleCreated':
    case 'RoleAltered':
    case 'RoleRenamed':
    case 'RoleDropped':
      return c.roles ? event : null;
    case 'RoleGranted':
      return (event.to.kind === 'ROLE' ? c.roles : c.userGrants) ? event : null;
    case 'RoleRevoked':
      return (event.from.kind === 'ROLE' ? c.roles : c.userGrants) ? event : null;
    case 'PrivilegeGranted':
      return securableCovered(c, onKind(event.grant.on)) ? event : null;
    case 'PrivilegeRevoked':
      return securableCovered(c, onKind(event.on)) ? event : null;
    case 'OwnershipTransferred':
      return securableCovered(c, event.object.kind) ? event : null;
    case 'IntegrationCreated':
    case 'IntegrationAltered':
    case 'IntegrationRenamed':
    case 'IntegrationDropped':
    case 'ScimTokenIssued':
      return c.integrations ? event : null;
    case 'NetworkPolicyCreated':
      if (!c.policies) return null;
      return c.ownership ? event : { ...event, policy: { ...event.policy, owner: DEFAULT_REPLICA_OWNER } };
    case 'NetworkPolicyAltered':
    case 'NetworkPolicyRenamed':
    case 'NetworkPolicyDropped':
      return c.policies ? event : null;
    case 'ParameterSet':
    case 'ParameterUnset':
      return c.parameters ? event : null;
    case 'ObjectsLinked': {
      const links = event.links.filter((l) => (l.kind === 'USER' ? c.users : c.roles));
      if (links.length === 0) return null;
      return links.length === event.links.length ? event : { ...event, links };
    }
    case 'ReplicaRefreshed': {
      const events: Event[] = [];
      for (const inner of event.events) {
        const r = replicableIn(inner, c);
        if (r) events.push(r);
      }
      return events.length === 0 ? null : { ...event, events, discarded: [] };
    }
    case 'FailoverGroupCreated':
    case 'FailoverGroupAltered':
    case 'FailoverGroupDropped':
    case 'ConnectionCreated':
    case 'ConnectionAltered':
    case 'ConnectionDropped':
    case 'ScimRequestRecorded':
      return null;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * The events a secondary applies for one primary event, flat: a nested `ReplicaRefreshed`
 * contributes its (filtered) inner events, never itself, so replaying never touches the
 * secondary's own group bookkeeping. This is what an incremental refresh carries.
 */
export function replicableEvents(event: Event, scope: ReplicationScope): Event[] {
  const out: Event[] = [];
  pushReplicable(event, coverage(scope), out);
  return out;
}

/** @internal Appends the flat replicable form of `event` to `out` (one coverage for many events). */
export function pushReplicable(event: Event, c: Coverage, out: Event[]): void {
  if (event.type === 'ReplicaRefreshed') {
    for (const inner of event.events) pushReplicable(inner, c, out);
    return;
  }
  const r = replicableIn(event, c);
  if (r) out.push(r);
}
