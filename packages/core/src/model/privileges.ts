/** Account-level privileges (GRANT ... ON ACCOUNT). Stored as Snowflake spells them. */
export const ACCOUNT_PRIVILEGES = [
  'CREATE USER',
  'CREATE ROLE',
  'CREATE INTEGRATION',
  'CREATE NETWORK POLICY',
  'MANAGE GRANTS',
  'MONITOR USER',
  'MONITOR ROLE',
  'CREATE FAILOVER GROUP',
  'CREATE REPLICATION GROUP',
  'CREATE CONNECTION',
  'CREATE DATABASE',
  'CREATE WAREHOUSE',
  'CREATE SHARE',
  'CREATE ACCOUNT',
  'MONITOR',
  'MONITOR USAGE',
  'APPLY MASKING POLICY',
  'APPLY ROW ACCESS POLICY',
  'APPLY TAG',
  'EXECUTE TASK',
  'IMPORT SHARE',
  'REPLICATE',
  'FAILOVER',
  'AUDIT',
] as const;
export type AccountPrivilege = (typeof ACCOUNT_PRIVILEGES)[number];

export function isAccountPrivilege(p: string): p is AccountPrivilege {
  return (ACCOUNT_PRIVILEGES as readonly string[]).includes(p);
}

/** Kinds of securable object that carry ownership and object privileges. */
export type SecurableKind = 'USER' | 'ROLE' | 'INTEGRATION' | 'NETWORK_POLICY' | 'FAILOVER_GROUP' | 'REPLICATION_GROUP' | 'CONNECTION';

export type Securable = { readonly kind: 'ACCOUNT' } | { readonly kind: SecurableKind; readonly id: string };

/** One privilege granted to a role (not OWNERSHIP, which lives on the object). */
export interface PrivilegeGrant {
  readonly privilege: string;
  readonly on: Securable;
  readonly to: string;
  readonly grantOption: boolean;
  readonly grantedBy: string;
  readonly at: number;
}

/** The key a privilege grant is stored under: one grant per (privilege, object, grantee). */
export function privilegeKey(privilege: string, on: Securable, to: string): string {
  return `${privilege}|${on.kind}|${on.kind === 'ACCOUNT' ? '' : on.id}|${to}`;
}

/** Default global privileges of the system roles (spec/snowflake-sql.md §5). Not revocable. */
export const SYSTEM_PRIVILEGES: Readonly<Record<string, readonly string[]>> = {
  USERADMIN: ['CREATE USER', 'CREATE ROLE'],
  SECURITYADMIN: ['MANAGE GRANTS', 'CREATE NETWORK POLICY'],
  SYSADMIN: ['CREATE DATABASE', 'CREATE WAREHOUSE'],
  ACCOUNTADMIN: [
    'CREATE INTEGRATION',
    'CREATE FAILOVER GROUP',
    'CREATE REPLICATION GROUP',
    'CREATE CONNECTION',
    'CREATE SHARE',
    'CREATE ACCOUNT',
    'MONITOR USER',
    'MONITOR ROLE',
    'MONITOR',
    'MONITOR USAGE',
    'APPLY TAG',
    'EXECUTE TASK',
    'IMPORT SHARE',
    'REPLICATE',
    'FAILOVER',
    'AUDIT',
  ],
  ORGADMIN: [],
  PUBLIC: [],
};
