import type { EventOf } from '../events.ts';
import { SYSTEM_HIERARCHY, SYSTEM_ROLES } from '../model/role.ts';
import { emptySharded, shSet } from '../util/sharded-map.ts';
import { own } from '../util/transient.ts';
import type { W } from './draft.ts';
import { roleRecord, writableRole } from './records.ts';

/** A new account: the system roles with Snowflake's hierarchy. System role ids are their names. */
export function accountCreated(s: W, e: EventOf<'AccountCreated'>): void {
  for (const name of SYSTEM_ROLES) {
    const role = roleRecord({ id: name, name, comment: null, owner: '', createdOn: e.at, updatedOn: e.at }, new Map(), emptySharded());
    s.roles = shSet(s.roles, name, own(role));
    s.roleNames = shSet(s.roleNames, name, name);
  }
  for (const [child, parent] of SYSTEM_HIERARCHY) writableRole(s, parent)!.granted.set(child, { grantedBy: '', at: e.at });
}
