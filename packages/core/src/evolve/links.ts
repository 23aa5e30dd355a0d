import type { EventOf } from '../events.ts';
import { userRecord } from '../model/user.ts';
import { shDelete, shGet, shKeys, shSet, shValues } from '../util/sharded-map.ts';
import { own } from '../util/transient.ts';
import type { W } from './draft.ts';
import { roleRecord, writableRole, writableUser } from './records.ts';

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
  const u = shGet(s.users, from);
  if (!u || shGet(s.users, to)) return;
  s.users = shDelete(s.users, from);
  s.users = shSet(s.users, to, own(userRecord({ ...u, id: to }, u.roles.slice())));
  s.userNames = shSet(s.userNames, u.name, to);
  s.loginNames = shSet(s.loginNames, u.loginName.toUpperCase(), to);
  for (const g of u.roles) {
    const meta = shGet(s.roles, g.role) && shGet(shGet(s.roles, g.role)!.users, from);
    if (meta) {
      const r = writableRole(s, g.role)!;
      r.users = shSet(shDelete(r.users, from), to, meta);
    }
  }
}

function relinkRole(s: W, from: string, to: string): void {
  const old = shGet(s.roles, from);
  if (!old || shGet(s.roles, to)) return;
  s.roles = shDelete(s.roles, from);
  const r = own(roleRecord({ ...old, id: to }, new Map(old.granted), old.users));
  s.roles = shSet(s.roles, to, r);
  s.roleNames = shSet(s.roleNames, r.name, to);
  for (const parent of [...shValues(s.roles)]) {
    const meta = parent.granted.get(from);
    if (meta) {
      const p = writableRole(s, parent.id)!;
      p.granted.delete(from);
      p.granted.set(to, meta);
    }
  }
  for (const userId of [...shKeys(r.users)]) {
    const u = writableUser(s, userId);
    if (u) u.roles = u.roles.map((g) => (g.role === from ? { ...g, role: to } : g));
  }
  for (const u of [...shValues(s.users)]) if (u.owner === from) writableUser(s, u.id)!.owner = to;
  for (const other of [...shValues(s.roles)]) if (other.owner === from) writableRole(s, other.id)!.owner = to;
  for (const i of s.integrations.values()) if (i.owner === from) i.owner = to;
  for (const [key, grant] of s.privileges) {
    if (grant.to === from || grant.grantedBy === from) {
      s.privileges.delete(key);
      const next = { ...grant, to: grant.to === from ? to : grant.to, grantedBy: grant.grantedBy === from ? to : grant.grantedBy };
      s.privileges.set(key.replace(`|${from}`, `|${to}`), next);
    }
  }
}
