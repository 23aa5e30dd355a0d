/**
 * The `snowglobe-scenario` document (format version 1): a whole organization's logs in one JSON
 * value. The test harness writes one per counterexample and `snowglobe replay <file>` rebuilds the
 * organization from `accounts[].log`; `steps` and `meta` are for readers.
 */
import { EVENT_SCHEMA_VERSION } from './events.ts';
import type { LogEntry } from './events.ts';
import type { AccountInfo } from './account.ts';
import type { Organization } from './organization.ts';

export const SCENARIO_FORMAT = 'snowglobe-scenario';
export const SCENARIO_VERSION = 1;

/** One input of a scenario, as the harness records it (readers see what produced the logs). */
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

/** A scenario document: a whole organization's logs, plus the inputs and free-form metadata. */
export interface Scenario {
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
export function scenarioOf(org: Organization, steps?: readonly ScenarioStep[], meta?: Readonly<Record<string, unknown>>): Scenario {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    seed: org.seed,
    org: org.name,
    now: org.now,
    eventSchema: EVENT_SCHEMA_VERSION,
    accounts: org.accounts.map((a) => ({ info: a.info, log: [...a.log] })),
    ...(steps !== undefined && { steps }),
    ...(meta !== undefined && { meta }),
  };
}

