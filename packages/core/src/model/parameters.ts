/** Account parameters snowglobe knows, with their type, default and description (SHOW PARAMETERS). */
export interface ParameterDefinition {
  readonly type: 'BOOLEAN' | 'STRING' | 'NUMBER';
  readonly default: string;
  readonly description: string;
}

export const ACCOUNT_PARAMETERS: Readonly<Record<string, ParameterDefinition>> = {
  NETWORK_POLICY: { type: 'STRING', default: '', description: 'Network policy assigned for the given target.' },
  MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: {
    type: 'BOOLEAN',
    default: 'false',
    description: 'Map the SCIM userName attribute to LOGIN_NAME only and snowflakeUserName to NAME.',
  },
  DATA_RETENTION_TIME_IN_DAYS: { type: 'NUMBER', default: '1', description: 'number of days to retain the old version of deleted/updated data' },
  TIMEZONE: { type: 'STRING', default: 'America/Los_Angeles', description: 'time zone' },
  QUOTED_IDENTIFIERS_IGNORE_CASE: { type: 'BOOLEAN', default: 'false', description: 'If true, the case of quoted identifiers is ignored' },
  STATEMENT_TIMEOUT_IN_SECONDS: { type: 'NUMBER', default: '172800', description: 'Timeout in seconds for statements.' },
  ENABLE_IDENTIFIER_FIRST_LOGIN: { type: 'BOOLEAN', default: 'true', description: 'Enables identifier-first login.' },
  PREVENT_UNLOAD_TO_INLINE_URL: { type: 'BOOLEAN', default: 'false', description: 'Prevent ad hoc data unload operations to external cloud storage locations' },
};
