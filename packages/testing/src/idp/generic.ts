/**
 * A plain RFC 7644 client (a custom provisioning tool): POST to create and, on 409, find the
 * existing resource by filter and take it over; PUT the full resource on updates; PATCH `active`
 * with a path; PATCH groups with lower-case ops and `members[value eq "id"]` removals; DELETE
 * users and groups. No vendor quirks: what the RFC says and Snowflake's docs show.
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
import { CORE_GROUP, CORE_USER, EXTENSION_USER, PATCH_OP } from './schemas.ts';

export class GenericConnector extends PushConnector {
  readonly name: string = 'generic';

  constructor(env: ConnectorEnv) {
    super(new ScimHttp(env, { 'User-Agent': 'snowglobe-generic-scim/1.0' }));
  }

  protected userBody(u: DirectoryUser): Record<string, unknown> {
    return {
      schemas: u.defaultWarehouse !== undefined ? [CORE_USER, EXTENSION_USER] : [CORE_USER],
      userName: u.userName,
      externalId: u.key,
      name: { givenName: u.givenName, familyName: u.familyName },
      displayName: u.displayName,
      emails: [{ value: u.email, primary: true }],
      active: u.active,
      ...(u.defaultWarehouse !== undefined ? { [EXTENSION_USER]: { defaultWarehouse: u.defaultWarehouse } } : {}),
    };
  }

  async #put(u: DirectoryUser): Promise<StepOutcome> {
    const id = this.userIds.get(u.key);
    if (id === undefined) return `user ${u.key} was never provisioned`;
    const r = await this.http.call('PUT', `/Users/${encodeURIComponent(id)}`, { ...this.userBody(u), id });
    return isSuccess(r.status) ? null : `PUT user: ${errorText(r)}`;
  }

  async #patch(resource: 'Users' | 'Groups', id: string | undefined, ops: readonly unknown[]): Promise<StepOutcome> {
    if (id === undefined) return `${resource} object was never provisioned`;
    const r = await this.http.call('PATCH', `/${resource}/${encodeURIComponent(id)}`, { schemas: [PATCH_OP], Operations: ops });
    return isSuccess(r.status) ? null : `PATCH ${resource}: ${errorText(r)}`;
  }

  protected async push(c: Change): Promise<StepOutcome> {
    switch (c.kind) {
      case 'createUser': {
        const r = await this.http.call('POST', '/Users', this.userBody(c.user));
        const id = idOf(r.body);
        if (isSuccess(r.status) && id !== undefined) {
          this.userIds.set(c.user.key, id);
          return null;
        }
        if (r.status !== 409) return `POST user: ${errorText(r)}`;
        // Already there (a retry after a lost response, or pre-provisioned): take it over.
        const found = await this.http.call('GET', `/Users${ScimHttp.query({ filter: `userName eq ${JSON.stringify(c.user.userName)}` })}`);
        const existing = isSuccess(found.status) ? firstResourceId(found.body) : undefined;
        if (existing === undefined) return `POST user: ${errorText(r)}`;
        this.userIds.set(c.user.key, existing);
        return this.#put(c.user);
      }
      case 'updateUser':
      case 'renameUser': {
        const before = findUser(this.shadow, c.key);
        if (!before) return `user ${c.key} was never provisioned`;
        return this.#put(c.kind === 'updateUser' ? { ...before, ...c.set } : { ...before, userName: c.userName });
      }
      case 'deactivateUser':
      case 'reactivateUser':
        return this.#patch('Users', this.userIds.get(c.key), [{ op: 'replace', path: 'active', value: c.kind === 'reactivateUser' }]);
      case 'deleteUser':
        return this.deleteResource('user', c.key);
      case 'createGroup': {
        const r = await this.http.call('POST', '/Groups', { schemas: [CORE_GROUP], displayName: c.displayName, externalId: c.key });
        const id = idOf(r.body);
        if (isSuccess(r.status) && id !== undefined) {
          this.groupIds.set(c.key, id);
          return null;
        }
        if (r.status !== 409) return `POST group: ${errorText(r)}`;
        const found = await this.http.call('GET', `/Groups${ScimHttp.query({ filter: `displayName eq ${JSON.stringify(c.displayName)}` })}`);
        const existing = isSuccess(found.status) ? firstResourceId(found.body) : undefined;
        if (existing === undefined) return `POST group: ${errorText(r)}`;
        this.groupIds.set(c.key, existing);
        return null;
      }
      case 'renameGroup':
        return this.#patch('Groups', this.groupIds.get(c.key), [{ op: 'replace', path: 'displayName', value: c.displayName }]);
      case 'addMember': {
        const uid = this.userIds.get(c.user);
        if (uid === undefined) return `user ${c.user} was never provisioned`;
        return this.#patch('Groups', this.groupIds.get(c.group), [{ op: 'add', path: 'members', value: [{ value: uid }] }]);
      }
      case 'removeMember': {
        const uid = this.userIds.get(c.user);
        if (uid === undefined) return `user ${c.user} was never provisioned`;
        return this.#patch('Groups', this.groupIds.get(c.group), [{ op: 'remove', path: `members[value eq ${JSON.stringify(uid)}]` }]);
      }
      case 'deleteGroup':
        return this.deleteResource('group', c.key);
    }
  }
}

/** The generic RFC 7644 model as a connector factory. */
export const generic = (env: ConnectorEnv): GenericConnector => new GenericConnector(env);
