/**
 * `snowglobe replay`: rebuild an organization from what was written down — exported account logs
 * (JSONL, as `exportLog`, the admin API's `/_snowglobe/log` and `--data` directories write them),
 * a data directory, or a scenario file — and summarise it.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createOrganization, currentPrimary, EVENT_SCHEMA_VERSION, project, shEntries, stableStringify, SYSTEM_ROLES, viewsEqual } from '@snowglobe/core';
import type { Account, AccountInfo, Event, LogEntry, Organization } from '@snowglobe/core';
import { accountInfoOf, DATA_MARKER_FILE, restartSeed } from './persistence/durable-org.ts';
import { readJson } from './persistence/atomic-file.ts';
import { isScenarioError, looksLikeScenario, organizationFromScenario, parseScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

/** Progress of reading logs, for a progress line. */
export type ReplayProgress = (label: string, done: number, total: number) => void;

/** One account log read from a file. */
export interface LoadedLog {
  readonly file: string;
  readonly info: AccountInfo;
  readonly entries: LogEntry[];
}

/** What a replay input held. */
export type ReplayInput =
  | { readonly kind: 'scenario'; readonly file: string; readonly scenario: Scenario }
  | { readonly kind: 'logs'; readonly logs: readonly LoadedLog[]; readonly seed: number };

/** A replay failure, as a value. */
export interface ReplayError {
  readonly type: 'ReplayError';
  readonly message: string;
}

const replayError = (message: string): ReplayError => ({ type: 'ReplayError', message });

export function isReplayError(x: unknown): x is ReplayError {
  return typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'ReplayError';
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses one exported account log. Like core's `parseLog`, but reports progress, and treats a
 * torn last line (one that does not parse, as a crash leaves it) as a warning, not an error.
 */
export function parseAccountLog(text: string, file: string, options: { onProgress?: ReplayProgress; onWarning?: (message: string) => void } = {}): LoadedLog | ReplayError {
  const lines = text.split('\n');
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  const headerLine = lines[0];
  if (headerLine === undefined) return replayError(`${file}: empty file, no header`);
  let header: unknown;
  try {
    header = JSON.parse(headerLine);
  } catch {
    return replayError(`${file}: line 1 (the header) is not JSON`);
  }
  if (!isRecord(header) || header.format !== 'snowglobe-log') return replayError(`${file}: not a snowglobe log (format field)`);
  if (header.version !== 1) return replayError(`${file}: unsupported log version ${String(header.version)}`);
  if (header.eventSchema !== undefined && header.eventSchema !== EVENT_SCHEMA_VERSION) return replayError(`${file}: unsupported event schema ${String(header.eventSchema)}`);
  const info = accountInfoOf(header.account);
  if (info === null) return replayError(`${file}: the header does not describe the account (account: {org, name, locator, region, edition})`);
  const entries: LogEntry[] = [];
  const total = lines.length - 1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) {
        options.onWarning?.(`${file}: ignored a torn last line (line ${i + 1}, ${line.length} characters): it does not parse, as a crash mid-write leaves it.`);
        break;
      }
      return replayError(`${file}: line ${i + 1} is not JSON (only the last line can be torn by a crash)`);
    }
    if (!isRecord(parsed) || typeof parsed.seq !== 'number' || typeof parsed.at !== 'number' || !isRecord(parsed.event) || typeof parsed.event.type !== 'string') {
      return replayError(`${file}: line ${i + 1} is not a log entry {seq, at, event}`);
    }
    const prev = entries[entries.length - 1];
    if (prev !== undefined && parsed.seq !== prev.seq + 1) return replayError(`${file}: line ${i + 1} has seq ${parsed.seq} after ${prev.seq}`);
    entries.push({ seq: parsed.seq, at: parsed.at, event: parsed.event as unknown as Event });
    if ((i & 0xffff) === 0) options.onProgress?.(`reading ${info.name}`, i, total);
  }
  options.onProgress?.(`reading ${info.name}`, total, total);
  return { file, info, entries };
}

/** Reads the inputs of `snowglobe replay`: one scenario file, or log files and data directories. */
export async function loadReplayInput(paths: readonly string[], options: { onProgress?: ReplayProgress; onWarning?: (message: string) => void } = {}): Promise<ReplayInput | ReplayError> {
  const logs: LoadedLog[] = [];
  let seed: number | null = null;
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (e) {
      return replayError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    let files: string[];
    if (isDir) {
      // A --data directory: its logs, in the marker's account order when there is one.
      const marker = await readJson(join(path, DATA_MARKER_FILE)).catch(() => null);
      const order = isRecord(marker) && Array.isArray(marker.accounts) ? marker.accounts.filter((a): a is string => typeof a === 'string') : [];
      if (isRecord(marker) && typeof marker.seed === 'number') seed ??= marker.seed;
      const names = (await readdir(path)).filter((n) => n.endsWith('.jsonl'));
      const rank = (n: string): number => {
        const i = order.indexOf(n.slice(0, -'.jsonl'.length));
        return i === -1 ? order.length : i;
      };
      files = names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).map((n) => join(path, n));
      if (files.length === 0) return replayError(`${path}: no *.jsonl logs in this directory`);
    } else {
      files = [path];
    }
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (!isDir && paths.length === 1) {
        const trimmed = text.trimStart();
        if (trimmed.startsWith('{') && !trimmed.slice(0, 200).includes('"snowglobe-log"')) {
          let value: unknown = null;
          try {
            value = JSON.parse(text);
          } catch {
            // Not one JSON document: fall through and read it as JSONL.
          }
          if (looksLikeScenario(value)) {
            const scenario = parseScenario(value);
            if (isScenarioError(scenario)) return replayError(`${file}: ${scenario.message}`);
            return { kind: 'scenario', file, scenario };
          }
        }
      }
      const log = parseAccountLog(text, file, options);
      if (isReplayError(log)) return log;
      if (logs.some((l) => l.info.name === log.info.name)) return replayError(`${file}: account ${log.info.name} was already read from another file`);
      logs.push(log);
    }
  }
  if (logs.length === 0) return replayError('nothing to replay');
  return { kind: 'logs', logs, seed: seed ?? 1 };
}

/** Rebuilds the organization of a replay input. */
export function organizationOf(input: ReplayInput): Organization {
  if (input.kind === 'scenario') return organizationFromScenario(input.scenario);
  let total = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const l of input.logs) {
    total += l.entries.length;
    const last = l.entries[l.entries.length - 1];
    if (last !== undefined) lastAt = Math.max(lastAt, last.at);
  }
  const first = input.logs[0];
  const org = createOrganization({ name: first?.info.org ?? 'MYORG', seed: restartSeed(input.seed, total), ...(Number.isFinite(lastAt) && { now: lastAt }) });
  for (const l of input.logs) org.restoreAccount(l.info, l.entries);
  return org;
}

/** Counts of one account. */
export interface AccountSummary {
  readonly name: string;
  readonly region: string;
  readonly edition: string;
  readonly users: number;
  /** Roles, system roles included. */
  readonly roles: number;
  readonly customRoles: number;
  readonly integrations: number;
  readonly networkPolicies: number;
  readonly failoverGroups: number;
  readonly connections: number;
  /** The seq of the last entry (0 for an empty log). */
  readonly lastSeq: number;
  readonly entries: number;
}

/** One kind of object that differs between a secondary and its primary. */
export interface KindDifference {
  /** The `ReplicatedView` field: users, roles, privileges, integrations, scimTokens, networkPolicies, parameters. */
  readonly kind: string;
  /** Names only the primary has (for kinds with names). */
  readonly onlyInPrimary: readonly string[];
  /** Names only the secondary has. */
  readonly onlyInSecondary: readonly string[];
  /** Names both have, with different replicated content. */
  readonly changed: readonly string[];
  /** Object counts in the primary and the secondary. */
  readonly primaryCount: number;
  readonly secondaryCount: number;
}

/**
 * How a secondary group's account differs from its current primary over what the group
 * replicates: core's `project(state, group)` of both, compared kind by kind. A secondary that
 * has not refreshed since the last primary write diverges; after REFRESH it must not (DESIGN
 * invariant 1).
 */
export interface Divergence {
  readonly group: string;
  readonly primary: string;
  readonly secondary: string;
  readonly differences: readonly KindDifference[];
}

const VIEW_KINDS = ['users', 'roles', 'privileges', 'integrations', 'scimTokens', 'networkPolicies', 'parameters'] as const;

/** The display name of one object of a view. */
function objectName(x: unknown): string {
  if (typeof x !== 'object' || x === null) return String(x);
  const r = x as Record<string, unknown>;
  if (typeof r.name === 'string') return r.name;
  if (typeof r.privilege === 'string') return `${r.privilege} -> ${String(r.to)}`;
  if (typeof r.hash === 'string') return `token ${r.hash.slice(0, 8)}`;
  return stableStringify(x);
}

function compareKind(kind: string, p: readonly unknown[], s: readonly unknown[]): KindDifference | null {
  const byName = (xs: readonly unknown[]): Map<string, string> => new Map(xs.map((x) => [objectName(x), stableStringify(x)]));
  const pm = byName(p);
  const sm = byName(s);
  const onlyInPrimary = [...pm.keys()].filter((n) => !sm.has(n)).sort();
  const onlyInSecondary = [...sm.keys()].filter((n) => !pm.has(n)).sort();
  const changed = [...pm.entries()].filter(([n, j]) => sm.has(n) && sm.get(n) !== j).map(([n]) => n).sort();
  if (onlyInPrimary.length === 0 && onlyInSecondary.length === 0 && changed.length === 0) return null;
  return { kind, onlyInPrimary, onlyInSecondary, changed, primaryCount: p.length, secondaryCount: s.length };
}

/** Compares every secondary group's account with its lineage's current primary. */
export function divergence(org: Organization): Divergence[] {
  const out: Divergence[] = [];
  for (const secondary of org.accounts) {
    for (const group of secondary.state.failoverGroups.values()) {
      if (group.isPrimary) continue;
      const primary = currentPrimary(org, group.globalId);
      if (primary === null || primary.account.name === secondary.name) continue;
      const scope = primary.group;
      const pv = project(primary.account.state, scope);
      const sv = project(secondary.state, scope);
      if (viewsEqual(pv, sv)) continue;
      const differences: KindDifference[] = [];
      for (const kind of VIEW_KINDS) {
        const d = compareKind(kind, pv[kind] ?? [], sv[kind] ?? []);
        if (d !== null) differences.push(d);
      }
      out.push({ group: group.name, primary: primary.account.name, secondary: secondary.name, differences });
    }
  }
  return out;
}

export interface OrganizationSummary {
  readonly org: string;
  readonly now: number;
  readonly accounts: readonly AccountSummary[];
  /** One entry per secondary group whose account differs from its primary; empty when none do. */
  readonly divergence: readonly Divergence[];
  /** Scenario steps by kind, when the input was a scenario. */
  readonly steps?: Readonly<Record<string, number>>;
}

const SYSTEM = new Set<string>(SYSTEM_ROLES);

/** Keys of a sharded name index. */
function iterNames(map: Account['state']['roleNames']): string[] {
  const out: string[] = [];
  for (const [name] of shEntries(map)) out.push(name);
  return out;
}

/** The summary `snowglobe replay` prints. */
export function summarize(org: Organization, scenario?: Scenario): OrganizationSummary {
  const accounts = org.accounts.map((a): AccountSummary => {
    const roles = iterNames(a.state.roleNames);
    return {
      name: a.name,
      region: a.info.region,
      edition: a.info.edition,
      users: a.state.users.size,
      roles: roles.length,
      customRoles: roles.filter((r) => !SYSTEM.has(r)).length,
      integrations: a.state.integrations.size,
      networkPolicies: a.state.networkPolicies.size,
      failoverGroups: a.state.failoverGroups.size,
      connections: a.state.connections.size,
      lastSeq: a.seq,
      entries: a.log.length,
    };
  });
  let steps: Record<string, number> | undefined;
  if (scenario?.steps !== undefined) {
    steps = {};
    for (const s of scenario.steps) steps[s.kind] = (steps[s.kind] ?? 0) + 1;
  }
  return { org: org.name, now: org.now, accounts, divergence: divergence(org), ...(steps !== undefined && { steps }) };
}

/** At most 10 names, then a count. */
function abbreviate(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}

/** The summary as text for a terminal. */
export function formatSummary(summary: OrganizationSummary): string {
  const lines = [`Organization ${summary.org}, clock ${new Date(summary.now).toISOString()}`];
  const header = ['account', 'region', 'edition', 'users', 'roles', 'custom roles', 'integrations', 'network policies', 'failover groups', 'connections', 'last seq'];
  const rows = summary.accounts.map((a) => [a.name, a.region, a.edition, a.users, a.roles, a.customRoles, a.integrations, a.networkPolicies, a.failoverGroups, a.connections, a.lastSeq].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  lines.push('', fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt), '');
  if (summary.divergence.length === 0) {
    lines.push('Divergence: none (every secondary group replicates exactly what its primary holds).');
  } else {
    lines.push('Divergence:');
    for (const d of summary.divergence) {
      lines.push(`  group ${d.group}: secondary ${d.secondary} vs primary ${d.primary}`);
      for (const k of d.differences) {
        lines.push(`    ${k.kind}: ${k.primaryCount} in ${d.primary}, ${k.secondaryCount} in ${d.secondary}`);
        if (k.onlyInPrimary.length > 0) lines.push(`      only in ${d.primary}: ${abbreviate(k.onlyInPrimary)}`);
        if (k.onlyInSecondary.length > 0) lines.push(`      only in ${d.secondary}: ${abbreviate(k.onlyInSecondary)}`);
        if (k.changed.length > 0) lines.push(`      different: ${abbreviate(k.changed)}`);
      }
    }
  }
  if (summary.steps !== undefined) {
    lines.push('', `Scenario steps: ${Object.entries(summary.steps).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  }
  return lines.join('\n');
}
