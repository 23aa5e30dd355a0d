import type { AccountState } from '../state.ts';
import type { Event, UserRecord } from '../events.ts';
import type { ReplicationObjectType } from '../model/replication.ts';
import { privilegeKey, type PrivilegeGrant } from '../model/privileges.ts';
import { isSystemRole } from '../model/role.ts';
import { userRecord } from '../model/user.ts';
import type { ScimToken } from '../model/integration.ts';
import { shGet, shValues } from '../util/sharded-map.ts';
import { coverage, DEFAULT_REPLICA_OWNER, type ReplicationScope } from './scope.ts';
import { grantCovered, roleView, userView } from './project.ts';
import { canonicalEqual } from './stable.ts';

/** OBJECT_COUNT.objectTypes entries of a refresh. */
export type ObjectCounts = readonly { readonly objectType: string; readonly totalObjects: number }[];

/** The result of a reconcile: ordinary events that make the target's covered part equal the source's. */
export interface ReconcilePlan {
  readonly events: Event[];
  /** Objects in the source's covered part, per kind (the snapshot's OBJECT_COUNT). */
  readonly counts: ObjectCounts;
}

const same = canonicalEqual;

const roleCore = (r: Parameters<typeof roleView>[0]) => {
  const { granted: _granted, ...rest } = roleView(r);
  return rest;
};

/**
 * Reconcile-from-snapshot (DESIGN.md "Replication"): the diff, as ordinary events, from the
 * target's covered part to the source's. Drops objects the source does not have (by global id:
 * local objects without one go too), creates the missing, overwrites the changed, and revokes /
 * grants so grants match. Order: revokes, drops, upserts (policies before the users and
 * integrations that name them), then grants and tokens. Pure; O(size of both covered parts).
 * Upserts reuse the create events: `UserCreated` / `RoleCreated` / `IntegrationCreated` /
 * `NetworkPolicyCreated` on an existing id overwrite it and keep its grants.
 */
export function reconcileEvents(target: AccountState, source: AccountState, scope: ReplicationScope): ReconcilePlan {
  const c = coverage(scope);
  const revokes: Event[] = [];
  const drops: Event[] = [];
  const upserts: Event[] = [];
  const grants: Event[] = [];
  const counts: { objectType: string; totalObjects: number }[] = [];

  if (c.users) {
    let n = 0;
    for (const t of shValues(target.users)) if (!shGet(source.users, t.id)) drops.push({ type: 'UserDropped', id: t.id });
    for (const s of shValues(source.users)) {
      n++;
      const t = shGet(target.users, s.id);
      const user: UserRecord = userRecord(c.ownership ? s : { ...s, owner: t?.owner ?? DEFAULT_REPLICA_OWNER }, []);
      if (!t) {
        upserts.push({ type: 'UserCreated', user });
        continue;
      }
      const { roles: _sr, ...sv } = userView(s, scope, c);
      const { roles: _tr, ...tv } = userView(t, scope, c);
      if (!same(sv, tv)) upserts.push({ type: 'UserCreated', user });
    }
    counts.push({ objectType: 'users', totalObjects: n });
  }

  if (c.roles) {
    let n = 0;
    let edges = 0;
    for (const t of shValues(target.roles)) if (!isSystemRole(t.id) && !shGet(source.roles, t.id)) drops.push({ type: 'RoleDropped', id: t.id });
    for (const s of shValues(source.roles)) {
      n++;
      const t = shGet(target.roles, s.id);
      if (!isSystemRole(s.id) && (!t || !same(roleCore(s), roleCore(t)))) {
        upserts.push({
          type: 'RoleCreated',
          role: { id: s.id, name: s.name, comment: s.comment, owner: s.owner, createdOn: s.createdOn, ...(s.externalId !== undefined ? { externalId: s.externalId } : {}) },
        });
        if (s.updatedOn !== s.createdOn) upserts.push({ type: 'RoleAltered', id: s.id, comment: s.comment, at: s.updatedOn });
      }
      for (const [child, meta] of s.granted) {
        edges++;
        const tm = t?.granted.get(child);
        if (!tm || tm.grantedBy !== meta.grantedBy || tm.at !== meta.at) {
          grants.push({ type: 'RoleGranted', role: child, to: { kind: 'ROLE', id: s.id }, grantedBy: meta.grantedBy, at: meta.at });
        }
      }
      if (t) {
        for (const child of t.granted.keys()) {
          if (!s.granted.has(child) && shGet(source.roles, child)) revokes.push({ type: 'RoleRevoked', role: child, from: { kind: 'ROLE', id: s.id } });
        }
      }
    }
    counts.push({ objectType: 'roles', totalObjects: n });

    if (c.userGrants) {
      for (const s of shValues(source.users)) {
        const t = shGet(target.users, s.id);
        for (const g of s.roles) {
          edges++;
          const tg = t?.roles.find((x) => x.role === g.role);
          if (!tg || tg.grantedBy !== g.grantedBy || tg.at !== g.at) {
            grants.push({ type: 'RoleGranted', role: g.role, to: { kind: 'USER', id: s.id }, grantedBy: g.grantedBy, at: g.at });
          }
        }
        if (t) {
          for (const g of t.roles) {
            if (!s.roles.some((x) => x.role === g.role) && shGet(source.roles, g.role)) revokes.push({ type: 'RoleRevoked', role: g.role, from: { kind: 'USER', id: s.id } });
          }
        }
      }
    }

    const wanted = new Map<string, PrivilegeGrant>();
    for (const [key, g] of source.privileges) if (grantCovered(source, g, c)) wanted.set(key, g);
    for (const [key, g] of target.privileges) {
      if (!wanted.has(key) && grantCovered(target, g, c)) revokes.push({ type: 'PrivilegeRevoked', privilege: g.privilege, on: g.on, from: g.to });
    }
    for (const [key, g] of wanted) {
      const t = target.privileges.get(key);
      if (!t || !same(t, g)) grants.push({ type: 'PrivilegeGranted', grant: g });
    }
    counts.push({ objectType: 'grants', totalObjects: edges + wanted.size });
  }

  if (c.policies) {
    for (const t of target.networkPolicies.values()) if (!source.networkPolicies.has(t.id)) drops.push({ type: 'NetworkPolicyDropped', id: t.id });
    // Policies first among the upserts: users and integrations name them.
    const policyUpserts: Event[] = [];
    for (const s of source.networkPolicies.values()) {
      const t = target.networkPolicies.get(s.id);
      const policy = c.ownership ? s : { ...s, owner: t?.owner ?? DEFAULT_REPLICA_OWNER };
      if (!t || !same(t, policy)) policyUpserts.push({ type: 'NetworkPolicyCreated', policy });
    }
    upserts.unshift(...policyUpserts);
    counts.push({ objectType: 'network_policies', totalObjects: source.networkPolicies.size });
  }

  if (c.integrations) {
    const tokensOf = (s: AccountState, id: string): ScimToken[] => [...s.scimTokens.values()].filter((t) => t.integrationId === id);
    for (const t of target.integrations.values()) if (!source.integrations.has(t.id)) drops.push({ type: 'IntegrationDropped', id: t.id });
    for (const s of source.integrations.values()) {
      const t = target.integrations.get(s.id);
      const wantedTokens = tokensOf(source, s.id);
      const haveTokens = t ? tokensOf(target, s.id) : [];
      // A token the source never issued can only go with its integration (no event revokes one).
      const extra = haveTokens.some((h) => !source.scimTokens.has(h.hash));
      if (extra) upserts.push({ type: 'IntegrationDropped', id: s.id });
      if (extra || !t || !same(t, s)) upserts.push({ type: 'IntegrationCreated', integration: s });
      for (const token of wantedTokens) if (extra || !target.scimTokens.has(token.hash)) grants.push({ type: 'ScimTokenIssued', token });
    }
    counts.push({ objectType: 'integrations', totalObjects: source.integrations.size });
  }

  if (c.parameters) {
    for (const name of target.parameters.keys()) if (!source.parameters.has(name)) drops.push({ type: 'ParameterUnset', name });
    for (const [name, value] of source.parameters) if (target.parameters.get(name) !== value) upserts.push({ type: 'ParameterSet', name, value });
    counts.push({ objectType: 'parameters', totalObjects: source.parameters.size });
  }

  return { events: [...revokes, ...drops, ...upserts, ...grants], counts };
}

/** Object counts of the events an incremental refresh carries, per kind. */
export function countEvents(events: readonly Event[]): ObjectCounts {
  const by = new Map<string, number>();
  const add = (k: string) => by.set(k, (by.get(k) ?? 0) + 1);
  for (const e of events) {
    switch (e.type) {
      case 'UserCreated':
      case 'UserAltered':
      case 'UserRenamed':
      case 'UserDropped':
        add('users');
        break;
      case 'RoleCreated':
      case 'RoleAltered':
      case 'RoleRenamed':
      case 'RoleDropped':
        add('roles');
        break;
      case 'RoleGranted':
      case 'RoleRevoked':
      case 'PrivilegeGranted':
      case 'PrivilegeRevoked':
      case 'OwnershipTransferred':
        add('grants');
        break;
      case 'IntegrationCreated':
      case 'IntegrationAltered':
      case 'IntegrationRenamed':
      case 'IntegrationDropped':
      case 'ScimTokenIssued':
        add('integrations');
        break;
      case 'NetworkPolicyCreated':
      case 'NetworkPolicyAltered':
      case 'NetworkPolicyRenamed':
      case 'NetworkPolicyDropped':
        add('network_policies');
        break;
      case 'ParameterSet':
      case 'ParameterUnset':
        add('parameters');
        break;
      default:
        add('other');
    }
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([objectType, totalObjects]) => ({ objectType, totalObjects }));
}

/** What an incremental refresh touched, to check references on the primary's current state. */
export interface Touched {
  readonly users: Set<string>;
  readonly integrations: Set<string>;
  account: boolean;
}

/** The users, integrations and account parameter an incremental batch touches (for the 003131 check). */
export function touchedBy(events: readonly Event[]): Touched {
  const t: Touched = { users: new Set(), integrations: new Set(), account: false };
  for (const e of events) {
    if (e.type === 'UserCreated') t.users.add(e.user.id);
    else if (e.type === 'UserAltered' && e.changes.networkPolicy !== undefined) t.users.add(e.id);
    else if (e.type === 'IntegrationCreated') t.integrations.add(e.integration.id);
    else if (e.type === 'IntegrationAltered' && (e.changes.networkPolicy !== undefined || e.changes.props !== undefined)) t.integrations.add(e.id);
    else if ((e.type === 'ParameterSet' || e.type === 'ParameterUnset') && e.name === 'NETWORK_POLICY') t.account = true;
  }
  return t;
}

/**
 * References the snapshot holds to network policies the group does not carry (spec §7: the
 * refresh fails with 003131): a policy on a replicated user, on a replicated integration or on
 * the account (ACCOUNT PARAMETERS). `only` limits the check to what an incremental refresh
 * touched; the primary's current state is the snapshot either way.
 */
export function danglingReferences(source: AccountState, scope: ReplicationScope, accountLocator: string, only?: Touched): string[] {
  const c = coverage(scope);
  if (c.policies) return [];
  const missing = new Map<string, string[]>();
  const add = (policyId: string, referrer: string) => {
    const name = source.networkPolicies.get(policyId)?.name ?? policyId;
    const key = `NETWORK_POLICY '${name}'`;
    missing.set(key, [...(missing.get(key) ?? []), referrer]);
  };
  if (c.users) {
    const ids = only ? only.users : null;
    if (ids) {
      for (const id of ids) {
        const u = shGet(source.users, id);
        if (u?.networkPolicy) add(u.networkPolicy, `USER '${u.name}'`);
      }
    } else for (const u of shValues(source.users)) if (u.networkPolicy) add(u.networkPolicy, `USER '${u.name}'`);
  }
  if (c.integrations) {
    const list = only ? [...only.integrations].map((id) => source.integrations.get(id)) : [...source.integrations.values()];
    for (const i of list) if (i?.networkPolicy) add(i.networkPolicy, `INTEGRATION '${i.name}'`);
  }
  if (c.parameters && (!only || only.account)) {
    const p = source.parameters.get('NETWORK_POLICY');
    if (p) add(p, `ACCOUNT '${accountLocator}'`);
  }
  return [...missing.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} <- [${v.join(', ')}]`);
}

/**
 * The first USERS / ROLES refresh over same-named local objects (spec §4.3): the target's users
 * and custom roles whose name the source uses for an object with another global id, for each of
 * those types not yet brought into the target. System roles share their ids everywhere.
 */
export function nameCollisions(
  target: AccountState,
  source: AccountState,
  scope: ReplicationScope,
  initialized: readonly ReplicationObjectType[],
): string[] {
  const c = coverage(scope);
  const out: string[] = [];
  if (c.users && !initialized.includes('USERS')) {
    for (const u of shValues(target.users)) {
      const id = shGet(source.userNames, u.name);
      if (id !== undefined && id !== u.id) out.push(`USER '${u.name}'`);
    }
  }
  if (c.roles && !initialized.includes('ROLES')) {
    for (const r of shValues(target.roles)) {
      if (isSystemRole(r.id)) continue;
      const id = shGet(source.roleNames, r.name);
      if (id !== undefined && id !== r.id) out.push(`ROLE '${r.name}'`);
    }
  }
  return out.sort();
}

/** Keys of the privileges a view covers, for tests and reports. */
export const grantKey = (g: PrivilegeGrant) => privilegeKey(g.privilege, g.on, g.to);
