import { fc } from '@fast-check/vitest';
import type { Command } from '../commands.ts';
import type { Actor } from '../decide/context.ts';

const users = ['ALICE', 'BOB', 'CAROL', 'DAVE'];
const roles = ['R1', 'R2', 'R3', 'OKTA_PROVISIONER'];
const policies = ['NP1', 'NP2'];
const integrations = ['INT1', 'INT2'];
const privileges = ['CREATE USER', 'CREATE ROLE', 'MANAGE GRANTS', 'MONITOR USER', 'CREATE INTEGRATION'];
const ips = ['10.0.0.0/8', '192.168.1.1', '2001:db8::/32', '300.0.0.1'];

const user = fc.constantFrom(...users);
const role = fc.constantFrom(...roles, 'SYSADMIN', 'PUBLIC');
const bool = fc.boolean();

/** Random commands over a small name pool, so they collide, conflict and get refused often. */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('CreateUser' as const), name: user, props: fc.record({ email: fc.option(fc.emailAddress(), { nil: undefined }), disabled: fc.option(bool, { nil: undefined }) }, { requiredKeys: [] }), orReplace: bool, ifNotExists: bool, password: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) }),
  fc.record({ type: fc.constant('AlterUser' as const), target: user.map((name) => ({ name })), set: fc.record({ firstName: fc.string({ maxLength: 6 }), disabled: bool, defaultRole: role }, { requiredKeys: [] }), ifExists: bool }),
  fc.record({ type: fc.constant('RenameUser' as const), target: user.map((name) => ({ name })), newName: user }),
  fc.record({ type: fc.constant('DropUser' as const), target: user.map((name) => ({ name })), ifExists: bool }),
  fc.record({ type: fc.constant('CreateRole' as const), name: fc.constantFrom(...roles), orReplace: bool, ifNotExists: bool }),
  fc.record({ type: fc.constant('RenameRole' as const), target: role.map((name) => ({ name })), newName: fc.constantFrom(...roles) }),
  fc.record({ type: fc.constant('DropRole' as const), target: role.map((name) => ({ name })), ifExists: bool }),
  fc.record({ type: fc.constant('GrantRole' as const), role: role.map((name) => ({ name })), to: fc.oneof(role.map((name) => ({ kind: 'ROLE' as const, ref: { name } })), user.map((name) => ({ kind: 'USER' as const, ref: { name } }))) }),
  fc.record({ type: fc.constant('RevokeRole' as const), role: role.map((name) => ({ name })), from: fc.oneof(role.map((name) => ({ kind: 'ROLE' as const, ref: { name } })), user.map((name) => ({ kind: 'USER' as const, ref: { name } }))) }),
  fc.record({ type: fc.constant('GrantPrivileges' as const), privileges: fc.subarray(privileges, { minLength: 1 }), on: fc.constant({ kind: 'ACCOUNT' as const }), to: role.map((name) => ({ name })) }),
  fc.record({ type: fc.constant('RevokePrivileges' as const), privileges: fc.subarray(privileges, { minLength: 1 }), on: fc.constant({ kind: 'ACCOUNT' as const }), from: role.map((name) => ({ name })) }),
  fc.record({ type: fc.constant('GrantOwnership' as const), on: user.map((name) => ({ kind: 'USER' as const, ref: { name } })), to: role.map((name) => ({ name })), currentGrants: fc.constantFrom('COPY', 'REVOKE', null) }),
  fc.record({ type: fc.constant('CreateIntegration' as const), name: fc.constantFrom(...integrations), orReplace: bool, props: fc.record({ kind: fc.constant('SCIM' as const), scimClient: fc.constantFrom('OKTA' as const, 'AZURE' as const, 'GENERIC' as const), runAsRole: fc.constantFrom(...roles) }) }),
  fc.record({ type: fc.constant('AlterIntegration' as const), target: fc.constantFrom(...integrations).map((name) => ({ name })), set: fc.record({ networkPolicy: fc.constantFrom(...policies), comment: fc.string({ maxLength: 5 }), syncPassword: bool }, { requiredKeys: [] }), unset: fc.subarray(['COMMENT', 'NETWORK_POLICY']) }),
  fc.record({ type: fc.constant('DropIntegration' as const), target: fc.constantFrom(...integrations).map((name) => ({ name })), ifExists: bool }),
  fc.record({ type: fc.constant('GenerateScimToken' as const), integration: fc.constantFrom(...integrations).map((name) => ({ name })) }),
  fc.record({ type: fc.constant('CreateNetworkPolicy' as const), name: fc.constantFrom(...policies), allowedIpList: fc.subarray(ips), orReplace: bool }),
  fc.record({ type: fc.constant('DropNetworkPolicy' as const), target: fc.constantFrom(...policies).map((name) => ({ name })), ifExists: bool }),
  fc.record({ type: fc.constant('SetAccountParameters' as const), set: fc.dictionary(fc.constantFrom('NETWORK_POLICY', 'MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR'), fc.constantFrom('NP1', 'true', 'false')), unset: fc.subarray(['NETWORK_POLICY']) }),
);

export const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ role: 'ACCOUNTADMIN', user: 'ADMIN' }) },
  { weight: 2, arbitrary: fc.constantFrom('SECURITYADMIN', 'USERADMIN', 'PUBLIC', ...roles).map((r) => ({ role: r })) },
  { weight: 1, arbitrary: fc.tuple(role, user).map(([r, u]) => ({ role: r, user: u })) },
);

export const stepsArb = fc.array(fc.tuple(commandArb, actorArb, fc.nat({ max: 3_600_000 })), { maxLength: 40 });
