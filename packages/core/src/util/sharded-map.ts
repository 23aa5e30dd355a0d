import { foldingPrivately, own, owned } from './transient.ts';

/**
 * A map of string keys as a persistent structure: one Map up to SMALL entries (or any size while a
 * private fold builds it), then a trie of three 32-slot levels over a hash of the key, ending in
 * 32,768 small buckets.
 *
 * A bucket is a flat array of alternating keys and values (`[k0, v0, k1, v1, ...]`): at 100k
 * entries it holds ~3, so copying one is a short `slice` and a lookup a short scan, where a Map
 * per bucket cost a Map copy per write and more garbage than the rest of the write. Entries keep
 * a Map's order: a new key goes last, a delete closes the gap.
 *
 * A write copies at most one Map of SMALL entries, or three 32-slot arrays and one bucket: a
 * command costs O(1) in the size of the account (one immer-drafted Map of 100k users cost ~16 ms
 * per command). Most role memberships stay small, and a small map costs one Map instead of a path
 * of levels per member. It is a class, so immer never drafts it: writes go through `shSet` /
 * `shDelete`, which copy what the running write does not own yet (see transient.ts) and return
 * the map to store back (`s.users = shSet(s.users, id, user)`).
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
/** Levels of the trie, the root included; the last level holds the buckets. */
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

/** Keys at even indexes, each followed by its value. */
type Bucket = unknown[];
type Level = (Level | Bucket | undefined)[];

function bucketOf(m: ShardedMap<unknown>, key: string): Bucket | undefined {
  const h = hash(key);
  let node = m.shards as Level | undefined;
  for (let d = 0; d < DEPTH - 1 && node !== undefined; d++) node = node[(h >>> (d * BITS)) & MASK] as Level | undefined;
  return node?.[(h >>> ((DEPTH - 1) * BITS)) & MASK] as Bucket | undefined;
}

/** The index of `key` in a bucket, or -1. */
function indexIn(bucket: Bucket, key: string): number {
  for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === key) return i;
  return -1;
}

export function shGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  if (m.flat !== null) return m.flat.get(key);
  const bucket = bucketOf(m, key);
  if (bucket === undefined) return undefined;
  const i = indexIn(bucket, key);
  return i < 0 ? undefined : (bucket[i + 1] as V);
}

export function shHas<V>(m: ShardedMap<V>, key: string): boolean {
  if (m.flat !== null) return m.flat.has(key);
  const bucket = bucketOf(m, key);
  return bucket !== undefined && indexIn(bucket, key) >= 0;
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
    root.size = 0; // counted again as the entries go in
    for (const [k, v] of entries) putInBucket(root, hash(k), k, v);
  }
  return root;
}

/** The flat Map of an owned root, owned by the running write (copied if not). */
function writableFlat<V>(root: Mutable<V>): Map<string, V> {
  if (!owned(root.flat!)) root.flat = own(new Map(root.flat!));
  return root.flat!;
}

/**
 * The last level on the path of hash `h` in an owned, split root, owned by the running write
 * (copied, path included, if not); undefined when the path does not exist and `create` is false.
 */
function writableLeafLevel<V>(root: Mutable<V>, h: number, create: boolean): Level | undefined {
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
  return level;
}

const leafIndex = (h: number): number => (h >>> ((DEPTH - 1) * BITS)) & MASK;

/**
 * Puts `key` into the bucket of hash `h`. A bucket the write does not own is replaced by an
 * exact-size copy (a copy then `push` would over-allocate every bucket a batch adds to).
 */
function putInBucket<V>(root: Mutable<V>, h: number, key: string, value: V): void {
  const level = writableLeafLevel(root, h, true)!;
  const j = leafIndex(h);
  const bucket = level[j] as Bucket | undefined;
  if (bucket === undefined) {
    level[j] = own([key, value]);
    root.size += 1;
    return;
  }
  const i = indexIn(bucket, key);
  if (owned(bucket)) {
    if (i >= 0) bucket[i + 1] = value;
    else (bucket.push(key, value), (root.size += 1));
  } else if (i >= 0) {
    const copy = own(bucket.slice());
    copy[i + 1] = value;
    level[j] = copy;
  } else {
    level[j] = own([...bucket, key, value]);
    root.size += 1;
  }
}

/** Sets a key; returns the map to store back (the same one when the running write owns it). */
export function shSet<V>(m: ShardedMap<V>, key: string, value: V): ShardedMap<V> {
  const root = writableRoot(m);
  if (root.flat !== null) {
    // One lookup, not has() then set(): on a large Map each is a cache miss.
    const flat = writableFlat(root);
    const before = flat.size;
    flat.set(key, value);
    root.size += flat.size - before;
  } else {
    putInBucket(root, hash(key), key, value);
  }
  return root as unknown as ShardedMap<V>;
}

/** Deletes a key; returns the map to store back (unchanged, not copied, when the key is absent). */
export function shDelete<V>(m: ShardedMap<V>, key: string): ShardedMap<V> {
  if (!shHas(m, key)) return m;
  const root = writableRoot(m);
  if (root.flat !== null) {
    writableFlat(root).delete(key);
  } else {
    const h = hash(key);
    const level = writableLeafLevel(root, h, false)!;
    const j = leafIndex(h);
    const bucket = level[j] as Bucket;
    const i = indexIn(bucket, key);
    if (owned(bucket)) bucket.splice(i, 2);
    else level[j] = own([...bucket.slice(0, i), ...bucket.slice(i + 2)]);
  }
  root.size -= 1;
  return root as unknown as ShardedMap<V>;
}

/**
 * Every bucket of a split map, in trie order. The iterators below walk the buckets in place: do
 * not write to a map while iterating it (a delete closes its bucket's gap, so the next entry
 * would be skipped). Copy first, `[...shKeys(m)]`, as every writer in evolve does.
 */
function* buckets(level: Level, depth: number): IterableIterator<Bucket> {
  for (const slot of level) {
    if (slot === undefined) continue;
    if (depth === DEPTH - 1) yield slot as Bucket;
    else yield* buckets(slot as Level, depth + 1);
  }
}

export function* shEntries<V>(m: ShardedMap<V>): IterableIterator<[string, V]> {
  if (m.flat !== null) {
    yield* m.flat.entries();
    return;
  }
  for (const b of buckets(m.shards as Level, 0)) for (let i = 0; i < b.length; i += 2) yield [b[i] as string, b[i + 1] as V];
}

export function* shValues<V>(m: ShardedMap<V>): IterableIterator<V> {
  if (m.flat !== null) {
    yield* m.flat.values();
    return;
  }
  for (const b of buckets(m.shards as Level, 0)) for (let i = 1; i < b.length; i += 2) yield b[i] as V;
}

export function* shKeys<V>(m: ShardedMap<V>): IterableIterator<string> {
  if (m.flat !== null) {
    yield* m.flat.keys();
    return;
  }
  for (const b of buckets(m.shards as Level, 0)) for (let i = 0; i < b.length; i += 2) yield b[i] as string;
}
