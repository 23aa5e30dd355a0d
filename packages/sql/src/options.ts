/**
 * Behaviour switches of the SQL layer where Snowflake's documentation is silent or contradicts
 * itself. Each defaults to the documented (or most recently documented) behaviour; docs/sql.md
 * lists them with their sources.
 */

export interface SqlOptions {
  /**
   * Shape of `SHOW GRANTS TO USER` / bare `SHOW GRANTS`: `current` is the 9-column shape of
   * behaviour change bundle 2025_01 (`created_on | privilege | granted_on | name | role |
   * granted_to | grantee_name | grant_option | granted_by`); `legacy` is the older 5-column
   * `created_on | role | granted_to | grantee_name | granted_by`.
   */
  readonly showGrantsToUserShape: 'current' | 'legacy';
  /**
   * Where `granted_by_role_type` sits in `SHOW GRANTS ON ...`: `last` (newest docs example,
   * third-party emulator) or `beforeGrantedBy` (2016 docs example). UNCONFIRMED.
   */
  readonly grantedByRoleTypePosition: 'last' | 'beforeGrantedBy';
  /**
   * What REST_EVENT_HISTORY gives a session whose roles do not include ACCOUNTADMIN: the docs say
   * only account administrators "can obtain query results", read as an empty result (`empty`);
   * `error` refuses with 003001 insufficient privileges on the account instead.
   */
  readonly restEventHistoryNonAdmin: 'empty' | 'error';
  /**
   * `USE ROLE` naming a role that does not exist: the same 003013 "not assigned" text as an
   * ungranted role (`notAssigned`, the likely behaviour, UNCONFIRMED) or 002003 `Role 'X' does not
   * exist or not authorized.` (`doesNotExist`, as some emulators answer).
   */
  readonly useRoleMissingRole: 'notAssigned' | 'doesNotExist';
  /**
   * Whether table functions of INFORMATION_SCHEMA (REST_EVENT_HISTORY, REPLICATION_GROUP_REFRESH_HISTORY)
   * may be called unqualified when the session's schema is not INFORMATION_SCHEMA. Snowflake
   * resolves unqualified names against the current schema; `true` is lenient (the default, so that
   * runbooks work without `USE SCHEMA information_schema`), `false` is strict.
   */
  readonly lenientInformationSchema: boolean;
}

export const DEFAULT_SQL_OPTIONS: SqlOptions = {
  showGrantsToUserShape: 'current',
  grantedByRoleTypePosition: 'last',
  restEventHistoryNonAdmin: 'empty',
  useRoleMissingRole: 'notAssigned',
  lenientInformationSchema: true,
};
