/**
 * The SCIM User attributes Snowflake maps, and how a value sent for one becomes Snowflake user
 * property changes (spec §2.1, §2.2). Shared by POST/PUT ({@link ./user-input.ts}) and PATCH
 * ({@link ./patch.ts}) so that `active: "False"`, `emails`, `defaultSecondaryRoles` etc. mean the
 * same thing in every request shape.
 */
import { scimError } from './errors.ts';
import { asBoolean, ciObject, describeValue, isObject, isUnassigned } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import type { PatchPath } from './path.ts';
import { fail, ok, type Result } from './result.ts';
import type { ExtensionNamespace } from './schemas.ts';

/** Snowflake user TYPE (spec §2.2: person (default), service, service_agent, legacy_service). */
export type UserType = 'PERSON' | 'SERVICE' | 'SERVICE_AGENT' | 'LEGACY_SERVICE';

const USER_TYPES: readonly UserType[] = ['PERSON', 'SERVICE', 'SERVICE_AGENT', 'LEGACY_SERVICE'];

/** One element of `snowflakeTags`: `db.schema.tag:value` split at the first `:`. */
export interface UserTag {
  readonly tag: string;
  readonly value: string;
}

/** User properties that take a string. `externalId` is SCIM-only (no Snowflake column). */
export type UserStringProperty =
  | 'NAME'
  | 'LOGIN_NAME'
  | 'DISPLAY_NAME'
  | 'FIRST_NAME'
  | 'LAST_NAME'
  | 'EMAIL'
  | 'PASSWORD'
  | 'DEFAULT_ROLE'
  | 'DEFAULT_WAREHOUSE'
  | 'externalId';

/** User properties a request can unset. NAME, LOGIN_NAME and TYPE cannot be unset. */
export type UnsettableUserProperty =
  | 'DISPLAY_NAME'
  | 'FIRST_NAME'
  | 'LAST_NAME'
  | 'EMAIL'
  | 'PASSWORD'
  | 'DEFAULT_ROLE'
  | 'DEFAULT_WAREHOUSE'
  | 'DEFAULT_SECONDARY_ROLES'
  | 'ALLOWED_INTERFACES'
  | 'SNOWFLAKE_TAGS'
  | 'DISABLED'
  | 'externalId';

/**
 * One change to a Snowflake user, in Snowflake property names. `unset` returns the property to its
 * default (ALTER USER ... UNSET). `addTags` adds tags to those the user has (PATCH `add` on the
 * multi-valued `snowflakeTags`).
 */
export type UserChange =
  | { readonly kind: 'set'; readonly property: UserStringProperty; readonly value: string }
  | { readonly kind: 'set'; readonly property: 'DISABLED'; readonly value: boolean }
  | { readonly kind: 'set'; readonly property: 'TYPE'; readonly value: UserType }
  | { readonly kind: 'set'; readonly property: 'DEFAULT_SECONDARY_ROLES' | 'ALLOWED_INTERFACES'; readonly value: readonly string[] }
  | { readonly kind: 'set'; readonly property: 'SNOWFLAKE_TAGS'; readonly value: readonly UserTag[] }
  | { readonly kind: 'addTags'; readonly value: readonly UserTag[] }
  | { readonly kind: 'unset'; readonly property: UnsettableUserProperty };

/** The Snowflake custom attributes of the two extension namespaces (spec §2.2). */
export type ExtensionAttribute =
  | 'defaultRole'
  | 'defaultWarehouse'
  | 'defaultSecondaryRoles'
  | 'type'
  | 'snowflakeTags'
  | 'allowedInterfaces'
  | 'snowflakeUserName';

const EXTENSION_ATTRIBUTES: readonly ExtensionAttribute[] = [
  'defaultRole',
  'defaultWarehouse',
  'defaultSecondaryRoles',
  'type',
  'snowflakeTags',
  'allowedInterfaces',
  'snowflakeUserName',
];

/** RFC 7643 enterprise-extension attributes Snowflake has no column for. */
const ENTERPRISE_RFC_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];

/** RFC 7643 core User attributes Snowflake has no column for (Okta sends `locale`, Entra `roles`). */
const CORE_RFC_UNSUPPORTED = [
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'entitlements',
  'roles',
  'x509Certificates',
];

/** Attributes that are read-only on a User (spec §2.1: `groups` is read-only; RFC: id, meta). */
const READ_ONLY = ['id', 'meta', 'groups', 'schemas'];

/** Sub-attributes of `name` that Snowflake ignores (spec §4.4: Entra sends `name.formatted`). */
const NAME_IGNORED = ['formatted', 'middleName', 'honorificPrefix', 'honorificSuffix'];

/** What a path or body key designates on a User. */
export type UserTarget =
  | { readonly kind: 'userName' }
  | { readonly kind: 'name' }
  | { readonly kind: 'nameSub'; readonly sub: 'givenName' | 'familyName' | null }
  | { readonly kind: 'displayName' }
  | { readonly kind: 'emails' }
  | { readonly kind: 'emailEntry' }
  | { readonly kind: 'emailValue' }
  | { readonly kind: 'emailMeta' }
  | { readonly kind: 'active' }
  | { readonly kind: 'password' }
  | { readonly kind: 'externalId' }
  | { readonly kind: 'readOnly'; readonly name: string }
  | { readonly kind: 'unsupported'; readonly name: string }
  | { readonly kind: 'ext'; readonly ns: ExtensionNamespace; readonly attr: ExtensionAttribute }
  | { readonly kind: 'extObject'; readonly ns: ExtensionNamespace };

function findCi<T extends string>(names: readonly T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower);
}

// Module-level helpers, not per-call closures: target resolution runs for every attribute of every request.
function invalidTarget(path: PatchPath, why: string): Result<UserTarget> {
  return fail(scimError.invalidPath(`Invalid path '${path.raw}': ${why}`));
}

/** A target without sub-attributes or filters. */
function simpleTarget(path: PatchPath, target: UserTarget): Result<UserTarget> {
  return path.sub !== null || path.filter !== null ? invalidTarget(path, `'${path.attr}' has no sub-attributes`) : ok(target);
}

/**
 * Resolve a parsed path to what it designates on a User. Unknown attributes are 400 invalidPath;
 * bare `givenName`/`familyName` (Snowflake's own PATCH example, spec §4.1) only when not strict.
 */
export function resolveUserTarget(path: PatchPath, strict: boolean): Result<UserTarget> {
  const { attr, sub, filter } = path;
  if (path.schema !== 'core') {
    if (attr === '') return ok({ kind: 'extObject', ns: path.schema });
    if (sub !== null || filter !== null) return invalidTarget(path, 'extension attributes have no sub-attributes');
    const ext = findCi(EXTENSION_ATTRIBUTES, attr);
    if (ext !== undefined) {
      // snowflakeUserName is documented in the enterprise namespace only (spec §2.2).
      if (ext === 'snowflakeUserName' && path.schema === 'extension' && strict) {
        return invalidTarget(path, 'snowflakeUserName exists only in the enterprise extension');
      }
      return ok({ kind: 'ext', ns: path.schema, attr: ext });
    }
    if (path.schema === 'enterprise' && findCi(ENTERPRISE_RFC_ATTRIBUTES, attr) !== undefined) {
      return ok({ kind: 'unsupported', name: attr });
    }
    return invalidTarget(path, `no attribute '${attr}' in the extension`);
  }
  const readOnly = findCi(READ_ONLY, attr);
  if (readOnly !== undefined) return ok({ kind: 'readOnly', name: readOnly });
  switch (attr.toLowerCase()) {
    case 'username':
      return simpleTarget(path, { kind: 'userName' });
    case 'displayname':
      return simpleTarget(path, { kind: 'displayName' });
    case 'active':
      return simpleTarget(path, { kind: 'active' });
    case 'password':
      return simpleTarget(path, { kind: 'password' });
    case 'externalid':
      return simpleTarget(path, { kind: 'externalId' });
    case 'givenname':
    case 'familyname':
      if (strict) return invalidTarget(path, `'${attr}' is a sub-attribute of name`);
      return simpleTarget(path, { kind: 'nameSub', sub: attr.toLowerCase() === 'givenname' ? 'givenName' : 'familyName' });
    case 'name': {
      if (filter !== null) return invalidTarget(path, 'name is not multi-valued');
      if (sub === null) return ok({ kind: 'name' });
      const known = findCi(['givenName', 'familyName'] as const, sub);
      if (known !== undefined) return ok({ kind: 'nameSub', sub: known });
      if (findCi(NAME_IGNORED, sub) !== undefined) return ok({ kind: 'nameSub', sub: null });
      return invalidTarget(path, `no sub-attribute '${sub}' in name`);
    }
    case 'emails': {
      if (sub === null) return ok(filter === null ? { kind: 'emails' } : { kind: 'emailEntry' });
      const known = findCi(['value', 'type', 'primary', 'display'] as const, sub);
      if (known === undefined) return invalidTarget(path, `no sub-attribute '${sub}' in emails`);
      return ok(known === 'value' ? { kind: 'emailValue' } : { kind: 'emailMeta' });
    }
    default: {
      const unsupported = findCi(CORE_RFC_UNSUPPORTED, attr);
      if (unsupported !== undefined) return ok({ kind: 'unsupported', name: unsupported });
      return invalidTarget(path, `no attribute '${attr}' on User`);
    }
  }
}

/** The inputs that decide how a value maps (account parameter plus options). */
export interface UserMappingContext {
  /** Account parameter MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR (spec §2.3; default FALSE). */
  readonly mapScimUsernameToEnterpriseAttr: boolean;
  /**
   * What a value for an attribute Snowflake does not have does: `ignore` it, or `reject` it with
   * 400 invalidValue. Null values and empty arrays are never rejected (they set nothing).
   */
  readonly unknownAttributes: 'ignore' | 'reject';
  readonly options: Pick<
    ScimOptions,
    'strict' | 'uppercaseUserNames' | 'emailSelection' | 'defaultSecondaryRolesValues'
  >;
}

/** Where changes and the extension namespace used are collected while a request is read. */
export interface UserChangeSink {
  readonly changes: UserChange[];
  /** The first extension namespace the request used (responses echo it, spec §2.2). */
  namespace: ExtensionNamespace | null;
}

/** A fresh sink. */
export function newSink(): UserChangeSink {
  return { changes: [], namespace: null };
}

/** Snowflake identifiers are at most 255 characters (spec snowflake-sql.md §4). */
const MAX_IDENTIFIER = 255;

function stringValue(value: unknown, what: string): Result<string> {
  return typeof value === 'string' ? ok(value) : fail(scimError.invalidValue(`${what} must be a string, got ${describeValue(value)}`));
}

/** NAME/LOGIN_NAME as stored: upper-cased when `uppercaseUserNames` (spec §2.4, observed). */
export function userNameValue(value: unknown, what: string, ctx: UserMappingContext): Result<string> {
  const s = stringValue(value, what);
  if (!s.ok) return s;
  if (s.value.trim() === '') return fail(scimError.invalidValue(`${what} must not be empty`));
  if (s.value.length > MAX_IDENTIFIER) return fail(scimError.invalidValue(`${what} is longer than ${MAX_IDENTIFIER} characters`));
  return ok(ctx.options.uppercaseUserNames ? s.value.toUpperCase() : s.value);
}

/** Parse a TYPE value, case-insensitively. */
export function parseUserType(value: unknown): Result<UserType> {
  if (typeof value !== 'string') return fail(scimError.invalidValue(`type must be a string, got ${describeValue(value)}`));
  const upper = value.trim().toUpperCase();
  const t = USER_TYPES.find((u) => u === upper);
  return t !== undefined
    ? ok(t)
    : fail(scimError.invalidValue(`Invalid type '${value}'; expected person, service, service_agent or legacy_service`));
}

/**
 * `defaultSecondaryRoles` (spec §2.2): "ALL" → ('ALL'); "NONE" or "" → () — unless the
 * `all-only` reading of the CONFLICT is chosen. Lenient mode also takes a JSON array `["ALL"]`.
 */
export function parseSecondaryRoles(value: unknown, ctx: UserMappingContext): Result<readonly string[]> {
  let token: string | null = null;
  if (typeof value === 'string') token = value.trim().toUpperCase();
  else if (!ctx.options.strict && Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') {
    token = value[0].trim().toUpperCase();
  }
  if (token === 'ALL') return ok(['ALL']);
  if ((token === 'NONE' || token === '') && ctx.options.defaultSecondaryRolesValues === 'all-none-empty') return ok([]);
  const allowed = ctx.options.defaultSecondaryRolesValues === 'all-only' ? '"ALL"' : '"ALL", "NONE" or ""';
  return fail(scimError.invalidValue(`Invalid defaultSecondaryRoles ${describeValue(value)}; expected ${allowed}`));
}

/** `allowedInterfaces`: a comma-delimited list (spec §2.2), upper-cased; lenient also takes an array. */
export function parseAllowedInterfaces(value: unknown, ctx: UserMappingContext): Result<readonly string[]> {
  let items: readonly unknown[];
  if (typeof value === 'string') items = value.split(',');
  else if (!ctx.options.strict && Array.isArray(value)) items = value;
  else return fail(scimError.invalidValue(`allowedInterfaces must be a comma-delimited string, got ${describeValue(value)}`));
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return fail(scimError.invalidValue(`allowedInterfaces entries must be strings`));
    const name = item.trim().toUpperCase();
    if (name === '') continue;
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) return fail(scimError.invalidValue(`Invalid interface '${item.trim()}' in allowedInterfaces`));
    if (!out.includes(name)) out.push(name);
  }
  return ok(out);
}

/**
 * `snowflakeTags`: an array of `db.schema.tag:value`, each naming a different tag (spec §2.2).
 * Lenient mode also takes a single string. Tag names compare upper-cased (unquoted identifiers).
 */
export function parseTags(value: unknown, ctx: UserMappingContext): Result<readonly UserTag[]> {
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (!ctx.options.strict && typeof value === 'string') items = [value];
  else return fail(scimError.invalidValue(`snowflakeTags must be an array of strings, got ${describeValue(value)}`));
  const out: UserTag[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') return fail(scimError.invalidValue(`snowflakeTags entries must be strings, got ${describeValue(item)}`));
    const colon = item.indexOf(':');
    const tag = colon < 0 ? '' : item.slice(0, colon).trim();
    const parts = tag.split('.');
    if (colon < 0 || tag === '' || (!tag.includes('"') && (parts.length !== 3 || parts.some((p) => p.trim() === '')))) {
      return fail(scimError.invalidValue(`Invalid snowflakeTags entry '${item}'; expected db.schema.tag:value`));
    }
    const key = tag.includes('"') ? tag : tag.toUpperCase();
    if (seen.has(key)) return fail(scimError.invalidValue(`snowflakeTags names tag '${tag}' more than once`));
    seen.add(key);
    out.push({ tag, value: item.slice(colon + 1) });
  }
  return ok(out);
}

/** One email entry as sent. */
interface EmailEntry {
  readonly value: string;
  readonly primary: boolean;
}

function parseEmailEntry(entry: unknown, ctx: UserMappingContext): Result<EmailEntry | null> {
  // Lenient: a bare string is an email address.
  if (typeof entry === 'string' && !ctx.options.strict) return ok({ value: entry, primary: false });
  if (!isObject(entry)) return fail(scimError.invalidValue(`emails entries must be objects, got ${describeValue(entry)}`));
  const view = ciObject(entry, 'an emails entry');
  if (!view.ok) return view;
  const value = view.value.value('value');
  const primaryRaw = view.value.value('primary');
  let primary = false;
  if (primaryRaw !== undefined && primaryRaw !== null) {
    const b = asBoolean(primaryRaw, ctx.options.strict);
    if (b === null) return fail(scimError.invalidValue(`emails.primary must be a boolean, got ${describeValue(primaryRaw)}`));
    primary = b;
  }
  for (const key of ['type', 'display'] as const) {
    const v = view.value.value(key);
    if (v !== undefined && v !== null && typeof v !== 'string') return fail(scimError.invalidValue(`emails.${key} must be a string`));
  }
  if (value === undefined || value === null) return ok(null);
  if (typeof value !== 'string') return fail(scimError.invalidValue(`emails.value must be a string, got ${describeValue(value)}`));
  return ok({ value, primary });
}

/**
 * The single EMAIL Snowflake keeps from a multi-valued `emails` (spec §2.1: no multi-valued user
 * attributes). `primary-then-first` (default, UNCONFIRMED): the `primary: true` entry, else the
 * first. Null when no entry has a value. Strict mode refuses two primaries (RFC 7643 §2.4).
 */
export function selectEmail(value: unknown, ctx: UserMappingContext): Result<string | null> {
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (!ctx.options.strict && (isObject(value) || typeof value === 'string')) items = [value];
  else return fail(scimError.invalidValue(`emails must be an array, got ${describeValue(value)}`));
  const entries: EmailEntry[] = [];
  for (const item of items) {
    const e = parseEmailEntry(item, ctx);
    if (!e.ok) return e;
    if (e.value !== null) entries.push(e.value);
  }
  const primaries = entries.filter((e) => e.primary);
  if (ctx.options.strict && primaries.length > 1) return fail(scimError.invalidValue('More than one email is marked primary'));
  const chosen = ctx.options.emailSelection === 'primary-then-first' ? (primaries[0] ?? entries[0]) : entries[0];
  return ok(chosen?.value ?? null);
}

function setString(sink: UserChangeSink, property: UserStringProperty, value: string): void {
  sink.changes.push({ kind: 'set', property, value });
}

function unset(sink: UserChangeSink, property: UnsettableUserProperty): void {
  sink.changes.push({ kind: 'unset', property });
}

function useNamespace(sink: UserChangeSink, ns: ExtensionNamespace): void {
  if (sink.namespace === null) sink.namespace = ns;
}

/** A string-or-null attribute: string → set, null → unset, anything else → 400 invalidValue. */
function assignOptionalString(sink: UserChangeSink, property: UnsettableUserProperty & UserStringProperty, value: unknown, what: string): Result<void> {
  if (value === null) {
    unset(sink, property);
    return ok(undefined);
  }
  const s = stringValue(value, what);
  if (!s.ok) return s;
  setString(sink, property, s.value);
  return ok(undefined);
}

/**
 * Record the changes for "attribute `target` now has `value`" (POST/PUT attribute, PATCH add or
 * replace). A null value (or []) unassigns the attribute (RFC 7644 §3.5.2.3), except `type`, whose
 * null leaves TYPE unchanged (spec §2.2). `mode` says whether `add` was used, which matters only
 * for the multi-valued `snowflakeTags`.
 */
export function assignUserTarget(
  target: UserTarget,
  value: unknown,
  ctx: UserMappingContext,
  sink: UserChangeSink,
  mode: 'add' | 'replace',
): Result<void> {
  const unassigned = isUnassigned(value);
  switch (target.kind) {
    case 'userName': {
      if (unassigned) return fail(scimError.invalidValue('userName is required and cannot be null'));
      const name = userNameValue(value, 'userName', ctx);
      if (!name.ok) return name;
      setString(sink, 'LOGIN_NAME', name.value);
      // With the parameter FALSE userName also sets NAME (spec §2.3); with TRUE NAME comes from snowflakeUserName.
      if (!ctx.mapScimUsernameToEnterpriseAttr) setString(sink, 'NAME', name.value);
      return ok(undefined);
    }
    case 'name': {
      if (unassigned) {
        unset(sink, 'FIRST_NAME');
        unset(sink, 'LAST_NAME');
        return ok(undefined);
      }
      if (!isObject(value)) return fail(scimError.invalidValue(`name must be an object, got ${describeValue(value)}`));
      const view = ciObject(value, 'name');
      if (!view.ok) return view;
      for (const entry of view.value.entries) {
        const known = findCi(['givenName', 'familyName'] as const, entry.key);
        if (known !== undefined) {
          const r = assignOptionalString(sink, known === 'givenName' ? 'FIRST_NAME' : 'LAST_NAME', entry.value, `name.${known}`);
          if (!r.ok) return r;
        } else if (findCi(NAME_IGNORED, entry.key) === undefined && ctx.options.strict) {
          return fail(scimError.invalidValue(`No sub-attribute '${entry.key}' in name`));
        }
      }
      return ok(undefined);
    }
    case 'nameSub':
      if (target.sub === null) return ok(undefined);
      return assignOptionalString(sink, target.sub === 'givenName' ? 'FIRST_NAME' : 'LAST_NAME', unassigned ? null : value, `name.${target.sub}`);
    case 'displayName':
      return assignOptionalString(sink, 'DISPLAY_NAME', unassigned ? null : value, 'displayName');
    case 'externalId':
      return assignOptionalString(sink, 'externalId', unassigned ? null : value, 'externalId');
    case 'password':
      return assignOptionalString(sink, 'PASSWORD', unassigned ? null : value, 'password');
    case 'emails':
    case 'emailEntry': {
      if (unassigned) {
        unset(sink, 'EMAIL');
        return ok(undefined);
      }
      const email = selectEmail(value, ctx);
      if (!email.ok) return email;
      if (email.value === null) unset(sink, 'EMAIL');
      else setString(sink, 'EMAIL', email.value);
      return ok(undefined);
    }
    case 'emailValue':
      return assignOptionalString(sink, 'EMAIL', unassigned ? null : value, 'emails.value');
    case 'emailMeta':
      // Snowflake keeps one address and no type/primary flag: nothing to change.
      return ok(undefined);
    case 'active': {
      if (unassigned) {
        unset(sink, 'DISABLED');
        return ok(undefined);
      }
      const b = asBoolean(value, ctx.options.strict);
      if (b === null) return fail(scimError.invalidValue(`active must be a boolean, got ${describeValue(value)}`));
      sink.changes.push({ kind: 'set', property: 'DISABLED', value: !b });
      return ok(undefined);
    }
    case 'readOnly':
      return fail(scimError.mutability(`Attribute '${target.name}' is read-only`));
    case 'unsupported':
      return ctx.unknownAttributes === 'reject' && !unassigned
        ? fail(scimError.invalidValue(`Attribute '${target.name}' does not exist in Snowflake`))
        : ok(undefined);
    case 'extObject': {
      useNamespace(sink, target.ns);
      if (unassigned) return unassignUserTarget(target, ctx, sink);
      if (!isObject(value)) return fail(scimError.invalidValue(`The extension must be an object, got ${describeValue(value)}`));
      const view = ciObject(value, 'the extension object');
      if (!view.ok) return view;
      for (const entry of view.value.entries) {
        const ext = findCi(EXTENSION_ATTRIBUTES, entry.key);
        if (ext === undefined) {
          if (ctx.unknownAttributes === 'reject' && !isUnassigned(entry.value)) {
            return fail(scimError.invalidValue(`Attribute '${entry.key}' does not exist in Snowflake`));
          }
          continue;
        }
        if (ext === 'snowflakeUserName' && target.ns === 'extension' && ctx.options.strict) {
          return fail(scimError.invalidValue('snowflakeUserName exists only in the enterprise extension'));
        }
        const r = assignUserTarget({ kind: 'ext', ns: target.ns, attr: ext }, entry.value, ctx, sink, mode);
        if (!r.ok) return r;
      }
      return ok(undefined);
    }
    case 'ext':
      useNamespace(sink, target.ns);
      return assignExtension(target.attr, unassigned ? null : value, ctx, sink, mode);
  }
}

function assignExtension(
  attr: ExtensionAttribute,
  value: unknown,
  ctx: UserMappingContext,
  sink: UserChangeSink,
  mode: 'add' | 'replace',
): Result<void> {
  switch (attr) {
    case 'defaultRole':
    case 'defaultWarehouse': {
      const property = attr === 'defaultRole' ? 'DEFAULT_ROLE' : 'DEFAULT_WAREHOUSE';
      // Stored verbatim (spec §2.2: Snowflake treats them as case-sensitive); "" means "none".
      if (value === '') value = null;
      return assignOptionalString(sink, property, value, attr);
    }
    case 'defaultSecondaryRoles': {
      if (value === null) {
        unset(sink, 'DEFAULT_SECONDARY_ROLES');
        return ok(undefined);
      }
      const roles = parseSecondaryRoles(value, ctx);
      if (!roles.ok) return roles;
      sink.changes.push({ kind: 'set', property: 'DEFAULT_SECONDARY_ROLES', value: roles.value });
      return ok(undefined);
    }
    case 'allowedInterfaces': {
      if (value === null) {
        unset(sink, 'ALLOWED_INTERFACES');
        return ok(undefined);
      }
      const list = parseAllowedInterfaces(value, ctx);
      if (!list.ok) return list;
      if (list.value.length === 0) unset(sink, 'ALLOWED_INTERFACES');
      else sink.changes.push({ kind: 'set', property: 'ALLOWED_INTERFACES', value: list.value });
      return ok(undefined);
    }
    case 'type': {
      // Spec §2.2: a null type leaves TYPE unchanged on PATCH; POST/PUT default it to PERSON.
      if (value === null) return ok(undefined);
      const t = parseUserType(value);
      if (!t.ok) return t;
      sink.changes.push({ kind: 'set', property: 'TYPE', value: t.value });
      return ok(undefined);
    }
    case 'snowflakeTags': {
      if (value === null) {
        if (mode === 'replace') unset(sink, 'SNOWFLAKE_TAGS');
        return ok(undefined);
      }
      const tags = parseTags(value, ctx);
      if (!tags.ok) return tags;
      sink.changes.push(mode === 'add' ? { kind: 'addTags', value: tags.value } : { kind: 'set', property: 'SNOWFLAKE_TAGS', value: tags.value });
      return ok(undefined);
    }
    case 'snowflakeUserName': {
      // Maps to NAME only with MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = TRUE (spec §2.3); otherwise
      // userName sets NAME and snowflakeUserName is ignored.
      if (!ctx.mapScimUsernameToEnterpriseAttr) return ok(undefined);
      if (value === null) return fail(scimError.invalidValue('snowflakeUserName is required when MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR is TRUE'));
      const name = userNameValue(value, 'snowflakeUserName', ctx);
      if (!name.ok) return name;
      setString(sink, 'NAME', name.value);
      return ok(undefined);
    }
  }
}

/**
 * Record the changes for PATCH `remove` of `target` (RFC 7644 §3.5.2.2). Removing a required or
 * read-only attribute is 400 mutability; removing `type` leaves TYPE unchanged (spec §2.2).
 */
export function unassignUserTarget(target: UserTarget, ctx: UserMappingContext, sink: UserChangeSink): Result<void> {
  switch (target.kind) {
    case 'userName':
      return fail(scimError.mutability('userName is required and cannot be removed'));
    case 'readOnly':
      return fail(scimError.mutability(`Attribute '${target.name}' is read-only`));
    case 'name':
      unset(sink, 'FIRST_NAME');
      unset(sink, 'LAST_NAME');
      return ok(undefined);
    case 'nameSub':
      if (target.sub !== null) unset(sink, target.sub === 'givenName' ? 'FIRST_NAME' : 'LAST_NAME');
      return ok(undefined);
    case 'displayName':
      unset(sink, 'DISPLAY_NAME');
      return ok(undefined);
    case 'emails':
    case 'emailEntry':
    case 'emailValue':
      unset(sink, 'EMAIL');
      return ok(undefined);
    case 'emailMeta':
      return ok(undefined);
    case 'active':
      unset(sink, 'DISABLED');
      return ok(undefined);
    case 'password':
      unset(sink, 'PASSWORD');
      return ok(undefined);
    case 'externalId':
      unset(sink, 'externalId');
      return ok(undefined);
    case 'unsupported':
      return ctx.unknownAttributes === 'reject'
        ? fail(scimError.invalidPath(`Attribute '${target.name}' does not exist in Snowflake`))
        : ok(undefined);
    case 'extObject':
      useNamespace(sink, target.ns);
      for (const attr of ['defaultRole', 'defaultWarehouse', 'defaultSecondaryRoles', 'allowedInterfaces', 'snowflakeTags'] as const) {
        const r = unassignUserTarget({ kind: 'ext', ns: target.ns, attr }, ctx, sink);
        if (!r.ok) return r;
      }
      return ok(undefined);
    case 'ext':
      useNamespace(sink, target.ns);
      switch (target.attr) {
        case 'type':
          return ok(undefined);
        case 'snowflakeUserName':
          return ctx.mapScimUsernameToEnterpriseAttr
            ? fail(scimError.mutability('snowflakeUserName is required when MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR is TRUE'))
            : ok(undefined);
        case 'defaultRole':
          unset(sink, 'DEFAULT_ROLE');
          return ok(undefined);
        case 'defaultWarehouse':
          unset(sink, 'DEFAULT_WAREHOUSE');
          return ok(undefined);
        case 'defaultSecondaryRoles':
          unset(sink, 'DEFAULT_SECONDARY_ROLES');
          return ok(undefined);
        case 'allowedInterfaces':
          unset(sink, 'ALLOWED_INTERFACES');
          return ok(undefined);
        case 'snowflakeTags':
          unset(sink, 'SNOWFLAKE_TAGS');
          return ok(undefined);
      }
  }
}
