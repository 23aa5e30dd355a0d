/**
 * An organization scenario as data (a *plan*): the configuration (accounts, IdP, what the failover
 * group replicates), the IdP's initial directory, and the steps — IdP syncs, REFRESH, PRIMARY,
 * connection failover, outages, clock advances, token regeneration, administrator SQL. The
 * scenario arbitrary generates plans; `World` runs them; a failing plan is the counterexample.
 */
import type { Change, Directory } from './directory.ts';

/** Which IdP's SCIM integration the accounts are set up for (SCIM_CLIENT, RUN_AS_ROLE). */
export type IdpKind = 'okta' | 'entra' | 'generic';

/** Object types a plan's failover group replicates, as Snowflake spells them. */
export type PlanObjectType = 'USERS' | 'ROLES' | 'INTEGRATIONS' | 'NETWORK POLICIES' | 'ACCOUNT PARAMETERS';

export interface PlanConfig {
  /** Accounts in the organization, 2 or 3: ACCOUNT1 starts as the primary. */
  readonly accounts: number;
  readonly idp: IdpKind;
  /** OBJECT_TYPES of the failover group FG (INTEGRATIONS implies SECURITY INTEGRATIONS). */
  readonly objectTypes: readonly PlanObjectType[];
  /** REPLICATION_SCHEDULE of FG (`'10 MINUTE'`), or null for manual refreshes only. */
  readonly schedule: string | null;
  /** The organization's id seed. */
  readonly seed: number;
}

/** One step of a plan. Accounts are names (`ACCOUNT2`). */
export type PlanStep =
  /** The IdP administrator makes `changes`, then the IdP syncs (with anything still pending). */
  | { readonly kind: 'sync'; readonly changes: readonly Change[] }
  /** `ALTER FAILOVER GROUP FG REFRESH` in `account`. */
  | { readonly kind: 'refresh'; readonly account: string }
  /** `ALTER FAILOVER GROUP FG PRIMARY` in `account` (no refresh first: writes may be lost). */
  | { readonly kind: 'promote'; readonly account: string }
  /** `ALTER CONNECTION GLOBAL PRIMARY` in `account`: the IdP's URL now reaches it. */
  | { readonly kind: 'promoteConnection'; readonly account: string }
  /** Planned failover to `account`: REFRESH, then PRIMARY, then ALTER CONNECTION ... PRIMARY. */
  | { readonly kind: 'failover'; readonly account: string }
  /** The account becomes unreachable. */
  | { readonly kind: 'outage'; readonly account: string }
  /** The account is reachable again. */
  | { readonly kind: 'recover'; readonly account: string }
  /** The simulated clock moves (`'10 minutes'`, `'200 days'`: SCIM tokens last 183 days). */
  | { readonly kind: 'advance'; readonly by: string }
  /** `SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN(...)` on the connection's primary; the IdP switches to it. */
  | { readonly kind: 'regenerateToken' }
  /** An administrator's statement in `account` (as ACCOUNTADMIN). */
  | { readonly kind: 'sql'; readonly account: string; readonly statement: string };

export type PlanStepKind = PlanStep['kind'];

/** A whole scenario. */
export interface Plan {
  readonly config: PlanConfig;
  /** The directory the IdP pushes first (its initial full sync). */
  readonly initial: Directory;
  readonly steps: readonly PlanStep[];
}

/** Names every plan uses. */
export const ORG_NAME = 'MYORG';
export const GROUP_NAME = 'FG';
export const CONNECTION_NAME = 'GLOBAL';
/** The regions of ACCOUNT1..3: connections fail over only across regions. */
export const ACCOUNT_REGIONS: readonly string[] = ['AWS_US_WEST_2', 'AWS_US_EAST_1', 'AZURE_WESTEUROPE'];

/** The account names of a config: `ACCOUNT1`, `ACCOUNT2`, ... */
export function accountNames(config: Pick<PlanConfig, 'accounts'>): string[] {
  return Array.from({ length: config.accounts }, (_, i) => `ACCOUNT${i + 1}`);
}

/** RUN_AS_ROLE, SCIM_CLIENT and integration name of each IdP (spec §7.1, §7.4). */
export const IDP_SETUP: Readonly<Record<IdpKind, { readonly role: string; readonly client: string; readonly integration: string }>> = {
  okta: { role: 'OKTA_PROVISIONER', client: 'OKTA', integration: 'OKTA_PROVISIONING' },
  entra: { role: 'AAD_PROVISIONER', client: 'AZURE', integration: 'AAD_PROVISIONING' },
  generic: { role: 'GENERIC_SCIM_PROVISIONER', client: 'GENERIC', integration: 'GENERIC_SCIM_PROVISIONING' },
};

/** The documented default: users, roles and the SCIM integration (spec replication §6.3). */
export const DEFAULT_OBJECT_TYPES: readonly PlanObjectType[] = ['USERS', 'ROLES', 'INTEGRATIONS'];

/** One line per step, for reports. */
export function describePlanStep(s: PlanStep): string {
  switch (s.kind) {
    case 'sync':
      return `sync (${s.changes.length} change${s.changes.length === 1 ? '' : 's'})`;
    case 'refresh':
    case 'promote':
    case 'promoteConnection':
    case 'failover':
    case 'outage':
    case 'recover':
      return `${s.kind} ${s.account}`;
    case 'advance':
      return `advance ${s.by}`;
    case 'regenerateToken':
      return 'regenerate SCIM token';
    case 'sql':
      return `${s.account}> ${s.statement}`;
  }
}
