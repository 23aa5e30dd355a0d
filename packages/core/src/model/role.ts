/** The system roles every account has, and Snowflake's hierarchy among them. */
export const SYSTEM_ROLES = ['ACCOUNTADMIN', 'SECURITYADMIN', 'USERADMIN', 'SYSADMIN', 'ORGADMIN', 'PUBLIC'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];

/** child -> parent: USERADMIN is granted to SECURITYADMIN, which is granted to ACCOUNTADMIN, ... */
export const SYSTEM_HIERARCHY: readonly (readonly [child: SystemRole, parent: SystemRole])[] = [
  ['USERADMIN', 'SECURITYADMIN'],
  ['SECURITYADMIN', 'ACCOUNTADMIN'],
  ['SYSADMIN', 'ACCOUNTADMIN'],
];

export function isSystemRole(name: string): name is SystemRole {
  return (SYSTEM_ROLES as readonly string[]).includes(name);
}

import type { ShardedMap } from '../util/sharded-map.ts';

/** A grant of one role to another role (the role hierarchy), stored on the parent. */
export interface RoleGrantMeta {
  readonly grantedBy: string;
  readonly at: number;
}

export interface Role {
  /** Stable id; system roles use their name as id so every account agrees on them. */
  readonly id: string;
  readonly name: string;
  readonly comment: string | null;
  /** Owning role id; empty for system roles (SHOW ROLES prints an empty owner). */
  readonly owner: string;
  readonly createdOn: number;
  readonly updatedOn: number;
  /** Roles granted TO this role (children), by id. This role inherits their privileges. */
  readonly granted: ReadonlyMap<string, RoleGrantMeta>;
  /**
   * Users holding this role directly, by user id (SCIM group members, SHOW GRANTS OF ROLE). Sharded
   * like the users map: a group can have 100k members and a grant must not copy them all.
   */
  readonly users: ShardedMap<RoleGrantMeta>;
  /** SCIM's externalId for groups, echoed back. */
  readonly externalId?: string;
}
