/**
 * Okta's Snowflake app as it talks SCIM (spec §4.3, §10): look a user up by filter before
 * creating it, POST with a placeholder password and `groups: []`, GET then PUT the full profile
 * on updates, PATCH `active` (no path) to deactivate, never DELETE a user, and push groups with a
 * rename (`replace` with `id` inside `value`) sent alongside every membership PATCH.
 */
import { findUser, type Change, type DirectoryUser } from '../directory.ts';
import {
  errorText,
  firstResourceId,
  idOf,
  isSuccess,
  PushConnector,
  ScimHttp,
  type ConnectorEnv,
  type StepOutcome,
} from './connector.ts';
import type { UserDeletion } from '../expected.ts';
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, PATCH_OP, stableToken } from './schemas.ts';

/** Okta's user ids look like `00ujl29u0le5T6Aj10h7`: derived from the directory key, deterministically. */
export function oktaId(key: string, prefix = '00u'): string {
  return `${prefix}${stableToken(key, 17)}`;
}

export class OktaConnector extends PushConnector {
  readonly name: string = 'okta';
  /** Okta never deletes Snowflake users: unassign, suspend and delete all become `active: false`. */
  override readonly userDeletion: UserDeletion = 'deactivate';

  constructor(env: ConnectorEnv) {
    super(new ScimHttp(env, { 'User-Agent': 'Okta SCIM Client 1.0.0' }));
  }

  protected userBody(u: DirectoryUser): Record<string, unknown> {
    return {
      schemas: u.defaultWarehouse !== undefined ? [CORE_USER, ENTERPRISE_USER] : [CORE_USER],
      userName: u.userName,
      name: { givenName: u.givenName, familyName: u.familyName },
      emails: [{ primary: true, value: u.email, type: 'work' }],
      displayName: u.displayName,
      externalId: oktaId(u.key),
      active: u.active,
      ...(u.defaultWarehouse !== undefined ? { [ENTERPRISE_USER]: { defaultWarehouse: u.defaultWarehouse } } : {}),
    };
  }

  /** GET /Users/{id} then PUT the full profile with `id` (Okta's OIN profile update). */
  protected async putUser(u: DirectoryUser): Promise<StepOutcome> {
    const id = this.userIds.get(u.key);
    if (id === undefined) return `user ${u.key} was never provisioned`;
    const got = await this.http.call('GET', `/Users/${encodeURIComponent(id)}`);
    if (!isSuccess(got.status)) return `GET user: ${errorText(got)}`;
    // Okta PUTs back what it read, with its profile written over it.
    const read = typeof got.body === 'object' && got.body !== null ? (got.body as Record<string, unknown>) : {};
    const put = await this.http.call('PUT', `/Users/${encodeURIComponent(id)}`, { ...read, ...this.userBody(u), id });
    return isSuccess(put.status) ? null : `PUT user: ${errorText(put)}`;
  }

  protected async setActive(key: string, active: boolean): Promise<StepOutcome> {
    const id = this.userIds.get(key);
    if (id === undefined) return `user ${key} was never provisioned`;
    const r = await this.http.call('PATCH', `/Users/${encodeURIComponent(id)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active } }],
    });
    return isSuccess(r.status) ? null : `PATCH active: ${errorText(r)}`;
  }

  /** Every group PATCH carries the rename op with the group's id (Okta sends it each time). */
  protected async patchGroup(groupKey: string, ops: readonly unknown[]): Promise<StepOutcome> {
    const id = this.groupIds.get(groupKey);
    const group = this.shadow.groups.find((g) => g.key === groupKey);
    if (id === undefined || group === undefined) return `group ${groupKey} was never pushed`;
    const r = await this.http.call('PATCH', `/Groups/${encodeURIComponent(id)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { id, displayName: group.displayName } }, ...ops],
    });
    return isSuccess(r.status) ? null : `PATCH group: ${errorText(r)}`;
  }

  protected async push(c: Change): Promise<StepOutcome> {
    switch (c.kind) {
      case 'createUser': {
        const filter = ScimHttp.query({ filter: `userName eq ${JSON.stringify(c.user.userName)}`, startIndex: 1, count: 100 });
        const found = await this.http.call('GET', `/Users${filter}`);
        if (!isSuccess(found.status) && found.status !== 404) return `GET users: ${errorText(found)}`;
        const existing = isSuccess(found.status) ? firstResourceId(found.body) : undefined;
        if (existing !== undefined) {
          // Okta links the existing account and pushes its profile over it.
          this.userIds.set(c.user.key, existing);
          return this.putUser(c.user);
        }
        const created = await this.http.call('POST', '/Users', { ...this.userBody(c.user), locale: 'en-US', groups: [], password: `Okta-${stableToken(c.user.key, 12)}!` });
        const id = idOf(created.body);
        if (!isSuccess(created.status) || id === undefined) return `POST user: ${errorText(created)}`;
        this.userIds.set(c.user.key, id);
        return null;
      }
      case 'updateUser':
      case 'renameUser': {
        const before = findUser(this.shadow, c.key);
        if (!before) return `user ${c.key} was never provisioned`;
        const after = c.kind === 'updateUser' ? { ...before, ...c.set } : { ...before, userName: c.userName };
        return this.putUser(after);
      }
      case 'deactivateUser':
      case 'reactivateUser':
        return this.setActive(c.key, c.kind === 'reactivateUser');
      case 'deleteUser': {
        // Unassigning removes the user from pushed groups, then deactivates; Okta never DELETEs.
        const uid = this.userIds.get(c.key);
        if (uid === undefined) return `user ${c.key} was never provisioned`;
        for (const g of this.shadow.groups) {
          if (!g.members.includes(c.key)) continue;
          const r = await this.patchGroup(g.key, [{ op: 'remove', path: `members[value eq ${JSON.stringify(uid)}]` }]);
          if (r !== null) return r;
        }
        return this.setActive(c.key, false);
      }
      case 'createGroup': {
        const filter = ScimHttp.query({ filter: `displayName eq ${JSON.stringify(c.displayName)}` });
        const found = await this.http.call('GET', `/Groups${filter}`);
        const existing = isSuccess(found.status) ? firstResourceId(found.body) : undefined;
        if (existing !== undefined) {
          this.groupIds.set(c.key, existing);
          return null;
        }
        const r = await this.http.call('POST', '/Groups', { schemas: [CORE_GROUP], displayName: c.displayName, members: [] });
        const id = idOf(r.body);
        if (!isSuccess(r.status) || id === undefined) return `POST group: ${errorText(r)}`;
        this.groupIds.set(c.key, id);
        return null;
      }
      case 'renameGroup': {
        const id = this.groupIds.get(c.key);
        if (id === undefined) return `group ${c.key} was never pushed`;
        const r = await this.http.call('PATCH', `/Groups/${encodeURIComponent(id)}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', value: { id, displayName: c.displayName } }],
        });
        return isSuccess(r.status) ? null : `PATCH group: ${errorText(r)}`;
      }
      case 'addMember': {
        const uid = this.userIds.get(c.user);
        const user = findUser(this.shadow, c.user);
        if (uid === undefined || !user) return `user ${c.user} was never provisioned`;
        return this.patchGroup(c.group, [{ op: 'add', path: 'members', value: [{ value: uid, display: user.userName }] }]);
      }
      case 'removeMember': {
        const uid = this.userIds.get(c.user);
        if (uid === undefined) return `user ${c.user} was never provisioned`;
        return this.patchGroup(c.group, [{ op: 'remove', path: `members[value eq ${JSON.stringify(uid)}]` }]);
      }
      case 'deleteGroup':
        return this.deleteResource('group', c.key, 'was never pushed');
    }
  }
}

/** The Okta model as a connector factory. */
export const okta = (env: ConnectorEnv): OktaConnector => new OktaConnector(env);
