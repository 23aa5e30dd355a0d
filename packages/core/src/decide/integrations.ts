import type { CommandOf } from '../commands.ts';
import type { Event, IntegrationChanges } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import { SCIM_TOKEN_LIFETIME_MS, type Integration, type IntegrationProps } from '../model/integration.ts';
import type { AccountState } from '../state.ts';
import { sha256Hex } from '../util/sha256.ts';
import { activeRoles, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import { type DecideContext, type Decision, done, findIntegration, findNetworkPolicy, findRole, refName } from './context.ts';
import { guardReplica } from './replica.ts';

/** Hash under which a SCIM token is stored; the token text itself never enters the log. */
export function scimTokenHash(token: string): string {
  return sha256Hex(`scim-token:${token}`);
}

export function createIntegration(cmd: CommandOf<'CreateIntegration'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.orReplace && cmd.ifNotExists) return errors.incompatibleOptions();
  const ro = guardReplica(s, ctx, 'INTEGRATIONS', 'Integration', cmd.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  if (!rolesHoldAccountPrivilege(s, roles.forCreate, 'CREATE INTEGRATION') || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  }
  const events: Event[] = [];
  const existing = findIntegration(s, { name: cmd.name });
  if (existing) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    if (!cmd.orReplace) return errors.alreadyExists(cmd.name);
    if (!rolesOwn(roles.all, existing.owner)) return errors.insufficientPrivileges('INTEGRATION', existing.name);
    // CREATE OR REPLACE makes a new integration: the old one's tokens stop working.
    events.push({ type: 'IntegrationDropped', id: existing.id });
  }
  let networkPolicy: string | null = null;
  if (cmd.networkPolicy) {
    const p = findNetworkPolicy(s, { name: cmd.networkPolicy });
    if (!p) return errors.doesNotExist('NETWORK_POLICY', cmd.networkPolicy);
    networkPolicy = p.id;
  }
  let props: IntegrationProps;
  if (cmd.props.kind === 'SCIM') {
    // RUN_AS_ROLE is a case-sensitive string naming an existing role.
    if (!findRole(s, { name: cmd.props.runAsRole })) return errors.doesNotExist('ROLE', cmd.props.runAsRole);
    props = {
      kind: 'SCIM',
      scimClient: cmd.props.scimClient,
      runAsRole: cmd.props.runAsRole,
      syncPassword: cmd.props.syncPassword ?? ctx.options.syncPasswordDefault,
      scimEndpointId: ctx.ids.uuid(),
      rejectTokensIssuedBefore: null,
    };
  } else {
    props = { kind: cmd.props.kind, properties: { ...cmd.props.properties } };
  }
  const id = ctx.ids.id();
  const integration: Integration = {
    id,
    name: cmd.name,
    // A SCIM integration is always enabled (docs); others default to the DESC default, false.
    enabled: cmd.enabled ?? props.kind === 'SCIM',
    comment: cmd.comment ?? null,
    networkPolicy,
    owner: roles.primary,
    createdOn: ctx.now,
    updatedOn: ctx.now,
    props,
  };
  events.push({ type: 'IntegrationCreated', integration });
  return { events, output: { kind: 'created', id, replaced: existing !== undefined } };
}

function owned(target: CommandOf<'AlterIntegration'>['target'], ifExists: boolean | undefined, s: AccountState, ctx: DecideContext) {
  const integration = findIntegration(s, target);
  if (!integration) {
    if (ifExists) return { events: [], output: { kind: 'missing', name: refName(target) } } as Decision;
    return errors.doesNotExist('INTEGRATION', refName(target));
  }
  const ro = guardReplica(s, ctx, 'INTEGRATIONS', 'Integration', integration.name);
  if (ro) return ro;
  if (!rolesOwn(activeRoles(s, ctx.actor).all, integration.owner)) return errors.insufficientPrivileges('INTEGRATION', integration.name);
  return integration;
}

const isIntegration = (x: Integration | Decision | SnowflakeError): x is Integration => 'props' in x;

export function alterIntegration(cmd: CommandOf<'AlterIntegration'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const integration = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isIntegration(integration)) return integration;
  const changes: IntegrationChanges = {};
  const set = cmd.set;
  if (set.enabled !== undefined) changes.enabled = set.enabled;
  if (set.comment !== undefined) changes.comment = set.comment;
  if (set.networkPolicy !== undefined) {
    const p = findNetworkPolicy(s, { name: set.networkPolicy });
    if (!p) return errors.doesNotExist('NETWORK_POLICY', set.networkPolicy);
    changes.networkPolicy = p.id;
  }
  const scim = integration.props.kind === 'SCIM';
  if (set.syncPassword !== undefined) {
    if (!scim) return errors.invalidProperty('SYNC_PASSWORD', integration.props.kind);
    changes.syncPassword = set.syncPassword;
  }
  if (set.rejectTokensIssuedBefore !== undefined) {
    if (!scim) return errors.invalidProperty('REJECT_TOKENS_ISSUED_BEFORE', integration.props.kind);
    changes.rejectTokensIssuedBefore = set.rejectTokensIssuedBefore;
  }
  if (set.properties && Object.keys(set.properties).length > 0) {
    // SCIM_CLIENT and RUN_AS_ROLE cannot be altered: recreate the integration instead.
    if (scim) return errors.invalidProperty(Object.keys(set.properties)[0]!, 'SCIM');
    changes.properties = { ...set.properties };
  }
  for (const name of cmd.unset ?? []) {
    switch (name) {
      case 'COMMENT':
        changes.comment = null;
        break;
      case 'NETWORK_POLICY':
        changes.networkPolicy = null;
        break;
      case 'ENABLED':
        changes.enabled = scim;
        break;
      case 'SYNC_PASSWORD':
        if (!scim) return errors.invalidProperty(name, integration.props.kind);
        changes.syncPassword = ctx.options.syncPasswordDefault;
        break;
      case 'REJECT_TOKENS_ISSUED_BEFORE':
        if (!scim) return errors.invalidProperty(name, integration.props.kind);
        changes.rejectTokensIssuedBefore = null;
        break;
      default:
        if (scim) return errors.invalidProperty(name, 'SCIM');
        changes.properties = { ...changes.properties, [name]: null };
    }
  }
  return done([{ type: 'IntegrationAltered', id: integration.id, changes, at: ctx.now }]);
}

export function renameIntegration(cmd: CommandOf<'RenameIntegration'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const integration = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isIntegration(integration)) return integration;
  if (findIntegration(s, { name: cmd.newName })) return errors.alreadyExists(cmd.newName);
  return done([{ type: 'IntegrationRenamed', id: integration.id, name: cmd.newName }]);
}

export function dropIntegration(cmd: CommandOf<'DropIntegration'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const integration = owned(cmd.target, cmd.ifExists, s, ctx);
  if (!isIntegration(integration)) return integration;
  return { events: [{ type: 'IntegrationDropped', id: integration.id }], output: { kind: 'dropped', name: integration.name } };
}

/** SYSTEM$GENERATE_SCIM_ACCESS_TOKEN: a new 6-month token; older tokens stay valid. */
export function generateScimToken(cmd: CommandOf<'GenerateScimToken'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const integration = owned(cmd.integration, false, s, ctx);
  if (!isIntegration(integration)) return integration;
  if (integration.props.kind !== 'SCIM') {
    return errors.compilation(`Integration '${integration.name}' is not a SCIM integration.`, '002140', '42601');
  }
  const token = ctx.ids.secret(64);
  const expiresAt = ctx.now + SCIM_TOKEN_LIFETIME_MS;
  return {
    events: [{ type: 'ScimTokenIssued', token: { id: ctx.ids.id(), integrationId: integration.id, hash: scimTokenHash(token), issuedAt: ctx.now, expiresAt } }],
    output: { kind: 'token', token, expiresAt },
  };
}
