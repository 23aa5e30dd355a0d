/**
 * What every ready-made property shares: its options, the verdict a check returns, and the
 * `SnowglobeProperty` shape — an ordinary `fc.IAsyncProperty` (use it with `fc.assert`, `fc.check`
 * or `@fast-check/vitest`) that also carries what the failure report needs to re-run one plan
 * with full tracing.
 */
import fc from 'fast-check';
import { findRole, findUser, project, viewsEqual, type Account, type ReplicatedView } from '@snowglobe/core';
import type { ScimHandlerOptions } from '@snowglobe/scim';
import type { ConnectorFactory } from '../idp/connector.ts';
import type { ScenarioOptions } from '../arbitraries/scenario.ts';
import { describeDifference, diffIdentity, expectedView, observedView, type IdentityDifference } from '../expected.ts';
import type { Plan } from '../plan.ts';
import { World, type WorldOptions } from '../world.ts';

/** Options of every ready-made property. */
export interface PropertyOptions extends ScenarioOptions {
  /** The connector under test; default the built-in model of `idp` (okta, entra or generic). */
  readonly connector?: ConnectorFactory;
  /** SCIM service-provider switches (e.g. `{ bundle: 'legacy' }`). */
  readonly scim?: ScimHandlerOptions;
}

/** One difference between two accounts' replicated views. */
export interface ReplicaDifference {
  readonly secondary: string;
  readonly primary: string;
  /** `users`, `roles`, ... and the ids that differ (only in one, or changed). */
  readonly kind: string;
  readonly ids: readonly string[];
}

/** The outcome of checking one plan. */
export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** One line: what broke. */
      readonly message: string;
      /** Readable details (differences, violated writes), one per line. */
      readonly details: readonly string[];
      /** Directory vs primary. */
      readonly identity?: readonly IdentityDifference[];
      /** Secondary vs primary. */
      readonly replicas?: readonly ReplicaDifference[];
    };

export const PASS: Verdict = { ok: true };

/** What a report needs from a property, besides fast-check's own result. */
export interface PropertyMeta<T = Plan> {
  readonly name: string;
  readonly options: PropertyOptions;
  /** Re-runs one value with request bodies traced: the world it leaves and the verdict. */
  readonly explain: (value: T) => Promise<{ readonly world: World; readonly verdict: Verdict }>;
}

/** A ready-made property: a fast-check async property (over plans, by default) plus its metadata. */
export type SnowglobeProperty<T = Plan> = fc.IAsyncPropertyWithHooks<[T]> & { readonly snowglobe: PropertyMeta<T> };

/** Thrown inside the predicate so fast-check shrinks; carries the verdict for the report. */
export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
  constructor(readonly verdict: Extract<Verdict, { ok: false }>) {
    super([verdict.message, ...verdict.details.slice(0, 12)].join('\n  '));
  }
}

/** The world options a property runs with. */
export function worldOptions(o: PropertyOptions, extra: Partial<WorldOptions> = {}): WorldOptions {
  return { ...(o.connector ? { connector: o.connector } : {}), ...(o.scim ? { scim: o.scim } : {}), ...extra };
}

/** Starts a world for a plan with the property's options (traced or not, plus extras). */
export type StartWorld = (plan: Plan, extra?: Partial<WorldOptions>) => Promise<World>;

/**
 * Builds a property from an arbitrary and a check. The check runs again, traced, for the
 * counterexample a report prints, so it must be deterministic — it is, as everything in a World is.
 */
export function makeProperty<T>(
  name: string,
  options: PropertyOptions,
  arb: fc.Arbitrary<T>,
  check: (value: T, start: StartWorld, traced: boolean) => Promise<{ world: World; verdict: Verdict }>,
): SnowglobeProperty<T> {
  const start =
    (traced: boolean): StartWorld =>
    (plan, extra = {}) =>
      World.start(plan, worldOptions(options, { traceBodies: traced, ...extra }));
  const prop = fc.asyncProperty(arb, async (value) => {
    const { verdict } = await check(value, start(false), false);
    if (!verdict.ok) throw new PropertyFailure(verdict);
  });
  const meta: PropertyMeta<T> = { name, options, explain: (value) => check(value, start(true), true) };
  return Object.assign(prop, { snowglobe: meta });
}

/** Kinds of a ReplicatedView that hold objects. */
const VIEW_KINDS = ['users', 'roles', 'privileges', 'integrations', 'scimTokens', 'networkPolicies', 'parameters'] as const;

function keyOf(x: unknown): string {
  const r = x as Record<string, unknown>;
  if (typeof r.id === 'string') return r.id;
  if (typeof r.hash === 'string') return `token:${r.hash.slice(0, 12)}`;
  if (typeof r.privilege === 'string') return `${String(r.privilege)}→${String(r.to)}`;
  if (typeof r.name === 'string') return r.name;
  return JSON.stringify(x);
}

/** Which objects differ between two replicated views, per kind (ids). */
export function diffViews(primary: ReplicatedView, secondary: ReplicatedView): { kind: string; ids: string[] }[] {
  const out: { kind: string; ids: string[] }[] = [];
  for (const kind of VIEW_KINDS) {
    const a = new Map((primary[kind] ?? []).map((x) => [keyOf(x), JSON.stringify(x)]));
    const b = new Map((secondary[kind] ?? []).map((x) => [keyOf(x), JSON.stringify(x)]));
    const ids = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    if (ids.length) out.push({ kind, ids });
  }
  return out;
}

/** Every secondary's view against the primary's. */
export function replicaDifferences(world: World): ReplicaDifference[] {
  const primary = world.primary();
  const pv = project(primary.state, world.scope);
  const out: ReplicaDifference[] = [];
  for (const s of world.secondaries()) {
    const sv = project(s.state, world.scope);
    if (viewsEqual(pv, sv)) continue;
    for (const d of diffViews(pv, sv)) out.push({ secondary: s.name, primary: primary.name, kind: d.kind, ids: d.ids });
  }
  return out;
}

/** The name of a user or role id in an account, for readable lines. */
export function nameOf(account: Account, id: string): string | undefined {
  return findUser(account.state, { id })?.name ?? findRole(account.state, { id })?.name;
}

/**
 * The convergence check on a settled world: the connector got through every change, the primary
 * holds exactly what the directory implies, and every secondary's replicated view equals the
 * primary's.
 */
export function convergenceVerdict(world: World): Verdict {
  const details: string[] = [];
  if (world.pending.length > 0) {
    return {
      ok: false,
      message: `the connector left ${world.pending.length} change(s) unprovisioned after retries`,
      details: world.syncErrors.slice(-3),
    };
  }
  const primary = world.primary();
  const expected = expectedView(world.directory, { userDeletion: world.connector.userDeletion ?? 'delete', uppercaseUserNames: world.options.scim?.uppercaseUserNames ?? true });
  const identity = diffIdentity(expected, observedView(primary.state, world.provisioner));
  if (identity.length > 0) {
    return {
      ok: false,
      message: `${primary.name} (primary) does not hold what the directory implies (${identity.length} difference${identity.length === 1 ? '' : 's'})`,
      details: identity.map(describeDifference),
      identity,
    };
  }
  const replicas = replicaDifferences(world);
  if (replicas.length > 0) {
    for (const r of replicas) {
      const names = r.ids.slice(0, 6).map((id) => nameOf(primary, id) ?? nameOf(world.org.account(r.secondary)!, id) ?? id);
      details.push(`${r.secondary} differs from ${r.primary} in ${r.kind}: ${names.join(', ')}${r.ids.length > 6 ? ` and ${r.ids.length - 6} more` : ''}`);
    }
    return { ok: false, message: 'after REFRESH a secondary does not equal the primary', details, replicas };
  }
  return PASS;
}
