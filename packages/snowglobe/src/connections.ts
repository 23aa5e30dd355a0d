/**
 * Which account a connection URL (`<org>-<connection>.snowflakecomputing.com`) reaches: the one
 * holding the connection's primary now (spec/snowflake-replication.md §2.8 "Connection URL").
 */
import { resolveConnection } from '@snowglobe/core';
import type { Account, Organization } from '@snowglobe/core';

/**
 * The account holding the current primary of connection `name` (core's `resolveConnection`: the
 * primary with the highest failover epoch, so an old primary that missed a failover does not
 * win). Undefined when no account holds a primary of that name.
 */
export function resolveConnectionAccount(org: Organization, name: string): Account | undefined {
  return resolveConnection(org, name)?.account;
}
