/**
 * Microsoft Entra ID's provisioning service as it talks SCIM to the Snowflake gallery app
 * (spec §4.4, §10): filter by userName before creating; POST with `externalId`, `name.formatted`
 * and `roles: []` and no password; PATCH with capitalised ops (`Replace`, `Add`, `Remove`) and
 * paths (`emails[type eq "work"].value`, `urn:...:extension:2.0:User:defaultWarehouse`); the
 * legacy string booleans (`"False"`) for `active`; DELETE a user only after a hard delete; groups
 * with the Microsoft ADSCIM schema and member objects carrying `"$ref": null`.
 */
import { findUser, type Change, type DirectoryUser, type UserAttributeChanges } from '../directory.ts';
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
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, EXTENSION_USER, MS_ADSCIM_GROUP, PATCH_OP, stableGuid } from './schemas.ts';

export interface EntraOptions {
  /**
   * `legacy` (default): `"op":"Replace"` with the string booleans `"True"`/`"False"`.
   * `aadOptscim062020`: lower-case ops and JSON booleans (the flagged, RFC-compliant behaviour).
   */
  readonly mode?: 'legacy' | 'aadOptscim062020';
}

export class EntraConnector extends PushConnector {
  readonly name: string = 'entra';
  readonly #mode: 'legacy' | 'aadOptscim062020';

  constructor(env: ConnectorEnv, options: EntraOptions = {}) {
    super(new ScimHttp(env, { 'User-Agent': 'Microsoft.Identity.Provisioning' }));
    this.#mode = options.mode ?? 'legacy';
  }

  #op(name: 'Add' | 'Remove' | 'Replace'): string {
    return this.#mode === 'legacy' ? name : name.toLowerCase();
  }

  #bool(value: boolean): boolean | string {
    return this.#mode === 'legacy' ? (value ? 'True' : 'False') : value;
  }

  protected userBody(u: DirectoryUser): Record<string, unknown> {
    return {
      schemas: u.defaultWarehouse !== undefined ? [CORE_USER, ENTERPRISE_USER, EXTENSION_USER] : [CORE_USER, ENTERPRISE_USER],
      externalId: stableGuid(u.key),
      userName: u.userName,
      active: u.active,
      displayName: u.displayName,
      emails: [{ primary: true, type: 'work', value: u.email }],
      meta: { resourceType: 'User' },
      name: { formatted: `${u.givenName} ${u.familyName}`, familyName: u.familyName, givenName: u.givenName },
      roles: [],
      ...(u.defaultWarehouse !== undefined ? { [EXTENSION_USER]: { defaultWarehouse: u.defaultWarehouse } } : {}),
    };
  }

  /** The Replace operations for changed attributes, with Entra's paths. */
  #replaceOps(set: UserAttributeChanges): unknown[] {
    const ops: unknown[] = [];
    const replace = (path: string, value: unknown) => ops.push({ op: this.#op('Replace'), path, value });
    if (set.displayName !== undefined) replace('displayName', set.displayName);
    if (set.email !== undefined) replace('emails[type eq "work"].value', set.email);
    if (set.givenName !== undefined) replace('name.givenName', set.givenName);
    if (set.familyName !== undefined) replace('name.familyName', set.familyName);
    if (set.defaultWarehouse !== undefined) replace(`${EXTENSION_USER}:defaultWarehouse`, set.defaultWarehouse);
    return ops;
  }

  async #patchUser(key: string, ops: readonly unknown[]): Promise<StepOutcome> {
    const id = this.userIds.get(key);
    if (id === undefined) return `user ${key} was never provisioned`;
    if (ops.length === 0) return null;
    const r = await this.http.call('PATCH', `/Users/${encodeURIComponent(id)}`, { schemas: [PATCH_OP], Operations: ops });
    return isSuccess(r.status) ? null : `PATCH user: ${errorText(r)}`;
  }

  async #patchGroup(key: string, ops: readonly unknown[]): Promise<StepOutcome> {
    const id = this.groupIds.get(key);
    if (id === undefined) return `group ${key} was never provisioned`;
    const r = await this.http.call('PATCH', `/Groups/${encodeURIComponent(id)}`, { schemas: [PATCH_OP], Operations: ops });
    return isSuccess(r.status) ? null : `PATCH group: ${errorText(r)}`;
  }

  protected async push(c: Change): Promise<StepOutcome> {
    switch (c.kind) {
      case 'createUser': {
        const found = await this.http.call('GET', `/Users${ScimHttp.query({ filter: `userName eq ${JSON.stringify(c.user.userName)}` })}`);
        if (!isSuccess(found.status)) return `GET users: ${errorText(found)}`;
        const existing = firstResourceId(found.body);
        if (existing !== undefined) {
          // Matched on userName: Entra links the account and updates what differs.
          this.userIds.set(c.user.key, existing);
          const u = c.user;
          return this.#patchUser(u.key, [
            ...this.#replaceOps({ displayName: u.displayName, email: u.email, givenName: u.givenName, familyName: u.familyName, ...(u.defaultWarehouse !== undefined ? { defaultWarehouse: u.defaultWarehouse } : {}) }),
            { op: this.#op('Replace'), path: 'active', value: this.#bool(u.active) },
          ]);
        }
        const created = await this.http.call('POST', '/Users', this.userBody(c.user));
        const id = idOf(created.body);
        if (!isSuccess(created.status) || id === undefined) return `POST user: ${errorText(created)}`;
        this.userIds.set(c.user.key, id);
        return null;
      }
      case 'updateUser':
        return this.#patchUser(c.key, this.#replaceOps(c.set));
      case 'renameUser':
        return this.#patchUser(c.key, [{ op: this.#op('Replace'), path: 'userName', value: c.userName }]);
      case 'deactivateUser':
      case 'reactivateUser':
        return this.#patchUser(c.key, [{ op: this.#op('Replace'), path: 'active', value: this.#bool(c.kind === 'reactivateUser') }]);
      case 'deleteUser':
        // A hard delete in Entra (after the soft-delete period) is the one time it DELETEs.
        return this.deleteResource('user', c.key);
      case 'createGroup': {
        const q = ScimHttp.query({ excludedAttributes: 'members', filter: `displayName eq ${JSON.stringify(c.displayName)}` });
        const found = await this.http.call('GET', `/Groups${q}`);
        if (!isSuccess(found.status)) return `GET groups: ${errorText(found)}`;
        const existing = firstResourceId(found.body);
        if (existing !== undefined) {
          this.groupIds.set(c.key, existing);
          return null;
        }
        const r = await this.http.call('POST', '/Groups', {
          schemas: [CORE_GROUP, MS_ADSCIM_GROUP],
          externalId: stableGuid(c.key),
          displayName: c.displayName,
          meta: { resourceType: 'Group' },
        });
        const id = idOf(r.body);
        if (!isSuccess(r.status) || id === undefined) return `POST group: ${errorText(r)}`;
        this.groupIds.set(c.key, id);
        return null;
      }
      case 'renameGroup':
        return this.#patchGroup(c.key, [{ op: this.#op('Replace'), path: 'displayName', value: c.displayName }]);
      case 'addMember':
      case 'removeMember': {
        const uid = this.userIds.get(c.user);
        if (uid === undefined || (c.kind === 'addMember' && !findUser(this.shadow, c.user))) return `user ${c.user} was never provisioned`;
        return this.#patchGroup(c.group, [{ op: this.#op(c.kind === 'addMember' ? 'Add' : 'Remove'), path: 'members', value: [{ $ref: null, value: uid }] }]);
      }
      case 'deleteGroup':
        return this.deleteResource('group', c.key);
    }
  }
}

/** The Entra model as a connector factory. */
export const entra = (env: ConnectorEnv, options?: EntraOptions): EntraConnector => new EntraConnector(env, options);
