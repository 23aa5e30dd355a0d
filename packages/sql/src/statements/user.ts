/**
 * CREATE / ALTER / DROP USER, DESC USER and SHOW USERS (spec/snowflake-sql.md §1.1, §1.2, §5).
 * Properties are validated here, before the command reaches core, as Snowflake validates them at
 * compile time: an unknown property is 001420 `invalid property 'X' for 'USER'`, a badly typed
 * value 001008 `invalid value [v] for parameter 'X'`.
 */
import {
  errors,
  findNetworkPolicy,
  findUser,
  sha256Hex,
  shValues,
  snowflakeError,
  USER_DEFAULTS,
  type Account,
  type Event,
  type SnowflakeError,
  type User,
  type UserChanges,
  type UserProperties,
  type UserType,
} from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { applyShowFilter, roleName } from '../names.ts';
import type { AlterUser, CreateUser, DescribeUser, DropUser, Property, PropName, ShowUsers } from '../parse/index.ts';
import { readBool, readInt, readList, readName, readText, written } from '../properties.ts';
import { col, resultSet, type Cell, type Column } from '../result.ts';
import { userDetailsVisible, userDescribable, viewer } from '../visibility.ts';
import { ddlOutcome } from './ddl.ts';

type Key = keyof UserProperties;

/** Free-text properties and their model keys. */
const TEXT: Readonly<Record<string, Key>> = {
  LOGIN_NAME: 'loginName',
  DISPLAY_NAME: 'displayName',
  FIRST_NAME: 'firstName',
  MIDDLE_NAME: 'middleName',
  LAST_NAME: 'lastName',
  EMAIL: 'email',
  COMMENT: 'comment',
  RSA_PUBLIC_KEY: 'rsaPublicKey',
  RSA_PUBLIC_KEY_2: 'rsaPublicKey2',
};

/** Properties naming objects; ALTER USER does not check the objects exist (spec §5, Users). */
const NAMES: Readonly<Record<string, Key>> = {
  DEFAULT_WAREHOUSE: 'defaultWarehouse',
  DEFAULT_NAMESPACE: 'defaultNamespace',
  DEFAULT_ROLE: 'defaultRole',
};

const BOOLS: Readonly<Record<string, Key>> = { MUST_CHANGE_PASSWORD: 'mustChangePassword', DISABLED: 'disabled' };
const INTS: Readonly<Record<string, Key>> = { DAYS_TO_EXPIRY: 'daysToExpiry', MINS_TO_UNLOCK: 'minsToUnlock' };

const OTHER: Readonly<Record<string, Key>> = {
  DEFAULT_SECONDARY_ROLES: 'defaultSecondaryRoles',
  TYPE: 'type',
  NETWORK_POLICY: 'networkPolicy',
};

/**
 * Real Snowflake user properties and parameters snowglobe does not model: refused as unsupported
 * rather than silently dropped.
 */
const UNMODELLED: ReadonlySet<string> = new Set([
  'MINS_TO_BYPASS_MFA', 'EXT_AUTHN_DUO', 'EXT_AUTHN_UID', 'DISABLE_MFA', 'DEFAULT_MFA_METHOD', 'WORKLOAD_IDENTITY',
  'TIMEZONE', 'QUERY_TAG', 'STATEMENT_TIMEOUT_IN_SECONDS', 'QUOTED_IDENTIFIERS_IGNORE_CASE', 'ABORT_DETACHED_QUERY',
  'AUTOCOMMIT', 'DATE_OUTPUT_FORMAT', 'TIMESTAMP_OUTPUT_FORMAT', 'USE_CACHED_RESULT', 'ENABLE_UNREDACTED_QUERY_SYNTAX_ERROR',
]);

const USER_TYPES: readonly UserType[] = ['PERSON', 'SERVICE', 'LEGACY_SERVICE'];

/** What a property list turns into. */
interface UserWrite {
  readonly set: UserChanges;
  readonly unset: Key[];
  /** undefined: not mentioned; null: unset. */
  password: string | null | undefined;
}

function badValue(p: Property): SnowflakeError {
  return errors.invalidParameterValue(written(p.value), p.name);
}

/** Validates one `NAME = value` and records it in `w`. */
function readProperty(ctx: ExecContext, p: Property, w: UserWrite): SnowflakeError | null {
  const set = w.set as Record<string, unknown>;
  const v = p.value;
  const name = p.name;
  if (name === 'PASSWORD') {
    if (v.kind === 'null') w.password = null;
    else if (v.kind === 'string') w.password = v.value;
    else return badValue(p);
    return null;
  }
  const text = TEXT[name];
  if (text) {
    const t = readText(v);
    if (t === undefined) return badValue(p);
    if (t === null) w.unset.push(text);
    else set[text] = t;
    return null;
  }
  const ref = NAMES[name];
  if (ref) {
    if (v.kind === 'null') {
      w.unset.push(ref);
      return null;
    }
    const n = readName(v);
    if (n === undefined) return badValue(p);
    set[ref] = n;
    return null;
  }
  const bool = BOOLS[name];
  if (bool) {
    const b = readBool(v);
    if (b === undefined) return badValue(p);
    set[bool] = b;
    return null;
  }
  const int = INTS[name];
  if (int) {
    if (v.kind === 'null') {
      w.unset.push(int);
      return null;
    }
    const n = readInt(v);
    if (n === undefined) return badValue(p);
    set[int] = n;
    return null;
  }
  switch (name) {
    case 'DEFAULT_SECONDARY_ROLES': {
      // Only ('ALL') and () are accepted (docs CREATE USER).
      const list = v.kind === 'list' ? readList(v) : undefined;
      if (list === undefined) return badValue(p);
      if (list.length === 0) set.defaultSecondaryRoles = [];
      else if (list.length === 1 && list[0]!.toUpperCase() === 'ALL') set.defaultSecondaryRoles = ['ALL'];
      else return badValue(p);
      return null;
    }
    case 'TYPE': {
      if (v.kind === 'null') {
        set.type = null;
        return null;
      }
      const t = readName(v)?.toUpperCase();
      if (!t || !(USER_TYPES as readonly string[]).includes(t)) return badValue(p);
      set.type = t as UserType;
      return null;
    }
    case 'NETWORK_POLICY': {
      if (v.kind === 'null') {
        w.unset.push('networkPolicy');
        return null;
      }
      const n = readName(v);
      if (n === undefined) return badValue(p);
      const policy = findNetworkPolicy(ctx.state, { name: n });
      if (!policy) return errors.doesNotExist('NETWORK_POLICY', n);
      set.networkPolicy = policy.id;
      return null;
    }
  }
  if (UNMODELLED.has(name)) return errors.unsupported(`USER property ${name}`);
  return errors.invalidProperty(name, 'USER');
}

/** SERVICE users have no password and no person names (docs ALTER USER, spec §5). */
const NOT_FOR_SERVICE: readonly [string, Key | 'password'][] = [
  ['PASSWORD', 'password'],
  ['FIRST_NAME', 'firstName'],
  ['MIDDLE_NAME', 'middleName'],
  ['LAST_NAME', 'lastName'],
  ['MUST_CHANGE_PASSWORD', 'mustChangePassword'],
];

/** UNCONFIRMED code and category; the text is from the Terraform provider's tests (spec §2.2). */
function serviceRefusal(prop: string, type: string): SnowflakeError {
  return snowflakeError('InvalidProperty', '001420', '22023', `SQL compilation error:\nCannot set ${prop} on users with TYPE=${type}.`);
}

function checkServiceType(w: UserWrite, existing: User | undefined): SnowflakeError | null {
  const type = w.set.type !== undefined ? w.set.type : (existing?.type ?? null);
  if (type !== 'SERVICE') return null;
  for (const [prop, key] of NOT_FOR_SERVICE) {
    if (key === 'password') {
      if (typeof w.password === 'string') return serviceRefusal(prop, type);
    } else if (key === 'mustChangePassword') {
      if (w.set.mustChangePassword === true) return serviceRefusal(prop, type);
    } else if (typeof w.set[key] === 'string') {
      return serviceRefusal(prop, type);
    }
  }
  return null;
}

function readProperties(ctx: ExecContext, props: readonly Property[]): UserWrite | SnowflakeError {
  const w: UserWrite = { set: {}, unset: [], password: undefined };
  for (const p of props) {
    const e = readProperty(ctx, p, w);
    if (e) return e;
  }
  return w;
}

export function createUser(ctx: ExecContext, stmt: CreateUser): Outcome {
  const w = readProperties(ctx, stmt.properties);
  if ('type' in w) return w;
  const bad = checkServiceType(w, undefined);
  if (bad) return bad;
  const props: UserChanges = { ...w.set };
  for (const k of w.unset) (props as Record<string, unknown>)[k] = USER_DEFAULTS[k];
  // A NULL LOGIN_NAME means the default: the user's name.
  if (props.loginName === '') delete props.loginName;
  const r = ctx.run({
    type: 'CreateUser',
    name: stmt.name.name,
    props,
    ...(typeof w.password === 'string' ? { password: w.password } : {}),
    orReplace: stmt.orReplace,
    ifNotExists: stmt.ifNotExists,
  });
  return ddlOutcome(r, 'create', 'User', stmt.name.name);
}

/** UNSET names: the settable properties; LOGIN_NAME reverts to the user's name. */
function readUnset(names: readonly PropName[], user: User | undefined, w: UserWrite): SnowflakeError | null {
  for (const { name } of names) {
    if (name === 'PASSWORD') {
      w.password = null;
      continue;
    }
    const key = TEXT[name] ?? NAMES[name] ?? BOOLS[name] ?? INTS[name] ?? OTHER[name];
    if (!key) {
      if (UNMODELLED.has(name)) return errors.unsupported(`USER property ${name}`);
      return errors.invalidProperty(name, 'USER');
    }
    if (key === 'loginName') {
      if (user) w.set.loginName = user.name;
    } else {
      w.unset.push(key);
    }
  }
  return null;
}

export function alterUser(ctx: ExecContext, stmt: AlterUser): Outcome {
  const target = { name: stmt.name.name };
  const a = stmt.action;
  const existing = findUser(ctx.state, target);
  switch (a.kind) {
    case 'rename':
      return ddlOutcome(ctx.run({ type: 'RenameUser', target, newName: a.newName.name, ifExists: stmt.ifExists }), 'alter', 'User', stmt.name.name);
    case 'resetPassword':
      // Snowflake answers with a one-time password-reset URL, which has no meaning here.
      return errors.unsupported('ALTER USER ... RESET PASSWORD');
    case 'addPat':
    case 'removePat':
      return errors.unsupported('ALTER USER ... PROGRAMMATIC ACCESS TOKEN');
    case 'set':
    case 'unset': {
      let w: UserWrite;
      if (a.kind === 'set') {
        const read = readProperties(ctx, a.properties);
        if ('type' in read) return read;
        w = read;
        if (w.unset.includes('loginName')) {
          w.unset.splice(w.unset.indexOf('loginName'), 1);
          if (existing) w.set.loginName = existing.name;
        }
      } else {
        w = { set: {}, unset: [], password: undefined };
        const bad = readUnset(a.names, existing, w);
        if (bad) return bad;
      }
      const bad = checkServiceType(w, existing);
      if (bad) return bad;
      const r = ctx.run({
        type: 'AlterUser',
        target,
        ifExists: stmt.ifExists,
        set: w.set,
        unset: w.unset,
        ...(w.password !== undefined ? { password: w.password } : {}),
      });
      return ddlOutcome(r, 'alter', 'User', stmt.name.name);
    }
  }
}

export function dropUser(ctx: ExecContext, stmt: DropUser): Outcome {
  return ddlOutcome(ctx.run({ type: 'DropUser', target: { name: stmt.name.name }, ifExists: stmt.ifExists }), 'drop', 'User', stmt.name.name);
}

// ---------------------------------------------------------------------------------------------
// Times derived from the log (countdowns, last-set times)
// ---------------------------------------------------------------------------------------------

/**
 * When a user property was last given a non-null value: the newest UserCreated / UserAltered for
 * the user that carries it. O(log), so callers ask only for users where the property is set.
 */
function lastSet(account: Account, user: User, key: Key | 'passwordHash'): number {
  const log = account.log;
  for (let i = log.length - 1; i >= 0; i--) {
    const { event, at } = log[i]!;
    if (matches(event, user.id, key)) return at;
  }
  return user.updatedOn;
}

function matches(e: Event, id: string, key: Key | 'passwordHash'): boolean {
  if (e.type === 'UserCreated') return e.user.id === id && e.user[key] !== null;
  if (e.type === 'UserAltered') return e.id === id && (e.changes as Record<string, unknown>)[key] !== undefined && (e.changes as Record<string, unknown>)[key] !== null;
  return false;
}

/** MINS_TO_UNLOCK counts down (set 15, shows 14 right after: the lock ends at set + 15 min). */
function unlock(account: Account, u: User, now: number): { mins: string | null; until: number | null } {
  if (u.minsToUnlock === null) return { mins: null, until: null };
  const until = lastSet(account, u, 'minsToUnlock') + u.minsToUnlock * 60_000;
  if (until <= now) return { mins: null, until: null };
  return { mins: String(Math.floor((until - now - 1) / 60_000)), until };
}

/** DAYS_TO_EXPIRY counts down in fractional days; expired users show 0. */
function expiry(account: Account, u: User, now: number): { days: string | null; at: number | null } {
  if (u.daysToExpiry === null) return { days: null, at: null };
  const at = lastSet(account, u, 'daysToExpiry') + u.daysToExpiry * 86_400_000;
  const remaining = Math.max(0, (at - now - 1) / 86_400_000);
  return { days: String(Math.floor(remaining * 1e5) / 1e5), at };
}

const secondaryRolesText = (roles: readonly string[]): string => JSON.stringify(roles);

// ---------------------------------------------------------------------------------------------
// SHOW USERS
// ---------------------------------------------------------------------------------------------

const USER_COLUMNS: readonly Column[] = [
  col('name'),
  col('created_on', 'timestamp_ltz'),
  col('login_name'),
  col('display_name'),
  col('first_name'),
  col('last_name'),
  col('email'),
  col('mins_to_unlock'),
  col('days_to_expiry'),
  col('comment'),
  col('disabled'),
  col('must_change_password'),
  col('snowflake_lock'),
  col('default_warehouse'),
  col('default_namespace'),
  col('default_role'),
  col('default_secondary_roles'),
  col('ext_authn_duo'),
  col('ext_authn_uid'),
  col('mins_to_bypass_mfa'),
  col('owner'),
  col('last_success_login', 'timestamp_ltz'),
  col('expires_at_time', 'timestamp_ltz'),
  col('locked_until_time', 'timestamp_ltz'),
  col('has_password', 'boolean'),
  col('has_rsa_public_key', 'boolean'),
  col('type'),
  col('has_mfa', 'boolean'),
  col('has_pat', 'boolean'),
  col('has_workload_identity', 'boolean'),
  col('is_from_organization_user', 'boolean'),
];

/** SHOW TERSE USERS (docs SHOW USERS; `org_identity` is listed there, snowglobe has none). */
const TERSE_USER_COLUMNS: readonly Column[] = [
  col('name'),
  col('created_on', 'timestamp_ltz'),
  col('display_name'),
  col('first_name'),
  col('last_name'),
  col('email'),
  col('org_identity'),
  col('comment'),
  col('has_password', 'boolean'),
  col('has_rsa_public_key', 'boolean'),
  col('type'),
  col('has_mfa', 'boolean'),
  col('has_pat', 'boolean'),
  col('has_federated_workload_authentication', 'boolean'),
  col('is_from_organization_user', 'boolean'),
];

const tf = (b: boolean): string => (b ? 'true' : 'false');

/**
 * Every user is listed; a role that neither owns the user nor holds MANAGE GRANTS sees only name,
 * created_on, owner, expires_at_time and locked_until_time, NULL text and false booleans (spec §1.1).
 */
export function showUsers(ctx: ExecContext, stmt: ShowUsers): Outcome {
  const v = viewer(ctx.state, ctx.actor);
  const now = ctx.org.now;
  const users = applyShowFilter([...shValues(ctx.state.users)], (u) => u.name, stmt.filter);
  const rows: Cell[][] = users.map((u) => {
    const full = userDetailsVisible(v, u);
    const lock = unlock(ctx.account, u, now);
    const exp = expiry(ctx.account, u, now);
    const owner = roleName(ctx.state, u.owner);
    const hasPassword = full && u.passwordHash !== null;
    const hasKey = full && (u.rsaPublicKey !== null || u.rsaPublicKey2 !== null);
    if (stmt.terse) {
      if (!full) return [u.name, u.createdOn, null, null, null, null, null, null, false, false, null, false, false, false, false];
      return [u.name, u.createdOn, u.displayName, u.firstName, u.lastName, u.email, null, u.comment, hasPassword, hasKey, u.type, false, false, false, false];
    }
    if (!full) {
      return [
        u.name, u.createdOn, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        owner, null, exp.at, lock.until, false, false, null, false, false, false, false,
      ];
    }
    return [
      u.name,
      u.createdOn,
      // LOGIN_NAME is always shown upper-cased (Terraform observation, spec §1.1).
      u.loginName.toUpperCase(),
      u.displayName,
      u.firstName,
      u.lastName,
      u.email,
      lock.mins,
      exp.days,
      u.comment,
      tf(u.disabled),
      tf(u.mustChangePassword),
      'false',
      u.defaultWarehouse,
      u.defaultNamespace,
      u.defaultRole,
      secondaryRolesText(u.defaultSecondaryRoles),
      'false',
      null,
      null,
      owner,
      null,
      exp.at,
      lock.until,
      hasPassword,
      hasKey,
      u.type,
      false,
      false,
      false,
      false,
    ];
  });
  return resultSet(stmt.terse ? TERSE_USER_COLUMNS : USER_COLUMNS, rows);
}

// ---------------------------------------------------------------------------------------------
// DESC USER
// ---------------------------------------------------------------------------------------------

const DESC_COLUMNS: readonly Column[] = [col('property'), col('value'), col('default'), col('description')];

/** `2020-10-08 01:33:13.430`: DESC prints timestamps as text without a zone (UTC here). */
function descTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the bytes a hex string spells. */
function hexToBase64(hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** `SHA256:<base64>` of the key text (Snowflake hashes the DER bytes; the shape is what matters). */
const fingerprint = (key: string): string => `SHA256:${hexToBase64(sha256Hex(key.replace(/\s+/g, '')))}`;

/**
 * DESC USER: property | value | default | description, in the docs example's order, with its
 * description texts; unset values are the text `null` (spec §1.2). The user themself or an owner
 * may describe; anyone else gets 003001 on the user.
 */
export function describeUser(ctx: ExecContext, stmt: DescribeUser): Outcome {
  const u = findUser(ctx.state, { name: stmt.name.name });
  if (!u) return errors.doesNotExist('USER', stmt.name.name);
  const v = viewer(ctx.state, ctx.actor);
  if (!userDescribable(v, u)) return errors.insufficientPrivileges('USER', u.name);
  const now = ctx.org.now;
  const n = (x: string | null): string => x ?? 'null';
  const passwordSet = u.passwordHash !== null ? descTime(lastSet(ctx.account, u, 'passwordHash')) : 'null';
  const keySet = (key: 'rsaPublicKey' | 'rsaPublicKey2'): string => (u[key] !== null ? descTime(lastSet(ctx.account, u, key)) : 'null');
  const rows: [string, string, string, string][] = [
    ['NAME', u.name, 'null', 'Name'],
    ['COMMENT', n(u.comment), 'null', 'user comment associated to an object in the dictionary'],
    ['DISPLAY_NAME', n(u.displayName), 'null', 'Display name of the associated object'],
    ['TYPE', n(u.type), 'null', 'Type of the account, application package, data exchange, data exchange listing, replication group, secret, network rule, or user.'],
    ['LOGIN_NAME', u.loginName.toUpperCase(), 'null', 'Login name of the user'],
    ['FIRST_NAME', n(u.firstName), 'null', 'First name of the user'],
    ['MIDDLE_NAME', n(u.middleName), 'null', 'Middle name of the user'],
    ['LAST_NAME', n(u.lastName), 'null', 'Last name of the user'],
    ['EMAIL', n(u.email), 'null', 'Email address of the user'],
    ['PASSWORD', u.passwordHash !== null ? '********' : 'null', 'null', 'Password of the user'],
    ['MUST_CHANGE_PASSWORD', tf(u.mustChangePassword), 'false', 'User must change the password'],
    ['DISABLED', tf(u.disabled), 'false', 'Whether the entity is disabled'],
    ['SNOWFLAKE_LOCK', 'false', 'false', 'Whether the user, account, or organization is locked by Snowflake'],
    ['SNOWFLAKE_SUPPORT', 'false', 'false', 'Snowflake Support is allowed to use the user or account'],
    ['DAYS_TO_EXPIRY', n(expiry(ctx.account, u, now).days), 'null', 'User record will be treated as expired after specified number of days'],
    ['MINS_TO_UNLOCK', n(unlock(ctx.account, u, now).mins), 'null', 'Temporary lock on the user will be removed after specified number of minutes'],
    ['DEFAULT_WAREHOUSE', n(u.defaultWarehouse), 'null', 'Default warehouse for this user'],
    ['DEFAULT_NAMESPACE', n(u.defaultNamespace), 'null', 'Default database namespace prefix for this user'],
    ['DEFAULT_ROLE', n(u.defaultRole), 'null', 'Primary principal of user session will be set to this role'],
    // UNCONFIRMED: the value's spelling for ALL (SHOW USERS prints ["ALL"]); the default is [ALL] in the docs.
    ['DEFAULT_SECONDARY_ROLES', secondaryRolesText(u.defaultSecondaryRoles), '[ALL]', 'The secondary roles will be set to all roles provided here.'],
    ['EXT_AUTHN_DUO', 'false', 'false', 'Whether Duo Security is enabled as second factor authentication'],
    ['EXT_AUTHN_UID', 'null', 'null', 'External authentication ID of the user'],
    ['DEFAULT_MFA_METHOD', 'null', 'null', 'Default MFA method for the user'],
    ['HAS_MFA', 'false', 'false', 'Whether the user is enrolled in multi-factor authentication'],
    ['HAS_PAT', 'false', 'false', 'Whether the user has a programmatic access token'],
    ['HAS_FEDERATED_WORKLOAD_AUTHENTICATION', 'false', 'false', 'Reserved for future use'],
    ['MINS_TO_BYPASS_MFA', 'null', 'null', 'Temporary bypass MFA for the user for a specified number of minutes'],
    ['MINS_TO_BYPASS_NETWORK_POLICY', 'null', 'null', 'Temporary bypass network policy on the user for a specified number of minutes'],
    ['RSA_PUBLIC_KEY', n(u.rsaPublicKey), 'null', 'RSA public key of the user'],
    ['RSA_PUBLIC_KEY_FP', u.rsaPublicKey !== null ? fingerprint(u.rsaPublicKey) : 'null', 'null', "Fingerprint of user's RSA public key."],
    ['RSA_PUBLIC_KEY_LAST_SET_TIME', keySet('rsaPublicKey'), 'null', 'The timestamp at which the RSA public key was last set for the user. Defaults to null if no RSA public key has been set yet.'],
    ['RSA_PUBLIC_KEY_2', n(u.rsaPublicKey2), 'null', 'Second RSA public key of the user'],
    ['RSA_PUBLIC_KEY_2_FP', u.rsaPublicKey2 !== null ? fingerprint(u.rsaPublicKey2) : 'null', 'null', "Fingerprint of user's second RSA public key."],
    ['RSA_PUBLIC_KEY_2_LAST_SET_TIME', keySet('rsaPublicKey2'), 'null', 'The timestamp at which the second RSA public key was last set for the user. Defaults to null if no second RSA public key has been set yet.'],
    ['PASSWORD_LAST_SET_TIME', passwordSet, 'null', 'The timestamp on which the last non-null password was set for the user. Default to null if no password has been set yet.'],
    ['CUSTOM_LANDING_PAGE_URL', 'null', 'null', 'Reserved for future use'],
    ['CUSTOM_LANDING_PAGE_URL_FLUSH_NEXT_UI_LOAD', 'false', 'false', 'Reserved for future use'],
    // UNCONFIRMED description: the row is in the current docs' property table, not in its example.
    ['IS_FROM_ORGANIZATION_USER', 'false', 'false', 'Whether the user was imported from a global organization user'],
  ];
  return resultSet(DESC_COLUMNS, rows);
}
