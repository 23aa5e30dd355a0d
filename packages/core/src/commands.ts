import type { UserChanges, UserProperties, UserScimData } from './model/user.ts';
import type { ScimClient } from './model/integration.ts';
import type { SecurableKind } from './model/privileges.ts';
import type { RestEvent } from './events.ts';
import type { GroupKind } from './model/replication.ts';

/** Objects are addressed by NAME from SQL and by id from SCIM. */
export type Ref = { readonly name: string } | { readonly id: string };

export type GranteeRef = { readonly kind: 'ROLE' | 'USER'; readonly ref: Ref };

export type PropertyValue = string | number | boolean | readonly string[];

export type Command =
  | {
      readonly type: 'CreateUser';
      readonly name: string;
      readonly props: UserChanges;
      /** Plain text; decide stores only its hash. */
      readonly password?: string | null;
      readonly orReplace?: boolean;
      readonly ifNotExists?: boolean;
      readonly scim?: UserScimData;
    }
  | {
      readonly type: 'AlterUser';
      readonly target: Ref;
      readonly ifExists?: boolean;
      readonly set: UserChanges;
      readonly unset?: readonly (keyof UserProperties)[];
      readonly password?: string | null;
      readonly scim?: UserScimData;
    }
  | { readonly type: 'RenameUser'; readonly target: Ref; readonly newName: string; readonly ifExists?: boolean }
  | { readonly type: 'DropUser'; readonly target: Ref; readonly ifExists?: boolean }
  | {
      readonly type: 'CreateRole';
      readonly name: string;
      readonly comment?: string | null;
      readonly orReplace?: boolean;
      readonly ifNotExists?: boolean;
      readonly externalId?: string;
    }
  | { readonly type: 'AlterRole'; readonly target: Ref; readonly ifExists?: boolean; readonly comment: string | null }
  | { readonly type: 'RenameRole'; readonly target: Ref; readonly newName: string; readonly ifExists?: boolean }
  | { readonly type: 'DropRole'; readonly target: Ref; readonly ifExists?: boolean }
  | { readonly type: 'GrantRole'; readonly role: Ref; readonly to: GranteeRef }
  | { readonly type: 'RevokeRole'; readonly role: Ref; readonly from: GranteeRef }
  | {
      readonly type: 'GrantPrivileges';
      readonly privileges: readonly string[];
      readonly on: { readonly kind: 'ACCOUNT' } | { readonly kind: SecurableKind; readonly ref: Ref };
      readonly to: Ref;
      readonly grantOption?: boolean;
    }
  | {
      readonly type: 'RevokePrivileges';
      readonly privileges: readonly string[];
      readonly on: { readonly kind: 'ACCOUNT' } | { readonly kind: SecurableKind; readonly ref: Ref };
      readonly from: Ref;
    }
  | {
      readonly type: 'GrantOwnership';
      readonly on: { readonly kind: SecurableKind; readonly ref: Ref };
      readonly to: Ref;
      readonly currentGrants?: 'COPY' | 'REVOKE' | null;
    }
  | {
      readonly type: 'CreateIntegration';
      readonly name: string;
      readonly orReplace?: boolean;
      readonly ifNotExists?: boolean;
      readonly enabled?: boolean;
      readonly comment?: string | null;
      readonly networkPolicy?: string | null;
      readonly props:
        | { readonly kind: 'SCIM'; readonly scimClient: ScimClient; readonly runAsRole: string; readonly syncPassword?: boolean }
        | { readonly kind: 'SAML2' | 'OAUTH' | 'EXTERNAL_OAUTH' | 'API_AUTHENTICATION'; readonly properties: Readonly<Record<string, PropertyValue>> };
    }
  | {
      readonly type: 'AlterIntegration';
      readonly target: Ref;
      readonly ifExists?: boolean;
      readonly set: {
        readonly enabled?: boolean;
        readonly comment?: string;
        readonly networkPolicy?: string;
        readonly syncPassword?: boolean;
        readonly rejectTokensIssuedBefore?: number;
        readonly properties?: Readonly<Record<string, PropertyValue>>;
      };
      readonly unset?: readonly string[];
    }
  | { readonly type: 'RenameIntegration'; readonly target: Ref; readonly newName: string; readonly ifExists?: boolean }
  | { readonly type: 'DropIntegration'; readonly target: Ref; readonly ifExists?: boolean }
  | { readonly type: 'GenerateScimToken'; readonly integration: Ref }
  | {
      readonly type: 'CreateNetworkPolicy';
      readonly name: string;
      readonly allowedIpList?: readonly string[];
      readonly blockedIpList?: readonly string[];
      readonly comment?: string | null;
      readonly orReplace?: boolean;
      readonly ifNotExists?: boolean;
    }
  | {
      readonly type: 'AlterNetworkPolicy';
      readonly target: Ref;
      readonly ifExists?: boolean;
      readonly set?: { readonly allowedIpList?: readonly string[]; readonly blockedIpList?: readonly string[]; readonly comment?: string };
      readonly unset?: readonly ('ALLOWED_IP_LIST' | 'BLOCKED_IP_LIST' | 'COMMENT')[];
      readonly add?: { readonly allowedIpList?: readonly string[]; readonly blockedIpList?: readonly string[] };
      readonly remove?: { readonly allowedIpList?: readonly string[]; readonly blockedIpList?: readonly string[] };
    }
  | { readonly type: 'RenameNetworkPolicy'; readonly target: Ref; readonly newName: string; readonly ifExists?: boolean }
  | { readonly type: 'DropNetworkPolicy'; readonly target: Ref; readonly ifExists?: boolean }
  | { readonly type: 'SetAccountParameters'; readonly set: Readonly<Record<string, string>>; readonly unset?: readonly string[] }
  | { readonly type: 'RecordScimRequest'; readonly request: RestEvent }
  | CreateFailoverGroupCommand
  | {
      readonly type: 'AlterFailoverGroup';
      readonly kind: GroupKind;
      readonly name: string;
      readonly ifExists?: boolean;
      readonly action: FailoverGroupAction;
    }
  | { readonly type: 'DropFailoverGroup'; readonly kind: GroupKind; readonly name: string; readonly ifExists?: boolean }
  | {
      readonly type: 'CreateConnection';
      readonly name: string;
      readonly ifNotExists?: boolean;
      readonly comment?: string | null;
      /** Secondary form `AS REPLICA OF <org>.<account>.<connection>` (cross-account). */
      readonly replicaOf?: string;
    }
  | { readonly type: 'AlterConnection'; readonly name: string; readonly ifExists?: boolean; readonly action: ConnectionAction }
  | { readonly type: 'DropConnection'; readonly name: string; readonly ifExists?: boolean };

/**
 * CREATE FAILOVER | REPLICATION GROUP. The primary form names OBJECT_TYPES and ALLOWED_ACCOUNTS;
 * the secondary form names only `replicaOf` (`<org>.<account>.<group>`) and runs the initial
 * refresh, which reads the primary account: it runs through the organization.
 * Multi-word values are written as Snowflake spells them (`NETWORK POLICIES`,
 * `SECURITY INTEGRATIONS`), case-insensitive. Accounts are `<org>.<account>` or `<account>`.
 */
export interface CreateFailoverGroupCommand {
  readonly type: 'CreateFailoverGroup';
  readonly kind: GroupKind;
  readonly name: string;
  readonly ifNotExists?: boolean;
  readonly objectTypes?: readonly string[];
  readonly allowedDatabases?: readonly string[] | null;
  readonly allowedShares?: readonly string[] | null;
  readonly allowedExternalVolumes?: readonly string[] | null;
  readonly allowedIntegrationTypes?: readonly string[] | null;
  readonly allowedAccounts?: readonly string[];
  readonly ignoreEditionCheck?: boolean;
  /** `'10 MINUTE'`, `'10 M'` or `'USING CRON <expr> <time zone>'`. */
  readonly replicationSchedule?: string | null;
  readonly comment?: string | null;
  readonly replicaOf?: string;
}

/** The ALTER FAILOVER | REPLICATION GROUP forms (spec/snowflake-replication.md §2.2). */
export type FailoverGroupAction =
  /** Secondary only; cross-account (reads the primary). */
  | { readonly kind: 'refresh'; readonly force?: boolean }
  /** Secondary failover group only; cross-account (demotes the old primary). */
  | { readonly kind: 'primary' }
  | { readonly kind: 'suspend'; readonly immediate?: boolean }
  | { readonly kind: 'resume' }
  | { readonly kind: 'rename'; readonly newName: string }
  /** `SET OBJECT_TYPES = .. [ALLOWED_INTEGRATION_TYPES = ..] [ALLOWED_* = ..]`: replaces the lists given. */
  | {
      readonly kind: 'setMembership';
      readonly objectTypes?: readonly string[];
      readonly allowedIntegrationTypes?: readonly string[];
      readonly allowedDatabases?: readonly string[];
      readonly allowedShares?: readonly string[];
      readonly allowedExternalVolumes?: readonly string[];
    }
  | { readonly kind: 'set'; readonly replicationSchedule?: string; readonly comment?: string }
  | { readonly kind: 'unset'; readonly names: readonly ('COMMENT' | 'REPLICATION_SCHEDULE')[] }
  | { readonly kind: 'addAccounts'; readonly accounts: readonly string[]; readonly ignoreEditionCheck?: boolean }
  | { readonly kind: 'removeAccounts'; readonly accounts: readonly string[] };

/** The ALTER CONNECTION forms (spec/snowflake-replication.md §2.8). */
export type ConnectionAction =
  | { readonly kind: 'enableFailover'; readonly accounts: readonly string[]; readonly ignoreEditionCheck?: boolean }
  /** `DISABLE FAILOVER [TO ACCOUNTS ...]`: null disables every account. */
  | { readonly kind: 'disableFailover'; readonly accounts: readonly string[] | null }
  /** Cross-account: the old primary becomes a secondary. */
  | { readonly kind: 'primary' }
  | { readonly kind: 'setComment'; readonly comment: string }
  | { readonly kind: 'unsetComment' };

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
