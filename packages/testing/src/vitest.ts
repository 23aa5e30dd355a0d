/**
 * Running snowglobe properties inside vitest without importing vitest: hand in `expect` and the
 * helpers read the current test's file and name from `expect.getState()`, so a failure's rerun
 * line names the test, failures are saved under `.snowglobe-failures/` keyed by that test, and
 * the next run of the same test tries them first.
 *
 * ```ts
 * import { expect, test } from 'vitest';
 * import { convergence, checkInVitest } from '@snowglobe/testing';
 * test('okta converges', () => checkInVitest(expect, convergence({ idp: 'okta' }), { numRuns: 40 }), 60_000);
 * ```
 */
import type { SnowglobeProperty } from './properties/common.ts';
import { assertProperty, type RunOptions } from './run.ts';
import { fileFailureStore } from './store.ts';

/** The part of vitest's (or Jest's) `expect` the helpers use. */
export interface ExpectLike {
  getState(): { readonly testPath?: string | undefined; readonly currentTestName?: string | undefined };
}

function relativeToCwd(file: string): string {
  const cwd = (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.();
  if (cwd && file.startsWith(`${cwd}/`)) return file.slice(cwd.length + 1);
  return file;
}

/**
 * Run options for the current vitest test: the file store, a key `<file> > <test name>` and the
 * rerun hint. `extra` wins over the defaults (pass `store: null` to save nothing).
 */
export function vitestRunOptions(expect: ExpectLike, extra: RunOptions = {}): RunOptions {
  const state = expect.getState();
  const file = state.testPath ? relativeToCwd(state.testPath) : undefined;
  const testName = state.currentTestName;
  return {
    store: fileFailureStore(),
    ...(file || testName ? { key: [file, testName].filter(Boolean).join(' > ') } : {}),
    hint: { ...(file ? { file } : {}), ...(testName ? { testName } : {}) },
    ...extra,
  };
}

/** `assertProperty` with `vitestRunOptions`: throws the failure report, which vitest prints. */
export function checkInVitest<T>(expect: ExpectLike, property: SnowglobeProperty<T>, options: RunOptions = {}): Promise<{ readonly numRuns: number }> {
  return assertProperty(property, vitestRunOptions(expect, options));
}
