import { foldingPrivately, own, owned } from './transient.ts';

/**
 * A map of string keys as a persistent structure: one Map up to SMALL entries (or any size while a
 * private fold builds it), then split into 64 x 64 small Maps by a hash of the key.
 *
 * A write copies at most one Map of SMALL entries, or the root's 64 slots, one level's 64 slots
 * and one bucket of ~n/4096 entries: a command costs O(1) in the size of the account (one
 * immer-drafted Map of 100k users cost ~16 ms per command). Most role memberships stay small, and
 * a small map costs one Map instead of a 64-slot level per member. It is a class, so immer never
 * drafts it: writes go through `shSet` / `shDelete`, which copy what the running write does not own
 * yet (see transient.ts) and return the map to store back (`s.users = shSet(s.users, id, user)`).
 */
export class ShardedMap<V> {
  readonly size: number;
  /** All entries while the map is small; null once split into shards. */
  readonly flat: ReadonlyMap<string, V> | null;
  readonly shards: readonly (readonly (ReadonlyMap<string, V> | undefined)[] | undefined)[];

  constructor(size: number, flat: ReadonlyMap<string, V> | null, shards: readonly (readonly (ReadonlyMap<string, V> | undefined)[] | undefined)[]) {
    this.size = size;
    this.flat = flat;
    this.shards = shards;
  }
}

const SMALL = 64;
const FANOUT = 64;
const NO_SHARDS: readonly never[] = [];

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function emptySharded<V>(): ShardedMap<V> {
  return own(new ShardedMap<V>(0, own(new Map<string, V>()), NO_SHARDS));
}

function bucketOf<V>(m: ShardedMap<V>, key: string): ReadonlyMap<string, V> | undefined {
  if (m.flat !== null) return m.flat;
  const h = hash(key);
  return m.shards[h & 63]?.[(h >>> 6) & 63];
}

export function shGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  return bucketOf(m, key)?.get(key);
}

export function shHas<V>(m: ShardedMap<V>, key: string): boolean {
  return bucketOf(m, key)?.has(key) ?? false;
}

type Level<V> = (Map<string, V> | undefined)[];
type Mutable<V> = { size: number; flat: Map<string, V> | null; shards: (Level<V> | undefined)[] };

/** The map itself, owned by the running write (a copy of its root if not); split once it outgrows SMALL. */
function writableRoot<V>(m: ShardedMap<V>): Mutable<V> {
  const root = (owned(m) ? m : own(new ShardedMap<V>(m.size, m.flat, m.shards.slice()))) as unknown as Mutable<V>;
  // A private fold keeps one flat Map however large (no copies to bound, and a Map per kind is
  // what a hand-written reducer would use); the first live write after it splits the map, once.
  if (root.flat !== null && root.size >= SMALL && !foldingPrivately()) {
    const entries = root.flat;
    root.flat = null;
    root.shards = [];
    for (const [k, v] of entries) writableBucket(root, hash(k), true)!.set(k, v);
  }
  return root;
}

/** The bucket of hash `h` in an owned root, owned by the running write (copied if not). */
function writableBucket<V>(root: Mutable<V>, h: number, create: boolean): Map<string, V> | undefined {
  if (root.flat !== null) {
    if (!owned(root.flat)) root.flat = own(new Map(root.flat));
    return root.flat;
  }
  const i = h & 63, j = (h >>> 6) & 63;
  let level = root.shards[i];
  if (level === undefined) {
    if (!create) return undefined;
    // Dense arrays (no holes) keep V8's array copies on their fast path; the Maps themselves are
    // created on first use, so a mid-sized map does not pay for 4,096 of them.
    while (root.shards.length <= i) root.shards.push(undefined);
    level = own(new Array<Map<string, V> | undefined>(FANOUT).fill(undefined));
    root.shards[i] = level;
  } else if (!owned(level)) {
    level = own(level.slice());
    root.shards[i] = level;
  }
  let bucket = level[j];
  if (bucket === undefined) {
    if (!create) return undefined;
    bucket = own(new Map<string, V>());
    level[j] = bucket;
  } else if (!owned(bucket)) {
    bucket = own(new Map(bucket));
    level[j] = bucket;
  }
  return bucket;
}

/** Sets a key; returns the map to store back (the same one when the running write owns it). */
export function shSet<V>(m: ShardedMap<V>, key: string, value: V): ShardedMap<V> {
  const root = writableRoot(m);
  const bucket = writableBucket(root, root.flat !== null ? 0 : hash(key), true)!;
  if (!bucket.has(key)) root.size += 1;
  bucket.set(key, value);
  return root as unknown as ShardedMap<V>;
}

/** Deletes a key; returns the map to store back (unchanged, not copied, when the key is absent). */
export function shDelete<V>(m: ShardedMap<V>, key: string): ShardedMap<V> {
  if (!shHas(m, key)) return m;
  const root = writableRoot(m);
  writableBucket(root, root.flat !== null ? 0 : hash(key), false)!.delete(key);
  root.size -= 1;
  return root as unknown as ShardedMap<V>;
}

export function* shValues<V>(m: ShardedMap<V>): IterableIterator<V> {
  if (m.flat !== null) yield* m.flat.values();
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.values();
}

export function* shEntries<V>(m: ShardedMap<V>): IterableIterator<[string, V]> {
  if (m.flat !== null) yield* m.flat.entries();
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.entries();
}

export function* shKeys<V>(m: ShardedMap<V>): IterableIterator<string> {
  if (m.flat !== null) yield* m.flat.keys();
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.keys();
}
