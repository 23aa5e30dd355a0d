/**
 * Where two accounts (or an account and the directory) first went apart, as one readable line:
 * the first log entry that made them differ, with the request or statement that wrote it.
 */
import { findRole, findUser, foldLog, project, viewsEqual, type Account, type Event, type LogEntry } from '@snowglobe/core';
import { diffViews, type ReplicaDifference, type Verdict } from './properties/common.ts';
import { touchedObjects, type World } from './world.ts';

/** The first divergence, located. */
export interface Divergence {
  /** The account whose log holds the entry. */
  readonly account: string;
  readonly seq: number;
  readonly at: number;
  readonly event: Event;
  /** The request or statement that appended it, when known. */
  readonly source: string | null;
  /** The whole thing as one line. */
  readonly text: string;
}

const short = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** `UserCreated GHOST (id ghost-id)`, `UserAltered <id> {"email":"…"}`: an event in short. */
export function describeEvent(e: Event): string {
  switch (e.type) {
    case 'UserCreated':
      return `UserCreated ${JSON.stringify(e.user.name)} (id ${e.user.id})`;
    case 'UserAltered':
      return `UserAltered ${e.id} ${short(JSON.stringify(e.changes), 200)}`;
    case 'UserRenamed':
    case 'RoleRenamed':
      return `${e.type} ${e.id} to ${JSON.stringify(e.name)}`;
    case 'RoleCreated':
      return `RoleCreated ${JSON.stringify(e.role.name)} (id ${e.role.id})`;
    case 'RoleGranted':
      return `RoleGranted ${e.role} to ${e.to.kind} ${e.to.id}`;
    case 'RoleRevoked':
      return `RoleRevoked ${e.role} from ${e.from.kind} ${e.from.id}`;
    case 'ReplicaRefreshed':
      return `ReplicaRefreshed (${e.refresh.mode}, ${e.events.length} events from ${e.source.account} seq ${e.source.seq})`;
    default: {
      const { type, ...rest } = e;
      return `${type} ${short(JSON.stringify(rest), 200)}`;
    }
  }
}

function sourceOf(world: World, account: string, seq: number): string | null {
  for (const u of world.units) if (u.account === account && seq >= u.firstSeq && seq <= u.lastSeq) return u.source;
  return null;
}

function located(world: World, account: Account, entry: LogEntry, why: string): Divergence {
  const source = sourceOf(world, account.name, entry.seq);
  return {
    account: account.name,
    seq: entry.seq,
    at: entry.at,
    event: entry.event,
    source,
    text: `${why}: ${account.name} seq ${entry.seq} (${new Date(entry.at).toISOString()}) ${describeEvent(entry.event)}${source ? ` — written by ${source}` : ''}`,
  };
}

/** Whether an entry (or the events a refresh carried) touches one of `ids`. */
function touches(e: Event, ids: ReadonlySet<string>): boolean {
  if (e.type === 'ReplicaRefreshed') return e.events.some((x) => touches(x, ids));
  for (const key of touchedObjects(e)) if (ids.has(key.slice(5))) return true;
  const json = JSON.stringify(e);
  for (const id of ids) if (json.includes(`"${id}"`)) return true;
  return false;
}

/**
 * Secondary vs primary: replays the secondary's refreshes one by one against the primary's log
 * at each refresh's snapshot; the first refresh after which they differ brings (or misses) the
 * divergent event, which is the first primary entry since the previous refresh touching an
 * object that differs. If every refresh matched, the divergence is a write since the last one.
 */
export function replicaDivergence(world: World, d: ReplicaDifference): Divergence | null {
  const s = world.org.account(d.secondary);
  const p = world.org.account(d.primary);
  if (!s || !p) return null;
  const ids = new Set(d.ids);
  let previous = 0;
  for (let i = 0; i < s.log.length; i++) {
    const r = s.log[i]!;
    if (r.event.type !== 'ReplicaRefreshed' || r.event.refresh.phase !== 'COMPLETED') continue;
    const source = world.org.account(r.event.source.account);
    if (!source) continue;
    const upTo = r.event.source.seq;
    const sv = project(foldLog(s.log.slice(0, i + 1)), world.scope);
    const pv = project(foldLog(source.log.filter((e) => e.seq <= upTo)), world.scope);
    if (!viewsEqual(sv, pv)) {
      const differing = new Set(diffViews(pv, sv).flatMap((x) => x.ids));
      const culprit = source.log.find((e) => e.seq > previous && e.seq <= upTo && touches(e.event, differing));
      if (culprit) return located(world, source, culprit, `the refresh at ${s.name} seq ${r.seq} did not reproduce`);
      return located(world, s, r, `${s.name}'s refresh diverged from ${source.name} seq ${upTo}`);
    }
    previous = upTo;
  }
  const later = p.log.find((e) => e.seq > previous && touches(e.event, ids));
  if (later) return located(world, p, later, `${d.secondary} never received`);
  const local = s.log.find((e) => e.event.type !== 'ReplicaRefreshed' && touches(e.event, ids));
  return local ? located(world, s, local, `${d.secondary} wrote locally`) : null;
}

/** Whether `e` (or an event a refresh carried) wrote attribute `what` of object `id`. */
function writes(e: Event, id: string, what: string): Event | null {
  switch (e.type) {
    case 'ReplicaRefreshed': {
      let hit: Event | null = null;
      for (const inner of e.events) hit = writes(inner, id, what) ?? hit;
      return hit;
    }
    case 'UserCreated':
      return e.user.id === id ? e : null;
    case 'UserAltered':
      return e.id === id && (what in e.changes || what === 'missing' || what === 'unexpected') ? e : null;
    case 'UserRenamed':
      return e.id === id && (what === 'loginName' || what === 'unexpected') ? e : null;
    case 'RoleCreated':
      return e.role.id === id ? e : null;
    case 'RoleGranted':
      return e.role === id && what === 'members' ? e : null;
    case 'RoleRevoked':
      return e.role === id && what === 'members' ? e : null;
    default:
      return null;
  }
}

/** `UserAltered set email = "x"`, or the event in short when no attribute is named. */
function describeWrite(e: Event, what: string): string {
  if (e.type === 'UserAltered' && what in e.changes) return `UserAltered set ${what} = ${JSON.stringify((e.changes as Record<string, unknown>)[what])}`;
  if (e.type === 'UserCreated' && what in e.user) return `UserCreated with ${what} = ${JSON.stringify((e.user as unknown as Record<string, unknown>)[what])}`;
  return describeEvent(e);
}

/** Directory vs primary: the last entry that wrote the differing attribute, or why the object is missing. */
export function identityDivergence(world: World, name: string, kind: 'user' | 'role', what: string): Divergence | string | null {
  const p = world.primary();
  const id = kind === 'user' ? findUser(p.state, { name })?.id : findRole(p.state, { name })?.id;
  if (id === undefined) {
    const err = world.syncErrors[0];
    return `${kind} ${JSON.stringify(name)} is missing on ${p.name}${err ? `; the IdP's first sync error was ${err}` : ' and no sync reported an error: the connector never sent it'}`;
  }
  let last: { entry: LogEntry; event: Event } | null = null;
  for (const entry of p.log) {
    const hit = writes(entry.event, id, what);
    if (hit) last = { entry, event: hit };
  }
  if (!last) return null;
  const d = located(world, p, last.entry, `${p.name} diverges from the directory (${kind} ${JSON.stringify(name)} ${what}) after`);
  const text = `${p.name} diverges from the directory (${kind} ${JSON.stringify(name)} ${what}) at its last write of it: ${p.name} seq ${last.entry.seq} (${new Date(last.entry.at).toISOString()}) ${describeWrite(last.event, what)}${d.source ? ` — written by ${d.source}` : ' — carried by a refresh'}`;
  return { ...d, event: last.event, text };
}

/** The first divergence a failed verdict points at, as a line (null when it has none to show). */
export function firstDivergence(world: World, verdict: Verdict): string | null {
  if (verdict.ok) return null;
  const replica = verdict.replicas?.[0];
  if (replica) {
    const d = replicaDivergence(world, replica);
    if (d) return d.text;
  }
  const ident = verdict.identity?.[0];
  if (ident) {
    const d = identityDivergence(world, ident.name, ident.kind, ident.what);
    if (typeof d === 'string') return d;
    if (d) return d.text;
  }
  return null;
}
