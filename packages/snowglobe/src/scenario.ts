/**
 * The scenario file: one JSON document holding a whole organization's logs, as the property-test
 * harness writes them for a counterexample (and `snowglobe replay` reads them).
 *
 * ```json
 * {
 *   "format": "snowglobe-scenario",
 *   "version": 1,
 *   "seed": 42,
 *   "org": "MYORG",
 *   "now": 1767225600000,
 *   "accounts": [
 *     { "info": { "org": "MYORG", "name": "ACCOUNT1", "locator": "SG1ABC", "region": "AWS_US_WEST_2", "edition": "BUSINESS_CRITICAL" },
 *       "log": [ { "seq": 1, "at": 1767225600000, "event": { "type": "AccountCreated", ... } } ] }
 *   ],
 *   "steps": [ { "kind": "sql", "account": "ACCOUNT1", "statement": "CREATE ROLE R" } ],
 *   "meta": { "property": "refresh converges", "shrunk": true }
 * }
 * ```
 *
 * - `format`, `version` (1), `seed` (the organization's id seed) and `accounts` are required.
 * - `accounts` are in creation order (the first is the default account). Each `log` is exactly
 *   what core's `exportLog` writes after its header: contiguous `seq`, `at` in epoch ms, events of
 *   core's `EVENT_SCHEMA_VERSION` (the optional top-level `eventSchema` says which; default the
 *   current one).
 * - `org` defaults to the first account's `info.org`; `now` (the simulated clock at the end)
 *   defaults to the latest `at` of any entry.
 * - `steps` are the inputs that produced the logs, for people reading a counterexample. Replay
 *   rebuilds from the logs and only counts steps by `kind`; each step is an object with a string
 *   `kind`, and the kinds the harness uses are {@link ScenarioStep}'s. Unknown kinds are kept.
 * - `meta` is free-form (the property, the fast-check seed and path, ...).
 */
import { createOrganization, EVENT_SCHEMA_VERSION, SCENARIO_FORMAT, SCENARIO_VERSION, scenarioOf } from '@snowglobe/core';
import type { AccountInfo, Event, LogEntry, Organization, Scenario, ScenarioAccount, ScenarioStep } from '@snowglobe/core';
import { accountInfoOf, restartSeed } from './persistence/durable-org.ts';

export { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario, type ScenarioAccount, type ScenarioStep } from '@snowglobe/core';

/** Why a document is not a scenario. */
export interface ScenarioError {
  readonly type: 'ScenarioError';
  readonly message: string;
}

const scenarioError = (message: string): ScenarioError => ({ type: 'ScenarioError', message });

/** Whether a value is a {@link ScenarioError}. */
export function isScenarioError(x: unknown): x is ScenarioError {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'ScenarioError';
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Whether a parsed JSON value claims to be a scenario (its `format`), valid or not. */
export function looksLikeScenario(value: unknown): boolean {
  return isRecord(value) && value.format === SCENARIO_FORMAT;
}

/**
 * Checks a parsed JSON value (or JSON text) and returns it as a {@link Scenario}. Entries are
 * checked for shape and contiguous seqs; the events themselves are trusted, as `importLog` does.
 */
export function parseScenario(input: unknown): Scenario | ScenarioError {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (e) {
      return scenarioError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (!isRecord(value)) return scenarioError('a scenario is a JSON object');
  if (value.format !== SCENARIO_FORMAT) return scenarioError(`format is ${JSON.stringify(value.format)}, expected "${SCENARIO_FORMAT}"`);
  if (value.version !== SCENARIO_VERSION) return scenarioError(`version ${JSON.stringify(value.version)} is not supported (expected ${SCENARIO_VERSION})`);
  if (typeof value.seed !== 'number' || !Number.isSafeInteger(value.seed)) return scenarioError('seed must be an integer');
  if (value.eventSchema !== undefined && value.eventSchema !== EVENT_SCHEMA_VERSION) {
    return scenarioError(`event schema ${JSON.stringify(value.eventSchema)} is not supported (expected ${EVENT_SCHEMA_VERSION})`);
  }
  if (value.org !== undefined && typeof value.org !== 'string') return scenarioError('org must be a string');
  if (value.now !== undefined && (typeof value.now !== 'number' || !Number.isFinite(value.now))) return scenarioError('now must be a number (epoch ms)');
  if (!Array.isArray(value.accounts) || value.accounts.length === 0) return scenarioError('accounts must be a non-empty array');
  const accounts: ScenarioAccount[] = [];
  const names = new Set<string>();
  for (const [i, raw] of value.accounts.entries()) {
    if (!isRecord(raw)) return scenarioError(`accounts[${i}] is not an object`);
    const info = accountInfoOf(raw.info);
    if (info === null) return scenarioError(`accounts[${i}].info must be {org, name, locator, region, edition}`);
    if (names.has(info.name)) return scenarioError(`account ${info.name} appears twice`);
    names.add(info.name);
    if (!Array.isArray(raw.log)) return scenarioError(`accounts[${i}].log must be an array`);
    const log: LogEntry[] = [];
    for (const [j, e] of raw.log.entries()) {
      if (!isRecord(e) || typeof e.seq !== 'number' || typeof e.at !== 'number' || !isRecord(e.event) || typeof e.event.type !== 'string') {
        return scenarioError(`accounts[${i}].log[${j}] is not a log entry {seq, at, event}`);
      }
      const prev = log[log.length - 1];
      if (prev !== undefined && e.seq !== prev.seq + 1) return scenarioError(`accounts[${i}].log[${j}]: seq ${e.seq} follows ${prev.seq}`);
      log.push({ seq: e.seq, at: e.at, event: e.event as unknown as Event });
    }
    accounts.push({ info, log });
  }
  let steps: ScenarioStep[] | undefined;
  if (value.steps !== undefined) {
    if (!Array.isArray(value.steps)) return scenarioError('steps must be an array');
    steps = [];
    for (const [i, s] of value.steps.entries()) {
      if (!isRecord(s) || typeof s.kind !== 'string') return scenarioError(`steps[${i}] must be an object with a string kind`);
      steps.push(s as ScenarioStep);
    }
  }
  if (value.meta !== undefined && !isRecord(value.meta)) return scenarioError('meta must be an object');
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    seed: value.seed,
    ...(typeof value.org === 'string' && { org: value.org }),
    ...(typeof value.now === 'number' && { now: value.now }),
    ...(typeof value.eventSchema === 'number' && { eventSchema: value.eventSchema }),
    accounts,
    ...(steps !== undefined && { steps }),
    ...(isRecord(value.meta) && { meta: value.meta }),
  };
}

/** A scenario of `org` as it is now: every account's info and whole log (core's `scenarioOf`). */
export function scenarioFromOrganization(
  org: Organization,
  extra: { readonly steps?: readonly ScenarioStep[]; readonly meta?: Readonly<Record<string, unknown>> } = {},
): Scenario {
  return scenarioOf(org, extra.steps, extra.meta);
}

/**
 * Rebuilds the organization a scenario describes: each account restored from its log (replayed
 * through `evolve`), the clock at `now`. The id source continues with
 * {@link restartSeed}`(seed, total entries)`, so new ids never repeat the logged ones.
 */
export function organizationFromScenario(scenario: Scenario): Organization {
  let total = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const a of scenario.accounts) {
    total += a.log.length;
    const last = a.log[a.log.length - 1];
    if (last !== undefined) lastAt = Math.max(lastAt, last.at);
  }
  const now = scenario.now ?? lastAt;
  const org = createOrganization({
    name: scenario.org ?? scenario.accounts[0]?.info.org ?? 'MYORG',
    seed: restartSeed(scenario.seed, total),
    ...(Number.isFinite(now) && { now }),
  });
  for (const a of scenario.accounts) org.restoreAccount(a.info, [...a.log]);
  return org;
}
