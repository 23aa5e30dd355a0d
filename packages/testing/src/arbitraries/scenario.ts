/**
 * Arbitraries for organization scenarios (plans): interleavings of IdP syncs, REFRESH, PRIMARY,
 * connection failover, outages, clock advances, token regeneration and expiry, and administrator
 * SQL, across 2–3 accounts. Steps are generated as intents and resolved against a small model of
 * the organization (which account is primary, which are down, what the directory holds), so a
 * REFRESH targets a secondary, a recovery targets an account that is down, and so on — and so
 * every shrink of the intent list is still a sensible plan.
 */
import fc from 'fast-check';
import type { Directory } from '../directory.ts';
import {
  accountNames,
  DEFAULT_OBJECT_TYPES,
  type IdpKind,
  type Plan,
  type PlanConfig,
  type PlanObjectType,
  type PlanStep,
  type PlanStepKind,
} from '../plan.ts';
import { changeIntentArb, resolveIntents, type ChangeIntent, type ChangeOptions } from './changes.ts';
import { directoryArb, userDraftArb, type DirectoryOptions, type UserDraft } from './directory.ts';
import { adminSqlIntentArb, resolveAdminSql, type AdminSqlIntent } from './sql.ts';

/**
 * How failovers appear in a plan:
 * - `none`: never (the primary stays ACCOUNT1);
 * - `planned`: REFRESH + PRIMARY + connection, with the primary reachable (nothing is lost);
 * - `unplanned`: PRIMARY and connection failover separately, at any time, outages included.
 */
export type FailoverMode = 'none' | 'planned' | 'unplanned';

export interface ScenarioOptions {
  /** 2 or 3, or both (default 2). */
  readonly accounts?: number | readonly number[];
  /** Default `okta`. */
  readonly idp?: IdpKind;
  /** Default USERS, ROLES, INTEGRATIONS. */
  readonly objectTypes?: readonly PlanObjectType[];
  /** Number of step intents, or a range (default 0..12). */
  readonly steps?: number | { readonly min?: number; readonly max?: number };
  readonly failover?: FailoverMode;
  /** Outages and recoveries (default true). */
  readonly outages?: boolean;
  /** Token regeneration and clock advances past the six-month lifetime (default true). */
  readonly tokens?: boolean;
  /** Administrator SQL on the primary (default true). */
  readonly sql?: boolean;
  /** Sometimes set `REPLICATION_SCHEDULE = '10 MINUTE'` (default true). */
  readonly schedule?: boolean;
  /** The organization's id seed (default 1: setups are cached per seed). */
  readonly seed?: number;
  /** The initial directory (default up to 5 users and 3 groups). */
  readonly directory?: DirectoryOptions;
  /** Which change kinds syncs make. */
  readonly changes?: ChangeOptions;
  /** Changes per sync (default 1..4). */
  readonly changesPerSync?: { readonly min?: number; readonly max?: number };
}

/** A step before resolution. */
export type StepIntent =
  /** `fallback` is created when none of `changes` has anything to act on (an empty directory). */
  | { readonly kind: 'sync'; readonly changes: readonly ChangeIntent[]; readonly fallback: UserDraft }
  | { readonly kind: 'refresh' | 'promote' | 'promoteConnection' | 'failover' | 'outage' | 'recover'; readonly pick: number }
  | { readonly kind: 'advance'; readonly by: string }
  | { readonly kind: 'regenerateToken' }
  | { readonly kind: 'sql'; readonly intent: AdminSqlIntent };

const pick = fc.nat(255);

/** The step kinds a mode allows, with weights. */
function stepWeights(o: ScenarioOptions): readonly (readonly [PlanStepKind, number])[] {
  const mode = o.failover ?? 'none';
  const out: [PlanStepKind, number][] = [
    ['sync', 6],
    ['refresh', 3],
    ['advance', 2],
  ];
  if (o.outages ?? true) out.push(['outage', 1], ['recover', 1]);
  if (o.tokens ?? true) out.push(['regenerateToken', 1]);
  if (o.sql ?? true) out.push(['sql', 1]);
  if (mode === 'planned') out.push(['failover', 2]);
  if (mode === 'unplanned') out.push(['promote', 2], ['promoteConnection', 2]);
  return out;
}

/** One step intent of the kinds `o` allows. */
export function stepIntentArb(o: ScenarioOptions = {}): fc.Arbitrary<StepIntent> {
  const tokens = o.tokens ?? true;
  const per = o.changesPerSync ?? {};
  const of = (kind: PlanStepKind): fc.Arbitrary<StepIntent> => {
    switch (kind) {
      case 'sync':
        return fc
          .tuple(fc.array(changeIntentArb(o.changes), { minLength: per.min ?? 1, maxLength: per.max ?? 4 }), userDraftArb(o.changes))
          .map(([changes, fallback]) => ({ kind, changes, fallback }));
      case 'advance':
        return fc
          .constantFrom(...['5 minutes', '10 minutes', '1 hour', '1 day', '30 days', ...(tokens ? ['200 days'] : [])])
          .map((by) => ({ kind, by }));
      case 'regenerateToken':
        return fc.constant({ kind });
      case 'sql':
        return adminSqlIntentArb().map((intent) => ({ kind, intent }));
      default:
        return pick.map((p) => ({ kind, pick: p }));
    }
  };
  return fc.oneof(...stepWeights(o).map(([k, weight]) => ({ weight, arbitrary: of(k) })));
}

/** The organization as the resolver sees it. */
interface Model {
  accounts: string[];
  primary: string;
  connection: string;
  down: Set<string>;
  directory: Directory;
}

const choose = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

/** Resolves step intents in order; intents with nothing to act on are dropped. */
export function resolveSteps(config: PlanConfig, initial: Directory, intents: readonly StepIntent[], mode: FailoverMode): PlanStep[] {
  const accounts = accountNames(config);
  const m: Model = { accounts, primary: accounts[0]!, connection: accounts[0]!, down: new Set(), directory: initial };
  const out: PlanStep[] = [];
  for (const s of intents) {
    const step = resolveStep(m, s, mode);
    if (step) out.push(step);
  }
  return out;
}

function resolveStep(m: Model, s: StepIntent, mode: FailoverMode): PlanStep | null {
  const secondaries = m.accounts.filter((a) => a !== m.primary);
  const up = (a: string) => !m.down.has(a);
  switch (s.kind) {
    case 'sync': {
      let { changes, directory } = resolveIntents(m.directory, s.changes);
      if (changes.length === 0) ({ changes, directory } = resolveIntents(m.directory, [{ kind: 'createUser', draft: s.fallback }]));
      m.directory = directory;
      return changes.length ? { kind: 'sync', changes } : null;
    }
    case 'refresh': {
      const a = choose(secondaries, s.pick);
      return a ? { kind: 'refresh', account: a } : null;
    }
    case 'promote': {
      const a = choose(secondaries.filter(up), s.pick);
      if (!a) return null;
      m.primary = a;
      return { kind: 'promote', account: a };
    }
    case 'promoteConnection': {
      const a = choose(m.accounts.filter((x) => x !== m.connection && up(x)), s.pick);
      if (!a) return null;
      m.connection = a;
      return { kind: 'promoteConnection', account: a };
    }
    case 'failover': {
      // Planned: the old primary is reachable, so REFRESH brings everything over first.
      if (!up(m.primary)) return null;
      const a = choose(secondaries.filter(up), s.pick);
      if (!a) return null;
      m.primary = a;
      m.connection = a;
      return { kind: 'failover', account: a };
    }
    case 'outage': {
      // A planned failover needs the primary up; an unplanned one is what outages are for.
      const candidates = m.accounts.filter((a) => up(a) && (mode !== 'planned' || a !== m.primary));
      const a = choose(candidates, s.pick);
      if (!a) return null;
      m.down.add(a);
      return { kind: 'outage', account: a };
    }
    case 'recover': {
      const a = choose([...m.down].sort(), s.pick);
      if (!a) return null;
      m.down.delete(a);
      return { kind: 'recover', account: a };
    }
    case 'advance':
      return { kind: 'advance', by: s.by };
    case 'regenerateToken':
      return { kind: 'regenerateToken' };
    case 'sql': {
      const statement = resolveAdminSql(m.directory, s.intent);
      return statement ? { kind: 'sql', account: m.primary, statement } : null;
    }
  }
}

function stepRange(o: ScenarioOptions): { minLength: number; maxLength: number } {
  if (typeof o.steps === 'number') return { minLength: o.steps, maxLength: o.steps };
  return { minLength: o.steps?.min ?? 0, maxLength: o.steps?.max ?? 12 };
}

function configArb(o: ScenarioOptions): fc.Arbitrary<PlanConfig> {
  const accounts = typeof o.accounts === 'number' ? [o.accounts] : (o.accounts ?? [2]);
  return fc.record({
    accounts: fc.constantFrom(...accounts),
    idp: fc.constant(o.idp ?? 'okta'),
    objectTypes: fc.constant(o.objectTypes ?? DEFAULT_OBJECT_TYPES),
    schedule: (o.schedule ?? true) ? fc.constantFrom<string | null>(null, '10 MINUTE') : fc.constant<string | null>(null),
    seed: fc.constant(o.seed ?? 1),
  });
}

/**
 * A plan: configuration, initial directory and steps. With `steps: 20` every plan has exactly
 * 20 step intents (a few may resolve to nothing, e.g. a recovery with nothing down).
 */
export function planArb(o: ScenarioOptions = {}): fc.Arbitrary<Plan> {
  const mode = o.failover ?? 'none';
  return fc
    .record({
      config: configArb(o),
      initial: directoryArb({ maxUsers: 5, maxGroups: 3, ...o.directory }),
      intents: fc.array(stepIntentArb(o), stepRange(o)),
    })
    .map(({ config, initial, intents }) => ({ config, initial, steps: resolveSteps(config, initial, intents, mode) }));
}

/**
 * A failover round trip: steps on ACCOUNT1, a planned failover to another account, steps there,
 * a planned failback to ACCOUNT1, more steps. Outages only ever hit secondaries.
 */
export function roundTripPlanArb(o: ScenarioOptions = {}): fc.Arbitrary<Plan> {
  const opts: ScenarioOptions = { ...o, failover: 'none' };
  const { minLength, maxLength } = stepRange(o);
  const third = { minLength: Math.floor(minLength / 3), maxLength: Math.max(1, Math.ceil(maxLength / 3)) };
  const phase = fc.array(stepIntentArb(opts), third);
  return fc
    .record({
      config: configArb(o),
      initial: directoryArb({ maxUsers: 5, maxGroups: 3, ...o.directory }),
      to: pick,
      phases: fc.tuple(phase, phase, phase),
    })
    .map(({ config, initial, to, phases }) => {
      const names = accountNames(config);
      const target = names[1 + (to % (names.length - 1))]!;
      // Outages in the round trip hit secondaries only, and all are over before each failover.
      const failover = (account: string): StepIntent[] => [{ kind: 'failover', pick: names.indexOf(account) }];
      const intents: StepIntent[] = [...phases[0], ...recoverAll(names), ...failover(target), ...phases[1], ...recoverAll(names), ...failover(names[0]!), ...phases[2]];
      return { config, initial, steps: resolveRoundTrip(config, initial, intents, target) };
    });
}

function recoverAll(names: readonly string[]): StepIntent[] {
  return names.map((_, i) => ({ kind: 'recover', pick: i }));
}

/** Resolution for round trips: `failover` intents name their account directly. */
function resolveRoundTrip(config: PlanConfig, initial: Directory, intents: readonly StepIntent[], target: string): PlanStep[] {
  const accounts = accountNames(config);
  const m: Model = { accounts, primary: accounts[0]!, connection: accounts[0]!, down: new Set(), directory: initial };
  const out: PlanStep[] = [];
  for (const s of intents) {
    if (s.kind === 'failover') {
      const account = accounts[s.pick] ?? target;
      if (account === m.primary) continue;
      m.primary = account;
      m.connection = account;
      out.push({ kind: 'failover', account });
      continue;
    }
    if (s.kind === 'recover') {
      // Recover every account that is down, deterministically.
      for (const a of [...m.down].sort()) out.push({ kind: 'recover', account: a });
      m.down.clear();
      continue;
    }
    const step = resolveStep(m, s, 'planned');
    if (step) out.push(step);
  }
  return out;
}
