import type { Command } from '../commands.ts';
import type { SnowflakeError } from '../errors.ts';
import type { AccountState } from '../state.ts';
import type { DecideContext, Decision } from './context.ts';
import { done } from './context.ts';
import { alterUser, createUser, dropUser, renameUser } from './users.ts';
import { alterRole, createRole, dropRole, renameRole } from './roles.ts';
import { grantOwnership, grantPrivileges, grantRole, revokePrivileges, revokeRole } from './grants.ts';
import { alterIntegration, createIntegration, dropIntegration, generateScimToken, renameIntegration } from './integrations.ts';
import { alterNetworkPolicy, createNetworkPolicy, dropNetworkPolicy, renameNetworkPolicy } from './network-policies.ts';
import { setAccountParameters } from './parameters.ts';
import { alterFailoverGroup, createFailoverGroup, dropFailoverGroup } from './failover-groups.ts';
import { alterConnection, createConnection, dropConnection } from './connections.ts';

/**
 * decide: validates a command against the state (privileges, ownership, read-only replicas) and
 * returns the events it produces, or the Snowflake error that refuses it. Pure: the clock reading
 * and the id source come in `ctx`, and what they yield is written into the events.
 */
export function decide(command: Command, state: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  switch (command.type) {
    case 'CreateUser':
      return createUser(command, state, ctx);
    case 'AlterUser':
      return alterUser(command, state, ctx);
    case 'RenameUser':
      return renameUser(command, state, ctx);
    case 'DropUser':
      return dropUser(command, state, ctx);
    case 'CreateRole':
      return createRole(command, state, ctx);
    case 'AlterRole':
      return alterRole(command, state, ctx);
    case 'RenameRole':
      return renameRole(command, state, ctx);
    case 'DropRole':
      return dropRole(command, state, ctx);
    case 'GrantRole':
      return grantRole(command, state, ctx);
    case 'RevokeRole':
      return revokeRole(command, state, ctx);
    case 'GrantPrivileges':
      return grantPrivileges(command, state, ctx);
    case 'RevokePrivileges':
      return revokePrivileges(command, state, ctx);
    case 'GrantOwnership':
      return grantOwnership(command, state, ctx);
    case 'CreateIntegration':
      return createIntegration(command, state, ctx);
    case 'AlterIntegration':
      return alterIntegration(command, state, ctx);
    case 'RenameIntegration':
      return renameIntegration(command, state, ctx);
    case 'DropIntegration':
      return dropIntegration(command, state, ctx);
    case 'GenerateScimToken':
      return generateScimToken(command, state, ctx);
    case 'CreateNetworkPolicy':
      return createNetworkPolicy(command, state, ctx);
    case 'AlterNetworkPolicy':
      return alterNetworkPolicy(command, state, ctx);
    case 'RenameNetworkPolicy':
      return renameNetworkPolicy(command, state, ctx);
    case 'DropNetworkPolicy':
      return dropNetworkPolicy(command, state, ctx);
    case 'SetAccountParameters':
      return setAccountParameters(command, state, ctx);
    case 'RecordScimRequest':
      // Recording a request needs no privilege: it is the service's own audit trail.
      return done([{ type: 'ScimRequestRecorded', request: command.request }]);
    // Groups and connections: the forms that read another account (AS REPLICA OF, REFRESH,
    // PRIMARY) are refused here and run through the organization (replication/commands.ts).
    case 'CreateFailoverGroup':
      return createFailoverGroup(command, state, ctx);
    case 'AlterFailoverGroup':
      return alterFailoverGroup(command, state, ctx);
    case 'DropFailoverGroup':
      return dropFailoverGroup(command, state, ctx);
    case 'CreateConnection':
      return createConnection(command, state, ctx);
    case 'AlterConnection':
      return alterConnection(command, state, ctx);
    case 'DropConnection':
      return dropConnection(command, state, ctx);
    default: {
      const never: never = command;
      return never;
    }
  }
}
