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
} as const;
