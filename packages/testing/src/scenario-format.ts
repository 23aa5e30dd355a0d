/**
 * The `snowglobe-scenario` document that failure artefacts are written in and `snowglobe replay
 * <file>` reads. The format itself lives in `@snowglobe/core` (shared with the CLI); this module
 * adds the reader the harness uses to re-run a counterexample.
 */
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioOf, type Scenario } from '@snowglobe/core';

export { SCENARIO_FORMAT, SCENARIO_VERSION, type ScenarioAccount, type ScenarioStep } from '@snowglobe/core';
/** The harness's name for core's `Scenario`. */
export type ScenarioDocument = Scenario;
/** The document of an organization as it is now (core's `scenarioOf`). */
export const scenarioDocument = scenarioOf;

/** Why a value is not a scenario document this package can re-run. */
export interface ScenarioFormatError {
  readonly type: 'ScenarioFormatError';
  readonly message: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks the envelope of a parsed document (format, version, seed, accounts with logs). Events
 * are trusted, as core's `importLog` trusts them.
 */
export function readScenarioDocument(value: unknown): ScenarioDocument | ScenarioFormatError {
  const error = (message: string): ScenarioFormatError => ({ type: 'ScenarioFormatError', message });
  if (!isRecord(value)) return error('a scenario is a JSON object');
  if (value.format !== SCENARIO_FORMAT) return error(`format is ${JSON.stringify(value.format)}, expected "${SCENARIO_FORMAT}"`);
  if (value.version !== SCENARIO_VERSION) return error(`version ${JSON.stringify(value.version)} is not supported`);
  if (typeof value.seed !== 'number' || !Number.isSafeInteger(value.seed)) return error('seed must be an integer');
  if (!Array.isArray(value.accounts) || value.accounts.length === 0) return error('accounts must be a non-empty array');
  for (const [i, a] of value.accounts.entries()) {
    if (!isRecord(a) || !isRecord(a.info) || !Array.isArray(a.log)) return error(`accounts[${i}] must be {info, log}`);
  }
  if (value.meta !== undefined && !isRecord(value.meta)) return error('meta must be an object');
  return value as unknown as ScenarioDocument;
}

export function isScenarioFormatError(x: unknown): x is ScenarioFormatError {
  return isRecord(x) && x.type === 'ScenarioFormatError';
}
