import type { IntegrationType, ReplicationObjectType } from '../model/replication.ts';

/** What a group replicates: its OBJECT_TYPES and ALLOWED_INTEGRATION_TYPES (a FailoverGroup is one). */
export interface ReplicationScope {
  readonly objectTypes: readonly ReplicationObjectType[];
  readonly allowedIntegrationTypes: readonly IntegrationType[];
}

/**
 * Which parts of an account a scope covers. Derived once per call so `replicable` and `project`
 * agree on every rule (spec/snowflake-replication.md §3):
 * - role hierarchy and account-level grants travel with ROLES alone;
 * - role-to-user grants need ROLES and USERS;
 * - ownership (the `owner` of users, roles, integrations, policies) mirrors the source only when
 *   ROLES are replicated; otherwise objects a refresh creates are owned by ACCOUNTADMIN;
 * - snowglobe models only security integrations (SCIM, SAML2, OAuth, ...), so INTEGRATIONS
 *   cover something only with `SECURITY INTEGRATIONS`; SCIM tokens go with their integration.
 */
export interface Coverage {
  readonly users: boolean;
  readonly roles: boolean;
  readonly userGrants: boolean;
  readonly integrations: boolean;
  readonly policies: boolean;
  readonly parameters: boolean;
  /** Owners (and privileges on the covered objects) mirror the source. */
  readonly ownership: boolean;
}

/** The coverage of a scope (see `Coverage`). */
export function coverage(scope: ReplicationScope): Coverage {
  // No closure here: this runs for every replicated event.
  const types = scope.objectTypes;
  const roles = types.includes('ROLES');
  const users = types.includes('USERS');
  return {
    users,
    roles,
    userGrants: roles && users,
    integrations: types.includes('INTEGRATIONS') && scope.allowedIntegrationTypes.includes('SECURITY INTEGRATIONS'),
    policies: types.includes('NETWORK POLICIES'),
    parameters: types.includes('ACCOUNT PARAMETERS'),
    ownership: roles,
  };
}

/** Object types that hold databases-like members rather than account objects (spec §2.1). */
export const MEMBER_LIST_TYPES: readonly ReplicationObjectType[] = ['DATABASES', 'SHARES', 'EXTERNAL VOLUMES'];

/** Whether a list of OBJECT_TYPES holds account objects (anything but databases, shares, external volumes). */
export function carriesAccountObjects(types: readonly ReplicationObjectType[]): boolean {
  return types.some((t) => !MEMBER_LIST_TYPES.includes(t));
}

/** The role that owns objects a refresh creates when ROLES are not replicated (older docs; see docs/replication.md). */
export const DEFAULT_REPLICA_OWNER = 'ACCOUNTADMIN';
