import { produce, enableMapSet, setAutoFreeze, castDraft, current, isDraft, type Draft } from 'immer';
import type { Event, LogEntry } from '../events.ts';
import type { AccountState } from '../state.ts';
import type { FailoverGroup } from '../model/replication.ts';
import { initialState } from '../state.ts';
import { writableMap, type W } from './draft.ts';
import { transient } from '../util/transient.ts';
import { accountCreated } from './account.ts';
import { userAltered, userCreated, userDropped, userRenamed } from './users.ts';
import { roleAltered, roleCreated, roleDropped, roleRenamed } from './roles.ts';
import { ownershipTransferred, privilegeGranted, privilegeRevoked, roleGranted, roleRevoked } from './grants.ts';
import { integrationAltered, integrationDropped, networkPolicyAltered } from './objects.ts';
import { objectsLinked } from './links.ts';

enableMapSet();
// Auto-freeze walks and freezes every copied node on each produce (~25% of a SCIM write); the
// state is readonly by type, and the log is never mutated, so freezing buys nothing here.
setAutoFreeze(false);

/**
 * The evolve recipe: applies one event to a mutable view of the state. Total: an event about an
 * object that is gone is ignored, so evolve never throws on a log decide produced. It neither
 * generates ids nor reads time; everything it needs is in the event.
 */
export function evolve(s: W, event: Event): void {
  switch (event.type) {
    case 'AccountCreated':
      return accountCreated(s, event);
    case 'UserCreated':
      return userCreated(s, event);
    case 'UserAltered':
      return userAltered(s, event);
    case 'UserRenamed':
      return userRenamed(s, event);
    case 'UserDropped':
      return userDropped(s, event);
    case 'RoleCreated':
      return roleCreated(s, event);
    case 'RoleAltered':
      return roleAltered(s, event);
    case 'RoleRenamed':
      return roleRenamed(s, event);
    case 'RoleDropped':
      return roleDropped(s, event);
    case 'RoleGranted':
      return roleGranted(s, event);
    case 'RoleRevoked':
      return roleRevoked(s, event);
    case 'PrivilegeGranted':
      return privilegeGranted(s, event);
    case 'PrivilegeRevoked':
      return privilegeRevoked(s, event);
    case 'OwnershipTransferred':
      return ownershipTransferred(s, event);
    case 'IntegrationCreated':
      s.integrations.set(event.integration.id, { ...event.integration } as Draft<typeof event.integration>);
      return;
    case 'IntegrationAltered':
      return integrationAltered(s, event);
    case 'IntegrationRenamed': {
      const i = s.integrations.get(event.id);
      if (i) i.name = event.name;
      return;
    }
    case 'IntegrationDropped':
      return integrationDropped(s, event);
    case 'ScimTokenIssued':
      writableMap(s, 'scimTokens').set(event.token.hash, event.token);
      return;
    case 'NetworkPolicyCreated':
      s.networkPolicies.set(event.policy.id, { ...event.policy } as Draft<typeof event.policy>);
      return;
    case 'NetworkPolicyAltered':
      return networkPolicyAltered(s, event);
    case 'NetworkPolicyRenamed': {
      const p = s.networkPolicies.get(event.id);
      if (p) p.name = event.name;
      return;
    }
    case 'NetworkPolicyDropped':
      s.networkPolicies.delete(event.id);
      return;
    case 'ParameterSet':
      s.parameters.set(event.name, event.value);
      return;
    case 'ParameterUnset':
      s.parameters.delete(event.name);
      return;
    case 'FailoverGroupCreated':
      setGroup(s, event.group.id, { ...event.group, refreshes: Object.freeze([...event.group.refreshes]) });
      return;
    case 'FailoverGroupAltered': {
      const g = groupNow(s, event.id);
      if (g) setGroup(s, event.id, { ...g, ...(event.changes as Partial<FailoverGroup>) });
      return;
    }
    case 'FailoverGroupDropped':
      s.failoverGroups.delete(event.id);
      return;
    case 'ReplicaRefreshed': {
      for (const inner of event.events) evolve(s, inner);
      // The group is replaced, not edited through immer: a draft of its refresh history (up to
      // 1,000 records) cost a copy and a walk of every record per refresh.
      const g = groupNow(s, event.groupId);
      if (g) {
        // Only a completed refresh moves the cursor; a failed or cancelled one leaves the replica
        // where it was. Either way the job is over and the schedule counts from its start.
        const completed = event.refresh.phase === 'COMPLETED';
        setGroup(s, event.groupId, {
          ...g,
          cursor: completed ? event.source.seq : g.cursor,
          cursorAccount: completed ? event.source.account : g.cursorAccount,
          initializedTypes: completed ? [...new Set([...g.initializedTypes, ...g.objectTypes])] : g.initializedTypes,
          lastRefreshStart: event.refresh.startTime,
          refreshInProgress: null,
          // Bounded (REPLICATION_GROUP_REFRESH_HISTORY covers 14 days) and frozen, so that immer
          // never walks it when it finalizes the batch.
          refreshes: Object.freeze([...g.refreshes.slice(-999), event.refresh]),
        });
      }
      return;
    }
    case 'ObjectsLinked':
      return objectsLinked(s, event);
    case 'ConnectionCreated':
      s.connections.set(event.connection.id, { ...event.connection } as Draft<typeof event.connection>);
      return;
    case 'ConnectionAltered': {
      const c = s.connections.get(event.id);
      if (c) s.connections.set(event.id, { ...c, ...(event.changes as Partial<typeof c>) });
      return;
    }
    case 'ConnectionDropped':
      s.connections.delete(event.id);
      return;
    case 'ScimRequestRecorded':
      // REST_EVENT_HISTORY reads the log itself; the state does not keep request rows.
      return;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * A failover group as this batch has left it so far, as a plain value (no drafts inside), to be
 * replaced rather than edited in place.
 */
function groupNow(s: W, id: string): FailoverGroup | undefined {
  const g = s.failoverGroups.get(id);
  return g === undefined || !isDraft(g) ? (g as FailoverGroup | undefined) : (current(g) as FailoverGroup);
}

/**
 * Stores a failover group (every group write goes through here): through immer's draft of the
 * Map, or, in a batch without immer (see IMMER_FREE), on a copy of the Map the batch then owns.
 */
function setGroup(s: W, id: string, g: FailoverGroup): void {
  writableMap(s, 'failoverGroups').set(id, castDraft(g));
}

/**
 * Events whose recipes write only the sharded maps and their records, which copy on write by
 * themselves (transient.ts), and small Maps through `writableMap` (a token, the privileges of a
 * dropped role, a refresh's bookkeeping of its group): a batch of only these needs a copy of the
 * state's root, not immer. The property "a published state never changes" and
 * copy-on-write.test.ts guard this list.
 */
const IMMER_FREE = new Set<Event['type']>([
  'UserCreated',
  'UserAltered',
  'UserRenamed',
  'UserDropped',
  'RoleCreated',
  'RoleAltered',
  'RoleRenamed',
  'RoleDropped',
  'RoleGranted',
  'RoleRevoked',
  'ScimTokenIssued',
  'ScimRequestRecorded',
]);

function immerFree(events: readonly Event[]): boolean {
  return events.every((e) => IMMER_FREE.has(e.type) || (e.type === 'ReplicaRefreshed' && immerFree(e.events)));
}

/**
 * Applies a batch of events as ONE write: O(events), not O(events x state). The sharded maps and
 * their records are copied on first write within the batch (transient.ts), the rest by one immer
 * `produce` (skipped when the batch touches nothing else).
 */
export function applyEvents(state: AccountState, events: readonly Event[]): AccountState {
  // REST_EVENT_HISTORY rows (one per SCIM request) live only in the log.
  if (events.every((e) => e.type === 'ScimRequestRecorded')) return state;
  return transient('batch', () => {
    if (immerFree(events)) {
      const next = { ...state } as W;
      for (const e of events) evolve(next, e);
      return next as AccountState;
    }
    return produce(state, (draft) => {
      for (const e of events) evolve(draft as W, e);
    });
  });
}

/**
 * Folds a whole log from scratch on a private working copy: no proxies, as fast as a hand-written
 * mutable reducer. Safe because evolve copies whatever it takes from an event before it could
 * mutate it, and the working copy is published only when the fold is done.
 */
export function foldLog(log: readonly LogEntry[]): AccountState {
  return transient('fold', () => {
    const w = initialState() as W;
    for (const entry of log) evolve(w, entry.event);
    return w as AccountState;
  });
}

/** Folds bare events (no log envelope) from scratch, as `foldLog` does. */
export function foldEvents(events: Iterable<Event>): AccountState {
  return transient('fold', () => {
    const w = initialState() as W;
    for (const e of events) evolve(w, e);
    return w as AccountState;
  });
}
