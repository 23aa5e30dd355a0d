/**
 * Deliberately broken connectors, for testing that the harness catches them with a readable,
 * shrunk counterexample.
 */
import type { Change } from '../directory.ts';
import type { ConnectorEnv, StepOutcome } from '../idp/connector.ts';
import { GenericConnector } from '../idp/generic.ts';
import { OktaConnector } from '../idp/okta.ts';

/** Forgets to tell Snowflake about renames: records them, sends nothing. */
export class ForgetsRenames extends GenericConnector {
  override readonly name: string = 'forgets-renames';
  protected override async push(c: Change): Promise<StepOutcome> {
    if (c.kind === 'renameUser') return null;
    return super.push(c);
  }
}

/** Sends the old email on updates (a stale-cache bug): the email never changes in Snowflake. */
export class StaleEmail extends OktaConnector {
  override readonly name: string = 'stale-email';
  protected override async push(c: Change): Promise<StepOutcome> {
    if (c.kind === 'updateUser' && c.set.email !== undefined) {
      const { email: _dropped, ...rest } = c.set;
      return super.push({ ...c, set: rest });
    }
    return super.push(c);
  }
}

export const forgetsRenames = (env: ConnectorEnv): ForgetsRenames => new ForgetsRenames(env);
export const staleEmail = (env: ConnectorEnv): StaleEmail => new StaleEmail(env);
