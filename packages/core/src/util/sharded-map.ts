import { own, owned } from './transient.ts';

/**
 * A map split into 64 x 64 small Maps by a hash of the key: a persistent structure.
 *
 * A write copies at most the root's 64 slots, one level's 64 slots and one bucket of ~n/4096
 * entries, so a command costs O(1) in the size of the account (one immer-drafted Map of 100k users
 * cost ~16 ms per command). It is a class, so immer never drafts it: writes go through `shSet` /
 * `shDelete`, which copy what the running write does not own yet (see transient.ts) and return the
 * map to store back (`s.users = shSet(s.users, id, user)`).
 */
export class ShardedMap<V> {
  readonly size: number;
  readonly shards: readonly (readonly (ReadonlyMap<string, V> | undefined)[] | undefined)[];

  constructor(size = 0, shards: readonly (readonly (ReadonlyMap<string, V> | undefined)[] | undefined)[] = []) {
    this.size = size;
    this.shards = shards;
  }
}

const FANOUT = 64;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function emptySharded<V>(): ShardedMap<V> {
  return own(new ShardedMap<V>());
}

export function shGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  const h = hash(key);
  return m.shards[h & 63]?.[(h >>> 6) & 63]?.get(key);
}

export function shHas<V>(m: ShardedMap<V>, key: string): boolean {
  const h = hash(key);
  return m.shards[h & 63]?.[(h >>> 6) & 63]?.has(key) ?? false;
}

type Level<V> = (Map<string, V> | undefined)[];
type Mutable<V> = { size: number; shards: (Level<V> | undefined)[] };

/** The root, the level and the bucket of `key`, each owned by the running write (copied if not). */
function writable<V>(m: ShardedMap<V>, h: number, create: boolean): { root: Mutable<V>; bucket: Map<string, V> | undefined } {
  const root = (owned(m) ? m : own(new ShardedMap<V>(m.size, m.shards.slice()))) as unknown as Mutable<V>;
  const i = h & 63, j = (h >>> 6) & 63;
  let level = root.shards[i];
  if (level === undefined) {
    if (!create) return { root, bucket: undefined };
    // Dense arrays (no holes) keep V8's array copies on their fast path; the Maps themselves are
    // created on first use, so a small account does not pay for 4,096 of them.
    while (root.shards.length <= i) root.shards.push(undefined);
    level = own(new Array<Map<string, V> | undefined>(FANOUT).fill(undefined));
    root.shards[i] = level;
  } else if (!owned(level)) {
    level = own(level.slice());
    root.shards[i] = level;
  }
  let bucket = level[j];
  if (bucket === undefined) {
    if (!create) return { root, bucket: undefined };
    bucket = own(new Map<string, V>());
    level[j] = bucket;
  } else if (!owned(bucket)) {
    bucket = own(new Map(bucket));
    level[j] = bucket;
  }
  return { root, bucket };
}

/** Sets a key; returns the map to store back (the same one when the running write owns it). */
export function shSet<V>(m: ShardedMap<V>, key: string, value: V): ShardedMap<V> {
  const { root, bucket } = writable(m, hash(key), true);
  if (!bucket!.has(key)) root.size += 1;
  bucket!.set(key, value);
  return root as unknown as ShardedMap<V>;
}

/** Deletes a key; returns the map to store back (unchanged, not copied, when the key is absent). */
export function shDelete<V>(m: ShardedMap<V>, key: string): ShardedMap<V> {
  if (!shHas(m, key)) return m;
  const { root, bucket } = writable(m, hash(key), false);
  bucket!.delete(key);
  root.size -= 1;
  return root as unknown as ShardedMap<V>;
}

export function* shValues<V>(m: ShardedMap<V>): IterableIterator<V> {
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.values();
}

export function* shEntries<V>(m: ShardedMap<V>): IterableIterator<[string, V]> {
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.entries();
}

export function* shKeys<V>(m: ShardedMap<V>): IterableIterator<string> {
  for (const level of m.shards) if (level) for (const bucket of level) if (bucket) yield* bucket.keys();
}
