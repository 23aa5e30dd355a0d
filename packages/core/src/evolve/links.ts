import type { EventOf } from '../events.ts';
import type { User } from '../model/user.ts';
import { shDelete, shGet, shKeys, shSet, shValues } from '../util/sharded-map.ts';
import type { W } from './draft.ts';

/**
 * SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME: a local object takes the global id of its same-named
 * source object, so the next refresh updates it instead of dropping it. Rare, so O(n) is fine.
 */
export function objectsLinked(s: W, e: EventOf<'ObjectsLinked'>): void {
  for (const link of e.links) {
    if (link.fromId === link.toId) continue;
    if (link.kind === 'USER') relinkUser(s, link.fromId, link.toId);
    else relinkRole(s, link.fromId, link.toId);
  }
}

function relinkUser(s: W, from: string, to: string): void {
  const u = shGet(s.users, from) as User | undefined;
  if (!u || shGet(s.users, to)) return;
  shDelete(s.users, from);
  shSet(s.users, to, { ...u, id: to });
  shSet(s.userNames, u.name, to);
  shSet(s.loginNames, u.loginName.toUpperCase(), to);
  for (const g of u.roles) {
    const r = shGet(s.roles, g.role);
    const meta = r ? shGet(r.users, from) : undefined;
    if (r && meta) {
      shDelete(r.users, from);
      shSet(r.users, to, meta);
    }
  }
}

function relinkRole(s: W, from: string, to: string): void {
  const r = shGet(s.roles, from);
  if (!r || shGet(s.roles, to)) return;
  shDelete(s.roles, from);
  r.id = to;
  shSet(s.roles, to, r);
  shSet(s.roleNames, r.name, to);
  for (const parent of shValues(s.roles)) {
    const meta = parent.granted.get(from);
    if (meta) {
      const p = shGet(s.roles, parent.id)!;
      p.granted.delete(from);
      p.granted.set(to, meta);
    }
  }
  for (const userId of [...shKeys(r.users)]) {
    const u = shGet(s.users, userId) as User | undefined;
    if (u) shSet(s.users, userId, { ...u, roles: u.roles.map((g) => (g.role === from ? { ...g, role: to } : g)) });
  }
  for (const u of [...shValues(s.users)]) if (u.owner === from) shSet(s.users, u.id, { ...(u as User), owner: to });
  for (const other of shValues(s.roles)) if (other.owner === from) shGet(s.roles, other.id)!.owner = to;
  for (const i of s.integrations.values()) if (i.owner === from) i.owner = to;
  for (const [key, grant] of s.privileges) {
    if (grant.to === from || grant.grantedBy === from) {
      s.privileges.delete(key);
      const next = { ...grant, to: grant.to === from ? to : grant.to, grantedBy: grant.grantedBy === from ? to : grant.grantedBy };
      s.privileges.set(key.replace(`|${from}`, `|${to}`), next);
    }
  }
}
