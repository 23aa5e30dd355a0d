/**
 * Plain user and role records → SCIM JSON resources (spec §4.2).
 *
 * The shape follows Snowflake's documented list example: all three user schema URNs in `schemas`,
 * `userName` as the upper-case LOGIN_NAME, `emails` as `[{primary:true, value}]` without `type`,
 * `meta.created`/`lastModified` as ISO-8601 UTC with seconds and `Z`, and no `meta.location`
 * (unless `metaLocation`). Single-resource bodies are UNCONFIRMED and use the same shape (spec
 * §4.2 recommendation). `password` is never rendered: the record type has no field for it.
 */
import type { Exclusions } from './excluded-attributes.ts';
import { NO_EXCLUSIONS } from './excluded-attributes.ts';
import type { ScimOptions } from './options.ts';
import { CORE_GROUP_URN, CORE_USER_URN, ENTERPRISE_USER_URN, SNOWFLAKE_USER_URN, extensionUrn, type ExtensionNamespace } from './schemas.ts';
import type { UserTag, UserType } from './user-attributes.ts';

/** A role the user is directly granted, for the user's `groups`. */
export interface ScimGroupRef {
  readonly id: string;
  readonly displayName: string;
}

/**
 * A Snowflake user as the SCIM layer sees it. Optional Snowflake properties are null when unset
 * (at their default), so that the extension object appears only when something was set.
 */
export interface ScimUserRecord {
  readonly id: string;
  /** NAME. */
  readonly name: string;
  /** LOGIN_NAME. */
  readonly loginName: string;
  readonly displayName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly disabled: boolean;
  readonly defaultRole: string | null;
  readonly defaultWarehouse: string | null;
  /** `['ALL']`, `[]`, or null when unset. */
  readonly defaultSecondaryRoles: readonly string[] | null;
  readonly allowedInterfaces?: readonly string[] | null;
  readonly snowflakeTags?: readonly UserTag[];
  /** null or PERSON when never set explicitly. */
  readonly type: UserType | null;
  readonly externalId?: string | null;
  /** CREATED_ON, epoch milliseconds. */
  readonly createdOn: number;
  /** UPDATED_ON, epoch milliseconds. */
  readonly updatedOn: number;
  /** Roles directly granted to the user. */
  readonly groups: readonly ScimGroupRef[];
  /** The extension namespace the client last used for this user, or null. */
  readonly extensionNamespace: ExtensionNamespace | null;
}

/** A member of a group: a user directly granted the role (spec §1.5). */
export interface ScimMemberRef {
  readonly id: string;
  /** Usually the member's userName. */
  readonly display: string;
}

/** A Snowflake account role as a SCIM Group. */
export interface ScimGroupRecord {
  readonly id: string;
  readonly displayName: string;
  readonly members: readonly ScimMemberRef[];
  readonly externalId?: string | null;
  readonly createdOn: number;
  readonly updatedOn: number;
}

/** What rendering needs besides the record. */
export interface RenderContext {
  readonly options: Pick<ScimOptions, 'uppercaseUserNames' | 'echoExternalId' | 'extensionEcho' | 'metaLocation'>;
  /** The SCIM base URL, e.g. `https://org-acct.snowflakecomputing.com/scim/v2`; used for `meta.location`. */
  readonly baseUrl?: string;
  readonly exclusions?: Exclusions;
  /** Account parameter MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: render `snowflakeUserName` (= NAME). */
  readonly mapScimUsernameToEnterpriseAttr?: boolean;
}

/**
 * ISO-8601 UTC with seconds and `Z`, no milliseconds, as in the docs (`2024-08-01T18:20:29Z`).
 * A non-finite timestamp renders as the epoch rather than throwing.
 */
export function isoSeconds(epochMs: number): string {
  // Memoized: the simulated clock moves only when told, so renders format the same few instants
  // (created and modified times of the users an IdP works on) again and again.
  let text = ISO.get(epochMs);
  if (text === undefined) {
    const ms = Number.isFinite(epochMs) ? Math.min(Math.max(epochMs, -8.64e15), 8.64e15) : 0;
    text = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (ISO.size >= ISO_LIMIT) ISO.clear();
    ISO.set(epochMs, text);
  }
  return text;
}

const ISO = new Map<number, string>();
const ISO_LIMIT = 256;

function meta(resourceType: 'User' | 'Group', id: string, created: number, modified: number, ctx: RenderContext): Record<string, string> {
  const m: Record<string, string> = { resourceType, created: isoSeconds(created), lastModified: isoSeconds(modified) };
  if (ctx.options.metaLocation && ctx.baseUrl !== undefined) {
    m.location = `${ctx.baseUrl.replace(/\/+$/, '')}/${resourceType}s/${encodeURIComponent(id)}`;
  }
  return m;
}

/** `['ALL']` → "ALL", `[]` → "NONE": the request spellings (spec §2.2). */
function secondaryRolesText(roles: readonly string[]): string {
  return roles.length === 0 ? 'NONE' : roles.join(',');
}

/** The extension attributes a user has set (empty when none is). */
function extensionAttributes(user: ScimUserRecord, ns: ExtensionNamespace, ctx: RenderContext): Record<string, unknown> {
  const ext: Record<string, unknown> = {};
  if (ns === 'enterprise' && ctx.mapScimUsernameToEnterpriseAttr === true) ext.snowflakeUserName = user.name;
  if (user.defaultRole !== null) ext.defaultRole = user.defaultRole;
  if (user.defaultWarehouse !== null) ext.defaultWarehouse = user.defaultWarehouse;
  if (user.defaultSecondaryRoles !== null) ext.defaultSecondaryRoles = secondaryRolesText(user.defaultSecondaryRoles);
  if (user.allowedInterfaces != null && user.allowedInterfaces.length > 0) ext.allowedInterfaces = user.allowedInterfaces.join(',');
  if (user.snowflakeTags !== undefined && user.snowflakeTags.length > 0) {
    ext.snowflakeTags = user.snowflakeTags.map((t) => `${t.tag}:${t.value}`);
  }
  // TYPE is always PERSON by default; it counts as "set" only when it differs.
  if (user.type !== null && user.type !== 'PERSON') ext.type = user.type.toLowerCase();
  return ext;
}

/**
 * Render a user. The extension object goes under the namespace the client used (enterprise when
 * unknown) and, with `extensionEcho: 'when-set'`, only when an extension attribute is set (spec
 * §2.2 recommendation). `groups` is `[{value, display}]` unless excluded.
 */
export function renderUser(user: ScimUserRecord, ctx: RenderContext): Record<string, unknown> {
  const exclusions = ctx.exclusions ?? NO_EXCLUSIONS;
  const out: Record<string, unknown> = {
    schemas: [CORE_USER_URN, SNOWFLAKE_USER_URN, ENTERPRISE_USER_URN],
    id: user.id,
  };
  if (ctx.options.echoExternalId && user.externalId != null) out.externalId = user.externalId;
  out.meta = meta('User', user.id, user.createdOn, user.updatedOn, ctx);
  out.userName = ctx.options.uppercaseUserNames ? user.loginName.toUpperCase() : user.loginName;
  if (user.displayName !== null) out.displayName = user.displayName;
  const name: Record<string, string> = {};
  if (user.firstName !== null) name.givenName = user.firstName;
  if (user.lastName !== null) name.familyName = user.lastName;
  if (Object.keys(name).length > 0) out.name = name;
  if (user.email !== null) out.emails = [{ primary: true, value: user.email }];
  out.active = !user.disabled;
  if (!exclusions.groups) out.groups = user.groups.map((g) => ({ value: g.id, display: g.displayName }));
  const ns = user.extensionNamespace ?? 'enterprise';
  const ext = extensionAttributes(user, ns, ctx);
  if (user.type !== null && user.type === 'PERSON' && ctx.options.extensionEcho === 'always') ext.type = 'person';
  const echo =
    ctx.options.extensionEcho === 'always' || (ctx.options.extensionEcho === 'when-set' && Object.keys(ext).length > 0);
  if (echo) out[extensionUrn(ns)] = ext;
  return out;
}

/** Render a group (role). `members` is `[{value, display}]` unless excluded. */
export function renderGroup(group: ScimGroupRecord, ctx: RenderContext): Record<string, unknown> {
  const exclusions = ctx.exclusions ?? NO_EXCLUSIONS;
  const out: Record<string, unknown> = { schemas: [CORE_GROUP_URN], id: group.id };
  if (ctx.options.echoExternalId && group.externalId != null) out.externalId = group.externalId;
  out.meta = meta('Group', group.id, group.createdOn, group.updatedOn, ctx);
  out.displayName = group.displayName;
  if (!exclusions.members) out.members = group.members.map((m) => ({ value: m.id, display: m.display }));
  return out;
}
