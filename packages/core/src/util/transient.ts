/**
 * Which objects a write may change in place: Clojure's "transients" (Immutable.js's
 * `withMutations`) for the parts of the state immer does not draft — the sharded maps and the
 * user and role records in them.
 *
 * - A whole-log fold (`foldLog`) builds its state privately: every object in it may be mutated.
 * - A batch appended to a live account (`applyEvents`) may mutate only what it copied itself;
 *   everything else is shared with the previous, published state and is copied on first write.
 * - Outside both (someone runs `evolve` on their own draft), nothing is owned: every write copies.
 *
 * The state is synchronous and single-threaded, so one module-level scope is enough.
 */
type Scope = 'all' | Set<object> | null;

let scope: Scope = null;

/** Whether `o` may be mutated in place by the running write. */
export function owned(o: object): boolean {
  return scope === 'all' || (scope !== null && scope.has(o));
}

/** Records that the running write created `o` (a copy), so later writes in it mutate in place. */
export function own<T extends object>(o: T): T {
  if (scope !== null && scope !== 'all') scope.add(o);
  return o;
}

/** Whether the running write is a private fold (then nothing is shared with a published state). */
export function foldingPrivately(): boolean {
  return scope === 'all';
}

/** Runs `fn` as one write: `fold` owns everything, `batch` owns only what it copies. */
export function transient<T>(kind: 'fold' | 'batch', fn: () => T): T {
  const outer = scope;
  scope = kind === 'fold' ? 'all' : new Set();
  try {
    return fn();
  } finally {
    scope = outer;
  }
}
