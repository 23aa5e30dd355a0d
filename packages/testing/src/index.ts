/**
 * @snowglobe/testing — the fast-check property-test harness of snowglobe: arbitraries for IdP
 * directories, change sequences, SCIM requests, SQL and whole organization scenarios; IdP client
 * models (Okta, Entra, generic RFC 7644) behind a `ScimConnector` interface your own connector
 * can implement; ready-made properties (convergence, failover round trip, no silent loss, replay
 * determinism, incremental refresh == reconcile, SCIM robustness); failure reports with a rerun
 * line, readable shrunk steps, the first divergence and a replayable artefact; vitest matchers.
 *
 * Web-standard except the file failure store, which loads `node:fs` on first use. See
 * docs/testing.md.
 */

// The IdP side: directories and changes.
export {
  applyChange,
  applyChanges,
  changesFromEmpty,
  describeChange,
  EMPTY_DIRECTORY,
  findGroup as findDirectoryGroup,
  findUser as findDirectoryUser,
  foldLogin,
  foldRole,
  isRejected,
  type Change,
  type ChangeKind,
  type ChangeRejected,
  type Directory,
  type DirectoryGroup,
  type DirectoryUser,
  type UserAttributeChanges,
} from './directory.ts';

// Expected Snowflake view of a directory.
export {
  describeDifference,
  diffIdentity,
  expectedView,
  observedView,
  type ExpectedOptions,
  type IdentityDifference,
  type IdentityRole,
  type IdentityUser,
  type IdentityView,
  type UserDeletion,
} from './expected.ts';

// Arbitraries.
export {
  buildDirectory,
  directoryArb,
  DOMAINS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  GROUP_NAMES,
  groupNameArb,
  RESERVED_ROLE_NAMES,
  userDraftArb,
  type DirectoryOptions,
  type NameOptions,
  type UserDraft,
} from './arbitraries/directory.ts';
export {
  ALL_CHANGE_KINDS,
  changeIntentArb,
  changesArb,
  resolveIntent,
  resolveIntents,
  type ChangeIntent,
  type ChangeOptions,
  type ChangesArbOptions,
} from './arbitraries/changes.ts';
export {
  malformedScimRequestArb,
  materializeScimRequest,
  scimRequestArb,
  validScimRequestArb,
  type ScimBody,
  type ScimRequestSpec,
  type ScimRuntime,
  type ScimTarget,
} from './arbitraries/scim-requests.ts';
export {
  adminSqlIntentArb,
  identifier,
  malformedSqlArb,
  networkPolicySqlArb,
  quoteIdent,
  resolveAdminSql,
  roleSqlArb,
  showSqlArb,
  sqlScriptArb,
  sqlStatementArb,
  sqlString,
  userSqlArb,
  type AdminSqlIntent,
  type SqlArbOptions,
} from './arbitraries/sql.ts';
export {
  planArb,
  resolveSteps,
  roundTripPlanArb,
  stepIntentArb,
  type FailoverMode,
  type ScenarioOptions,
  type StepIntent,
} from './arbitraries/scenario.ts';

// Plans (organization scenarios as data) and the world that runs them.
export {
  ACCOUNT_REGIONS,
  accountNames,
  CONNECTION_NAME,
  DEFAULT_OBJECT_TYPES,
  describePlanStep,
  GROUP_NAME,
  IDP_SETUP,
  ORG_NAME,
  type IdpKind,
  type Plan,
  type PlanConfig,
  type PlanObjectType,
  type PlanStep,
  type PlanStepKind,
} from './plan.ts';
export {
  BUILTIN_CONNECTORS,
  connectionBaseUrl,
  describeExchange,
  World,
  type AckUnit,
  type Exchange,
  type TraceEntry,
  type WorldOptions,
} from './world.ts';

// IdP client models and the connector seam.
export {
  errorText,
  PushConnector,
  ScimHttp,
  type ConnectorEnv,
  type ConnectorFactory,
  type FetchLike,
  type HttpResult,
  type ScimConnector,
  type StepOutcome,
  type SyncReport,
} from './idp/connector.ts';
export { okta, oktaId, OktaConnector } from './idp/okta.ts';
export { entra, EntraConnector, type EntraOptions } from './idp/entra.ts';
export { generic, GenericConnector } from './idp/generic.ts';

// Properties.
export {
  convergenceVerdict,
  makeProperty,
  PropertyFailure,
  replicaDifferences,
  type PropertyMeta,
  type PropertyOptions,
  type ReplicaDifference,
  type SnowglobeProperty,
  type StartWorld,
  type Verdict,
} from './properties/common.ts';
export { convergence } from './properties/convergence.ts';
export { failoverRoundTrip } from './properties/failover-round-trip.ts';
export { noSilentLoss, lossVerdict } from './properties/no-silent-loss.ts';
export { replayDeterminism } from './properties/replay-determinism.ts';
export { incrementalEqualsReconcile, incrementalVerdict } from './properties/incremental-reconcile.ts';
export { scimRobustness, type RobustnessCase } from './properties/scim-robustness.ts';

// Running, reports, artefacts.
export { assertProperty, checkProperty, SnowglobePropertyError, type CheckResult, type RunOptions } from './run.ts';
export { buildReport, describeConfig, rerunLine, renderSteps, type FailureReport, type RerunHint } from './report.ts';
export { firstDivergence, type Divergence } from './divergence.ts';
export { fileFailureStore, memoryFailureStore, readArtefactFile, type FailureStore, type SavedFailure } from './store.ts';
export {
  readScenarioDocument,
  scenarioDocument,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  type ScenarioAccount,
  type ScenarioDocument,
  type ScenarioStep,
} from './scenario-format.ts';
export { PACKAGE_NAME, PACKAGE_VERSION, planOf, replayDocument, worldDocument, type ReplayOptions, type ReplayResult } from './replay.ts';

// Vitest.
export { snowglobeMatchers, type DirectoryMatchOptions, type SnowglobeMatchers } from './matchers.ts';
export { checkInVitest, vitestRunOptions, type ExpectLike } from './vitest.ts';
