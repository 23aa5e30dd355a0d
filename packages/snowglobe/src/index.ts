/**
 * snowglobe — a deterministic, event-sourced simulator of Snowflake's identity plane.
 *
 * This package is the CLI and the HTTP server; it also re-exports the model (`@snowglobe/core`,
 * flat), the SQL layer (`sql` namespace, plus `createSession`) and the SCIM service provider
 * (`scim` namespace, plus `createScimHandler`), so one import gives the whole library:
 *
 * ```ts
 * import { startServer } from 'snowglobe';
 * const server = await startServer({ port: 0 });   // MYORG: ACCOUNT1 + ACCOUNT2, admin ADMIN
 * // ... drive server.url with fetch / your SCIM client ...
 * await server.close();
 * ```
 */
export * from '@snowglobe/core';
// The SQL and SCIM layers as namespaces (a few of their type names, e.g. the SQL AST's
// `AccountRef` or SCIM's `UserType`, clash with core's), plus their entry points by name.
export * as sql from '@snowglobe/sql';
export * as scim from '@snowglobe/scim';
export { createSession, parseScript, renderTable, Session } from '@snowglobe/sql';
export type { SessionOptions, StatementResult, ResultSet } from '@snowglobe/sql';
export { createScimHandler } from '@snowglobe/scim';
export type { ScimHandler, ScimHandlerOptions, ScimRequestInfo } from '@snowglobe/scim';

// The server.
export { startServer, readyInfo } from './server/server.ts';
export type { StartServerOptions, RunningServer, ReadyInfo, EndpointInfo } from './server/server.ts';
export { createApp, clientIpOf, normalizeIp, DEFAULT_MAX_BODY_BYTES } from './server/app.ts';
export type { AppOptions, AppHandler, ConnectionInfo } from './server/app.ts';
export { ADMIN_ROUTES, stateSnapshot } from './server/admin.ts';
export type { LostWritesFn } from './server/admin.ts';
export { Simulator, InitScriptError, runInitScript } from './simulator.ts';
export type { SimulatorOptions, InitScript } from './simulator.ts';

// The default organization.
export {
  createDefaultOrganization,
  bootstrapDefaultOrganization,
  linkUsersByName,
  DEFAULT_ACCOUNTS,
  DEFAULT_ADMIN_USER,
  DEFAULT_ADMIN_ROLE,
  DEFAULT_ORG_NAME,
  DEFAULT_SEED,
} from './default-org.ts';
export type { DefaultOrganizationOptions } from './default-org.ts';

// The seams to the SQL and SCIM layers.
export { defaultEngines, snowglobeSql, snowglobeScim } from './default-engines.ts';
export type { Engines, SqlEngine, SqlIdentity, SqlOutcome, SqlResultSet, SqlColumn, SqlSessionLike, ScimFactory, ScimFetch } from './engines.ts';

// Scenarios and replay.
export { SCENARIO_FORMAT, SCENARIO_VERSION, parseScenario, isScenarioError, looksLikeScenario, scenarioFromOrganization, organizationFromScenario } from './scenario.ts';
export type { Scenario, ScenarioAccount, ScenarioStep, ScenarioError } from './scenario.ts';
export { loadReplayInput, parseAccountLog, organizationOf, summarize, formatSummary, divergence, isReplayError } from './replay.ts';
export type { ReplayInput, ReplayError, LoadedLog, OrganizationSummary, AccountSummary, Divergence, KindDifference } from './replay.ts';

// Persistence. (Its LogEntry/LogHeader are the store's generic forms; core's are exported above.)
export {
  LogStore,
  LogStoreError,
  AckBarrier,
  DurabilityError,
  openDurableOrganization,
  restartSeed,
  DATA_MARKER_FILE,
  CLOCK_FILE,
} from './persistence/index.ts';
export type { LogStoreOptions, LogWarning, TornTailWarning, DurableOrganization, DurableOrganizationOptions, DataMarker } from './persistence/index.ts';

// The SQL API v2 building blocks and routing.
export * as sqlApi from './sql-api/index.ts';
export { parseTarget, accountHostname, accountPathPrefix } from './routing/target.ts';
export type { Target, TargetMatch, OrgDirectory } from './routing/target.ts';

// The CLI, for embedding.
export { main as runCli, VERSION } from './cli/main.ts';
export type { CliIO } from './cli/main.ts';
export { createProgress } from './progress.ts';
