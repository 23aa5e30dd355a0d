import type { CommandOf } from '../commands.ts';
import type { Event, NetworkPolicyChanges } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { NetworkPolicy } from '../model/network-policy.ts';
import type { AccountState } from '../state.ts';
import { parseRange } from '../util/network.ts';
import { shValues } from '../util/sharded-map.ts';
import { activeRoles, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import { type DecideContext, type Decision, done, findNetworkPolicy, refName } from './context.ts';
import { guardReplica } from './replica.ts';

function validateIps(list: readonly string[] | undefined, property: string): SnowflakeError | null {
  for (const ip of list ?? []) if (!parseRange(ip)) return errors.invalidPropertyValue(ip, property);
  return null;
}

export function createNetworkPolicy(cmd: CommandOf<'CreateNetworkPolicy'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.orReplace && cmd.ifNotExists) return errors.incompatibleOptions();
  const ro = guardReplica(s, ctx, 'NETWORK POLICIES', 'Network policy', cmd.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  if (!rolesHoldAccountPrivilege(s, roles.forCreate, 'CREATE NETWORK POLICY') || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  }
  const bad = validateIps(cmd.allowedIpList, 'ALLOWED_IP_LIST') ?? validateIps(cmd.blockedIpList, 'BLOCKED_IP_LIST');
  if (bad) return bad;
  const events: Event[] = [];
  const existing = findNetworkPolicy(s, { name: cmd.name });
  if (existing) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    if (!cmd.orReplace) return errors.alreadyExists(cmd.name);
    const attached = attachment(s, existing);
    if (attached) return attached;
    events.push({ type: 'NetworkPolicyDropped', id: existing.id });
  }
  const id = ctx.ids.id();
  const policy: NetworkPolicy = {
    id,
    name: cmd.name,
    allowedIpList: [...(cmd.allowedIpList ?? [])],
    blockedIpList: [...(cmd.blockedIpList ?? [])],
    comment: cmd.comment ?? null,
    owner: roles.primary,
    createdOn: ctx.now,
    updatedOn: ctx.now,
  };
  events.push({ type: 'NetworkPolicyCreated', policy });
  return { events, output: { kind: 'created', id, replaced: existing !== undefined } };
}

/** 001492: a policy attached to the account, a user or an integration cannot be dropped. */
function attachment(s: AccountState, p: NetworkPolicy): SnowflakeError | null {
  const refuse = (kind: string, name: string) =>
    errors.compilation(
      `Cannot perform Drop operation on network policy ${p.name}. The policy is attached to ${kind} with name ${name}. Unset the network policy from ${kind} and try the Drop operation again.`,
      '001492',
      '42601',
    );
  if (s.parameters.get('NETWORK_POLICY') === p.id) return refuse('ACCOUNT', 'ACCOUNT');
  for (const i of s.integrations.values()) if (i.networkPolicy === p.id) return refuse('INTEGRATION', i.name);
  for (const u of shValues(s.users)) if (u.networkPolicy === p.id) return refuse('USER', u.name);
  return null;
}

function owned(target: CommandOf<'DropNetworkPolicy'>['target'], ifExists: boolean | undefined, s: AccountState, ctx: DecideContext) {
  const p = findNetworkPolicy(s, target);
  if (!p) {
    if (ifExists) return { events: [], output: { kind: 'missing', name: refName(target) } } as Decision;
    return errors.doesNotExist('NETWORK_POLICY', refName(target));
  }
  const ro = guardReplica(s, ctx, 'NETWORK POLICIES', 'Network policy', p.name);
  if (ro) return ro;
  if (!rolesOwn(activeRoles(s, ctx.actor).all, p.owner)) {
    return errors.insufficientPrivileges('NETWORK_POLICY', p.name, `Your primary role ${ctx.actor.role} must have OWNERSHIP granted on NETWORK POLICY ${p.name}.`);
  }
  return p;
}

const isPolicy = (x: NetworkPolicy | Decision | SnowflakeError): x is NetworkPolicy => 'allowedIpList' in x;

export function alterNetworkPolicy(cmd: CommandOf<'AlterNetworkPolicy'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const p = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isPolicy(p)) return p;
  const bad =
    validateIps(cmd.set?.allowedIpList, 'ALLOWED_IP_LIST') ??
    validateIps(cmd.set?.blockedIpList, 'BLOCKED_IP_LIST') ??
    validateIps(cmd.add?.allowedIpList, 'ALLOWED_IP_LIST') ??
    validateIps(cmd.add?.blockedIpList, 'BLOCKED_IP_LIST');
  if (bad) return bad;
  let allowed = cmd.set?.allowedIpList ?? p.allowedIpList;
  let blocked = cmd.set?.blockedIpList ?? p.blockedIpList;
  allowed = [...allowed, ...(cmd.add?.allowedIpList ?? []).filter((ip) => !allowed.includes(ip))];
  blocked = [...blocked, ...(cmd.add?.blockedIpList ?? []).filter((ip) => !blocked.includes(ip))];
  allowed = allowed.filter((ip) => !(cmd.remove?.allowedIpList ?? []).includes(ip));
  blocked = blocked.filter((ip) => !(cmd.remove?.blockedIpList ?? []).includes(ip));
  const changes: NetworkPolicyChanges = {
    allowedIpList: cmd.unset?.includes('ALLOWED_IP_LIST') ? [] : allowed,
    blockedIpList: cmd.unset?.includes('BLOCKED_IP_LIST') ? [] : blocked,
    ...(cmd.set?.comment !== undefined ? { comment: cmd.set.comment } : {}),
    ...(cmd.unset?.includes('COMMENT') ? { comment: null } : {}),
  };
  return done([{ type: 'NetworkPolicyAltered', id: p.id, changes, at: ctx.now }]);
}

export function renameNetworkPolicy(cmd: CommandOf<'RenameNetworkPolicy'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const p = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isPolicy(p)) return p;
  if (findNetworkPolicy(s, { name: cmd.newName })) return errors.alreadyExists(cmd.newName);
  return done([{ type: 'NetworkPolicyRenamed', id: p.id, name: cmd.newName }]);
}

export function dropNetworkPolicy(cmd: CommandOf<'DropNetworkPolicy'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const p = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isPolicy(p)) return p;
  const attached = attachment(s, p);
  if (attached) return attached;
  return { events: [{ type: 'NetworkPolicyDropped', id: p.id }], output: { kind: 'dropped', name: p.name } };
}
