import { expect } from 'vitest';
import type { Command } from '../commands.ts';
import type { Actor } from '../decide/context.ts';
import type { EventType } from '../events.ts';
import type { SnowflakeError } from '../errors.ts';
import { createOrganization, type Organization } from '../organization.ts';

/** The actors tests use: the admin user and bare roles (SCIM runs as a role with no user). */
export const ADMIN: Actor = { role: 'ACCOUNTADMIN', user: 'ADMIN' };
export const as = (role: string, user?: string): Actor => (user ? { role, user } : { role });

/**
 * Given/when/then over the Decider, as in Emmett: `given` runs setup commands (they must succeed),
 * `when` runs one command, `then` asserts the events it produced or the error that refused it.
 */
export function given(...setup: readonly (Command | [Command, Actor])[]) {
  const org: Organization = createOrganization({ seed: 7, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
  for (const step of setup) {
    const [command, actor] = Array.isArray(step) ? step : [step, ADMIN];
    const r = org.execute('ACCOUNT1', command, actor);
    if ('type' in r) throw new Error(`given ${command.type} failed: ${r.message}`);
  }
  return {
    org,
    when(command: Command, actor: Actor = ADMIN) {
      const before = org.account('ACCOUNT1')!.seq;
      const result = org.execute('ACCOUNT1', command, actor);
      return {
        org,
        result,
        thenEvents(...expected: ({ type: EventType } & Record<string, unknown>)[]) {
          if ('type' in result) throw new Error(`expected events, got ${result.code}: ${result.message}`);
          expect(result.decision.events.length).toBe(expected.length);
          result.decision.events.forEach((e, i) => expect(e).toMatchObject(expected[i]!));
          return result;
        },
        thenNothing() {
          if ('type' in result) throw new Error(`expected no events, got ${result.code}: ${result.message}`);
          expect(result.decision.events).toEqual([]);
          return result;
        },
        thenError(code: string, message?: string | RegExp): SnowflakeError {
          if (!('type' in result)) throw new Error(`expected error ${code}, got events ${result.decision.events.map((e) => e.type).join(', ')}`);
          expect(result.code).toBe(code);
          if (typeof message === 'string') expect(result.message).toBe(message);
          else if (message) expect(result.message).toMatch(message);
          // A refused command never changes the log.
          expect(org.account('ACCOUNT1')!.seq).toBe(before);
          return result;
        },
      };
    },
  };
}

export const createRole = (name: string): Command => ({ type: 'CreateRole', name });
export const createUser = (name: string, props: Record<string, unknown> = {}): Command => ({ type: 'CreateUser', name, props });
export const grantAccount = (privileges: string[], role: string): Command => ({ type: 'GrantPrivileges', privileges, on: { kind: 'ACCOUNT' }, to: { name: role } });
export const grantRoleToRole = (role: string, to: string): Command => ({ type: 'GrantRole', role: { name: role }, to: { kind: 'ROLE', ref: { name: to } } });
export const grantRoleToUser = (role: string, to: string): Command => ({ type: 'GrantRole', role: { name: role }, to: { kind: 'USER', ref: { name: to } } });
export const scimIntegration = (name: string, runAsRole: string): Command => ({
  type: 'CreateIntegration',
  name,
  props: { kind: 'SCIM', scimClient: 'OKTA', runAsRole },
});

/** The documented Okta provisioner setup (spec/snowflake-scim.md §7.4). */
export const OKTA_SETUP: Command[] = [
  createRole('OKTA_PROVISIONER'),
  grantAccount(['CREATE USER', 'CREATE ROLE'], 'OKTA_PROVISIONER'),
  grantRoleToRole('OKTA_PROVISIONER', 'ACCOUNTADMIN'),
  { type: 'CreateIntegration', name: 'OKTA_PROVISIONING', orReplace: true, props: { kind: 'SCIM', scimClient: 'OKTA', runAsRole: 'OKTA_PROVISIONER' } },
];
