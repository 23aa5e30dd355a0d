/**
 * USE ROLE / SECONDARY ROLES / DATABASE / SCHEMA / WAREHOUSE. Roles are checked against the
 * session user's grants (directly or through the role hierarchy); databases, schemas and
 * warehouses are not modelled by snowglobe, so USE of them is accepted and only recorded in the
 * session (CURRENT_DATABASE() and friends report them).
 */
import { errors, findRole, findUser, roleClosure, snowflakeError, type AccountState, type SnowflakeError } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import type { UseDatabase, UseRole, UseSchema, UseSecondaryRoles, UseWarehouse } from '../parse/index.ts';
import { EXECUTED, statusResult } from '../result.ts';

/**
 * Whether `user` may activate the role named `roleName`: PUBLIC always; otherwise the role must be
 * granted to the user directly or inherited through a granted role. Returns the role's NAME or the
 * refusal (003013, spec §2.2).
 */
export function checkRoleUsable(
  state: AccountState,
  user: string | null,
  roleName: string,
  missing: 'notAssigned' | 'doesNotExist',
): string | SnowflakeError {
  const role = findRole(state, { name: roleName });
  if (!role) return missing === 'doesNotExist' ? errors.doesNotExist('ROLE', roleName) : errors.roleNotAssigned(roleName);
  if (user === null || role.id === 'PUBLIC') return role.name;
  const u = findUser(state, { name: user });
  if (u) for (const g of u.roles) if (roleClosure(state, g.role).has(role.id)) return role.name;
  return errors.roleNotAssigned(roleName);
}

export function useRole(ctx: ExecContext, stmt: UseRole): Outcome {
  const r = checkRoleUsable(ctx.state, ctx.session.user, stmt.role.name, ctx.options.useRoleMissingRole);
  if (typeof r !== 'string') return r;
  ctx.session.role = r;
  return statusResult(EXECUTED);
}

export function useSecondaryRoles(ctx: ExecContext, stmt: UseSecondaryRoles): Outcome {
  const roles = stmt.roles;
  switch (roles.kind) {
    case 'all':
      ctx.session.secondaryRoles = { kind: 'all' };
      break;
    case 'none':
      ctx.session.secondaryRoles = { kind: 'none' };
      break;
    case 'list': {
      const names: string[] = [];
      for (const ident of roles.names) {
        const r = checkRoleUsable(ctx.state, ctx.session.user, ident.name, ctx.options.useRoleMissingRole);
        if (typeof r !== 'string') return r;
        names.push(r);
      }
      ctx.session.secondaryRoles = { kind: 'list', names };
      break;
    }
  }
  return statusResult(EXECUTED);
}

export function useDatabase(ctx: ExecContext, stmt: UseDatabase): Outcome {
  ctx.session.database = stmt.database.name;
  // Snowflake's USE DATABASE sets the schema to the database's PUBLIC schema.
  ctx.session.schema = 'PUBLIC';
  return statusResult(EXECUTED);
}

export function useSchema(ctx: ExecContext, stmt: UseSchema): Outcome {
  if (!stmt.database && ctx.session.database === null) {
    return snowflakeError(
      'ExecutionError',
      '090105',
      '22000',
      "Cannot perform USE SCHEMA. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.",
    );
  }
  if (stmt.database) ctx.session.database = stmt.database.name;
  ctx.session.schema = stmt.schema.name;
  return statusResult(EXECUTED);
}

export function useWarehouse(ctx: ExecContext, stmt: UseWarehouse): Outcome {
  ctx.session.warehouse = stmt.warehouse.name;
  return statusResult(EXECUTED);
}
