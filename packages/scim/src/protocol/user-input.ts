/**
 * POST /Users and PUT /Users/{id} bodies → a {@link UserIntent} in Snowflake property names
 * (spec §2.1–§2.5, §4.1, §4.3, §4.4).
 *
 * Mapping: `userName` → LOGIN_NAME (and NAME unless MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR, when the
 * enterprise `snowflakeUserName` → NAME and is required); `name.givenName`/`familyName` →
 * FIRST_NAME/LAST_NAME (`name.formatted` ignored); `displayName` → DISPLAY_NAME; `emails` → EMAIL
 * (primary, else first); `active` → DISABLED inverted; `password` → PASSWORD (the caller drops it
 * unless the integration has SYNC_PASSWORD); extension `defaultRole`, `defaultWarehouse`,
 * `defaultSecondaryRoles`, `type`, `snowflakeTags`, `allowedInterfaces` under either extension
 * namespace, whichever the client uses (recorded for the response).
 *
 * Read-only attributes (`id`, `meta`, `groups`) are ignored as RFC 7644 §3.5.1 requires, so that
 * Okta's `groups: []` and a PUT echoing a GET body are accepted; `userGroupsOnWrite:
 * 'reject-nonempty'` refuses a non-empty `groups` instead (spec §2.1 says it is immutable).
 */
import { scimError } from './errors.ts';
import { ciObject, isObject, isUnassigned, type CiObject } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import { parsePatchPath } from './path.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_USER_URN, ENTERPRISE_USER_URN, SNOWFLAKE_USER_URN, extensionUrn, type ExtensionNamespace } from './schemas.ts';
import {
  assignUserTarget,
  newSink,
  resolveUserTarget,
  type UserChange,
  type UserMappingContext,
  type UserTag,
  type UserTarget,
  type UserType,
} from './user-attributes.ts';

/** Per-request inputs that are not options: the account parameter that changes the mapping. */
export interface UserInputContext {
  /** Account parameter MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR (spec §2.3; default FALSE). */
  readonly mapScimUsernameToEnterpriseAttr: boolean;
}

/**
 * A create (POST) or full replace (PUT) of a user, in Snowflake property names.
 *
 * Optional properties: a value sets it; `null` leaves it unset (POST) or unsets it (PUT);
 * `undefined` (only on PUT, with `putClearsOmitted: false`) leaves it unchanged. On POST every
 * optional property is a value or null.
 */
export interface UserIntent {
  readonly kind: 'create' | 'replace';
  /** `userName` exactly as sent (for messages; LOGIN_NAME is the stored form). */
  readonly userName: string;
  readonly NAME: string;
  readonly LOGIN_NAME: string;
  /** POST/PUT with `type` absent or null → PERSON (spec §2.2). */
  readonly TYPE: UserType;
  /** POST: absent → false. PUT: absent → undefined (unchanged): a PUT never silently re-enables. */
  readonly DISABLED: boolean | undefined;
  readonly DISPLAY_NAME: string | null | undefined;
  readonly FIRST_NAME: string | null | undefined;
  readonly LAST_NAME: string | null | undefined;
  readonly EMAIL: string | null | undefined;
  /** Only when sent; never cleared by omission. The caller drops it unless SYNC_PASSWORD = TRUE. */
  readonly PASSWORD: string | undefined;
  readonly DEFAULT_ROLE: string | null | undefined;
  readonly DEFAULT_WAREHOUSE: string | null | undefined;
  /** `['ALL']` or `[]` (spec §2.2). */
  readonly DEFAULT_SECONDARY_ROLES: readonly string[] | null | undefined;
  readonly ALLOWED_INTERFACES: readonly string[] | null | undefined;
  /** Always the full set: a PUT omitting a tag removes it (spec §2.2, CONFIRMED). */
  readonly SNOWFLAKE_TAGS: readonly UserTag[];
  readonly externalId: string | null | undefined;
  /** The extension namespace the body used, or null when it had no extension object. */
  readonly extensionNamespace: ExtensionNamespace | null;
}

/** Parse a POST /Users body. Failures are 400s; the caller applies `forUserPost` (409 catch-all). */
export function parseUserCreate(body: unknown, ctx: UserInputContext, options: ScimOptions): Result<UserIntent> {
  return parseUserBody(body, 'create', ctx, options);
}

/** Parse a PUT /Users/{id} body. */
export function parseUserReplace(body: unknown, ctx: UserInputContext, options: ScimOptions): Result<UserIntent> {
  return parseUserBody(body, 'replace', ctx, options);
}

/** Strict mode: `schemas` must list the core User URN and only URNs this endpoint serves (RFC 7643 §3). */
function checkSchemas(view: CiObject): Result<readonly string[]> {
  const schemas = view.value('schemas');
  if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
    return fail(scimError.invalidSyntax('schemas must be an array of schema URNs'));
  }
  const lower = (schemas as string[]).map((s) => s.toLowerCase());
  if (!lower.includes(CORE_USER_URN.toLowerCase())) return fail(scimError.invalidSyntax(`schemas must include ${CORE_USER_URN}`));
  const served = [CORE_USER_URN, ENTERPRISE_USER_URN, SNOWFLAKE_USER_URN].map((s) => s.toLowerCase());
  const unknown = (schemas as string[]).find((s) => !served.includes(s.toLowerCase()));
  if (unknown !== undefined) return fail(scimError.invalidSyntax(`Unsupported schema '${unknown}'`));
  return ok(lower);
}

function parseUserBody(body: unknown, kind: 'create' | 'replace', ctx: UserInputContext, options: ScimOptions): Result<UserIntent> {
  if (!isObject(body)) return fail(scimError.invalidSyntax('The request body must be a JSON object'));
  const view = ciObject(body, 'the User');
  if (!view.ok) return view;
  let declared: readonly string[] | null = null;
  if (options.strict) {
    const schemas = checkSchemas(view.value);
    if (!schemas.ok) return schemas;
    declared = schemas.value;
  }
  // PUT naming an attribute Snowflake lacks is a documented 400 (spec §1.3); POST tolerates IdP extras.
  const reject = options.strict || (kind === 'replace' && options.putRejectsUnknownAttributes);
  const mapping: UserMappingContext = {
    mapScimUsernameToEnterpriseAttr: ctx.mapScimUsernameToEnterpriseAttr,
    unknownAttributes: reject ? 'reject' : 'ignore',
    options,
  };
  const sink = newSink();
  for (const entry of view.value.entries) {
    if (entry.key.toLowerCase() === 'schemas') continue;
    const target = resolveBodyKey(entry.key, options.strict);
    if (target === null) {
      if (reject && !isUnassigned(entry.value)) {
        return fail(scimError.invalidValue(`Attribute '${entry.key}' does not exist in Snowflake`));
      }
      continue;
    }
    if (target.kind === 'readOnly') {
      if (target.name === 'groups' && options.userGroupsOnWrite === 'reject-nonempty' && !isUnassigned(entry.value)) {
        return fail(scimError.mutability('groups is read-only on a User; change membership through /Groups'));
      }
      continue;
    }
    if (target.kind === 'extObject' && declared !== null && !declared.includes(extensionUrn(target.ns).toLowerCase())) {
      return fail(scimError.invalidSyntax(`Extension '${entry.key}' is not listed in schemas`));
    }
    // An unassigned core attribute sets nothing; omission rules below decide what PUT clears.
    if (isUnassigned(entry.value) && target.kind !== 'extObject') continue;
    const r = assignUserTarget(target, entry.value, mapping, sink, 'replace');
    if (!r.ok) return r;
  }
  const folded = foldChanges(sink.changes);
  if (!folded.ok) return folded;
  return buildIntent(kind, body, folded.value, sink.namespace, options);
}

/**
 * Resolve a top-level body key. Plain attribute names and extension URNs are RFC; lenient mode
 * also accepts PATCH-style keys (`name.givenName`, `URN:attr`), which some clients flatten into
 * bodies. Null when the key names nothing Snowflake has.
 */
function resolveBodyKey(key: string, strict: boolean): UserTarget | null {
  // The common case, a plain attribute name (`userName`, `emails`), has no URN, sub-attribute or
  // filter for the path parser to find, and its target never changes: resolved once per mode.
  if (PLAIN_ATTRIBUTE.test(key)) {
    const memo = strict ? STRICT_TARGETS : LENIENT_TARGETS;
    let target = memo.get(key);
    if (target === undefined) {
      const r = resolveUserTarget({ raw: key, schema: 'core', attr: key, filter: null, sub: null }, strict);
      target = r.ok ? r.value : null;
      // Bounded and short keys only, so that hostile bodies cannot make the memo grow.
      if (key.length <= 64) {
        if (memo.size >= TARGET_MEMO_LIMIT) memo.clear();
        memo.set(key, target);
      }
    }
    return target;
  }
  const path = parsePatchPath(key, CORE_USER_URN);
  if (!path.ok) return null;
  const p = path.value;
  if (strict && (p.filter !== null || p.sub !== null || (p.schema !== 'core' && p.attr !== ''))) return null;
  const target = resolveUserTarget(p, strict);
  return target.ok ? target.value : null;
}

/** RFC 7643 ATTRNAME, as path.ts checks it. */
const PLAIN_ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Targets of plain attribute names (targets are immutable, so they are shared). */
const STRICT_TARGETS = new Map<string, UserTarget | null>();
const LENIENT_TARGETS = new Map<string, UserTarget | null>();
const TARGET_MEMO_LIMIT = 256;

type Folded = ReadonlyMap<string, UserChange>;

function changeKey(c: UserChange): string {
  return c.kind === 'addTags' ? 'SNOWFLAKE_TAGS' : c.property;
}

/**
 * One change per property. A body setting the same property twice to different values (e.g.
 * `defaultRole` in both extension namespaces) is ambiguous: 400 invalidValue.
 */
function foldChanges(changes: readonly UserChange[]): Result<Folded> {
  const out = new Map<string, UserChange>();
  for (const c of changes) {
    const key = changeKey(c);
    const previous = out.get(key);
    if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(c)) {
      return fail(scimError.invalidValue(`Conflicting values for ${key}`));
    }
    out.set(key, c);
  }
  return ok(out);
}

function setValue(folded: Folded, property: string): unknown {
  const c = folded.get(property);
  return c !== undefined && c.kind === 'set' ? c.value : undefined;
}

/**
 * A property that may be omitted: its value, null when the body unsets it, `omitted` when absent.
 * Module-level, not a closure in buildIntent: under tsx each named closure costs a defineProperty
 * per call, which showed in the server's profile.
 */
function optional<T>(folded: Folded, property: string, omitted: null | undefined): T | null | undefined {
  const c = folded.get(property);
  if (c === undefined) return omitted;
  return c.kind === 'set' ? (c.value as T) : null;
}

function buildIntent(
  kind: 'create' | 'replace',
  body: Record<string, unknown>,
  folded: Folded,
  namespace: ExtensionNamespace | null,
  options: ScimOptions,
): Result<UserIntent> {
  const login = setValue(folded, 'LOGIN_NAME');
  if (typeof login !== 'string') return fail(scimError.invalidValue('userName is required'));
  const name = setValue(folded, 'NAME');
  if (typeof name !== 'string') {
    // Spec §2.3: with the parameter TRUE "every POST and PUT must include snowflakeUserName".
    return fail(scimError.invalidValue('snowflakeUserName is required when MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR is TRUE'));
  }
  const userName = Object.entries(body).find(([k]) => k.toLowerCase() === 'username')?.[1];
  // Omitted on POST: not set. Omitted on PUT: cleared, or kept with putClearsOmitted false (spec §2.5).
  const omitted = kind === 'create' || options.putClearsOmitted ? null : undefined;
  const disabled = setValue(folded, 'DISABLED');
  const password = setValue(folded, 'PASSWORD');
  const type = setValue(folded, 'TYPE');
  const tags = setValue(folded, 'SNOWFLAKE_TAGS');
  return ok({
    kind,
    userName: typeof userName === 'string' ? userName : login,
    NAME: name,
    LOGIN_NAME: login,
    TYPE: (type as UserType | undefined) ?? 'PERSON',
    DISABLED: typeof disabled === 'boolean' ? disabled : kind === 'create' ? false : undefined,
    DISPLAY_NAME: optional<string>(folded, 'DISPLAY_NAME', omitted),
    FIRST_NAME: optional<string>(folded, 'FIRST_NAME', omitted),
    LAST_NAME: optional<string>(folded, 'LAST_NAME', omitted),
    EMAIL: optional<string>(folded, 'EMAIL', omitted),
    PASSWORD: typeof password === 'string' ? password : undefined,
    DEFAULT_ROLE: optional<string>(folded, 'DEFAULT_ROLE', omitted),
    DEFAULT_WAREHOUSE: optional<string>(folded, 'DEFAULT_WAREHOUSE', omitted),
    DEFAULT_SECONDARY_ROLES: optional<readonly string[]>(folded, 'DEFAULT_SECONDARY_ROLES', omitted),
    ALLOWED_INTERFACES: optional<readonly string[]>(folded, 'ALLOWED_INTERFACES', omitted),
    SNOWFLAKE_TAGS: (tags as readonly UserTag[] | undefined) ?? [],
    externalId: optional<string>(folded, 'externalId', omitted),
    extensionNamespace: namespace,
  });
}
