/**
 * SHOW GRANTS TO ROLE / TO USER / OF ROLE / ON ACCOUNT / ON <object> (spec/snowflake-sql.md §1.4).
 *
 * Grants come from four places in core's state: the system roles' default account privileges
 * (granted by the SYSTEM role: empty `granted_by`), explicit privilege grants, ownership (one
 * OWNERSHIP row per object, grant_option true, granted by the owner) and role grants (to roles:
 * privilege USAGE on ROLE; to users). Core stores grantors and owners by role id; rows show names.
 */
import { errors, findIntegration, findNetworkPolicy, findRole, findUser, shValues, SYSTEM_PRIVILEGES, type AccountState, type PrivilegeGrant, type SecurableKind, type SnowflakeError, shEntries } from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { byName, roleName } from '../names.ts';
import type { ShowGrants } from '../parse/index.ts';
import { col, resultSet, type Cell, type Column } from '../result.ts';
import { objectVisible, owns, viewer, type Viewer } from '../visibility.ts';
import { SECURABLE, unmodelledObject } from './grant.ts';

/** One grant, before it is shaped into a SHOW GRANTS row. */
interface Fact {
  readonly createdOn: number;
  readonly privilege: string;
  /** `ACCOUNT`, `ROLE`, `USER`, `INTEGRATION`, `NETWORK_POLICY`, `DATABASE_ROLE`, ... */
  readonly grantedOn: string;
  readonly name: string;
  readonly grantedTo: 'ROLE' | 'USER';
  readonly granteeName: string;
  readonly grantOption: boolean;
  readonly grantedBy: string;
}

/** `granted_on` spells multi-word kinds with underscores (spec §1.4). */
const GRANTED_ON: Readonly<Record<SecurableKind, string>> = {
  USER: 'USER',
  ROLE: 'ROLE',
  INTEGRATION: 'INTEGRATION',
  NETWORK_POLICY: 'NETWORK_POLICY',
  FAILOVER_GROUP: 'FAILOVER_GROUP',
  REPLICATION_GROUP: 'REPLICATION_GROUP',
  CONNECTION: 'CONNECTION',
};

/** The irrevocable SNOWFLAKE database roles SHOW GRANTS TO ROLE PUBLIC lists (docs SHOW GRANTS). */
const PUBLIC_DATABASE_ROLES = [
  'ALERT_VIEWER',
  'CLASSIFICATION_VIEWER',
  'CORE_VIEWER',
  'DATA_PRIVACY_VIEWER',
  'ML_USER',
  'MONITORING_VIEWER',
  'NOTIFICATION_VIEWER',
  'SNOWFLAKE_TEMPLATE_SNOWGIT_VIEWER',
  'SPCS_REGISTRY_VIEWER',
];

interface ObjectInfo {
  readonly kind: SecurableKind;
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly createdOn: number;
}

/** Every object that carries ownership. System roles are owned by nobody (empty owner). */
function* objects(s: AccountState): Generator<ObjectInfo> {
  for (const u of shValues(s.users)) yield { kind: 'USER', id: u.id, name: u.name, owner: u.owner, createdOn: u.createdOn };
  for (const r of shValues(s.roles)) yield { kind: 'ROLE', id: r.id, name: r.name, owner: r.owner, createdOn: r.createdOn };
  for (const i of s.integrations.values()) yield { kind: 'INTEGRATION', id: i.id, name: i.name, owner: i.owner, createdOn: i.createdOn };
  for (const p of s.networkPolicies.values()) yield { kind: 'NETWORK_POLICY', id: p.id, name: p.name, owner: p.owner, createdOn: p.createdOn };
  for (const g of s.failoverGroups.values()) {
    yield { kind: g.type === 'FAILOVER' ? 'FAILOVER_GROUP' : 'REPLICATION_GROUP', id: g.id, name: g.name, owner: g.owner, createdOn: g.createdOn };
  }
  // Connections can only be owned by ACCOUNTADMIN (spec §1.11).
  for (const c of s.connections.values()) yield { kind: 'CONNECTION', id: c.id, name: c.name, owner: 'ACCOUNTADMIN', createdOn: c.createdOn };
}

function ownershipFact(s: AccountState, o: ObjectInfo): Fact | null {
  if (o.owner === '') return null;
  const owner = roleName(s, o.owner);
  return { createdOn: o.createdOn, privilege: 'OWNERSHIP', grantedOn: GRANTED_ON[o.kind], name: o.name, grantedTo: 'ROLE', granteeName: owner, grantOption: true, grantedBy: owner };
}

function privilegeFact(s: AccountState, g: PrivilegeGrant, accountName: string): Fact {
  let grantedOn = 'ACCOUNT';
  let name = accountName;
  if (g.on.kind !== 'ACCOUNT') {
    grantedOn = GRANTED_ON[g.on.kind];
    name = objectName(s, g.on.kind, g.on.id) ?? g.on.id;
  }
  return {
    createdOn: g.at,
    privilege: g.privilege,
    grantedOn,
    name,
    grantedTo: 'ROLE',
    granteeName: roleName(s, g.to),
    grantOption: g.grantOption,
    grantedBy: roleName(s, g.grantedBy),
  };
}

function objectName(s: AccountState, kind: SecurableKind, id: string): string | undefined {
  switch (kind) {
    case 'USER':
      return findUser(s, { id })?.name;
    case 'ROLE':
      return findRole(s, { id })?.name;
    case 'INTEGRATION':
      return findIntegration(s, { id })?.name;
    case 'NETWORK_POLICY':
      return findNetworkPolicy(s, { id })?.name;
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP':
      return s.failoverGroups.get(id)?.name;
    case 'CONNECTION':
      return s.connections.get(id)?.name;
  }
}

/** The system roles' default account privileges: granted by SYSTEM, so `granted_by` is empty. */
function systemFacts(s: AccountState, accountName: string, roleId?: string): Fact[] {
  const out: Fact[] = [];
  for (const [role, privileges] of Object.entries(SYSTEM_PRIVILEGES)) {
    if (roleId !== undefined && role !== roleId) continue;
    const r = findRole(s, { id: role });
    if (!r) continue;
    for (const p of privileges) {
      out.push({ createdOn: r.createdOn, privilege: p, grantedOn: 'ACCOUNT', name: accountName, grantedTo: 'ROLE', granteeName: r.name, grantOption: false, grantedBy: '' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const TO_ROLE_COLUMNS: readonly Column[] = [
  col('created_on', 'timestamp_ltz'),
  col('privilege'),
  col('granted_on'),
  col('name'),
  col('granted_to'),
  col('grantee_name'),
  col('grant_option'),
  col('granted_by'),
];

const OF_ROLE_COLUMNS: readonly Column[] = [col('created_on', 'timestamp_ltz'), col('role'), col('granted_to'), col('grantee_name'), col('granted_by')];

const TO_USER_COLUMNS: readonly Column[] = [
  col('created_on', 'timestamp_ltz'),
  col('privilege'),
  col('granted_on'),
  col('name'),
  col('role'),
  col('granted_to'),
  col('grantee_name'),
  col('grant_option'),
  col('granted_by'),
];

function onColumns(position: 'last' | 'beforeGrantedBy'): Column[] {
  const head = [col('created_on', 'timestamp_ltz'), col('privilege'), col('granted_on'), col('name'), col('granted_to'), col('grantee_name'), col('grant_option')];
  return position === 'last'
    ? [...head, col('granted_by'), col('granted_by_role_type')]
    : [...head, col('granted_by_role_type'), col('granted_by')];
}

const tf = (b: boolean): string => (b ? 'true' : 'false');

function toRoleRow(f: Fact): Cell[] {
  return [f.createdOn, f.privilege, f.grantedOn, f.name, f.grantedTo, f.granteeName, tf(f.grantOption), f.grantedBy];
}

function onRow(f: Fact, position: 'last' | 'beforeGrantedBy'): Cell[] {
  const type = f.grantedBy === '' ? '' : 'ROLE';
  const head: Cell[] = [f.createdOn, f.privilege, f.grantedOn, f.name, f.grantedTo, f.granteeName, tf(f.grantOption)];
  return position === 'last' ? [...head, f.grantedBy, type] : [...head, type, f.grantedBy];
}

/** TO ROLE: by granted_on, then name, then privilege (third-party emulator, live-verified). */
const byOnNamePrivilege = (a: Fact, b: Fact): number =>
  byName(a.grantedOn, b.grantedOn) || byName(a.name, b.name) || byName(a.privilege, b.privilege);
/** ON ...: by grantee_name, then privilege. */
const byGranteePrivilege = (a: Fact, b: Fact): number => byName(a.granteeName, b.granteeName) || byName(a.privilege, b.privilege);

// ---------------------------------------------------------------------------------------------

export function showGrants(ctx: ExecContext, stmt: ShowGrants): Outcome {
  const s = ctx.state;
  const v = viewer(s, ctx.actor);
  const accountName = ctx.account.name;
  const t = stmt.target;
  switch (t.kind) {
    case 'toRole': {
      const role = findRole(s, { name: t.role.name });
      if (!role) return errors.doesNotExist('ROLE', t.role.name);
      const denied = roleAccess(v, role.id, role.owner, role.name);
      if (denied) return denied;
      const facts: Fact[] = [...systemFacts(s, accountName, role.id)];
      for (const g of s.privileges.values()) if (g.to === role.id) facts.push(privilegeFact(s, g, accountName));
      for (const o of objects(s)) {
        if (o.owner !== role.id) continue;
        const f = ownershipFact(s, o);
        if (f) facts.push(f);
      }
      for (const [childId, meta] of role.granted) {
        const child = findRole(s, { id: childId });
        if (!child) continue;
        facts.push({ createdOn: meta.at, privilege: 'USAGE', grantedOn: 'ROLE', name: child.name, grantedTo: 'ROLE', granteeName: role.name, grantOption: false, grantedBy: roleName(s, meta.grantedBy) });
      }
      if (role.id === 'PUBLIC') {
        for (const db of PUBLIC_DATABASE_ROLES) {
          facts.push({ createdOn: role.createdOn, privilege: 'USAGE', grantedOn: 'DATABASE_ROLE', name: db, grantedTo: 'ROLE', granteeName: role.name, grantOption: false, grantedBy: '' });
        }
      }
      return resultSet(TO_ROLE_COLUMNS, facts.sort(byOnNamePrivilege).map(toRoleRow));
    }
    case 'ofRole': {
      const role = findRole(s, { name: t.role.name });
      if (!role) return errors.doesNotExist('ROLE', t.role.name);
      const denied = roleAccess(v, role.id, role.owner, role.name);
      if (denied) return denied;
      const rows: { at: number; to: 'ROLE' | 'USER'; grantee: string; by: string }[] = [];
      for (const parent of shValues(s.roles)) {
        const meta = parent.granted.get(role.id);
        if (meta) rows.push({ at: meta.at, to: 'ROLE', grantee: parent.name, by: roleName(s, meta.grantedBy) });
      }
      for (const [userId, meta] of shEntries(role.users)) {
        const u = findUser(s, { id: userId });
        if (u) rows.push({ at: meta.at, to: 'USER', grantee: u.name, by: roleName(s, meta.grantedBy) });
      }
      rows.sort((a, b) => byName(a.to, b.to) || byName(a.grantee, b.grantee));
      return resultSet(OF_ROLE_COLUMNS, rows.map((r) => [r.at, role.name, r.to, r.grantee, r.by]));
    }
    case 'currentUser':
    case 'toUser': {
      const userName = t.kind === 'toUser' ? t.user.name : ctx.session.user;
      const legacy = ctx.options.showGrantsToUserShape === 'legacy';
      const columns = legacy ? OF_ROLE_COLUMNS : TO_USER_COLUMNS;
      if (userName === null) return resultSet(columns, []);
      const u = findUser(s, { name: userName });
      if (!u) return errors.doesNotExist('USER', userName);
      if (!(v.manageGrants || ctx.session.user === u.name || owns(v, u.owner))) return errors.insufficientPrivileges('USER', u.name);
      const grants = u.roles
        .map((g) => ({ g, role: findRole(s, { id: g.role }) }))
        // PUBLIC is never listed, even after an explicit GRANT ROLE PUBLIC TO USER (spec §1.4).
        .filter((x) => x.role !== undefined && x.role.id !== 'PUBLIC')
        .sort((a, b) => byName(a.role!.name, b.role!.name));
      const rows: Cell[][] = grants.map(({ g, role }) => {
        const by = roleName(s, g.grantedBy);
        // UNCONFIRMED (current shape): a role grant as USAGE on ROLE, the role in both `name` and `role`.
        return legacy ? [g.at, role!.name, 'USER', u.name, by] : [g.at, 'USAGE', 'ROLE', role!.name, role!.name, 'USER', u.name, 'false', by];
      });
      return resultSet(columns, rows);
    }
    case 'on': {
      const position = ctx.options.grantedByRoleTypePosition;
      const on = t.target;
      if (on.kind === 'account') {
        const facts = systemFacts(s, accountName);
        for (const g of s.privileges.values()) if (g.on.kind === 'ACCOUNT') facts.push(privilegeFact(s, g, accountName));
        return resultSet(onColumns(position), facts.sort(byGranteePrivilege).map((f) => onRow(f, position)));
      }
      const kind = SECURABLE[on.objectType];
      if (!kind) return unmodelledObject(on);
      const o = findObject(s, kind, on.name.name);
      if (!o) return errors.doesNotExist(kind, on.name.name);
      const visible = kind === 'ROLE' ? roleAccess(v, o.id, o.owner, o.name) === null : objectVisible(v, kind, o.id, o.owner);
      if (!visible) return errors.insufficientPrivileges(kind, o.name);
      const facts: Fact[] = [];
      const own = ownershipFact(s, o);
      if (own) facts.push(own);
      for (const g of s.privileges.values()) if (g.on.kind === kind && g.on.id === o.id) facts.push(privilegeFact(s, g, accountName));
      if (kind === 'ROLE') {
        // The parents of the role hold USAGE on it; users holding it are under OF ROLE instead.
        for (const parent of shValues(s.roles)) {
          const meta = parent.granted.get(o.id);
          if (meta) facts.push({ createdOn: meta.at, privilege: 'USAGE', grantedOn: 'ROLE', name: o.name, grantedTo: 'ROLE', granteeName: parent.name, grantOption: false, grantedBy: roleName(s, meta.grantedBy) });
        }
      }
      return resultSet(onColumns(position), facts.sort(byGranteePrivilege).map((f) => onRow(f, position)));
    }
  }
}

/**
 * Who may list a role's grants: a role that inherits it, its owner, or MANAGE GRANTS. UNCONFIRMED
 * exact rule; the refusal is 003001 on the role.
 */
function roleAccess(v: Viewer, id: string, owner: string, name: string): SnowflakeError | null {
  if (v.manageGrants || v.roles.all.has(id) || owns(v, owner)) return null;
  return errors.insufficientPrivileges('ROLE', name);
}

function findObject(s: AccountState, kind: SecurableKind, name: string): ObjectInfo | undefined {
  switch (kind) {
    case 'USER': {
      const u = findUser(s, { name });
      return u && { kind, id: u.id, name: u.name, owner: u.owner, createdOn: u.createdOn };
    }
    case 'ROLE': {
      const r = findRole(s, { name });
      return r && { kind, id: r.id, name: r.name, owner: r.owner, createdOn: r.createdOn };
    }
    case 'INTEGRATION': {
      const i = findIntegration(s, { name });
      return i && { kind, id: i.id, name: i.name, owner: i.owner, createdOn: i.createdOn };
    }
    case 'NETWORK_POLICY': {
      const p = findNetworkPolicy(s, { name });
      return p && { kind, id: p.id, name: p.name, owner: p.owner, createdOn: p.createdOn };
    }
    case 'FAILOVER_GROUP':
    case 'REPLICATION_GROUP':
    case 'CONNECTION':
      for (const o of objects(s)) if (o.kind === kind && o.name === name) return o;
      return undefined;
  }
}
