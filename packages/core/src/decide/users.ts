import type { CommandOf, Ref } from '../commands.ts';
import type { Event, UserRecord } from '../events.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import { USER_DEFAULTS, userRecord, type User, type UserChanges, type UserProperties } from '../model/user.ts';
import type { AccountState } from '../state.ts';
import { sha256Hex } from '../util/sha256.ts';
import { activeRoles, rolesHoldAccountPrivilege, rolesOwn } from './access.ts';
import { type DecideContext, type Decision, findUser, findUserByLogin, refName } from './context.ts';
import { guardReplica } from './replica.ts';

const NEW_USER: Omit<User, 'roles'> = { ...USER_DEFAULTS, id: '', name: '', owner: '', createdOn: 0, updatedOn: 0, scim: undefined };

export function passwordHash(userId: string, password: string): string {
  return sha256Hex(`${userId}:${password}`);
}

/** Properties a user may change on themself (spec §5, Users). */
const SELF_SERVICE: readonly (keyof UserProperties)[] = ['defaultWarehouse', 'defaultNamespace', 'defaultRole', 'defaultSecondaryRoles'];

export function createUser(cmd: CommandOf<'CreateUser'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.orReplace && cmd.ifNotExists) return errors.incompatibleOptions();
  const ro = guardReplica(s, ctx, 'USERS', 'User', cmd.name);
  if (ro) return ro;
  const roles = activeRoles(s, ctx.actor);
  if (!rolesHoldAccountPrivilege(s, roles.forCreate, 'CREATE USER') || roles.primary === undefined) {
    return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  }
  const events: Event[] = [];
  const existing = findUser(s, { name: cmd.name });
  if (existing) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    if (!cmd.orReplace) return errors.alreadyExists(cmd.name);
    if (!rolesOwn(roles.all, existing.owner)) return errors.insufficientPrivileges('USER', existing.name);
    events.push({ type: 'UserDropped', id: existing.id });
  }
  const loginName = cmd.props.loginName ?? cmd.name;
  const clash = findUserByLogin(s, loginName);
  if (clash && clash.id !== existing?.id) return errors.alreadyExists(loginName.toUpperCase());
  const id = ctx.ids.id();
  // Assigning onto a canonical record keeps every user on one hidden class (see userRecord). A
  // property given as undefined keeps its default, as if it were absent.
  const user = userRecord(NEW_USER, []) as { -readonly [K in keyof UserRecord]: UserRecord[K] };
  for (const key of Object.keys(cmd.props) as (keyof UserProperties)[]) {
    const value = cmd.props[key];
    if (value !== undefined) (user as Record<string, unknown>)[key] = value;
  }
  user.loginName = loginName;
  user.id = id;
  user.name = cmd.name;
  // DISPLAY_NAME defaults to the user name (SHOW USERS).
  user.displayName = cmd.props.displayName === undefined ? cmd.name : cmd.props.displayName;
  user.passwordHash = cmd.password ? passwordHash(id, cmd.password) : null;
  user.owner = roles.primary;
  user.createdOn = ctx.now;
  user.updatedOn = ctx.now;
  user.scim = cmd.scim;
  events.push({ type: 'UserCreated', user });
  return { events, output: { kind: 'created', id, replaced: existing !== undefined } };
}

/**
 * The user a command targets, checked for existence (IF EXISTS turns a miss into a no-op), the
 * read-only replica rule and ownership (the owner role, or any role above it in the hierarchy).
 */
function ownedUser(target: Ref, ifExists: boolean | undefined, s: AccountState, ctx: DecideContext, allowSelf = false): User | Decision | SnowflakeError {
  const user = findUser(s, target);
  if (!user) {
    if (ifExists) return { events: [], output: { kind: 'missing', name: refName(target) } };
    return errors.doesNotExist('USER', refName(target));
  }
  const ro = guardReplica(s, ctx, 'USERS', 'User', user.name);
  if (ro) return ro;
  if (!allowSelf && !rolesOwn(activeRoles(s, ctx.actor).all, user.owner)) return errors.insufficientPrivileges('USER', user.name);
  return user;
}

const isUser = (x: User | Decision | SnowflakeError): x is User => 'loginName' in x;

export function alterUser(cmd: CommandOf<'AlterUser'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  // Ownership is checked below: a user may change their own defaults without it.
  const user = ownedUser(cmd.target, cmd.ifExists, s, ctx, true);
  if (!isUser(user)) return user;
  const roles = activeRoles(s, ctx.actor);
  const changes: UserChanges = { ...cmd.set };
  for (const key of cmd.unset ?? []) (changes as Record<string, unknown>)[key] = USER_DEFAULTS[key];
  if (cmd.password !== undefined) changes.passwordHash = cmd.password === null ? null : passwordHash(user.id, cmd.password);
  const self = ctx.actor.user === user.name;
  const selfOnly = Object.keys(changes).every((k) => SELF_SERVICE.includes(k as keyof UserProperties));
  if (!rolesOwn(roles.all, user.owner) && !(self && selfOnly)) return errors.insufficientPrivileges('USER', user.name);
  if (changes.loginName !== undefined) {
    const clash = findUserByLogin(s, changes.loginName);
    if (clash && clash.id !== user.id) return errors.alreadyExists(changes.loginName.toUpperCase());
  }
  return {
    events: [{ type: 'UserAltered', id: user.id, changes, ...(cmd.scim ? { scim: cmd.scim } : {}), at: ctx.now }],
    output: { kind: 'done' },
  };
}

export function renameUser(cmd: CommandOf<'RenameUser'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const user = ownedUser(cmd.target, cmd.ifExists, s, ctx);
  if (!isUser(user)) return user;
  if (cmd.newName === user.name) return { events: [], output: { kind: 'done' } };
  if (findUser(s, { name: cmd.newName })) return errors.alreadyExists(cmd.newName);
  return { events: [{ type: 'UserRenamed', id: user.id, name: cmd.newName, at: ctx.now }], output: { kind: 'done' } };
}

export function dropUser(cmd: CommandOf<'DropUser'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const user = ownedUser(cmd.target, cmd.ifExists, s, ctx);
  if (!isUser(user)) return user;
  return { events: [{ type: 'UserDropped', id: user.id }], output: { kind: 'dropped', name: user.name } };
}
