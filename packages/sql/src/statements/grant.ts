/**
 * GRANT / REVOKE of privileges and roles, and GRANT OWNERSHIP (spec/snowflake-sql.md §5). Each
 * statement is one core command; object kinds snowglobe does not model (databases, warehouses,
 * schemas, tags, resource monitors) do not exist, so grants on them fail as Snowflake fails for a
 * missing object.
 */
import { errors, snowflakeError, type ExecuteResult, type SecurableKind, type SnowflakeError } from '@snowglobe/core';
import { tokenize } from '../parse/index.ts';
import type { ExecContext, Outcome } from '../context.ts';
import type { GrantObjectType, GrantOwnership, GrantPrivileges, GrantRole, GrantTarget, RevokePrivileges, RevokeRole } from '../parse/index.ts';
import { EXECUTED, statusResult } from '../result.ts';

/** GRANT/SHOW GRANTS object words → core's securable kinds; null for kinds snowglobe lacks. */
export const SECURABLE: Readonly<Record<GrantObjectType, SecurableKind | null>> = {
  USER: 'USER',
  ROLE: 'ROLE',
  INTEGRATION: 'INTEGRATION',
  'NETWORK POLICY': 'NETWORK_POLICY',
  'FAILOVER GROUP': 'FAILOVER_GROUP',
  'REPLICATION GROUP': 'REPLICATION_GROUP',
  CONNECTION: 'CONNECTION',
  DATABASE: null,
  WAREHOUSE: null,
  'RESOURCE MONITOR': null,
  SCHEMA: null,
  TAG: null,
};

/** The kind word of a "does not exist or not authorized" message for kinds snowglobe lacks. */
const MISSING_WORD: Readonly<Record<GrantObjectType, string>> = {
  USER: 'User',
  ROLE: 'Role',
  INTEGRATION: 'Integration',
  'NETWORK POLICY': 'Network policy',
  'FAILOVER GROUP': 'Failover group',
  'REPLICATION GROUP': 'Replication group',
  CONNECTION: 'Connection',
  DATABASE: 'Database',
  WAREHOUSE: 'Warehouse',
  'RESOURCE MONITOR': 'Resource monitor',
  SCHEMA: 'Schema',
  TAG: 'Tag',
};

/** 002003 for an object of a kind snowglobe does not model: none exists. */
export function unmodelledObject(target: Extract<GrantTarget, { kind: 'object' }>): SnowflakeError {
  const name = [...target.qualifier, target.name].map((p) => p.name).join('.');
  return snowflakeError('DoesNotExist', '002003', '02000', `SQL compilation error:\n${MISSING_WORD[target.objectType]} '${name}' does not exist or not authorized.`);
}

type CoreOn = { readonly kind: 'ACCOUNT' } | { readonly kind: SecurableKind; readonly ref: { readonly name: string } };

function coreTarget(on: GrantTarget): CoreOn | SnowflakeError {
  if (on.kind === 'account') return { kind: 'ACCOUNT' };
  const kind = SECURABLE[on.objectType];
  if (!kind) return unmodelledObject(on);
  return { kind, ref: { name: on.name.name } };
}

const executed = (r: ExecuteResult | SnowflakeError): Outcome => ('type' in r ? r : statusResult(EXECUTED));

export function grantPrivileges(ctx: ExecContext, stmt: GrantPrivileges): Outcome {
  const on = coreTarget(stmt.on);
  if ('type' in on) return on;
  // Core records privileges on roles only; Snowflake's newer grants to users are not modelled.
  if (stmt.to.kind === 'USER') return errors.unsupported('GRANT <privileges> ... TO USER');
  return executed(
    ctx.run({
      type: 'GrantPrivileges',
      privileges: stmt.privileges.map((p) => p.name),
      on,
      to: { name: stmt.to.name.name },
      grantOption: stmt.withGrantOption,
    }),
  );
}

export function revokePrivileges(ctx: ExecContext, stmt: RevokePrivileges): Outcome {
  const on = coreTarget(stmt.on);
  if ('type' in on) return on;
  if (stmt.from.kind === 'USER') return errors.unsupported('REVOKE <privileges> ... FROM USER');
  // Core cannot take away only the grant option; refusing is better than revoking the privilege.
  if (stmt.grantOptionFor) return errors.unsupported('REVOKE GRANT OPTION FOR');
  return executed(ctx.run({ type: 'RevokePrivileges', privileges: stmt.privileges.map((p) => p.name), on, from: { name: stmt.from.name.name } }));
}

/**
 * GRANT ROLE r TO ROLE | USER. `WITH GRANT OPTION` is not in Snowflake's GRANT ROLE grammar for
 * users, so it is the syntax error Snowflake gives at `WITH`; for roles core has no grant option
 * on role grants, so it is refused as unsupported.
 */
export function grantRole(ctx: ExecContext, stmt: GrantRole): Outcome {
  if (stmt.withGrantOption) {
    if (stmt.to.kind === 'USER') {
      const withToken = tokenize(ctx.text).filter((t) => t.kind === 'ident' && t.value === 'WITH').pop();
      return withToken ? errors.syntax(withToken.line, withToken.column, withToken.text) : errors.unsupported('GRANT ROLE ... WITH GRANT OPTION');
    }
    return errors.unsupported('GRANT ROLE ... TO ROLE ... WITH GRANT OPTION');
  }
  return executed(ctx.run({ type: 'GrantRole', role: { name: stmt.role.name }, to: { kind: stmt.to.kind, ref: { name: stmt.to.name.name } } }));
}

export function revokeRole(ctx: ExecContext, stmt: RevokeRole): Outcome {
  return executed(ctx.run({ type: 'RevokeRole', role: { name: stmt.role.name }, from: { kind: stmt.from.kind, ref: { name: stmt.from.name.name } } }));
}

/** GRANT OWNERSHIP ... TO ROLE r [COPY | REVOKE CURRENT GRANTS]; never to users (spec §2.2). */
export function grantOwnership(ctx: ExecContext, stmt: GrantOwnership): Outcome {
  if (stmt.to.kind === 'USER') return errors.execution('Cannot grant OWNERSHIP to users.');
  const kind = SECURABLE[stmt.on.objectType];
  if (!kind) return unmodelledObject(stmt.on);
  return executed(
    ctx.run({
      type: 'GrantOwnership',
      on: { kind, ref: { name: stmt.on.name.name } },
      to: { name: stmt.to.name.name },
      currentGrants: stmt.currentGrants,
    }),
  );
}
