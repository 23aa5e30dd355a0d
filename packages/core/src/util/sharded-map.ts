/**
 * A map split into 64 x 64 small Maps by a hash of the key.
 *
 * immer's `produce` copies every Map it writes to; one big Map of 100k users would cost ~16 ms per
 * command. Here a write copies two 64-slot arrays and one bucket of ~n/4096 entries, so a command
 * costs O(1) in the size of the account. Values are reached with the helpers below, both on plain
 * state and on immer drafts.
 */
export interface ShardedMap<V> {
  readonly size: number;
  readonly shards: readonly (readonly (ReadonlyMap<string, V> | undefined)[] | undefined)[];
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
  return { size: 0, shards: [] };
}

export function shGet<V>(m: ShardedMap<V>, key: string): V | undefined {
  const h = hash(key);
  return m.shards[h & 63]?.[(h >>> 6) & 63]?.get(key);
}

export function shHas<V>(m: ShardedMap<V>, key: string): boolean {
  const h = hash(key);
  return m.shards[h & 63]?.[(h >>> 6) & 63]?.has(key) ?? false;
}

type Mutable<V> = { size: number; shards: ((Map<string, V> | undefined)[] | undefined)[] };

/** Sets a key. `m` must be an immer draft or a private working copy. */
export function shSet<V>(m: ShardedMap<V>, key: string, value: V): void {
  const w = m as unknown as Mutable<V>;
  const h = hash(key);
  const i = h & 63, j = (h >>> 6) & 63;
  let level = w.shards[i];
  if (!level) {
    // Dense arrays (no holes) keep V8 and immer's array copies on their fast path; the Maps
    // themselves are created on first use, so a small account does not pay for 4,096 of them.
    while (w.shards.length <= i) w.shards.push(undefined);
    level = new Array<Map<string, V> | undefined>(FANOUT).fill(undefined) as Map<string, V>[];
    w.shards[i] = level;
  }
  let bucket = level[j];
  if (!bucket) {
    bucket = new Map();
    level[j] = bucket;
  }
  if (!bucket.has(key)) w.size += 1;
  bucket.set(key, value);
}

export function shDelete<V>(m: ShardedMap<V>, key: string): boolean {
  const w = m as unknown as Mutable<V>;
  const h = hash(key);
  const bucket = w.shards[h & 63]?.[(h >>> 6) & 63];
  if (!bucket || !bucket.has(key)) return false;
  bucket.delete(key);
  w.size -= 1;
  return true;
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
