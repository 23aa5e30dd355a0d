/**
 * Vitest (and Jest-compatible) matchers, for `expect.extend(snowglobeMatchers)`:
 *
 * - `expect(secondary).toConvergeWith(primary, scope?)`: the replicated views are equal (what
 *   REFRESH must achieve). `expect(world).toConvergeWith()` checks every secondary of a World.
 * - `expect(account).toMatchDirectory(directory, { provisioner, userDeletion })`: the account's
 *   SCIM-managed users and roles are exactly the directory's Snowflake mapping.
 *   `expect(world).toMatchDirectory()` uses the World's primary, directory and provisioner.
 *
 * Nothing here imports vitest at run time: the matchers are plain functions over `this` (the
 * matcher state), so the package stays usable without a test runner.
 */
import { findRole, findUser, project, viewsEqual, type Account, type AccountState, type ReplicationScope } from '@snowglobe/core';
import type { Directory } from './directory.ts';
import { describeDifference, diffIdentity, expectedView, observedView, type UserDeletion } from './expected.ts';
import { diffViews, replicaDifferences } from './properties/common.ts';
import { DEFAULT_OBJECT_TYPES } from './plan.ts';
import { World } from './world.ts';

/** What `toMatchDirectory` needs besides the directory. */
export interface DirectoryMatchOptions {
  /** The RUN_AS_ROLE that owns SCIM-managed objects (default: the account's first SCIM integration's). */
  readonly provisioner?: string;
  /** `deactivate` for Okta-style IdPs (default `delete`). */
  readonly userDeletion?: UserDeletion;
  readonly uppercaseUserNames?: boolean;
}

/** The part of vitest's matcher state the matchers read. */
interface MatcherThis {
  readonly isNot?: boolean;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

const DEFAULT_SCOPE: ReplicationScope = { objectTypes: [...DEFAULT_OBJECT_TYPES], allowedIntegrationTypes: ['SECURITY INTEGRATIONS'] };

function stateOf(x: unknown): AccountState | null {
  if (x instanceof World) return x.primary().state;
  if (typeof x === 'object' && x !== null && 'state' in x && typeof (x as { state: unknown }).state === 'object') return (x as Account).state;
  if (typeof x === 'object' && x !== null && 'users' in x && 'roles' in x && 'failoverGroups' in x) return x as AccountState;
  return null;
}

function nameOf(x: unknown): string {
  return typeof x === 'object' && x !== null && 'name' in x && typeof (x as { name: unknown }).name === 'string' ? (x as { name: string }).name : 'account';
}

/** The scope of the received account's first failover group, else users, roles and SCIM integrations. */
function scopeFor(state: AccountState): ReplicationScope {
  const g = state.failoverGroups.values().next().value;
  return g ? { objectTypes: g.objectTypes, allowedIntegrationTypes: g.allowedIntegrationTypes } : DEFAULT_SCOPE;
}

/** A user's or role's name in either state, else the id itself. */
function objectName(a: AccountState, b: AccountState, id: string): string {
  return findUser(a, { id })?.name ?? findRole(a, { id })?.name ?? findUser(b, { id })?.name ?? findRole(b, { id })?.name ?? id;
}

function provisionerOf(state: AccountState): string | null {
  for (const i of state.integrations.values()) if (i.props.kind === 'SCIM') return i.props.runAsRole.toUpperCase();
  return null;
}

export const snowglobeMatchers = {
  /** The received account (or every secondary of a World) replicates exactly what `primary` holds. */
  toConvergeWith(this: MatcherThis, received: unknown, primary?: unknown, scope?: ReplicationScope): MatcherResult {
    if (received instanceof World && primary === undefined) {
      const diffs = replicaDifferences(received);
      return {
        pass: diffs.length === 0,
        message: () =>
          diffs.length === 0
            ? `expected the secondaries not to converge with ${received.primary().name}, but they do`
            : `expected every secondary to converge with ${received.primary().name}:\n${diffs.map((d) => `  ${d.secondary}: ${d.kind} differ (${d.ids.slice(0, 8).join(', ')})`).join('\n')}`,
      };
    }
    const s = stateOf(received);
    const p = stateOf(primary);
    if (!s || !p) return { pass: false, message: () => 'toConvergeWith expects two accounts (Account or AccountState), or a World alone' };
    const sc = scope ?? scopeFor(p);
    const a = project(p, sc);
    const b = project(s, sc);
    const pass = viewsEqual(a, b);
    return {
      pass,
      message: () =>
        pass
          ? `expected ${nameOf(received)} not to converge with ${nameOf(primary)}, but their replicated views are equal`
          : `expected ${nameOf(received)} to converge with ${nameOf(primary)} over ${sc.objectTypes.join(', ')}:\n${diffViews(a, b)
              .map((d) => `  ${d.kind} differ: ${d.ids.slice(0, 8).map((id) => objectName(p, s, id)).join(', ')}${d.ids.length > 8 ? ' …' : ''}`)
              .join('\n')}`,
    };
  },

  /** The received account (or a World's primary) holds exactly the directory's Snowflake mapping. */
  toMatchDirectory(this: MatcherThis, received: unknown, directory?: Directory, options: DirectoryMatchOptions = {}): MatcherResult {
    const world = received instanceof World ? received : null;
    const state = stateOf(received);
    const dir = directory ?? world?.directory;
    if (!state || !dir) return { pass: false, message: () => 'toMatchDirectory expects an account and a directory, or a World' };
    const provisioner = options.provisioner ?? world?.provisioner ?? provisionerOf(state);
    if (!provisioner) return { pass: false, message: () => 'toMatchDirectory: no SCIM integration in the account; pass { provisioner }' };
    const deletion = options.userDeletion ?? world?.connector.userDeletion ?? 'delete';
    const diffs = diffIdentity(expectedView(dir, { userDeletion: deletion, uppercaseUserNames: options.uppercaseUserNames ?? true }), observedView(state, provisioner));
    return {
      pass: diffs.length === 0,
      message: () =>
        diffs.length === 0
          ? `expected ${nameOf(world ? world.primary() : received)} not to match the directory, but it does`
          : `expected ${nameOf(world ? world.primary() : received)} to match the directory (${diffs.length} difference${diffs.length === 1 ? '' : 's'}):\n${diffs.map((d) => `  ${describeDifference(d)}`).join('\n')}`,
    };
  },
};

/** The matchers' signatures on vitest's `expect(...)`. */
export interface SnowglobeMatchers<R = unknown> {
  toConvergeWith(primary?: Account | AccountState, scope?: ReplicationScope): R;
  toMatchDirectory(directory?: Directory, options?: DirectoryMatchOptions): R;
}

declare module 'vitest' {
  // Declaration merging must repeat vitest's own type parameter, default `any` included.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends SnowglobeMatchers<T> {}
}
