/**
 * Scenario documents from worlds, and re-running them: the artefact of a failure is a
 * `snowglobe-scenario` document (both accounts' logs, the steps, the state diff) whose
 * `meta.plan` is the plan that produced it, so this package can re-run it and `snowglobe replay`
 * can rebuild the organization from its logs.
 */
import { exportLog, stateToJSON, stableStringify, type Organization } from '@snowglobe/core';
import type { ConnectorFactory } from './idp/connector.ts';
import type { ScimHandlerOptions } from '@snowglobe/scim';
import type { Plan } from './plan.ts';
import { isScenarioFormatError, readScenarioDocument, scenarioDocument, type ScenarioDocument, type ScenarioFormatError } from './scenario-format.ts';
import { World } from './world.ts';

/** The package and format versions an artefact records. */
export const PACKAGE_NAME = '@snowglobe/testing';
export const PACKAGE_VERSION = '0.1.0';

/** The document of a world as it is now; `meta` is merged over `{ package, version, plan }`. */
export function worldDocument(world: World, meta: Readonly<Record<string, unknown>> = {}): ScenarioDocument {
  return scenarioDocument(world.org, world.steps, { package: PACKAGE_NAME, version: PACKAGE_VERSION, plan: world.plan, ...meta });
}

/** Each account's exported JSONL log, by name. */
export function exportLogs(org: Organization): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of org.accounts) out[a.name] = exportLog(a);
  return out;
}

/** The plan a document carries in `meta.plan`, or an error. */
export function planOf(doc: ScenarioDocument): Plan | ScenarioFormatError {
  const plan = doc.meta?.plan;
  if (typeof plan !== 'object' || plan === null || !('config' in plan) || !('steps' in plan) || !('initial' in plan)) {
    return { type: 'ScenarioFormatError', message: 'meta.plan is missing: this scenario was not written by @snowglobe/testing' };
  }
  return plan as Plan;
}

export interface ReplayOptions {
  /** The connector the plan ran with (default: the built-in model named by the plan). */
  readonly connector?: ConnectorFactory;
  readonly scim?: ScimHandlerOptions;
}

/** What re-running a document gave. */
export interface ReplayResult {
  readonly world: World;
  /** Accounts whose re-run log differs from the document's, with the first differing seq. */
  readonly mismatches: readonly { readonly account: string; readonly seq: number | null; readonly detail: string }[];
}

/**
 * Re-runs a document's plan (then settles as `settle` says, default as convergence does) and
 * compares the logs entry by entry with the document's.
 */
export async function replayDocument(
  input: unknown,
  options: ReplayOptions & { readonly settle?: { readonly sync?: boolean; readonly refresh?: boolean } | false } = {},
): Promise<ReplayResult | ScenarioFormatError> {
  const doc = readScenarioDocument(typeof input === 'string' ? (JSON.parse(input) as unknown) : input);
  if (isScenarioFormatError(doc)) return doc;
  const plan = planOf(doc);
  if (isScenarioFormatError(plan)) return plan;
  const world = await World.start(plan, { ...(options.connector ? { connector: options.connector } : {}), ...(options.scim ? { scim: options.scim } : {}) });
  await world.runAll();
  if (options.settle !== false) await world.settle(options.settle ?? {});
  const mismatches: { account: string; seq: number | null; detail: string }[] = [];
  for (const a of doc.accounts) {
    const live = world.org.account(a.info.name);
    if (!live) {
      mismatches.push({ account: a.info.name, seq: null, detail: 'missing in the re-run' });
      continue;
    }
    const n = Math.max(live.log.length, a.log.length);
    for (let i = 0; i < n; i++) {
      const x = live.log[i];
      const y = a.log[i];
      if (!x || !y || stableStringify(x) !== stableStringify(y)) {
        mismatches.push({ account: a.info.name, seq: (x ?? y)?.seq ?? null, detail: `${x ? x.event.type : 'nothing'} in the re-run, ${y ? y.event.type : 'nothing'} in the document` });
        break;
      }
    }
  }
  return { world, mismatches };
}

/** Canonical state of every account (for "restored equals live" comparisons). */
export function statesOf(org: Organization): string {
  return stableStringify(org.accounts.map((a) => [a.name, stateToJSON(a.state)]));
}
