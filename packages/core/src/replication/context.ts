import type { Account } from '../account.ts';
import type { Organization } from '../organization.ts';
import type { Actor, DecideContext } from '../decide/context.ts';
import { errors, type SnowflakeError } from '../errors.ts';

/** The decide context `Organization.execute` builds, for replication code that appends itself. */
export function decideContext(org: Organization, account: Account, actor: Actor): DecideContext {
  return {
    now: org.now,
    ids: org.ids,
    actor,
    account: { org: account.info.org, name: account.info.name, locator: account.info.locator },
    options: org.options,
  };
}

/** The account a statement runs in, refused like `execute` refuses it when missing or down. */
export function reachableAccount(org: Organization, name: string): Account | SnowflakeError {
  const a = org.account(name);
  if (!a) return errors.doesNotExist('ACCOUNT', name.toUpperCase());
  if (!org.isAvailable(a.name)) return errors.accountUnavailable(org.hostOf(a));
  return a;
}

/** `ORG.ACCOUNT` of an account. */
export function accountRef(org: Organization, account: Account): string {
  return `${org.name}.${account.name}`;
}

/** Whether a result is a SnowflakeError (results of replication functions are values or errors). */
export const isError = (x: unknown): x is SnowflakeError =>
  typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'SnowflakeError';
