/**
 * @snowglobe/core — the event-sourced model of Snowflake accounts: commands, events, decide /
 * evolve, accounts and the organization (clock, ids). No I/O, no wall clock, no Math.random.
 */
export * from './errors.ts';
export * from './model/index.ts';
export * from './events.ts';
export * from './commands.ts';
export { initialState, type AccountState } from './state.ts';
export { decide } from './decide/index.ts';
export type { Actor, CoreOptions, DecideContext, Decision, DecisionOutput } from './decide/context.ts';
export { findUser, findUserByLogin, findRole, findIntegration, findNetworkPolicy } from './decide/context.ts';
export { activeRoles, roleClosure, rolesHoldAccountPrivilege, rolesOwn, isAccountAdmin, type ActiveRoles } from './decide/access.ts';
export { secondaryCarrying } from './decide/replica.ts';
export { passwordHash } from './decide/users.ts';
export { scimTokenHash } from './decide/integrations.ts';
export { evolve, applyEvents, foldLog, foldEvents } from './evolve/index.ts';
export type { W as StateDraft } from './evolve/draft.ts';
export { Account, type AccountInfo, type Edition } from './account.ts';
export {
  Organization,
  createOrganization,
  DEFAULT_CORE_OPTIONS,
  type OrganizationOptions,
  type AccountSpec,
  type OrgEvent,
  type AppendListener,
  type Ticker,
  type ExecuteResult,
  type CommandHandler,
  type AvailabilityListener,
} from './organization.ts';
export { verifyScimToken, verifyScimTokenHash, type TokenCheck } from './scim-tokens.ts';
export { exportLog, parseLog, importLog, LogFormatError, LOG_FORMAT_VERSION, type LogHeader } from './log-io.ts';
export { createIdSource, type IdSource } from './util/ids.ts';
export { createPrng, type Prng } from './util/prng.ts';
export { parseDuration, formatTimestamp } from './util/duration.ts';
export { resolveIdentifier, quoteIdentifier, isPlainIdentifier } from './util/identifiers.ts';
export { sha256Hex, constantTimeEqual } from './util/sha256.ts';
export { parseAddress, parseRange, rangeContains, evaluatePolicy, type ParsedRange, type PolicyVerdict } from './util/network.ts';
export { emptySharded, shGet, shHas, shSet, shDelete, shValues, shEntries, shKeys, type ShardedMap } from './util/sharded-map.ts';
export { stateToJSON } from './state-json.ts';
export * from './replication/index.ts';
export { findGroup, holdsGroupPrivilege } from './decide/failover-groups.ts';
export { findConnection } from './decide/connections.ts';

export { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioOf, type Scenario, type ScenarioAccount, type ScenarioStep } from './scenario.ts';
