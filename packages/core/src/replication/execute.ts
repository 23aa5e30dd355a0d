import type { Account } from '../account.ts';
import type { Command, CommandOf, CommandType } from '../commands.ts';
import type { Organization, ExecuteResult } from '../organization.ts';
import type { Actor, Decision } from '../decide/context.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import { decide } from '../decide/index.ts';
import { findGroupOfKind } from '../decide/failover-groups.ts';
import { findConnection } from '../decide/connections.ts';
import { decideContext } from './context.ts';
import { connectionLineage, currentPrimary, lineageGroups, settleReplication } from './lineage.ts';
import { accountOf, groupKindWord, normalizeAccountRef, parseObjectTypes } from './names.ts';
import { carriesAccountObjects } from './scope.ts';
import { refreshGroup } from './refresh.ts';
import { businessCritical, createReplicaGroup, promoteGroup } from './promote.ts';
import { createReplicaConnection, promoteConnection } from './connections.ts';

/** The command types the organization hands to replication (they need more than one account). */
export const REPLICATION_COMMANDS: readonly CommandType[] = [
  'CreateFailoverGroup',
  'AlterFailoverGroup',
  'DropFailoverGroup',
  'CreateConnection',
  'AlterConnection',
  'DropConnection',
];

/** decide in one account, then append: what `Organization.execute` does, for handlers. */
function decideAndAppend(org: Organization, account: Account, command: Command, actor: Actor): ExecuteResult | SnowflakeError {
  const decision = decide(command, account.state, decideContext(org, account, actor));
  if ('type' in decision) return decision;
  return { decision, entries: org.appendEvents(account, decision.events) };
}

const result = (decision: Decision, entries: ExecuteResult['entries']): ExecuteResult => ({ decision, entries });

/**
 * Group and connection commands, run as `Organization.execute` runs any command (the account is
 * known to exist and be available). Adds what one account's `decide` cannot know: that allowed
 * accounts exist and have the right edition and region, that a primary has no secondaries left
 * before DROP, that a connection name is unique in the organization; and runs the cross-account
 * forms (AS REPLICA OF, REFRESH, PRIMARY) through the functions of this module.
 */
export function executeReplicationCommand(org: Organization, account: Account, command: Command, actor: Actor): ExecuteResult | SnowflakeError {
  settleReplication(org);
  switch (command.type) {
    case 'CreateFailoverGroup':
      return createGroup(org, account, command, actor);
    case 'AlterFailoverGroup':
      return alterGroup(org, account, command, actor);
    case 'DropFailoverGroup': {
      const g = findGroupOfKind(account.state, command.name, command.kind);
      if (g?.isPrimary && currentPrimary(org, g.globalId)?.group.id === g.id) {
        const secondaries = lineageGroups(org, g.globalId).filter((r) => r.group.id !== g.id).map((r) => `${org.name}.${r.account.name}`);
        if (secondaries.length) return errors.groupHasSecondaries(groupKindWord(g.type), g.name, secondaries);
      }
      return decideAndAppend(org, account, command, actor);
    }
    case 'CreateConnection': {
      if (command.replicaOf !== undefined) {
        const r = createReplicaConnection(org, account.name, { ...command, replicaOf: command.replicaOf }, actor);
        if ('type' in r) return r;
        if ('exists' in r) return result({ events: [], output: { kind: 'exists', name: r.exists } }, []);
        return result({ events: r.entries.map((e) => e.event), output: { kind: 'created', id: r.connection.id, replaced: false } }, r.entries);
      }
      // Connection names are unique across the organization's connections and account names.
      const upper = command.name.toUpperCase();
      const taken = org.accounts.some((a) => a.name === upper) || connectionLineage(org, command.name).some((r) => r.account !== account);
      if (taken && !findConnection(account.state, command.name)) return errors.alreadyExists(command.name);
      return decideAndAppend(org, account, command, actor);
    }
    case 'AlterConnection': {
      const a = command.action;
      if (a.kind === 'primary') {
        const c = findConnection(account.state, command.name);
        if (!c && command.ifExists) return result({ events: [], output: { kind: 'missing', name: command.name } }, []);
        const r = promoteConnection(org, account.name, command.name, { actor });
        if ('type' in r) return r;
        return result({ events: r.entries.map((e) => e.event), output: { kind: 'done' } }, r.entries);
      }
      if (a.kind === 'enableFailover') {
        for (const raw of a.accounts) {
          const ref = normalizeAccountRef(raw, org.name);
          const target = ref ? org.account(accountOf(ref)) : undefined;
          if (!target) return errors.doesNotExist('ACCOUNT', raw.toUpperCase());
          // Connections fail over across regions only (003813).
          if (target.info.region === account.info.region) return errors.connectionSameRegion();
        }
      }
      return decideAndAppend(org, account, command, actor);
    }
    case 'DropConnection': {
      const c = findConnection(account.state, command.name);
      if (c?.isPrimary) {
        const others = connectionLineage(org, c.name).filter((r) => r.account !== account).map((r) => `${org.name}.${r.account.name}`);
        if (others.length) return errors.connectionHasSecondaries(c.name, others);
      }
      return decideAndAppend(org, account, command, actor);
    }
    default:
      return decideAndAppend(org, account, command, actor);
  }
}

/** Checks ALLOWED_ACCOUNTS against the organization: existing accounts, editions (spec §1). */
function checkAccounts(
  org: Organization,
  source: Account,
  accounts: readonly string[],
  kind: 'FAILOVER' | 'REPLICATION',
  accountObjects: boolean,
  ignoreEditionCheck: boolean,
): SnowflakeError | null {
  for (const raw of accounts) {
    const ref = normalizeAccountRef(raw, org.name);
    const target = ref ? org.account(accountOf(ref)) : undefined;
    if (!target) return errors.doesNotExist('ACCOUNT', raw.toUpperCase());
    if ((kind === 'FAILOVER' || accountObjects) && !businessCritical(target.info.edition)) {
      return errors.editionRequired(`${org.name}.${target.name}`, target.info.edition, kind === 'FAILOVER' ? 'A failover group' : 'Replicating account objects');
    }
    // A Business Critical primary of databases and shares replicates to a lower edition only
    // with IGNORE EDITION CHECK (spec §2.5).
    if (kind === 'REPLICATION' && businessCritical(source.info.edition) && !businessCritical(target.info.edition) && !ignoreEditionCheck) {
      return errors.editionRequired(`${org.name}.${target.name}`, target.info.edition, 'Replicating from a Business Critical account without IGNORE EDITION CHECK');
    }
  }
  return null;
}

function createGroup(org: Organization, account: Account, command: CommandOf<'CreateFailoverGroup'>, actor: Actor): ExecuteResult | SnowflakeError {
  if (command.replicaOf !== undefined) {
    const r = createReplicaGroup(org, account.name, { ...command, replicaOf: command.replicaOf }, actor);
    if ('type' in r) return r;
    if ('exists' in r) return result({ events: [], output: { kind: 'exists', name: r.exists } }, []);
    return result({ events: r.entries.map((e) => e.event), output: { kind: 'created', id: r.group.id, replaced: false } }, r.entries);
  }
  const types = parseObjectTypes(command.objectTypes ?? []);
  const accountObjects = !('type' in types) && carriesAccountObjects(types);
  if ((command.kind === 'FAILOVER' || accountObjects) && !businessCritical(account.info.edition)) {
    return errors.editionRequired(`${org.name}.${account.name}`, account.info.edition, command.kind === 'FAILOVER' ? 'A failover group' : 'Replicating account objects');
  }
  const bad = checkAccounts(org, account, command.allowedAccounts ?? [], command.kind, accountObjects, command.ignoreEditionCheck ?? false);
  if (bad) return bad;
  return decideAndAppend(org, account, command, actor);
}

function alterGroup(org: Organization, account: Account, command: CommandOf<'AlterFailoverGroup'>, actor: Actor): ExecuteResult | SnowflakeError {
  const a = command.action;
  const missing = () => !findGroupOfKind(account.state, command.name, command.kind);
  if (a.kind === 'refresh' || a.kind === 'primary') {
    if (missing()) {
      if (command.ifExists) return result({ events: [], output: { kind: 'missing', name: command.name } }, []);
      return errors.doesNotExist(command.kind === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP', command.name);
    }
    if (a.kind === 'refresh') {
      const r = refreshGroup(org, account.name, command.name, { actor, force: a.force ?? false, kind: command.kind });
      if ('type' in r) return r;
      return result({ events: r.entries.map((e) => e.event), output: { kind: 'done' } }, r.entries);
    }
    if (command.kind === 'REPLICATION') return errors.replicationGroupCannotFailover(command.name);
    const r = promoteGroup(org, account.name, command.name, { actor });
    if ('type' in r) return r;
    return result({ events: r.entries.map((e) => e.event), output: { kind: 'done' } }, r.entries);
  }
  if (a.kind === 'addAccounts') {
    const g = findGroupOfKind(account.state, command.name, command.kind);
    if (g) {
      const bad = checkAccounts(org, account, a.accounts, g.type, carriesAccountObjects(g.objectTypes), a.ignoreEditionCheck ?? false);
      if (bad) return bad;
    }
  }
  return decideAndAppend(org, account, command, actor);
}
