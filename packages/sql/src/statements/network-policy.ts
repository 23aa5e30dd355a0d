/**
 * CREATE / ALTER / DROP / DESC / SHOW NETWORK POLICIES (spec/snowflake-sql.md §1.7,
 * spec/snowflake-scim.md §8). snowglobe models the IP lists; network-rule lists are refused as
 * unsupported.
 */
import { errors, findNetworkPolicy, type SnowflakeError } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { applyShowFilter, likeOnly } from '../names.ts';
import type {
  AlterNetworkPolicy,
  CreateNetworkPolicy,
  DescribeNetworkPolicy,
  DropNetworkPolicy,
  Property,
  ShowNetworkPolicies,
} from '../parse/index.ts';
import { readList, readText, written } from '../properties.ts';
import { col, resultSet, type Cell, type Column } from '../result.ts';
import { objectVisible, owns, viewer } from '../visibility.ts';
import { ddlOutcome } from './ddl.ts';

const KIND = 'NETWORK_POLICY';
const RULE_LISTS = new Set(['ALLOWED_NETWORK_RULE_LIST', 'BLOCKED_NETWORK_RULE_LIST']);

interface Lists {
  allowedIpList?: string[];
  blockedIpList?: string[];
}

function readIpList(prop: Property): string[] | SnowflakeError {
  const l = readList(prop.value);
  return l === undefined ? errors.invalidPropertyValue(written(prop.value), prop.name) : l;
}

/** One of the two IP-list properties into `out`; anything else is refused. */
function readListProperty(prop: Property, out: Lists): SnowflakeError | null {
  if (RULE_LISTS.has(prop.name)) return errors.unsupported(`NETWORK POLICY property ${prop.name}`);
  if (prop.name !== 'ALLOWED_IP_LIST' && prop.name !== 'BLOCKED_IP_LIST') return errors.invalidProperty(prop.name, KIND);
  const l = readIpList(prop);
  if (!Array.isArray(l)) return l;
  if (prop.name === 'ALLOWED_IP_LIST') out.allowedIpList = l;
  else out.blockedIpList = l;
  return null;
}

export function createNetworkPolicy(ctx: ExecContext, stmt: CreateNetworkPolicy): Outcome {
  const lists: Lists = {};
  let comment: string | null = null;
  for (const prop of stmt.properties) {
    if (prop.name === 'COMMENT') {
      const t = readText(prop.value);
      if (t === undefined) return errors.invalidPropertyValue(written(prop.value), prop.name);
      comment = t;
      continue;
    }
    const bad = readListProperty(prop, lists);
    if (bad) return bad;
  }
  const r = ctx.run({
    type: 'CreateNetworkPolicy',
    name: stmt.name.name,
    ...lists,
    comment,
    orReplace: stmt.orReplace,
    ifNotExists: stmt.ifNotExists,
  });
  return ddlOutcome(r, 'create', 'Network policy', stmt.name.name);
}

export function alterNetworkPolicy(ctx: ExecContext, stmt: AlterNetworkPolicy): Outcome {
  const target = { name: stmt.name.name };
  const a = stmt.action;
  const done = (r: Parameters<typeof ddlOutcome>[0]): Outcome => ddlOutcome(r, 'alter', 'Network policy', stmt.name.name);
  switch (a.kind) {
    case 'rename':
      return done(ctx.run({ type: 'RenameNetworkPolicy', target, newName: a.newName.name, ifExists: stmt.ifExists }));
    case 'add':
    case 'remove': {
      const lists: Lists = {};
      const bad = readListProperty(a.property, lists);
      if (bad) return bad;
      return done(ctx.run({ type: 'AlterNetworkPolicy', target, ifExists: stmt.ifExists, ...(a.kind === 'add' ? { add: lists } : { remove: lists }) }));
    }
    case 'set': {
      const set: Lists & { comment?: string } = {};
      const unset: ('ALLOWED_IP_LIST' | 'BLOCKED_IP_LIST' | 'COMMENT')[] = [];
      for (const prop of a.properties) {
        if (prop.name === 'COMMENT') {
          const t = readText(prop.value);
          if (t === undefined) return errors.invalidPropertyValue(written(prop.value), prop.name);
          if (t === null) unset.push('COMMENT');
          else set.comment = t;
          continue;
        }
        const bad = readListProperty(prop, set);
        if (bad) return bad;
      }
      return done(ctx.run({ type: 'AlterNetworkPolicy', target, ifExists: stmt.ifExists, set, unset }));
    }
    case 'unset': {
      const unset: ('ALLOWED_IP_LIST' | 'BLOCKED_IP_LIST' | 'COMMENT')[] = [];
      for (const { name } of a.names) {
        if (RULE_LISTS.has(name)) return errors.unsupported(`NETWORK POLICY property ${name}`);
        if (name !== 'ALLOWED_IP_LIST' && name !== 'BLOCKED_IP_LIST' && name !== 'COMMENT') return errors.invalidProperty(name, KIND);
        unset.push(name);
      }
      return done(ctx.run({ type: 'AlterNetworkPolicy', target, ifExists: stmt.ifExists, unset }));
    }
  }
}

export function dropNetworkPolicy(ctx: ExecContext, stmt: DropNetworkPolicy): Outcome {
  return ddlOutcome(ctx.run({ type: 'DropNetworkPolicy', target: { name: stmt.name.name }, ifExists: stmt.ifExists }), 'drop', 'Network policy', stmt.name.name);
}

const SHOW_COLUMNS: readonly Column[] = [
  col('created_on', 'timestamp_ltz'),
  col('name'),
  col('comment'),
  col('entries_in_allowed_ip_list', 'fixed'),
  col('entries_in_blocked_ip_list', 'fixed'),
  col('entries_in_allowed_network_rules', 'fixed'),
  col('entries_in_blocked_network_rules', 'fixed'),
];

/** SHOW NETWORK POLICIES: counts, not the lists; only policies an active role owns or uses. */
export function showNetworkPolicies(ctx: ExecContext, stmt: ShowNetworkPolicies): Outcome {
  const v = viewer(ctx.state, ctx.actor);
  const visible = [...ctx.state.networkPolicies.values()].filter((p) => objectVisible(v, 'NETWORK_POLICY', p.id, p.owner));
  const rows: Cell[][] = applyShowFilter(visible, (p) => p.name, likeOnly(stmt.like)).map((p) => [
    p.createdOn,
    p.name,
    p.comment ?? '',
    p.allowedIpList.length,
    p.blockedIpList.length,
    0,
    0,
  ]);
  return resultSet(SHOW_COLUMNS, rows);
}

/** DESC NETWORK POLICY: `name | value`, a row only for each list that is set (spec §1.7). */
export function describeNetworkPolicy(ctx: ExecContext, stmt: DescribeNetworkPolicy): Outcome {
  const p = findNetworkPolicy(ctx.state, { name: stmt.name.name });
  if (!p) return errors.doesNotExist('NETWORK_POLICY', stmt.name.name);
  const v = viewer(ctx.state, ctx.actor);
  if (!(owns(v, p.owner) || v.manageGrants)) {
    return errors.insufficientPrivileges('NETWORK_POLICY', p.name, `Your primary role ${ctx.session.role} must have OWNERSHIP granted on NETWORK POLICY ${p.name}.`);
  }
  const rows: Cell[][] = [];
  if (p.allowedIpList.length) rows.push(['ALLOWED_IP_LIST', p.allowedIpList.join(',')]);
  if (p.blockedIpList.length) rows.push(['BLOCKED_IP_LIST', p.blockedIpList.join(',')]);
  return resultSet([col('name'), col('value')], rows);
}
