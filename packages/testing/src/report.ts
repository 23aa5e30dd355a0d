/**
 * Failure reports worth reading. A failing property gives: ONE line to rerun it (seed, path,
 * package version), the shrunk counterexample as the steps that ran — SQL and HTTP with the ids
 * as they were at run time — what failed, the first event where the accounts diverge, and an
 * artefact (a `snowglobe-scenario` document with both accounts' logs and the state diff) that
 * `snowglobe replay` runs outside the test runner.
 */
import { firstDivergence } from './divergence.ts';
import { accountNames, type Plan } from './plan.ts';
import type { Verdict } from './properties/common.ts';
import { PACKAGE_NAME, PACKAGE_VERSION, worldDocument } from './replay.ts';
import type { ScenarioDocument } from './scenario-format.ts';
import type { World } from './world.ts';

/** How the report's rerun line reruns the test. */
export interface RerunHint {
  /** The test file, relative to the repository root (`examples/acme-connector/connector.test.ts`). */
  readonly file?: string;
  /** The test's full name, for `-t`. */
  readonly testName?: string;
  /** A whole command to use instead (`SNOWGLOBE_SEED` and `SNOWGLOBE_PATH` are prepended). */
  readonly command?: string;
}

/** Everything a failure report holds. */
export interface FailureReport {
  readonly property: string;
  readonly key: string;
  readonly seed: number;
  readonly path: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  /** The one line that reruns exactly this counterexample. */
  readonly rerun: string;
  /** What failed. */
  readonly message: string;
  readonly details: readonly string[];
  /** The first event where the accounts (or the account and the directory) diverge. */
  readonly divergence: string | null;
  /** The counterexample, step by step, with run-time ids. */
  readonly steps: readonly string[];
  /** The scenario document. */
  readonly artefact: ScenarioDocument;
  /** Where the artefact was saved, when a store saved it. */
  readonly artefactLocation: string | null;
  /** The report as printed. */
  readonly text: string;
}

/** `SNOWGLOBE_SEED=… SNOWGLOBE_PATH=… npx vitest run <file> -t "<name>"  # @snowglobe/testing@0.1.0`. */
export function rerunLine(seed: number, path: string, hint: RerunHint = {}): string {
  const env = `SNOWGLOBE_SEED=${seed} SNOWGLOBE_PATH=${path}`;
  const quote = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
  const command = hint.command ?? `npx vitest run${hint.file ? ` ${hint.file}` : ''}${hint.testName ? ` -t ${quote(hint.testName)}` : ''}`;
  return `${env} ${command}  # ${PACKAGE_NAME}@${PACKAGE_VERSION}`;
}

/** The plan's configuration in a few words: `okta, 2 accounts, FG = USERS, ROLES, INTEGRATIONS`. */
export function describeConfig(plan: Plan): string {
  const c = plan.config;
  return `${c.idp}, ${c.accounts} accounts, FG = ${c.objectTypes.join(', ')}${c.schedule ? `, REPLICATION_SCHEDULE = '${c.schedule}'` : ''}`;
}

/** The counterexample as readable lines: setup, initial directory, each step with its SQL and HTTP. */
export function renderSteps(world: World): string[] {
  const plan = world.plan;
  const out: string[] = [];
  const [setup, ...rest] = world.trace;
  if (setup) {
    const sql = setup.lines.slice(0, world.setupLines);
    const first = sql[0]?.split('  →')[0];
    const last = sql.find((l) => l.includes('SYSTEM$GENERATE_SCIM_ACCESS_TOKEN'))?.split('  →')[0];
    out.push(`setup (${accountNames(plan.config).join(', ')}): ${sql.length} SQL statements, ${first ?? ''} … ${last ?? ''} (all in the artefact)`);
    const d = plan.initial;
    const users = d.users.map((u) => `${u.key} ${JSON.stringify(u.userName)}${u.active ? '' : ' (inactive)'}`);
    const groups = d.groups.map((g) => `${g.key} ${JSON.stringify(g.displayName)} [${g.members.join(', ')}]`);
    out.push(`initial directory: ${users.length ? users.join(', ') : 'no users'}; ${groups.length ? `groups ${groups.join(', ')}` : 'no groups'}`);
    const sync = setup.lines.slice(world.setupLines);
    if (sync.length) {
      out.push('initial sync:');
      for (const l of sync) out.push(`    ${l}`);
    }
  }
  for (const t of rest) {
    out.push(t.step >= plan.steps.length && t.title === 'settle' ? 'settle (recover, retry pending changes, refresh every secondary):' : `#${t.step} ${t.title}`);
    const shown = t.lines.filter((l) => !l.startsWith('idp: ') || !t.title.startsWith('IdP sync:') || l.startsWith('idp: sync stopped'));
    for (const l of shown) out.push(`    ${l}`);
    if (t.title.startsWith('IdP sync:') && !shown.some((l) => !l.startsWith('idp: '))) out.push('    (the connector sent no request)');
  }
  return out;
}

/** The state diff an artefact carries: directory vs primary and every replica difference. */
function stateDiff(verdict: Verdict): Record<string, unknown> {
  if (verdict.ok) return {};
  return { identity: verdict.identity ?? [], replicas: verdict.replicas ?? [] };
}

export interface ReportInput {
  readonly property: string;
  readonly key: string;
  readonly seed: number;
  readonly path: string;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly world: World;
  readonly verdict: Verdict;
  /** The counterexample value when it is more than the world's plan (e.g. raw SCIM requests). */
  readonly value?: unknown;
  readonly hint?: RerunHint;
  /** An error other than a verdict (the property threw). */
  readonly error?: unknown;
}

/** Builds the report (without a saved location; see `withLocation`). */
export function buildReport(input: ReportInput): FailureReport {
  const { world, verdict } = input;
  const rerun = rerunLine(input.seed, input.path, input.hint);
  const message = verdict.ok ? `the property threw: ${errorMessage(input.error)}` : verdict.message;
  const details = verdict.ok ? [] : verdict.details;
  const divergence = firstDivergence(world, verdict);
  const steps = renderSteps(world);
  const artefact = worldDocument(world, {
    property: input.property,
    key: input.key,
    fastCheck: { seed: input.seed, path: input.path, numRuns: input.numRuns, numShrinks: input.numShrinks },
    rerun,
    failure: { message, details },
    divergence,
    diff: stateDiff(verdict),
    ...(input.value !== undefined ? { value: input.value } : {}),
  });
  const report: FailureReport = {
    property: input.property,
    key: input.key,
    seed: input.seed,
    path: input.path,
    numRuns: input.numRuns,
    numShrinks: input.numShrinks,
    rerun,
    message,
    details,
    divergence,
    steps,
    artefact,
    artefactLocation: null,
    text: '',
  };
  return { ...report, text: renderReport(report, world.plan) };
}

/** The report with the artefact's saved location (and its text re-rendered). */
export function withLocation(report: FailureReport, location: string, plan: Plan): FailureReport {
  const r = { ...report, artefactLocation: location };
  return { ...r, text: renderReport(r, plan) };
}

/** The report as text, in the order a reader needs it. */
export function renderReport(r: FailureReport, plan: Plan): string {
  const lines = [
    `snowglobe property "${r.property}" failed (${describeConfig(plan)}) after ${r.numRuns} run${r.numRuns === 1 ? '' : 's'}, shrunk ${r.numShrinks} time${r.numShrinks === 1 ? '' : 's'}`,
    `Rerun: ${r.rerun}`,
    '',
    `Failure: ${r.message}`,
    ...r.details.slice(0, 20).map((d) => `  ${d}`),
    ...(r.details.length > 20 ? [`  … and ${r.details.length - 20} more`] : []),
    '',
    `First divergence: ${r.divergence ?? 'none located (see the failure above)'}`,
    '',
    `Counterexample (${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} after shrinking; ids as they were at run time):`,
    ...r.steps.map((s) => `  ${s}`),
  ];
  if (plan.steps.length === 0 && r.steps.length <= 3) lines.push('  (no steps: the initial sync alone fails)');
  lines.push('');
  lines.push(
    r.artefactLocation === null
      ? 'Artefact: not saved (no failure store); the scenario document is on the error as `report.artefact`.'
      : r.artefactLocation.startsWith('memory:')
        ? `Artefact: kept in memory (${r.artefactLocation}); the next check with this store retries it first.`
        : `Artefact: ${r.artefactLocation} — \`npx snowglobe replay ${r.artefactLocation}\` rebuilds every account from it; the next run retries it first.`,
  );
  return lines.join('\n');
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
