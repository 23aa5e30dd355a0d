import { castDraft } from 'immer';
import type { EventOf } from '../events.ts';
import { SYSTEM_HIERARCHY, SYSTEM_ROLES, type RoleGrantMeta } from '../model/role.ts';
import { emptySharded, shGet, shSet } from '../util/sharded-map.ts';
import type { W } from './draft.ts';

/** A new account: the system roles with Snowflake's hierarchy. System role ids are their names. */
export function accountCreated(s: W, e: EventOf<'AccountCreated'>): void {
  for (const name of SYSTEM_ROLES) {
    shSet(s.roles, name, { id: name, name, comment: null, owner: '', createdOn: e.at, updatedOn: e.at, granted: new Map(), users: castDraft(emptySharded<RoleGrantMeta>()) });
    shSet(s.roleNames, name, name);
  }
  for (const [child, parent] of SYSTEM_HIERARCHY) shGet(s.roles, parent)!.granted.set(child, { grantedBy: '', at: e.at });
}
