/**
 * Running a property the snowglobe way: saved failures first (replayed through fast-check's
 * `seed` and `path`), then fresh runs; a failure is re-run traced and turned into a report, and
 * its artefact saved so the next run tries it first. `SNOWGLOBE_SEED`, `SNOWGLOBE_PATH` and
 * `SNOWGLOBE_RUNS` in the environment override the parameters (that is what the rerun line sets).
 */
import fc from 'fast-check';
import type { Plan } from './plan.ts';
import type { SnowglobeProperty, Verdict } from './properties/common.ts';
import { PropertyFailure } from './properties/common.ts';
import { buildReport, withLocation, type FailureReport, type RerunHint } from './report.ts';
import type { FailureStore } from './store.ts';
import type { World } from './world.ts';

export interface RunOptions {
  /** Fresh runs (default 100, or `SNOWGLOBE_RUNS`). */
  readonly numRuns?: number;
  /** fast-check seed (default random, or `SNOWGLOBE_SEED`). */
  readonly seed?: number;
  /** fast-check path to replay (or `SNOWGLOBE_PATH`). */
  readonly path?: string;
  /** Stop generating new runs after this many ms (fast-check `interruptAfterTimeLimit`). */
  readonly timeLimitMs?: number;
  /** Where failures are saved and retried from; none by default. */
  readonly store?: FailureStore | null;
  /** The key failures are saved under (default: the property's name). */
  readonly key?: string;
  /** How the rerun line reruns the test. */
  readonly hint?: RerunHint;
  /** Environment to read overrides from (default `process.env` where there is one). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What `checkProperty` found. */
export type CheckResult =
  | {
      readonly ok: true;
      readonly numRuns: number;
      /** Saved failures replayed first that now pass, or no longer fit the property (removed from the store). */
      readonly fixed: readonly string[];
    }
  | { readonly ok: false; readonly report: FailureReport };

/** Thrown by `assertProperty`: its message is the report. */
export class SnowglobePropertyError extends Error {
  override readonly name = 'SnowglobePropertyError';
  constructor(readonly report: FailureReport) {
    super(`\n${report.text}`);
  }
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env ?? {};
}

function intEnv(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The plan inside a counterexample value (a plan, or a value carrying `plan`). */
function planOfValue(value: unknown): Plan | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('config' in value && 'steps' in value && 'initial' in value) return value as Plan;
  if ('plan' in value) return planOfValue((value as { plan: unknown }).plan);
  return undefined;
}

async function report<T>(
  property: SnowglobeProperty<T>,
  details: fc.RunDetails<[T]>,
  key: string,
  options: RunOptions,
): Promise<FailureReport> {
  const value = details.counterexample?.[0] as T;
  const path = details.counterexamplePath ?? '0';
  let explained: { world: World; verdict: Verdict };
  try {
    explained = await property.snowglobe.explain(value);
  } catch (e) {
    throw new Error(`snowglobe property "${property.snowglobe.name}" failed and could not be re-run for its report: ${e instanceof Error ? e.message : String(e)}\nRerun: SNOWGLOBE_SEED=${details.seed} SNOWGLOBE_PATH=${path}`);
  }
  let verdict = explained.verdict;
  // The traced re-run passed: report what fast-check saw (the error it caught).
  if (verdict.ok) {
    const err = details.errorInstance;
    verdict = err instanceof PropertyFailure ? err.verdict : { ok: false, message: err instanceof Error ? err.message : String(err), details: [] };
  }
  const plan = planOfValue(value);
  let r = buildReport({
    property: property.snowglobe.name,
    key,
    seed: details.seed,
    path,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    world: explained.world,
    verdict,
    ...(plan !== value ? { value } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
  });
  if (options.store) {
    const saved = await options.store.save({ key, seed: details.seed, path }, r.artefact);
    r = withLocation(r, saved.location, explained.world.plan);
  }
  return r;
}

/**
 * Checks a property: saved failures for its key first, then `numRuns` fresh runs. Never throws
 * for a failing property; see `assertProperty` for that.
 */
export async function checkProperty<T>(property: SnowglobeProperty<T>, options: RunOptions = {}): Promise<CheckResult> {
  const env = options.env ?? processEnv();
  const key = options.key ?? property.snowglobe.name;
  const seed = intEnv(env.SNOWGLOBE_SEED) ?? options.seed;
  const path = env.SNOWGLOBE_PATH?.trim() || options.path;
  const numRuns = intEnv(env.SNOWGLOBE_RUNS) ?? options.numRuns ?? 100;
  const fixed: string[] = [];
  // An explicit seed (the rerun line) replays exactly that; otherwise saved failures go first.
  if (seed === undefined && options.store) {
    for (const saved of await options.store.list(key)) {
      let replay: fc.RunDetails<[T]>;
      try {
        replay = await fc.check(property, { seed: saved.seed, path: saved.path, numRuns: 1 });
      } catch {
        // The path no longer fits the property (its options changed): the failure is stale.
        await options.store.remove(saved.id);
        fixed.push(saved.id);
        continue;
      }
      if (replay.failed) return { ok: false, report: await report(property, replay, key, options) };
      await options.store.remove(saved.id);
      fixed.push(saved.id);
    }
  }
  const details = await fc.check(property, {
    numRuns,
    ...(seed !== undefined ? { seed } : {}),
    ...(path !== undefined && seed !== undefined ? { path } : {}),
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  if (!details.failed) return { ok: true, numRuns: details.numRuns, fixed };
  return { ok: false, report: await report(property, details, key, options) };
}

/** Checks a property and throws `SnowglobePropertyError` (message: the report) when it fails. */
export async function assertProperty<T>(property: SnowglobeProperty<T>, options: RunOptions = {}): Promise<{ readonly numRuns: number }> {
  const r = await checkProperty(property, options);
  if (!r.ok) throw new SnowglobePropertyError(r.report);
  return { numRuns: r.numRuns };
}
