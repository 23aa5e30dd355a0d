import type { Account } from '../account.ts';
import type { Event, LogEntry } from '../events.ts';
import type { Organization } from '../organization.ts';
import { coverage, type Coverage, type ReplicationScope } from './scope.ts';
import { pushReplicable } from './replicable.ts';

/**
 * Provenance of replicated writes. Every write an account makes is an *origin write*
 * `(account, seq)`. An account's *knowledge* is the set of origin writes its covered state
 * reflects: its own writes, plus what it received. An incremental refresh from `(P, s)` adds
 * P's knowledge at `s`; a reconcile replaces the target's knowledge by P's at `s` (what the
 * target had that P did not is discarded). Knowledge is kept as sorted seq intervals per
 * account, so it stays small however long the logs are.
 *
 * `lostWrites` and `ReplicaRefreshed.discarded` are both read off this: a write acknowledged on
 * a primary that the current primary does not know is lost (DESIGN invariant 4).
 */
export type Interval = readonly [number, number];
/** Origin writes known, as sorted inclusive seq intervals per account. */
export type Knowledge = ReadonlyMap<string, readonly Interval[]>;

const EMPTY: Knowledge = new Map();

function addInterval(list: Interval[], [lo, hi]: Interval): Interval[] {
  if (hi < lo) return list;
  const all = [...list, [lo, hi] as Interval].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function union(a: Knowledge, b: Knowledge): Knowledge {
  const out = new Map<string, readonly Interval[]>(a);
  for (const [account, list] of b) {
    let merged = [...(out.get(account) ?? [])];
    for (const i of list) merged = addInterval(merged, i);
    out.set(account, merged);
  }
  return out;
}

/** Whether `k` holds origin write `(account, seq)`. */
export function knows(k: Knowledge, account: string, seq: number): boolean {
  for (const [lo, hi] of k.get(account) ?? []) if (seq >= lo && seq <= hi) return true;
  return false;
}

interface Checkpoint {
  readonly seq: number;
  readonly k: Knowledge;
  /** Own writes from here on are known. */
  readonly ownStart: number;
}

/** Walks one account's log for one lineage, remembering knowledge after each refresh. */
class Walker {
  readonly ids = new Set<string>();
  processed = 0;
  readonly checkpoints: Checkpoint[];

  constructor(
    readonly org: Organization,
    readonly account: Account,
    readonly lineage: string,
    readonly cache: Cache,
  ) {
    const first = account.log[0]?.seq ?? 1;
    this.processed = first - 1;
    this.checkpoints = [{ seq: first - 1, k: EMPTY, ownStart: first }];
  }

  walkTo(seq: number): void {
    const log = this.account.log;
    const first = log[0]?.seq ?? 1;
    while (this.processed < seq) {
      const q = this.processed + 1;
      const entry = log[q - first];
      if (!entry) return;
      const e = entry.event;
      if (e.type === 'FailoverGroupCreated' && e.group.globalId === this.lineage) this.ids.add(e.group.id);
      // Mark the entry processed before recursing: a source's walk may ask for our knowledge at
      // an earlier seq, which is then already answerable.
      this.processed = q;
      if (e.type === 'ReplicaRefreshed' && this.ids.has(e.groupId) && e.refresh.phase === 'COMPLETED') {
        const prev = this.at(q - 1);
        const src = knowledgeAt(this.org, e.source.account, this.lineage, e.source.seq, this.cache);
        this.checkpoints.push({ seq: q, k: e.refresh.mode === 'incremental' ? union(prev, src) : src, ownStart: q + 1 });
      }
    }
  }

  at(seq: number): Knowledge {
    this.walkTo(seq);
    let i = this.checkpoints.length - 1;
    while (i > 0 && this.checkpoints[i]!.seq > seq) i--;
    const c = this.checkpoints[i]!;
    if (seq < c.ownStart) return c.k;
    return union(c.k, new Map([[this.account.name, [[c.ownStart, seq] as Interval]]]));
  }
}

type Cache = Map<string, Walker>;
const caches = new WeakMap<Organization, Cache>();

function cacheOf(org: Organization): Cache {
  let c = caches.get(org);
  if (!c) {
    c = new Map();
    caches.set(org, c);
  }
  return c;
}

function walker(org: Organization, accountName: string, lineage: string, cache: Cache): Walker | null {
  const account = org.account(accountName);
  if (!account) return null;
  const key = `${account.name}\u0000${lineage}`;
  let w = cache.get(key);
  // Logs only grow, so a walker stays valid; an account restored under the same name does not.
  if (!w || w.account !== account) {
    w = new Walker(org, account, lineage, cache);
    cache.set(key, w);
  }
  return w;
}

/** The knowledge of `account`, for lineage `lineage`, right after its log entry `seq`. */
export function knowledgeAt(org: Organization, account: string, lineage: string, seq: number, cache: Cache = cacheOf(org)): Knowledge {
  return walker(org, account, lineage, cache)?.at(seq) ?? EMPTY;
}

/** The ids of the lineage's groups that ever lived in `account` (its own log says). */
export function lineageIdsIn(org: Organization, account: Account, lineage: string): ReadonlySet<string> {
  const w = walker(org, account.name, lineage, cacheOf(org));
  if (!w) return new Set();
  w.walkTo(account.seq);
  return w.ids;
}

/**
 * Whether a log entry is a write of the account itself that the group would replicate: not a
 * refresh of this lineage (that is received, not written), not the account's creation (every
 * account has the same system roles) and not a link (replication bookkeeping).
 */
export function isOwnWrite(entry: LogEntry, c: Coverage, lineageIds: ReadonlySet<string>): boolean {
  const e = entry.event;
  if (e.type === 'AccountCreated' || e.type === 'ObjectsLinked') return false;
  if (e.type === 'ReplicaRefreshed' && lineageIds.has(e.groupId)) return false;
  const out: Event[] = [];
  pushReplicable(e, c, out);
  return out.length > 0;
}

/** A write acknowledged by an old primary that the current primary never received. */
export interface LostWrite {
  readonly account: string;
  readonly seq: number;
  readonly at: number;
  readonly event: LogEntry['event'];
}

/**
 * The writes of `target` (its own, by provenance) that a reconcile from `primary` at its
 * current seq drops: known to the target now, unknown to the primary. `ReplicaRefreshed.discarded`.
 */
export function discardedWrites(org: Organization, target: Account, primary: Account, lineage: string, scope: ReplicationScope): LogEntry[] {
  const mine = knowledgeAt(org, target.name, lineage, target.seq).get(target.name) ?? [];
  const theirs = knowledgeAt(org, primary.name, lineage, primary.seq);
  const ids = lineageIdsIn(org, target, lineage);
  const c = coverage(scope);
  const log = target.log;
  const first = log[0]?.seq ?? 1;
  const out: LogEntry[] = [];
  for (const [lo, hi] of mine) {
    for (let seq = lo; seq <= hi; seq++) {
      const entry = log[seq - first];
      if (entry && !knows(theirs, target.name, seq) && isOwnWrite(entry, c, ids)) out.push(entry);
    }
  }
  return out;
}

/**
 * lostWrites (DESIGN invariant 4): every write an account acknowledged while it held the
 * lineage's primary group that the current primary does not know, oldest first. Derived from
 * the logs alone; the same writes appear in `ReplicaRefreshed.discarded` of the old primary's
 * reconcile once it refreshes from the new primary.
 */
export function lostWritesOfLineage(org: Organization, lineage: string, primary: Account | null): LostWrite[] {
  const k = primary ? knowledgeAt(org, primary.name, lineage, primary.seq) : EMPTY;
  const out: LostWrite[] = [];
  for (const account of org.accounts) {
    const primaries = new Map<string, Coverage>();
    const ids = new Set<string>();
    const scopes = new Map<string, ReplicationScope>();
    for (const entry of account.log) {
      const e = entry.event;
      if (e.type === 'FailoverGroupCreated' && e.group.globalId === lineage) {
        ids.add(e.group.id);
        scopes.set(e.group.id, e.group);
        if (e.group.isPrimary) primaries.set(e.group.id, coverage(e.group));
        continue;
      }
      if (e.type === 'FailoverGroupAltered' && ids.has(e.id)) {
        const prev = scopes.get(e.id)!;
        const scope = {
          objectTypes: e.changes.objectTypes ?? prev.objectTypes,
          allowedIntegrationTypes: e.changes.allowedIntegrationTypes ?? prev.allowedIntegrationTypes,
        };
        scopes.set(e.id, scope);
        const isPrimary = e.changes.isPrimary ?? primaries.has(e.id);
        if (isPrimary) primaries.set(e.id, coverage(scope));
        else primaries.delete(e.id);
        continue;
      }
      if (e.type === 'FailoverGroupDropped' && ids.has(e.id)) {
        primaries.delete(e.id);
        continue;
      }
      for (const c of primaries.values()) {
        if (isOwnWrite(entry, c, ids) && !knows(k, account.name, entry.seq)) {
          out.push({ account: account.name, seq: entry.seq, at: entry.at, event: e });
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.account < b.account ? -1 : a.account > b.account ? 1 : a.seq - b.seq));
}
