/**
 * bench/refresh: replication refresh cost.
 *
 *   npx tsx --expose-gc bench/refresh.ts     prints a markdown table and writes the "refresh" section
 *                                            of docs/benchmarks.md (~3 minutes; NO_WRITE=1 only prints)
 *
 * (--expose-gc lets each timed run start after a collection; without it the timings are noisier.)
 *
 * 1. Incremental REFRESH of 1,000 new events, on a primary whose log holds 10k and then 1M events
 *    (target: t(1M) / t(10k) <= 2, i.e. the cost follows the new events, not the log).
 * 2. A full reconcile (the initial refresh of a new secondary) of a primary with 100k users.
 *
 * Primary logs are built with `appendEvents` in batches (the same events `decide` would produce)
 * so that building 1M events takes seconds; each timed run appends 1,000 fresh events (alters
 * of existing users and some new users and grants) and times `refreshGroup` alone.
 */
import {
  Account,
  createOrganization,
  refreshGroup,
  USER_DEFAULTS,
  type Event,
  type Organization,
  type Actor,
} from '../packages/core/src/index.ts';
import { fmt, machine, median, speedCheck, speedLine, writeSection } from './lib.ts';

const ACTOR: Actor = { role: 'ACCOUNTADMIN' };
const RUNS = 7;
const NEW_EVENTS = 1_000;

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

interface Primary {
  readonly org: Organization;
  readonly users: string[];
  readonly roles: string[];
  readonly next: () => number;
}

/**
 * A primary account A whose log holds `total` events: `usersWanted` user creates, 50 roles,
 * a share `grants` of role grants, the rest user alters.
 */
function buildPrimary(total: number, usersWanted: number, secondaries: readonly string[], grants = 0.1): Primary {
  const org = createOrganization({
    seed: 42,
    accounts: [{ name: 'A', region: 'AWS_US_WEST_2' }, ...secondaries.map((name) => ({ name, region: 'AWS_US_EAST_1' }))],
  });
  const a = org.account('A')!;
  const next = rng(7);
  const users: string[] = [];
  const roles: string[] = [];
  let batch: Event[] = [];
  const flush = () => {
    org.appendEvents(a, batch);
    batch = [];
  };
  const at = org.now;
  for (let i = 0; i < 50; i++) {
    const id = `role${i}`;
    roles.push(id);
    batch.push({ type: 'RoleCreated', role: { id, name: `ROLE_${i}`, comment: null, owner: 'USERADMIN', createdOn: at } });
  }
  while (a.seq + batch.length < total) {
    const x = next();
    if (users.length < usersWanted && (users.length < 10 || x < usersWanted / total + 0.02)) {
      const id = `user${users.length}`;
      users.push(id);
      batch.push({ type: 'UserCreated', user: { ...USER_DEFAULTS, id, name: `USER_${users.length}`, loginName: `u${users.length}@example.com`, owner: 'USERADMIN', createdOn: at, updatedOn: at } });
    } else if (next() >= grants) {
      batch.push({ type: 'UserAltered', id: users[Math.floor(next() * users.length)]!, changes: { comment: `c${a.seq}`, disabled: next() < 0.1 }, at });
    } else {
      batch.push({ type: 'RoleGranted', role: roles[Math.floor(next() * roles.length)]!, to: { kind: 'USER', id: users[Math.floor(next() * users.length)]! }, grantedBy: 'USERADMIN', at });
    }
    if (batch.length === 10_000) flush();
  }
  flush();
  const r = org.execute('A', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', objectTypes: ['USERS', 'ROLES'], allowedAccounts: [...secondaries] }, ACTOR);
  if ('type' in r) throw new Error(r.message);
  return { org, users, roles, next };
}

/** Appends `n` new events to the primary: mostly alters, some new users and grants. */
function writeMore(p: Primary, n: number): void {
  const a = p.org.account('A')!;
  const events: Event[] = [];
  const at = p.org.now;
  for (let i = 0; i < n; i++) {
    const x = p.next();
    if (x < 0.1) {
      const id = `user${p.users.length}`;
      p.users.push(id);
      events.push({ type: 'UserCreated', user: { ...USER_DEFAULTS, id, name: `USER_${p.users.length}`, loginName: `u${p.users.length}@example.com`, owner: 'USERADMIN', createdOn: at, updatedOn: at } });
    } else if (x < 0.2) {
      events.push({ type: 'RoleGranted', role: p.roles[Math.floor(p.next() * p.roles.length)]!, to: { kind: 'USER', id: p.users[Math.floor(p.next() * p.users.length)]! }, grantedBy: 'USERADMIN', at });
    } else {
      events.push({ type: 'UserAltered', id: p.users[Math.floor(p.next() * p.users.length)]!, changes: { comment: `n${a.seq + i}` }, at });
    }
  }
  p.org.appendEvents(a, events);
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Time spent inside `Account.append` (applying events to a state as one batch): the
 * refresh minus this is the replication work proper.
 */
let appendMs = 0;
const append = Account.prototype.append;
Account.prototype.append = function (this: Account, events, at) {
  const t = performance.now();
  try {
    return append.call(this, events, at);
  } finally {
    appendMs += performance.now() - t;
  }
};

interface Timing {
  /** The whole REFRESH (refreshGroup). */
  readonly total: number;
  /** Applying the ReplicaRefreshed batch to the secondary's state (the state structure). */
  readonly apply: number;
  /** The replication work: everything but the apply (cursor slice, filtering, checks, batch). */
  readonly replication: number;
  readonly users: number;
  readonly build: number;
}

/** Medians of an incremental refresh of NEW_EVENTS on a primary of `total` events and `users` users. */
function incremental(total: number, users: number, grants: number): Timing {
  const t0 = performance.now();
  const p = buildPrimary(total, users, ['B'], grants);
  const created = p.org.execute('B', { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' }, ACTOR);
  if ('type' in created) throw new Error(created.message);
  const build = performance.now() - t0;
  const totals: number[] = [];
  const applies: number[] = [];
  const works: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    writeMore(p, NEW_EVENTS);
    gc?.();
    appendMs = 0;
    const s = performance.now();
    const r = refreshGroup(p.org, 'B', 'FG', { actor: ACTOR });
    const ms = performance.now() - s;
    if ('type' in r) throw new Error(r.message);
    if (r.mode !== 'incremental' || r.events !== NEW_EVENTS) throw new Error(`expected an incremental refresh of ${NEW_EVENTS} events, got ${r.mode} / ${r.events}`);
    if (run > 0) {
      // The first run warms up.
      totals.push(ms);
      applies.push(appendMs);
      works.push(ms - appendMs);
    }
  }
  return { total: median(totals), apply: median(applies), replication: median(works), users: p.users.length, build };
}

/** Median ms of the initial refresh (a full reconcile) of a new secondary of a primary with `users` users. */
function reconcile(users: number): { total: number; apply: number; replication: number } {
  const names = Array.from({ length: 6 }, (_, i) => `T${i}`);
  const p = buildPrimary(users + 60, users, names);
  const times: number[] = [];
  const applies: number[] = [];
  for (const name of names) {
    gc?.();
    appendMs = 0;
    const s = performance.now();
    const r = p.org.execute(name, { type: 'CreateFailoverGroup', kind: 'FAILOVER', name: 'FG', replicaOf: 'MYORG.A.FG' }, ACTOR);
    times.push(performance.now() - s);
    applies.push(appendMs);
    if ('type' in r) throw new Error(r.message);
    if (p.org.account(name)!.state.users.size !== users) throw new Error('reconcile did not bring every user');
  }
  // The first secondary warms up.
  const total = median(times.slice(1));
  const apply = median(applies.slice(1));
  return { total, apply, replication: total - apply };
}

// Same state (1,000 users, no grants in the history), only the log grows: the cost must not
// follow the log.
const speedBefore = speedCheck();
const small = incremental(10_000, 1_000, 0);
const large = incremental(1_000_000, 1_000, 0);
// The state grows with the log: a tenth of the events create users (up to 100k), a tenth grant
// roles (so roles' member lists grow too).
const smallGrowing = incremental(10_000, 1_000, 0.1);
const largeGrowing = incremental(1_000_000, 100_000, 0.1);
const full = reconcile(100_000);

const speedAfter = speedCheck();

const ms = (n: number) => `${fmt(n, 1)} ms`;
const row = (label: string, log: string, t: Timing) => `| ${label} | ${log} | ${fmt(t.users)} | ${ms(t.total)} | ${ms(t.replication)} | ${ms(t.apply)} |`;
const ratio = (a: number, b: number) => fmt(b === 0 ? 0 : a / b, 2);

const table = `### Replication refresh (\`npx tsx --expose-gc bench/refresh.ts\`)

Date: ${new Date().toISOString().slice(0, 10)}. ${machine()}. Medians of ${RUNS} runs after one warm-up run; each run appends ${fmt(NEW_EVENTS)} new events
(80% user alters, 10% new users, 10% role grants) to the primary and times \`refreshGroup\` on
the secondary. "Apply" is the time spent applying the one \`ReplicaRefreshed\` batch to the
secondary's state (\`Account.append\`: one batch, copying only what it touches); "replication work" is the
rest (finding the primary, the cursor slice, filtering, checks, building the batch).

| Incremental REFRESH of ${fmt(NEW_EVENTS)} new events | Primary log | Users | Refresh | Replication work | Apply |
|---|---:|---:|---:|---:|---:|
${row('same state (alters only in the history)', '10,000 events', small)}
${row('same state (alters only in the history)', '1,000,000 events', large)}
| **ratio 1M / 10k** (target <= 2) | | | **${ratio(large.total, small.total)}** | ${ratio(large.replication, small.replication)} | ${ratio(large.apply, small.apply)} |
${row('state grows with the log', '10,000 events', smallGrowing)}
${row('state grows with the log', '1,000,000 events', largeGrowing)}
| ratio 1M / 10k | | | ${ratio(largeGrowing.total, smallGrowing.total)} | ${ratio(largeGrowing.replication, smallGrowing.replication)} | ${ratio(largeGrowing.apply, smallGrowing.apply)} |

| Full reconcile (the initial refresh of a new secondary) | Primary log | Users | Time | Replication work | Apply |
|---|---:|---:|---:|---:|---:|
| CREATE FAILOVER GROUP ... AS REPLICA OF | ${fmt(100_060)} events | 100,000 | ${ms(full.total)} | ${ms(full.replication)} | ${ms(full.apply)} |

Building the 1M-event primaries and their secondaries (not timed above) took ${fmt((large.build + largeGrowing.build) / 1000, 1)} s.

${speedLine(speedBefore, speedAfter)}
`;

console.log(table);
if (!process.env.NO_WRITE) writeSection('refresh', table);
