/**
 * The `snowglobe-scenario` document (format version 1) that failure artefacts are written in and
 * `snowglobe replay <file>` reads. The types mirror `packages/snowglobe/src/scenario.ts` field for
 * field (this package cannot depend on the CLI package, so the shape is restated here; the two are
 * structurally identical and a document built here type-checks as the CLI's `Scenario`).
 *
 * `snowglobe replay` rebuilds the organization from `accounts[].log`; `steps` are for readers.
 * The harness puts what it needs to re-run a counterexample in `meta` (`meta.plan`, the fast-check
 * seed and path, the rerun line, the state diff).
 */
import { EVENT_SCHEMA_VERSION, type AccountInfo, type LogEntry, type Organization } from '@snowglobe/core';

export const SCENARIO_FORMAT = 'snowglobe-scenario';
export const SCENARIO_VERSION = 1;

/** One input of a scenario (the CLI's `ScenarioStep`). */
export type ScenarioStep =
  | { readonly kind: 'sql'; readonly account: string; readonly statement: string; readonly role?: string }
  | { readonly kind: 'scim'; readonly account: string; readonly method: string; readonly path: string; readonly body?: unknown; readonly status?: number }
  | { readonly kind: 'advance'; readonly by: string | number }
  | { readonly kind: 'outage'; readonly account: string; readonly available: boolean }
  | { readonly kind: 'refresh'; readonly account: string; readonly group: string }
  | { readonly kind: 'failover'; readonly account: string; readonly group: string }
  | { readonly kind: string; readonly [field: string]: unknown };

/** One account of a scenario: what it is and its whole log. */
export interface ScenarioAccount {
  readonly info: AccountInfo;
  readonly log: readonly LogEntry[];
}

/** A scenario document (the CLI's `Scenario`). */
export interface ScenarioDocument {
  readonly format: typeof SCENARIO_FORMAT;
  readonly version: typeof SCENARIO_VERSION;
  readonly seed: number;
  readonly org?: string;
  readonly now?: number;
  readonly eventSchema?: number;
  readonly accounts: readonly ScenarioAccount[];
  readonly steps?: readonly ScenarioStep[];
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The document of `org` as it is now: every account's info and whole log, plus steps and meta. */
export function scenarioDocument(org: Organization, steps: readonly ScenarioStep[], meta: Readonly<Record<string, unknown>>): ScenarioDocument {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    seed: org.seed,
    org: org.name,
    now: org.now,
    eventSchema: EVENT_SCHEMA_VERSION,
    accounts: org.accounts.map((a) => ({ info: a.info, log: [...a.log] })),
    steps,
    meta,
  };
}

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
