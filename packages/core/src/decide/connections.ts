import type { CommandOf } from '../commands.ts';
import { errors, type SnowflakeError } from '../errors.ts';
import type { Connection } from '../model/replication.ts';
import type { AccountState } from '../state.ts';
import { normalizeAccountRef } from '../replication/names.ts';
import { activeRoles, isAccountAdmin } from './access.ts';
import type { DecideContext, Decision } from './context.ts';
import { done } from './context.ts';

/** Connection names start with a letter and hold letters, digits and underscores (spec §2.8). */
export const CONNECTION_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A connection of this account by name. */
export function findConnection(s: AccountState, name: string): Connection | undefined {
  for (const c of s.connections.values()) if (c.name === name) return c;
  return undefined;
}

/**
 * CREATE CONNECTION (primary form): ACCOUNTADMIN only (spec §2.8). A fresh primary may fail over
 * to its own account only. That the name is unique across the organization's connections and
 * account names is checked by the organization before this runs.
 */
export function createConnection(cmd: CommandOf<'CreateConnection'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  if (cmd.replicaOf !== undefined) return errors.requiresOrganization('CREATE CONNECTION ... AS REPLICA OF');
  if (!isAccountAdmin(activeRoles(s, ctx.actor).forCreate)) return errors.insufficientPrivileges('ACCOUNT', ctx.account.locator);
  if (!CONNECTION_NAME.test(cmd.name)) return errors.invalidConnectionName(cmd.name);
  if (findConnection(s, cmd.name)) {
    if (cmd.ifNotExists) return { events: [], output: { kind: 'exists', name: cmd.name } };
    return errors.alreadyExists(cmd.name);
  }
  const self = `${ctx.account.org}.${ctx.account.name}`.toUpperCase();
  const id = ctx.ids.id();
  const connection: Connection = {
    id,
    name: cmd.name,
    comment: cmd.comment ?? null,
    createdOn: ctx.now,
    isPrimary: true,
    primaryAccount: self,
    failoverAllowedTo: [self],
    epoch: 0,
  };
  return { events: [{ type: 'ConnectionCreated', connection }], output: { kind: 'created', id, replaced: false } };
}

/** The connection an ALTER / DROP addresses, after the ACCOUNTADMIN check. */
function target(name: string, ifExists: boolean | undefined, s: AccountState, ctx: DecideContext): Connection | Decision | SnowflakeError {
  const c = findConnection(s, name);
  if (!c) {
    if (ifExists) return { events: [], output: { kind: 'missing', name } };
    return errors.doesNotExist('CONNECTION', name);
  }
  if (!isAccountAdmin(activeRoles(s, ctx.actor).all)) return errors.insufficientPrivileges('CONNECTION', c.name);
  return c;
}

const isConnection = (x: Connection | Decision | SnowflakeError): x is Connection => 'failoverAllowedTo' in x;

/**
 * ALTER CONNECTION: the forms that change only this account. Region and existence of the
 * accounts ENABLE FAILOVER names are checked by the organization (003813).
 */
export function alterConnection(cmd: CommandOf<'AlterConnection'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const a = cmd.action;
  if (a.kind === 'primary') return errors.requiresOrganization('ALTER CONNECTION ... PRIMARY');
  const c = target(cmd.name, cmd.ifExists, s, ctx);
  if (!isConnection(c)) return c;
  const altered = (changes: Partial<Omit<Connection, 'id'>>): Decision => done([{ type: 'ConnectionAltered', id: c.id, changes }]);
  const self = `${ctx.account.org}.${ctx.account.name}`.toUpperCase();
  switch (a.kind) {
    case 'enableFailover':
    case 'disableFailover': {
      if (!c.isPrimary) return errors.groupNotPrimary('Connection', c.name, `ALTER CONNECTION ... ${a.kind === 'enableFailover' ? 'ENABLE' : 'DISABLE'} FAILOVER`);
      if (a.kind === 'disableFailover' && a.accounts === null) {
        // DISABLE FAILOVER with no list leaves only the primary's own account (OBS T2).
        return c.failoverAllowedTo.length === 1 && c.failoverAllowedTo[0] === self ? done([]) : altered({ failoverAllowedTo: [self] });
      }
      const refs: string[] = [];
      for (const raw of a.accounts ?? []) {
        const ref = normalizeAccountRef(raw, ctx.account.org);
        if (!ref) return errors.doesNotExist('ACCOUNT', raw.toUpperCase());
        refs.push(ref);
      }
      const next =
        a.kind === 'enableFailover'
          ? [...c.failoverAllowedTo, ...refs.filter((r, i) => !c.failoverAllowedTo.includes(r) && refs.indexOf(r) === i)]
          : c.failoverAllowedTo.filter((r) => r === self || !refs.includes(r));
      return next.length === c.failoverAllowedTo.length ? done([]) : altered({ failoverAllowedTo: next });
    }
    case 'setComment':
      return altered({ comment: a.comment });
    case 'unsetComment':
      return altered({ comment: null });
    default: {
      const never: never = a;
      return never;
    }
  }
}

/** DROP CONNECTION: ACCOUNTADMIN only; a primary with secondaries is refused by the organization. */
export function dropConnection(cmd: CommandOf<'DropConnection'>, s: AccountState, ctx: DecideContext): Decision | SnowflakeError {
  const c = target(cmd.name, cmd.ifExists, s, ctx);
  if (!isConnection(c)) return c;
  return { events: [{ type: 'ConnectionDropped', id: c.id }], output: { kind: 'dropped', name: c.name } };
}
