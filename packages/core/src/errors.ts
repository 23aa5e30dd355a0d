/**
 * Snowflake errors as values. Every refusal in snowglobe is one of these, carrying Snowflake's
 * error code, SQLSTATE and the server message exactly as Snowflake prints it (category line,
 * newline, detail). `format()` gives the driver form: `002002 (42710): SQL compilation error:\n...`.
 */

/** The kinds of object Snowflake names in its messages, with the word it uses for each. */
export type ObjectKind =
  | 'USER'
  | 'ROLE'
  | 'INTEGRATION'
  | 'NETWORK_POLICY'
  | 'FAILOVER_GROUP'
  | 'REPLICATION_GROUP'
  | 'CONNECTION'
  | 'ACCOUNT'
  | 'OBJECT';

const KIND_WORD: Record<ObjectKind, string> = {
  USER: 'User',
  ROLE: 'Role',
  INTEGRATION: 'Integration',
  NETWORK_POLICY: 'Network policy',
  FAILOVER_GROUP: 'Failover group',
  REPLICATION_GROUP: 'Replication group',
  CONNECTION: 'Connection',
  ACCOUNT: 'Account',
  OBJECT: 'Object',
};

/** The lower-case word Snowflake uses in "Insufficient privileges to operate on <kind> 'X'". */
const KIND_PRIV_WORD: Record<ObjectKind, string> = {
  USER: 'user',
  ROLE: 'role',
  INTEGRATION: 'integration',
  NETWORK_POLICY: 'network_policy',
  FAILOVER_GROUP: 'failover group',
  REPLICATION_GROUP: 'replication group',
  CONNECTION: 'connection',
  ACCOUNT: 'account',
  OBJECT: 'object',
};

export type SnowflakeErrorReason =
  | 'AlreadyExists'
  | 'DoesNotExist'
  | 'InsufficientPrivileges'
  | 'RoleNotAssigned'
  | 'SyntaxError'
  | 'InvalidIdentifier'
  | 'InvalidProperty'
  | 'InvalidValue'
  | 'IncompatibleOptions'
  | 'ExecutionError'
  | 'ReadOnlyReplica'
  | 'AccountUnavailable'
  | 'Unsupported';

export interface SnowflakeError {
  readonly type: 'SnowflakeError';
  readonly reason: SnowflakeErrorReason;
  /** Six-digit Snowflake error code, e.g. `002003`. */
  readonly code: string;
  readonly sqlState: string;
  /** The server message, e.g. `SQL compilation error:\nUser 'X' does not exist or not authorized.` */
  readonly message: string;
}

export function snowflakeError(
  reason: SnowflakeErrorReason,
  code: string,
  sqlState: string,
  message: string,
): SnowflakeError {
  return { type: 'SnowflakeError', reason, code, sqlState, message };
}

export function isSnowflakeError(x: unknown): x is SnowflakeError {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnowflakeError';
}

/** Driver form: `002003 (02000): SQL compilation error:\n...`. */
export function formatError(e: SnowflakeError): string {
  return `${e.code} (${e.sqlState}): ${e.message}`;
}

const COMPILATION = 'SQL compilation error:\n';
const ACCESS = 'SQL access control error:\n';
const EXECUTION = 'SQL execution error: ';

/** The catalogue of errors used across packages (texts from spec/snowflake-sql.md §2). */
export const errors = {
  alreadyExists: (name: string) =>
    snowflakeError('AlreadyExists', '002002', '42710', `${COMPILATION}Object '${name}' already exists.`),
  doesNotExist: (kind: ObjectKind, name: string) =>
    snowflakeError(
      'DoesNotExist',
      '002003',
      '02000',
      `${COMPILATION}${KIND_WORD[kind]} '${name}' does not exist or not authorized.`,
    ),
  insufficientPrivileges: (kind: ObjectKind, name: string, hint?: string) =>
    snowflakeError(
      'InsufficientPrivileges',
      '003001',
      '42501',
      `${ACCESS}Insufficient privileges to operate on ${KIND_PRIV_WORD[kind]} '${name}'${hint ? `. ${hint}` : ''}`,
    ),
  roleNotAssigned: (role: string) =>
    snowflakeError(
      'RoleNotAssigned',
      '003013',
      '42501',
      `${ACCESS}Requested role '${role}' is not assigned to the executing user.  Specify another role to activate.`,
    ),
  syntax: (line: number, position: number, unexpected: string) =>
    snowflakeError(
      'SyntaxError',
      '001003',
      '42000',
      `${COMPILATION}syntax error line ${line} at position ${position} unexpected '${unexpected}'.`,
    ),
  invalidIdentifier: (line: number, position: number, name: string) =>
    snowflakeError(
      'InvalidIdentifier',
      '000904',
      '42000',
      `SQL compilation error: error line ${line} at position ${position}\ninvalid identifier '${name}'`,
    ),
  invalidProperty: (property: string, forKind: string) =>
    snowflakeError('InvalidProperty', '001420', '22023', `${COMPILATION}invalid property '${property}' for '${forKind}'`),
  invalidPropertyValue: (value: string, property: string) =>
    snowflakeError('InvalidValue', '001422', '22023', `SQL compilation error: invalid value '${value}' for property '${property}'`),
  invalidParameterValue: (value: string, parameter: string) =>
    snowflakeError('InvalidValue', '001008', '22023', `${COMPILATION}invalid value [${value}] for parameter '${parameter}'`),
  incompatibleOptions: () =>
    snowflakeError(
      'IncompatibleOptions',
      '002028',
      '0A000',
      `${COMPILATION}options IF NOT EXISTS and OR REPLACE are incompatible`,
    ),
  execution: (detail: string, code = '003000', sqlState = '42601') =>
    snowflakeError('ExecutionError', code, sqlState, `${EXECUTION}${detail}`),
  compilation: (detail: string, code: string, sqlState: string) =>
    snowflakeError('ExecutionError', code, sqlState, `${COMPILATION}${detail}`),
  /** What a driver reports when the account cannot be reached (an outage, simulated). */
  accountUnavailable: (host: string) =>
    snowflakeError('AccountUnavailable', '250001', '08001', `Failed to connect to DB: ${host}:443. The account is unavailable.`),
  /** UNCONFIRMED upstream text: the default for writes on replicated objects in a secondary. */
  readOnlyReplica: (kind: string, name: string) =>
    snowflakeError(
      'ReadOnlyReplica',
      '003140',
      '0A000',
      `${COMPILATION}${kind} '${name}' cannot be modified because it is a replicated (secondary) object.`,
    ),
  unsupported: (what: string) =>
    snowflakeError('Unsupported', '002040', '0A000', `${COMPILATION}Unsupported feature '${what}'.`),

  // ---- Replication: failover / replication groups and connections (spec/snowflake-replication.md §9).
  // Texts and codes marked UNCONFIRMED are snowglobe's choice; docs/replication.md lists them.

  /** 003101: REFRESH while a refresh of the group runs (OBS T1). */
  refreshInProgress: (group: string) =>
    snowflakeError(
      'ExecutionError',
      '003101',
      '55000',
      `Replication group "${group}" is already being refreshed. Only one refresh statement can execute at a time.`,
    ),
  /** 003122: PRIMARY while the secondary refreshes (DOC S5 text, OBS T1 code). */
  promoteWhileRefreshing: (group: string) =>
    snowflakeError(
      'ExecutionError',
      '003122',
      '55000',
      `Replication group "${group}" cannot currently be set as primary because it is being refreshed. Either wait for the refresh to finish or cancel the refresh and try again.`,
    ),
  /** 003131: the snapshot refers to objects the group does not carry (DOC S4). */
  danglingReferences: (lines: readonly string[]) =>
    snowflakeError(
      'ExecutionError',
      '003131',
      '55000',
      `Dangling references in the snapshot. Correct the errors before refreshing again.\nThe following references are missing (referred entity <- [referring entities]):\n${lines.join('\n')}`,
    ),
  /** 003813: ENABLE FAILOVER TO ACCOUNTS naming an account in the primary's region (OBS T2). */
  connectionSameRegion: () =>
    snowflakeError('ExecutionError', '003813', '23001', 'The connection cannot be failed over to an account in the same region'),
  /** CREATE CONNECTION ... AS REPLICA OF from an account not enabled (OBS T2/T4 text; code UNCONFIRMED). */
  connectionNotAuthorized: () =>
    snowflakeError('ExecutionError', '003814', '42501', 'This account is not authorized to create a secondary connection of this primary connection.'),
  /** UNCONFIRMED: a primary-only form (SET, RENAME, ADD/REMOVE, ...) run on a secondary. */
  groupNotPrimary: (kindWord: string, name: string, operation: string) =>
    snowflakeError(
      'ExecutionError',
      '003127',
      '55000',
      `${EXECUTION}${kindWord} '${name}' is a secondary. ${operation} can only be run on the primary, in its source account.`,
    ),
  /** UNCONFIRMED: a secondary-only form (REFRESH, PRIMARY, SUSPEND, RESUME) run on a primary. */
  groupNotSecondary: (kindWord: string, name: string, operation: string) =>
    snowflakeError(
      'ExecutionError',
      '003128',
      '55000',
      `${EXECUTION}${kindWord} '${name}' is a primary. ${operation} can only be run on a secondary, in a target account.`,
    ),
  /** UNCONFIRMED: PRIMARY on a replication group (they cannot fail over, DOC S11). */
  replicationGroupCannotFailover: (name: string) =>
    snowflakeError('ExecutionError', '003129', '0A000', `${EXECUTION}Replication group '${name}' cannot be promoted: only failover groups support PRIMARY.`),
  /** UNCONFIRMED text (DOC S8 behaviour): DROP of a primary that still has secondaries. */
  groupHasSecondaries: (kindWord: string, name: string, accounts: readonly string[]) =>
    snowflakeError(
      'ExecutionError',
      '003130',
      '55000',
      `${EXECUTION}Cannot drop primary ${kindWord.toLowerCase()} '${name}' because it has secondary groups in account(s) ${accounts.join(', ')}. Drop the secondary groups first, or promote a secondary and then drop this group.`,
    ),
  /** UNCONFIRMED text (DOC S17 behaviour): DROP of a primary connection that still has secondaries. */
  connectionHasSecondaries: (name: string, accounts: readonly string[]) =>
    snowflakeError(
      'ExecutionError',
      '003815',
      '55000',
      `${EXECUTION}Cannot drop primary connection '${name}' because it has secondary connections in account(s) ${accounts.join(', ')}. Drop the secondary connections first, or promote a secondary and then drop this connection.`,
    ),
  /** UNCONFIRMED text (DOC S4 rule): a second group with account objects in one account. */
  accountObjectsGroupExists: (other: string) =>
    snowflakeError(
      'ExecutionError',
      '003132',
      '55000',
      `${COMPILATION}An account can have only one replication or failover group that contains account objects; group '${other}' already contains account objects.`,
    ),
  /** UNCONFIRMED text (DOC S6 rule): e.g. INTEGRATIONS without ALLOWED_INTEGRATION_TYPES. */
  groupPropertyRequires: (property: string, requires: string) =>
    snowflakeError('InvalidValue', '001423', '22023', `${COMPILATION}${property} requires ${requires}.`),
  /** UNCONFIRMED text: a mandatory property is missing (ALLOWED_ACCOUNTS, OBJECT_TYPES). */
  missingProperty: (property: string, forKind: string) =>
    snowflakeError('InvalidProperty', '001424', '22023', `${COMPILATION}Missing required property '${property}' for '${forKind}'.`),
  /** UNCONFIRMED text (DOC S3/S24 behaviour): first USERS/ROLES refresh over same-named local objects. */
  replicationNameCollision: (kindWord: string, group: string, objects: readonly string[]) =>
    snowflakeError(
      'ExecutionError',
      '003133',
      '55000',
      `${EXECUTION}${kindWord} '${group}' cannot be refreshed: this account already contains ${objects.join(', ')} with the same name as object(s) in the primary, and users or roles have never been replicated to it. Run ALTER ${kindWord.toUpperCase()} ${group} REFRESH FORCE to drop the local objects, or SELECT SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME('${group}') to keep and link them, then refresh again.`,
    ),
  /** UNCONFIRMED: the primary account cannot be reached (outage) when a refresh needs it. */
  primaryUnavailable: (group: string, primary: string) =>
    snowflakeError(
      'ExecutionError',
      '003134',
      '08001',
      `${EXECUTION}Replication group '${group}' cannot be refreshed because its primary account ${primary} is unavailable.`,
    ),
  /** UNCONFIRMED: the account is not in the primary group's ALLOWED_ACCOUNTS. */
  accountNotAllowed: (account: string, kindWord: string, group: string) =>
    snowflakeError(
      'ExecutionError',
      '003135',
      '42501',
      `${EXECUTION}Account ${account} is not in the allowed accounts of ${kindWord.toLowerCase()} '${group}'.`,
    ),
  /** UNCONFIRMED text (DOC S2 rule): failover groups and account objects need Business Critical. */
  editionRequired: (account: string, edition: string, what: string) =>
    snowflakeError(
      'ExecutionError',
      '003136',
      '0A000',
      `${EXECUTION}${what} requires Business Critical Edition (or higher); account ${account} is ${edition}.`,
    ),
  /** UNCONFIRMED: REPLICATION_SCHEDULE that is neither '<n> MINUTE' nor 'USING CRON <expr> <tz>'. */
  invalidSchedule: (value: string, detail: string) =>
    snowflakeError('InvalidValue', '001422', '22023', `SQL compilation error: invalid value '${value}' for property 'REPLICATION_SCHEDULE': ${detail}`),
  /** UNCONFIRMED text (DOC S2 behaviour): the refreshing user is missing in the source or lacks REPLICATE there. */
  replicationUserNotAuthorized: (user: string, group: string, primary: string) =>
    snowflakeError(
      'ExecutionError',
      '003137',
      '42501',
      `${EXECUTION}User '${user}' cannot refresh replication group '${group}': the user must exist in the source account ${primary} and hold a role with REPLICATE or OWNERSHIP on the primary group there.`,
    ),
  /** UNCONFIRMED: AS REPLICA OF names a group that is not (or no longer) the current primary. */
  notThePrimary: (kindWord: string, ref: string, current: string | null) =>
    snowflakeError(
      'ExecutionError',
      '003138',
      '55000',
      `${EXECUTION}${kindWord} '${ref}' is not a primary group.${current ? ` The current primary is ${current}.` : ''}`,
    ),
  /** UNCONFIRMED: a second secondary of the same primary in one account. */
  secondaryExists: (kindWord: string, primary: string, existing: string) =>
    snowflakeError(
      'ExecutionError',
      '003139',
      '55000',
      `${EXECUTION}This account already has ${kindWord.toLowerCase()} '${existing}', a secondary of ${primary}.`,
    ),
  /** UNCONFIRMED: connection names start with a letter and hold letters, digits and underscores (DOC S14). */
  invalidConnectionName: (name: string) =>
    snowflakeError(
      'InvalidIdentifier',
      '001425',
      '22023',
      `${COMPILATION}Invalid connection name '${name}': it must start with a letter and contain only letters, digits and underscores.`,
    ),
  /** UNCONFIRMED: PRIMARY on a secondary connection whose account is not enabled for failover. */
  connectionFailoverNotEnabled: (name: string, account: string) =>
    snowflakeError(
      'ExecutionError',
      '003816',
      '42501',
      `${EXECUTION}Failover of connection '${name}' to account ${account} is not enabled. Run ALTER CONNECTION ${name} ENABLE FAILOVER TO ACCOUNTS ${account} on the primary connection first.`,
    ),
  /** Cross-account forms (AS REPLICA OF, REFRESH, PRIMARY) need the organization, not one account's decide. */
  requiresOrganization: (statement: string) =>
    snowflakeError('Unsupported', '002040', '0A000', `${COMPILATION}Unsupported feature '${statement} outside an organization'.`),
} as const;
