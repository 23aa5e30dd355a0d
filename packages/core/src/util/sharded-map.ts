import { foldingPrivately, own, owned } from './transient.ts';

/**
 * A map of string keys as a persistent structure: one Map up to SMALL entries (or any size while a
 * private fold builds it), then a trie of three 32-slot levels over a hash of the key, ending in
 * 32,768 small bucket Maps.
 *
 * A write copies at most one Map of SMALL entries, or three 32-slot arrays and one bucket of
 * ~n/32,768 entries: a command costs O(1) in the size of the account (one immer-drafted Map of
 * 100k users cost ~16 ms per command). Most role memberships stay small, and a small map costs one
 * Map instead of a path of levels per member. It is a class, so immer never drafts it: writes go
 * through `shSet` / `shDelete`, which copy what the running write does not own yet (see
 * transient.ts) and return the map to store back (`s.users = shSet(s.users, id, user)`).
 */
export class ShardedMap<V> {
  readonly size: number;
  /** All entries while the map is small; null once split into the trie. */
  readonly flat: ReadonlyMap<string, V> | null;
  /** The trie's root level (empty while flat). */
  readonly shards: readonly unknown[];

  constructor(size: number, flat: ReadonlyMap<string, V> | null, shards: readonly unknown[]) {
    this.size = size;
    this.flat = flat;
    this.shards = shards;
  }
}

const SMALL = 64;
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** Levels of the trie, the root included; the last level holds the bucket Maps. */
const DEPTH = 3;
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

type Level = (Level | Map<string, unknown> | undefined)[];

function bucketOf<V>(m: ShardedMap<V>, key: string): ReadonlyMap<string, V> | undefined {
  if (m.flat !== null) return m.flat;
  const h = hash(key);
  let node = m.shards as Level | undefined;
  for (let d = 0; d < DEPTH - 1 && node !== undefined; d++) node = node[(h >>> (d * BITS)) & MASK] as Level | undefined;
  return node?.[(h >>> ((DEPTH - 1) * BITS)) & MASK] as ReadonlyMap<string, V> | undefined;
}

export function shGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  return bucketOf(m, key)?.get(key);
}

export function shHas<V>(m: ShardedMap<V>, key: string): boolean {
  return bucketOf(m, key)?.has(key) ?? false;
}

type Mutable<V> = { size: number; flat: Map<string, V> | null; shards: Level };

/** A new, empty level; dense (no holes) so that V8 copies it on its fast path. */
function newLevel(): Level {
  return own(new Array<undefined>(WIDTH).fill(undefined) as Level);
}

/** The map itself, owned by the running write (a copy of its root if not); split once it outgrows SMALL. */
function writableRoot<V>(m: ShardedMap<V>): Mutable<V> {
  const root = (owned(m) ? m : own(new ShardedMap<V>(m.size, m.flat, m.shards.slice()))) as unknown as Mutable<V>;
  // A private fold keeps one flat Map however large (no copies to bound, and a Map per kind is
  // what a hand-written reducer would use); the first live write after it splits the map, once.
  if (root.flat !== null && root.size >= SMALL && !foldingPrivately()) {
    const entries = root.flat;
    root.flat = null;
    root.shards = newLevel();
    for (const [k, v] of entries) writableBucket(root, hash(k), true)!.set(k, v);
  }
  return root;
}

/** The bucket of hash `h` in an owned root, owned by the running write (copied, path included, if not). */
function writableBucket<V>(root: Mutable<V>, h: number, create: boolean): Map<string, V> | undefined {
  if (root.flat !== null) {
    if (!owned(root.flat)) root.flat = own(new Map(root.flat));
    return root.flat;
  }
  // The root's own level was copied with the root (or made by the split), so it is writable.
  let level = root.shards;
  for (let d = 0; d < DEPTH - 1; d++) {
    const i = (h >>> (d * BITS)) & MASK;
    let next = level[i] as Level | undefined;
    if (next === undefined) {
      if (!create) return undefined;
      next = newLevel();
    } else if (!owned(next)) {
      next = own(next.slice());
    }
    level[i] = next;
    level = next;
  }
  const j = (h >>> ((DEPTH - 1) * BITS)) & MASK;
  let bucket = level[j] as Map<string, V> | undefined;
  if (bucket === undefined) {
    if (!create) return undefined;
    bucket = own(new Map<string, V>());
    level[j] = bucket as Map<string, unknown>;
  } else if (!owned(bucket)) {
    bucket = own(new Map(bucket));
    level[j] = bucket as Map<string, unknown>;
  }
  return bucket;
}

/** Sets a key; returns the map to store back (the same one when the running write owns it). */
export function shSet<V>(m: ShardedMap<V>, key: string, value: V): ShardedMap<V> {
  const root = writableRoot(m);
  const bucket = writableBucket(root, root.flat !== null ? 0 : hash(key), true)!;
  // One lookup, not has() then set(): on a large Map each is a cache miss.
  const before = bucket.size;
  bucket.set(key, value);
  root.size += bucket.size - before;
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

/** Every bucket Map, the flat one or the trie's leaves. */
function* buckets<V>(m: ShardedMap<V>): IterableIterator<ReadonlyMap<string, V>> {
  if (m.flat !== null) {
    yield m.flat;
    return;
  }
  function* walk(level: Level, depth: number): IterableIterator<ReadonlyMap<string, V>> {
    for (const slot of level) {
      if (slot === undefined) continue;
      if (depth === DEPTH - 1) yield slot as ReadonlyMap<string, V>;
      else yield* walk(slot as Level, depth + 1);
    }
  }
  yield* walk(m.shards as Level, 0);
}

export function* shValues<V>(m: ShardedMap<V>): IterableIterator<V> {
  for (const b of buckets(m)) yield* b.values();
}

export function* shEntries<V>(m: ShardedMap<V>): IterableIterator<[string, V]> {
  for (const b of buckets(m)) yield* b.entries();
}

export function* shKeys<V>(m: ShardedMap<V>): IterableIterator<string> {
  for (const b of buckets(m)) yield* b.keys();
}
