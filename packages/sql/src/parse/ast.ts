/**
 * The syntax tree of the Snowflake statements snowglobe understands, as a discriminated union on
 * `kind`. It is pure syntax: names are resolved only as far as Snowflake's identifier rules go
 * (unquoted → upper case, quoted → verbatim); whether a property, privilege or object type is valid
 * is left to the executor, which reports `invalid property` and friends itself.
 *
 * Positions are relative to the statement's own text (`ParsedStatement.text`), line 1-based and
 * column 0-based, the coordinates Snowflake uses in `syntax error line L at position P`.
 */

/** A place in the statement text. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** An identifier: `name` is upper-cased if it was unquoted, verbatim if quoted. */
export interface Ident {
  readonly name: string;
  readonly quoted: boolean;
  readonly pos: SourcePos;
}

/** A dotted name such as `db.schema.tag`; `parts` has at least one element. */
export interface QualifiedName {
  readonly parts: readonly Ident[];
  readonly pos: SourcePos;
}

/** A string literal (single-quoted or `$$`), already decoded. */
export interface StringLit {
  readonly value: string;
  readonly pos: SourcePos;
}

/** An account identifier `<org>.<account>`; `org` is null where a bare account name is allowed. */
export interface AccountRef {
  readonly org: Ident | null;
  readonly account: Ident;
  readonly pos: SourcePos;
}

/** `<org>.<account>.<object>`, the primary named by `AS REPLICA OF`. */
export interface ReplicaRef {
  readonly org: Ident;
  readonly account: Ident;
  readonly name: Ident;
  readonly pos: SourcePos;
}

// ---------------------------------------------------------------------------------------------
// Generic properties (`NAME = value` lists)
// ---------------------------------------------------------------------------------------------

/**
 * A property value. `text` is the value's source text (for messages such as
 * `invalid value [1.5] for parameter 'DAYS_TO_EXPIRY'`).
 */
export type PropValue =
  | { readonly kind: 'string'; readonly value: string; readonly text: string; readonly pos: SourcePos }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly pos: SourcePos }
  | { readonly kind: 'bool'; readonly value: boolean; readonly text: string; readonly pos: SourcePos }
  /** A bare (possibly dotted) name: `DEFAULT_ROLE = analyst`, `DEFAULT_NAMESPACE = db.sch`, `TYPE = scim`. */
  | { readonly kind: 'ident'; readonly parts: readonly Ident[]; readonly text: string; readonly pos: SourcePos }
  /** `( v, v, ... )`, possibly empty: `DEFAULT_SECONDARY_ROLES = ()`. */
  | { readonly kind: 'list'; readonly items: readonly PropValue[]; readonly text: string; readonly pos: SourcePos }
  | { readonly kind: 'null'; readonly text: string; readonly pos: SourcePos };

/** `NAME = value`; `name` is upper-cased. */
export interface Property {
  readonly name: string;
  readonly value: PropValue;
  readonly pos: SourcePos;
}

/** A property named without a value, as in `UNSET COMMENT, NETWORK_POLICY`. */
export interface PropName {
  readonly name: string;
  readonly pos: SourcePos;
}

/** `SET p = v ...` or `UNSET p[, p]`, shared by ALTER USER / INTEGRATION / ACCOUNT / SESSION / NETWORK POLICY. */
export type SetOrUnset =
  | { readonly kind: 'set'; readonly properties: readonly Property[] }
  | { readonly kind: 'unset'; readonly names: readonly PropName[] };

/** The `LIKE` / `STARTS WITH` / `LIMIT n FROM` tail of SHOW commands; absent parts are null. */
export interface ShowFilter {
  readonly like: StringLit | null;
  readonly startsWith: StringLit | null;
  readonly limit: { readonly count: number; readonly from: StringLit | null; readonly pos: SourcePos } | null;
}

// ---------------------------------------------------------------------------------------------
// USE and simulator statements
// ---------------------------------------------------------------------------------------------

export interface UseRole {
  readonly kind: 'UseRole';
  readonly role: Ident;
}

/** `USE SECONDARY ROLES ALL | NONE | r[, r]`. */
export interface UseSecondaryRoles {
  readonly kind: 'UseSecondaryRoles';
  readonly roles:
    | { readonly kind: 'all' }
    | { readonly kind: 'none' }
    | { readonly kind: 'list'; readonly names: readonly Ident[] };
}

/** `USE [DATABASE] d`. */
export interface UseDatabase {
  readonly kind: 'UseDatabase';
  readonly database: Ident;
}

/** `USE [SCHEMA] [d.]s`. */
export interface UseSchema {
  readonly kind: 'UseSchema';
  readonly database: Ident | null;
  readonly schema: Ident;
}

export interface UseWarehouse {
  readonly kind: 'UseWarehouse';
  readonly warehouse: Ident;
}

/** Simulator: `USE ACCOUNT org.account` or `USE ACCOUNT account` — switch the session's account. */
export interface SimUseAccount {
  readonly kind: 'SimUseAccount';
  readonly account: AccountRef;
}

/** Simulator: `ALTER SIMULATION ADVANCE CLOCK BY '<interval>'`. */
export interface SimAdvanceClock {
  readonly kind: 'SimAdvanceClock';
  readonly interval: StringLit;
}

/** Simulator: `ALTER SIMULATION SET ACCOUNT org.acct AVAILABLE = TRUE | FALSE` (outage switch). */
export interface SimSetAccountAvailable {
  readonly kind: 'SimSetAccountAvailable';
  readonly account: AccountRef;
  readonly available: boolean;
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

export interface CreateRole {
  readonly kind: 'CreateRole';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: Ident;
  readonly comment: StringLit | null;
}

export interface AlterRole {
  readonly kind: 'AlterRole';
  readonly ifExists: boolean;
  readonly name: Ident;
  readonly action:
    | { readonly kind: 'rename'; readonly newName: Ident }
    | { readonly kind: 'setComment'; readonly comment: StringLit }
    | { readonly kind: 'unsetComment' };
}

export interface DropRole {
  readonly kind: 'DropRole';
  readonly ifExists: boolean;
  readonly name: Ident;
}

export interface ShowRoles {
  readonly kind: 'ShowRoles';
  readonly terse: boolean;
  readonly filter: ShowFilter;
}

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

export interface CreateUser {
  readonly kind: 'CreateUser';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: Ident;
  readonly properties: readonly Property[];
}

export type AlterUserAction =
  | SetOrUnset
  | { readonly kind: 'rename'; readonly newName: Ident }
  | { readonly kind: 'resetPassword' }
  /** `ADD { PROGRAMMATIC ACCESS TOKEN | PAT } name [props]` (SCIM PAT setup, spec/snowflake-scim.md §6.2). */
  | { readonly kind: 'addPat'; readonly tokenName: Ident; readonly properties: readonly Property[] }
  | { readonly kind: 'removePat'; readonly tokenName: Ident };

export interface AlterUser {
  readonly kind: 'AlterUser';
  readonly ifExists: boolean;
  readonly name: Ident;
  readonly action: AlterUserAction;
}

export interface DropUser {
  readonly kind: 'DropUser';
  readonly ifExists: boolean;
  readonly name: Ident;
}

export interface DescribeUser {
  readonly kind: 'DescribeUser';
  readonly name: Ident;
}

export interface ShowUsers {
  readonly kind: 'ShowUsers';
  readonly terse: boolean;
  readonly filter: ShowFilter;
}

// ---------------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------------

/** Object kinds that can follow `ON` in GRANT / REVOKE / SHOW GRANTS (multi-word ones space-separated). */
export type GrantObjectType =
  | 'USER'
  | 'ROLE'
  | 'INTEGRATION'
  | 'NETWORK POLICY'
  | 'FAILOVER GROUP'
  | 'REPLICATION GROUP'
  | 'CONNECTION'
  | 'DATABASE'
  | 'WAREHOUSE'
  | 'RESOURCE MONITOR'
  | 'SCHEMA'
  | 'TAG';

/** What a privilege is granted on. `qualifier` holds leading name parts (only SCHEMA and TAG take them). */
export type GrantTarget =
  | { readonly kind: 'account'; readonly pos: SourcePos }
  | {
      readonly kind: 'object';
      readonly objectType: GrantObjectType;
      readonly qualifier: readonly Ident[];
      readonly name: Ident;
      readonly pos: SourcePos;
    };

/** A grant recipient: `[ROLE] r` or `USER u`. */
export interface Grantee {
  readonly kind: 'ROLE' | 'USER';
  readonly name: Ident;
}

/** A privilege as written, words upper-cased and space-joined: `CREATE USER`, `MANAGE GRANTS`. */
export interface Privilege {
  readonly name: string;
  readonly pos: SourcePos;
}

export interface GrantPrivileges {
  readonly kind: 'GrantPrivileges';
  readonly privileges: readonly Privilege[];
  readonly on: GrantTarget;
  readonly to: Grantee;
  readonly withGrantOption: boolean;
}

export interface RevokePrivileges {
  readonly kind: 'RevokePrivileges';
  /** `REVOKE GRANT OPTION FOR ...`: only the grant option is taken away. */
  readonly grantOptionFor: boolean;
  readonly privileges: readonly Privilege[];
  readonly on: GrantTarget;
  readonly from: Grantee;
  readonly cascade: 'CASCADE' | 'RESTRICT' | null;
}

export interface GrantRole {
  readonly kind: 'GrantRole';
  readonly role: Ident;
  readonly to: Grantee;
  /** Parsed so the executor can refuse it for users (spec/snowflake-sql.md §5). */
  readonly withGrantOption: boolean;
}

export interface RevokeRole {
  readonly kind: 'RevokeRole';
  readonly role: Ident;
  readonly from: Grantee;
}

export interface GrantOwnership {
  readonly kind: 'GrantOwnership';
  readonly on: Extract<GrantTarget, { kind: 'object' }>;
  /** Normally a role; a USER grantee is parsed so the executor can answer "Cannot grant OWNERSHIP to users." */
  readonly to: Grantee;
  readonly currentGrants: 'COPY' | 'REVOKE' | null;
}

export type ShowGrantsTarget =
  /** Bare `SHOW GRANTS`: the current user's grants. */
  | { readonly kind: 'currentUser' }
  | { readonly kind: 'toRole'; readonly role: Ident }
  | { readonly kind: 'toUser'; readonly user: Ident }
  | { readonly kind: 'ofRole'; readonly role: Ident }
  | { readonly kind: 'on'; readonly target: GrantTarget };

export interface ShowGrants {
  readonly kind: 'ShowGrants';
  readonly target: ShowGrantsTarget;
}

// ---------------------------------------------------------------------------------------------
// Integrations
// ---------------------------------------------------------------------------------------------

/** The word before INTEGRATION(S); null when none was written (`CREATE INTEGRATION`). */
export type IntegrationCategory = 'SECURITY' | 'API' | 'STORAGE' | 'NOTIFICATION' | 'EXTERNAL ACCESS' | 'CATALOG';

export interface CreateIntegration {
  readonly kind: 'CreateIntegration';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly category: IntegrationCategory | null;
  readonly name: Ident;
  /** `TYPE = x`, upper-cased (e.g. `SCIM`, `SAML2`, `OAUTH`), taken out of `properties`; null if absent. */
  readonly integrationType: { readonly value: string; readonly pos: SourcePos } | null;
  readonly properties: readonly Property[];
}

export interface AlterIntegration {
  readonly kind: 'AlterIntegration';
  readonly ifExists: boolean;
  readonly category: IntegrationCategory | null;
  readonly name: Ident;
  readonly action: SetOrUnset;
}

export interface DropIntegration {
  readonly kind: 'DropIntegration';
  readonly ifExists: boolean;
  readonly category: IntegrationCategory | null;
  readonly name: Ident;
}

export interface DescribeIntegration {
  readonly kind: 'DescribeIntegration';
  readonly category: IntegrationCategory | null;
  readonly name: Ident;
}

export interface ShowIntegrations {
  readonly kind: 'ShowIntegrations';
  readonly category: IntegrationCategory | null;
  readonly like: StringLit | null;
}

// ---------------------------------------------------------------------------------------------
// Network policies
// ---------------------------------------------------------------------------------------------

export interface CreateNetworkPolicy {
  readonly kind: 'CreateNetworkPolicy';
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: Ident;
  /** ALLOWED_IP_LIST, BLOCKED_IP_LIST, ALLOWED/BLOCKED_NETWORK_RULE_LIST, COMMENT — validated by the executor. */
  readonly properties: readonly Property[];
}

export interface AlterNetworkPolicy {
  readonly kind: 'AlterNetworkPolicy';
  readonly ifExists: boolean;
  readonly name: Ident;
  readonly action:
    | SetOrUnset
    | { readonly kind: 'rename'; readonly newName: Ident }
    /** `ADD ALLOWED_IP_LIST = ('..')`: add entries to one list property. */
    | { readonly kind: 'add'; readonly property: Property }
    | { readonly kind: 'remove'; readonly property: Property };
}

export interface DropNetworkPolicy {
  readonly kind: 'DropNetworkPolicy';
  readonly ifExists: boolean;
  readonly name: Ident;
}

export interface DescribeNetworkPolicy {
  readonly kind: 'DescribeNetworkPolicy';
  readonly name: Ident;
}

export interface ShowNetworkPolicies {
  readonly kind: 'ShowNetworkPolicies';
  readonly like: StringLit | null;
}

// ---------------------------------------------------------------------------------------------
// Account, session and parameters
// ---------------------------------------------------------------------------------------------

export interface AlterAccount {
  readonly kind: 'AlterAccount';
  readonly action: SetOrUnset;
}

export interface AlterSession {
  readonly kind: 'AlterSession';
  readonly action: SetOrUnset;
}

export type ParameterScope =
  /** No IN clause: session, plus account-level parameters, as Snowflake shows by default. */
  | { readonly kind: 'default' }
  | { readonly kind: 'account' }
  | { readonly kind: 'session' }
  /** `IN USER [u]`; a missing name means the current user. */
  | { readonly kind: 'user'; readonly user: Ident | null };

export interface ShowParameters {
  readonly kind: 'ShowParameters';
  readonly like: StringLit | null;
  readonly scope: ParameterScope;
}

// ---------------------------------------------------------------------------------------------
// SELECT
// ---------------------------------------------------------------------------------------------

export type LiteralValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' };

export type BinaryOperator = '=' | '!=' | '<>' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '||' | 'AND' | 'OR';

/** A function argument; `name` is set for `NAME => value`. */
export interface FuncArg {
  readonly name: Ident | null;
  readonly value: Expr;
}

/**
 * Scalar expressions. A bare word such as the unit in `DATEADD(minute, -5, ...)` parses as a
 * one-part `column`; the evaluator of DATEADD reads it as a unit name. `CURRENT_TIMESTAMP` written
 * without parentheses parses as a call with no arguments.
 */
export type Expr =
  | { readonly kind: 'literal'; readonly value: LiteralValue; readonly pos: SourcePos }
  | { readonly kind: 'column'; readonly parts: readonly Ident[]; readonly pos: SourcePos }
  | {
      readonly kind: 'call';
      readonly name: QualifiedName;
      /** `COUNT(*)`. */
      readonly star: boolean;
      readonly args: readonly FuncArg[];
      readonly pos: SourcePos;
    }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly pos: SourcePos }
  | { readonly kind: 'unary'; readonly op: 'NOT' | '-' | '+'; readonly operand: Expr; readonly pos: SourcePos }
  | { readonly kind: 'isNull'; readonly operand: Expr; readonly negated: boolean; readonly pos: SourcePos }
  | { readonly kind: 'in'; readonly operand: Expr; readonly list: readonly Expr[]; readonly negated: boolean; readonly pos: SourcePos }
  | {
      readonly kind: 'like';
      readonly operand: Expr;
      readonly pattern: Expr;
      readonly negated: boolean;
      /** ILIKE. */
      readonly caseInsensitive: boolean;
      readonly escape: Expr | null;
      readonly pos: SourcePos;
    };

export type SelectItem =
  /** `*` or `t.*`. */
  | { readonly kind: 'star'; readonly qualifier: readonly Ident[]; readonly pos: SourcePos }
  | { readonly kind: 'expr'; readonly expr: Expr; readonly alias: Ident | null; readonly pos: SourcePos };

export type FromSource =
  /** `TABLE([[db.]INFORMATION_SCHEMA.]REST_EVENT_HISTORY(...))` and other table functions. */
  | {
      readonly kind: 'tableFunction';
      readonly name: QualifiedName;
      readonly args: readonly FuncArg[];
      readonly alias: Ident | null;
      readonly pos: SourcePos;
    }
  /** A named table or view, e.g. `SNOWFLAKE.ACCOUNT_USAGE.REPLICATION_GROUP_REFRESH_HISTORY`. */
  | { readonly kind: 'table'; readonly name: QualifiedName; readonly alias: Ident | null; readonly pos: SourcePos };

export interface OrderItem {
  readonly expr: Expr;
  readonly descending: boolean;
  /** `NULLS FIRST|LAST`; null means Snowflake's default for the direction. */
  readonly nulls: 'FIRST' | 'LAST' | null;
}

export interface Select {
  readonly kind: 'Select';
  readonly items: readonly SelectItem[];
  readonly from: FromSource | null;
  readonly where: Expr | null;
  readonly orderBy: readonly OrderItem[];
  readonly limit: { readonly count: number; readonly offset: number | null; readonly pos: SourcePos } | null;
}

// ---------------------------------------------------------------------------------------------
// Failover and replication groups
// ---------------------------------------------------------------------------------------------

export type GroupKind = 'FAILOVER' | 'REPLICATION';

/**
 * A multi-word list entry of OBJECT_TYPES / ALLOWED_INTEGRATION_TYPES, upper-cased and
 * single-space-joined: `RESOURCE MONITORS`, `SECURITY INTEGRATIONS`.
 */
export interface TypeWord {
  readonly value: string;
  readonly pos: SourcePos;
}

/** The group's membership settings; a list not written is null. */
export interface GroupMembership {
  readonly objectTypes: readonly TypeWord[] | null;
  readonly allowedDatabases: readonly Ident[] | null;
  readonly allowedShares: readonly Ident[] | null;
  readonly allowedExternalVolumes: readonly Ident[] | null;
  readonly allowedIntegrationTypes: readonly TypeWord[] | null;
}

/** `CREATE FAILOVER|REPLICATION GROUP g OBJECT_TYPES = ... ALLOWED_ACCOUNTS = ...` (a primary). */
export interface CreateGroup extends GroupMembership {
  readonly kind: 'CreateGroup';
  readonly groupKind: GroupKind;
  readonly ifNotExists: boolean;
  readonly name: Ident;
  /** Empty only if the clause was missing; the executor reports that. */
  readonly allowedAccounts: readonly AccountRef[];
  readonly ignoreEditionCheck: boolean;
  readonly replicationSchedule: StringLit | null;
  readonly optimizedRefresh: boolean | null;
  readonly errorIntegration: Ident | null;
  readonly comment: StringLit | null;
}

/** `CREATE FAILOVER|REPLICATION GROUP g AS REPLICA OF org.acct.g` (a secondary). */
export interface CreateGroupReplica {
  readonly kind: 'CreateGroupReplica';
  readonly groupKind: GroupKind;
  readonly ifNotExists: boolean;
  readonly name: Ident;
  readonly primary: ReplicaRef;
}

/** The ALLOWED_* list an `ADD ... TO` / `REMOVE ... FROM` names. */
export type GroupMemberList = 'ALLOWED_DATABASES' | 'ALLOWED_SHARES' | 'ALLOWED_EXTERNAL_VOLUMES';

export type AlterGroupAction =
  | { readonly kind: 'refresh'; readonly force: boolean }
  | { readonly kind: 'primary' }
  | { readonly kind: 'suspend'; readonly immediate: boolean }
  | { readonly kind: 'resume' }
  | { readonly kind: 'rename'; readonly newName: Ident }
  /** `SET OBJECT_TYPES = .. [ALLOWED_* = ..]`: a separate form from other SETs (spec quirk, §2.2). */
  | ({ readonly kind: 'setMembership' } & GroupMembership)
  /** `SET REPLICATION_SCHEDULE | COMMENT | OPTIMIZED_REFRESH | ERROR_INTEGRATION | ... = ..`. */
  | { readonly kind: 'set'; readonly properties: readonly Property[] }
  | { readonly kind: 'unset'; readonly names: readonly PropName[] }
  | { readonly kind: 'addAccounts'; readonly accounts: readonly AccountRef[]; readonly ignoreEditionCheck: boolean }
  | { readonly kind: 'removeAccounts'; readonly accounts: readonly AccountRef[] }
  | { readonly kind: 'addMembers'; readonly list: GroupMemberList; readonly names: readonly Ident[] }
  | { readonly kind: 'removeMembers'; readonly list: GroupMemberList; readonly names: readonly Ident[] }
  /** `MOVE DATABASES|SHARES|EXTERNAL VOLUMES a, b TO FAILOVER|REPLICATION GROUP g2`. */
  | {
      readonly kind: 'moveMembers';
      readonly list: GroupMemberList;
      readonly names: readonly Ident[];
      readonly toGroupKind: GroupKind;
      readonly toGroup: Ident;
    };

export interface AlterGroup {
  readonly kind: 'AlterGroup';
  readonly groupKind: GroupKind;
  readonly ifExists: boolean;
  readonly name: Ident;
  readonly action: AlterGroupAction;
}

export interface DropGroup {
  readonly kind: 'DropGroup';
  readonly groupKind: GroupKind;
  readonly ifExists: boolean;
  readonly name: Ident;
}

/** `SHOW FAILOVER GROUPS` / `SHOW REPLICATION GROUPS [IN ACCOUNT a]`. */
export interface ShowGroups {
  readonly kind: 'ShowGroups';
  readonly groupKind: GroupKind;
  readonly inAccount: AccountRef | null;
}

export interface ShowReplicationAccounts {
  readonly kind: 'ShowReplicationAccounts';
  readonly like: StringLit | null;
}

// ---------------------------------------------------------------------------------------------
// Connections
// ---------------------------------------------------------------------------------------------

export interface CreateConnection {
  readonly kind: 'CreateConnection';
  readonly ifNotExists: boolean;
  readonly name: Ident;
  readonly replicaOf: ReplicaRef | null;
  readonly comment: StringLit | null;
}

export interface AlterConnection {
  readonly kind: 'AlterConnection';
  readonly ifExists: boolean;
  readonly name: Ident;
  readonly action:
    | { readonly kind: 'enableFailover'; readonly accounts: readonly AccountRef[]; readonly ignoreEditionCheck: boolean }
    /** `DISABLE FAILOVER [TO ACCOUNTS ...]`; null accounts means every account. */
    | { readonly kind: 'disableFailover'; readonly accounts: readonly AccountRef[] | null }
    | { readonly kind: 'primary' }
    | { readonly kind: 'setComment'; readonly comment: StringLit }
    | { readonly kind: 'unsetComment' };
}

export interface DropConnection {
  readonly kind: 'DropConnection';
  readonly ifExists: boolean;
  readonly name: Ident;
}

export interface ShowConnections {
  readonly kind: 'ShowConnections';
  readonly like: StringLit | null;
}

// ---------------------------------------------------------------------------------------------

/** Every statement the parser produces. */
export type Statement =
  | UseRole
  | UseSecondaryRoles
  | UseDatabase
  | UseSchema
  | UseWarehouse
  | SimUseAccount
  | SimAdvanceClock
  | SimSetAccountAvailable
  | CreateRole
  | AlterRole
  | DropRole
  | ShowRoles
  | CreateUser
  | AlterUser
  | DropUser
  | DescribeUser
  | ShowUsers
  | GrantPrivileges
  | RevokePrivileges
  | GrantRole
  | RevokeRole
  | GrantOwnership
  | ShowGrants
  | CreateIntegration
  | AlterIntegration
  | DropIntegration
  | DescribeIntegration
  | ShowIntegrations
  | CreateNetworkPolicy
  | AlterNetworkPolicy
  | DropNetworkPolicy
  | DescribeNetworkPolicy
  | ShowNetworkPolicies
  | AlterAccount
  | AlterSession
  | ShowParameters
  | Select
  | CreateGroup
  | CreateGroupReplica
  | AlterGroup
  | DropGroup
  | ShowGroups
  | ShowReplicationAccounts
  | CreateConnection
  | AlterConnection
  | DropConnection
  | ShowConnections;

/** The `kind` tags of {@link Statement}. */
export type StatementKind = Statement['kind'];
