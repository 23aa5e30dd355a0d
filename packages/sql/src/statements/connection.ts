/**
 * CREATE / ALTER / DROP CONNECTION and SHOW CONNECTIONS (Client Redirect,
 * spec/snowflake-replication.md §2.8, spec/snowflake-sql.md §1.11). Core's replication module
 * checks the organization-wide rules (unique names, regions, secondaries before DROP) and moves
 * the connection URL on `ALTER CONNECTION ... PRIMARY`.
 */
import { showConnections as coreShowConnections, type ConnectionAction } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import type { AlterConnection, CreateConnection, DropConnection, ShowConnections } from '../parse/index.ts';
import { col, resultSet, type Column } from '../result.ts';
import { ddlOutcome } from './ddl.ts';
import { accountText } from './failover-group.ts';

export function createConnection(ctx: ExecContext, stmt: CreateConnection): Outcome {
  const r = stmt.replicaOf;
  const result = ctx.run({
    type: 'CreateConnection',
    name: stmt.name.name,
    ifNotExists: stmt.ifNotExists,
    comment: stmt.comment?.value ?? null,
    ...(r ? { replicaOf: `${r.org.name}.${r.account.name}.${r.name.name}` } : {}),
  });
  return ddlOutcome(result, 'create', 'Connection', stmt.name.name);
}

export function alterConnection(ctx: ExecContext, stmt: AlterConnection): Outcome {
  const a = stmt.action;
  let action: ConnectionAction;
  switch (a.kind) {
    case 'enableFailover':
      action = { kind: 'enableFailover', accounts: a.accounts.map(accountText), ignoreEditionCheck: a.ignoreEditionCheck };
      break;
    case 'disableFailover':
      action = { kind: 'disableFailover', accounts: a.accounts ? a.accounts.map(accountText) : null };
      break;
    case 'primary':
      action = { kind: 'primary' };
      break;
    case 'setComment':
      action = { kind: 'setComment', comment: a.comment.value };
      break;
    case 'unsetComment':
      action = { kind: 'unsetComment' };
      break;
  }
  const r = ctx.run({ type: 'AlterConnection', name: stmt.name.name, ifExists: stmt.ifExists, action });
  return ddlOutcome(r, 'alter', 'Connection', stmt.name.name);
}

export function dropConnection(ctx: ExecContext, stmt: DropConnection): Outcome {
  return ddlOutcome(ctx.run({ type: 'DropConnection', name: stmt.name.name, ifExists: stmt.ifExists }), 'drop', 'Connection', stmt.name.name);
}

/** `region_group` is shown only to organizations spanning several region groups: omitted. */
const COLUMNS: readonly Column[] = [
  col('snowflake_region'),
  col('created_on', 'timestamp_ltz'),
  col('account_name'),
  col('name'),
  col('comment'),
  col('is_primary'),
  col('primary'),
  col('failover_allowed_to_accounts'),
  col('connection_url'),
  col('organization_name'),
  col('account_locator'),
];

/** SHOW CONNECTIONS [LIKE]: every connection of the organization; `is_primary` is text (spec §1.11). */
export function showConnections(ctx: ExecContext, stmt: ShowConnections): Outcome {
  const rows = coreShowConnections(ctx.org, ctx.account.name, stmt.like ? { like: stmt.like.value } : {});
  if ('type' in rows) return rows;
  return resultSet(
    COLUMNS,
    rows.map((r) => [
      r.snowflake_region,
      r.created_on,
      r.account_name,
      r.name,
      r.comment,
      r.is_primary ? 'true' : 'false',
      r.primary,
      r.failover_allowed_to_accounts,
      r.connection_url,
      r.organization_name,
      r.account_locator,
    ]),
  );
}
