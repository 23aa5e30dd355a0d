/**
 * The organization `snowglobe serve` and `snowglobe run` start with: MYORG with ACCOUNT1
 * (AWS_US_WEST_2) and ACCOUNT2 (AWS_US_EAST_1), Business Critical, each with an administrator
 * ADMIN holding ACCOUNTADMIN, the two ADMIN users linked the way
 * `SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME` links them. That is the state Snowflake's documented
 * replication procedure starts from: an organization of two accounts whose administrators exist
 * in both, so the first USERS/ROLES refresh keeps ADMIN instead of failing on the name collision.
 */
import { createOrganization, findUser } from '@snowglobe/core';
import type { AccountSpec, Organization } from '@snowglobe/core';

/** The organization's name. */
export const DEFAULT_ORG_NAME = 'MYORG';

/** The administrator user of every default account. */
export const DEFAULT_ADMIN_USER = 'ADMIN';

/** The role the administrator runs as unless told otherwise. */
export const DEFAULT_ADMIN_ROLE = 'ACCOUNTADMIN';

/** The default id seed, the same as core's. */
export const DEFAULT_SEED = 1;

/** The default accounts, in the order that makes ACCOUNT1 the one a bare host name reaches. */
export const DEFAULT_ACCOUNTS: readonly AccountSpec[] = [
  { name: 'ACCOUNT1', region: 'AWS_US_WEST_2', edition: 'BUSINESS_CRITICAL', admin: DEFAULT_ADMIN_USER },
  { name: 'ACCOUNT2', region: 'AWS_US_EAST_1', edition: 'BUSINESS_CRITICAL', admin: DEFAULT_ADMIN_USER },
];

export interface DefaultOrganizationOptions {
  /** Seed of the id source. Default {@link DEFAULT_SEED}. */
  readonly seed?: number;
  /** Start of the simulated clock, epoch ms; core's default (2026-01-01T00:00:00Z) when omitted. */
  readonly now?: number;
}

/**
 * Creates the default organization. Deterministic: the same seed gives byte-identical logs.
 * Every bootstrap write goes through the organization's append path, so a subscriber installed
 * before the call (persistence) sees it; use {@link bootstrapDefaultOrganization} for that.
 */
export function createDefaultOrganization(options: DefaultOrganizationOptions = {}): Organization {
  const org = createOrganization({
    name: DEFAULT_ORG_NAME,
    seed: options.seed ?? DEFAULT_SEED,
    ...(options.now !== undefined && { now: options.now }),
  });
  bootstrapDefaultOrganization(org);
  return org;
}

/**
 * Adds the default accounts to an empty organization and links their administrators. Split from
 * {@link createDefaultOrganization} so the server can subscribe its log writer first and persist
 * the bootstrap events like any others.
 */
export function bootstrapDefaultOrganization(org: Organization): void {
  for (const spec of DEFAULT_ACCOUNTS) org.addAccount(spec);
  linkUsersByName(org, DEFAULT_ADMIN_USER, DEFAULT_ACCOUNTS.map((a) => a.name));
}

/**
 * Gives the user `user` of every account in `accounts` the id it has in the first one, with the
 * `ObjectsLinked` event `SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME` records: after it, the user is the
 * same object (same global id) in every account, which is what a refresh compares. Core's
 * replication exposes the link only through that SQL function (which needs a failover group that
 * does not exist yet at bootstrap), so the event is appended directly, as the function would.
 */
export function linkUsersByName(org: Organization, user: string, accounts: readonly string[]): void {
  const [first, ...rest] = accounts;
  if (first === undefined) return;
  const source = findUser(org.requireAccount(first).state, { name: user });
  if (source === undefined) throw new Error(`User ${user} does not exist in ${first}`);
  for (const name of rest) {
    const account = org.requireAccount(name);
    const local = findUser(account.state, { name: user });
    if (local === undefined) throw new Error(`User ${user} does not exist in ${name}`);
    if (local.id === source.id) continue;
    org.appendEvents(account, [{ type: 'ObjectsLinked', links: [{ kind: 'USER', fromId: local.id, toId: source.id }] }]);
  }
}
