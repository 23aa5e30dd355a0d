/** CREATE / ALTER / DROP ROLE and SHOW ROLES (spec/snowflake-sql.md §1.3, §5). */
import { findUser, roleClosure, shGet, shValues } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { applyShowFilter, roleName } from '../names.ts';
import type { AlterRole, CreateRole, DropRole, ShowRoles } from '../parse/index.ts';
import { col, resultSet, type Cell } from '../result.ts';
import { ddlOutcome } from './ddl.ts';

export function createRole(ctx: ExecContext, stmt: CreateRole): Outcome {
  const r = ctx.run({
    type: 'CreateRole',
    name: stmt.name.name,
    comment: stmt.comment?.value ?? null,
    orReplace: stmt.orReplace,
    ifNotExists: stmt.ifNotExists,
  });
  return ddlOutcome(r, 'create', 'Role', stmt.name.name);
}

export function alterRole(ctx: ExecContext, stmt: AlterRole): Outcome {
  const target = { name: stmt.name.name };
  const a = stmt.action;
  switch (a.kind) {
    case 'rename':
      return ddlOutcome(ctx.run({ type: 'RenameRole', target, newName: a.newName.name, ifExists: stmt.ifExists }), 'alter', 'Role', stmt.name.name);
    case 'setComment':
      return ddlOutcome(ctx.run({ type: 'AlterRole', target, comment: a.comment.value, ifExists: stmt.ifExists }), 'alter', 'Role', stmt.name.name);
    case 'unsetComment':
      return ddlOutcome(ctx.run({ type: 'AlterRole', target, comment: null, ifExists: stmt.ifExists }), 'alter', 'Role', stmt.name.name);
  }
}

export function dropRole(ctx: ExecContext, stmt: DropRole): Outcome {
  return ddlOutcome(ctx.run({ type: 'DropRole', target: { name: stmt.name.name }, ifExists: stmt.ifExists }), 'drop', 'Role', stmt.name.name);
}

const ROLE_COLUMNS = [
  col('created_on', 'timestamp_ltz'),
  col('name'),
  col('is_default'),
  col('is_current'),
  col('is_inherited'),
  col('assigned_to_users', 'fixed'),
  col('granted_to_roles', 'fixed'),
  col('granted_roles', 'fixed'),
  col('owner'),
  col('comment'),
];

/**
 * TERSE: the docs name is_default / is_current / is_inherited / is_from_organization_user_group as
 * the subset; created_on and name lead as in every SHOW. UNCONFIRMED.
 */
const TERSE_ROLE_COLUMNS = [
  col('created_on', 'timestamp_ltz'),
  col('name'),
  col('is_default'),
  col('is_current'),
  col('is_inherited'),
  col('is_from_organization_user_group'),
];

/**
 * SHOW ROLES: every role is listed (knowing a role's name grants nothing, docs SHOW ROLES).
 * is_default: the session user's DEFAULT_ROLE; is_current: the primary role; is_inherited: a
 * role the primary role inherits (not the primary role itself). Counts: direct user grants,
 * parent roles, child roles.
 */
export function showRoles(ctx: ExecContext, stmt: ShowRoles): Outcome {
  const s = ctx.state;
  const parents = new Map<string, number>();
  for (const r of shValues(s.roles)) for (const child of r.granted.keys()) parents.set(child, (parents.get(child) ?? 0) + 1);
  const primaryId = shGet(s.roleNames, ctx.session.role);
  const inherited = primaryId === undefined ? new Set<string>() : roleClosure(s, primaryId);
  const user = ctx.session.user === null ? undefined : findUser(s, { name: ctx.session.user });
  const yn = (b: boolean): string => (b ? 'Y' : 'N');
  const roles = applyShowFilter([...shValues(s.roles)], (r) => r.name, stmt.filter);
  const rows: Cell[][] = roles.map((r) => {
    const isDefault = yn(user?.defaultRole === r.name);
    const isCurrent = yn(r.id === primaryId);
    const isInherited = yn(inherited.has(r.id) && r.id !== primaryId);
    if (stmt.terse) return [r.createdOn, r.name, isDefault, isCurrent, isInherited, 'false'];
    return [
      r.createdOn,
      r.name,
      isDefault,
      isCurrent,
      isInherited,
      r.users.size,
      parents.get(r.id) ?? 0,
      r.granted.size,
      roleName(s, r.owner),
      r.comment ?? '',
    ];
  });
  return resultSet(stmt.terse ? TERSE_ROLE_COLUMNS : ROLE_COLUMNS, rows);
}
