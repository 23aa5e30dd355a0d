/**
 * POST /Groups (and PUT /Groups/{id} when enabled) bodies → a {@link GroupIntent}. Groups are
 * Snowflake account roles (spec §3): `displayName` is the role name, `members[].value` are ids of
 * users directly granted the role.
 *
 * Okta sends `{schemas:[core Group], displayName, members:[]}` (spec §4.3); Entra adds the
 * non-URN schema `http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group`,
 * `externalId` and `meta` (spec §4.4). Both are accepted.
 */
import { scimError } from './errors.ts';
import { ciObject, describeValue, isObject, isUnassigned } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_GROUP_URN, MS_ADSCIM_GROUP_URI } from './schemas.ts';

/** A create (POST) or full replace (PUT) of a group. */
export interface GroupIntent {
  readonly kind: 'create' | 'replace';
  /** The role name as it will be stored (`roleNameCase`). */
  readonly displayName: string;
  /** Ids of users to grant the role, deduplicated, in request order. */
  readonly memberIds: readonly string[];
  /** null: not set (POST) / cleared (PUT). */
  readonly externalId: string | null;
}

/** Snowflake identifiers are at most 255 characters (spec snowflake-sql.md §4). */
const MAX_IDENTIFIER = 255;

/**
 * A role name from `displayName`: a non-blank string of at most 255 characters, stored verbatim by
 * default (spec §2.4 recommends preserving case, UNCONFIRMED) or upper-cased.
 */
export function roleNameValue(value: unknown, options: Pick<ScimOptions, 'roleNameCase'>): Result<string> {
  if (typeof value !== 'string') return fail(scimError.invalidValue(`displayName must be a string, got ${describeValue(value)}`));
  if (value.trim() === '') return fail(scimError.invalidValue('displayName must not be empty'));
  if (value.length > MAX_IDENTIFIER) return fail(scimError.invalidValue(`displayName is longer than ${MAX_IDENTIFIER} characters`));
  return ok(options.roleNameCase === 'upper' ? value.toUpperCase() : value);
}

/**
 * Member ids from a `members` value: `[{value, display?, $ref?, type?}]` (Okta, Entra with
 * `"$ref": null`). Lenient mode also takes bare id strings and a single member object.
 * Duplicates are dropped.
 */
export function parseMemberIds(value: unknown, options: Pick<ScimOptions, 'strict'>): Result<readonly string[]> {
  if (isUnassigned(value)) return ok([]);
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (!options.strict && (isObject(value) || typeof value === 'string')) items = [value];
  else return fail(scimError.invalidValue(`members must be an array, got ${describeValue(value)}`));
  const ids: string[] = [];
  for (const item of items) {
    let id: unknown;
    if (typeof item === 'string' && !options.strict) id = item;
    else if (isObject(item)) {
      const view = ciObject(item, 'a member');
      if (!view.ok) return view;
      id = view.value.value('value');
      for (const key of ['display', 'type'] as const) {
        const v = view.value.value(key);
        if (v !== undefined && v !== null && typeof v !== 'string') return fail(scimError.invalidValue(`members.${key} must be a string`));
      }
    } else return fail(scimError.invalidValue(`members entries must be objects, got ${describeValue(item)}`));
    if (typeof id !== 'string' || id === '') return fail(scimError.invalidValue(`members.value must be a non-empty string, got ${describeValue(id)}`));
    if (!ids.includes(id)) ids.push(id);
  }
  return ok(ids);
}

/** Parse a POST /Groups body. */
export function parseGroupCreate(body: unknown, options: ScimOptions): Result<GroupIntent> {
  return parseGroupBody(body, 'create', options);
}

/** Parse a PUT /Groups/{id} body (the handler answers 405 unless `groupPut: 'accept'`). */
export function parseGroupReplace(body: unknown, options: ScimOptions): Result<GroupIntent> {
  return parseGroupBody(body, 'replace', options);
}

const KNOWN_GROUP_KEYS = ['schemas', 'id', 'meta', 'displayName', 'members', 'externalId'];

function parseGroupBody(body: unknown, kind: 'create' | 'replace', options: ScimOptions): Result<GroupIntent> {
  if (!isObject(body)) return fail(scimError.invalidSyntax('The request body must be a JSON object'));
  const view = ciObject(body, 'the Group');
  if (!view.ok) return view;
  if (options.strict) {
    const schemas = view.value.value('schemas');
    if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
      return fail(scimError.invalidSyntax('schemas must be an array of schema URNs'));
    }
    const lower = (schemas as string[]).map((s) => s.toLowerCase());
    if (!lower.includes(CORE_GROUP_URN.toLowerCase())) return fail(scimError.invalidSyntax(`schemas must include ${CORE_GROUP_URN}`));
    const unknown = (schemas as string[]).find(
      (s) => s.toLowerCase() !== CORE_GROUP_URN.toLowerCase() && s.toLowerCase() !== MS_ADSCIM_GROUP_URI.toLowerCase(),
    );
    if (unknown !== undefined) return fail(scimError.invalidSyntax(`Unsupported schema '${unknown}'`));
    const extra = view.value.entries.find((e) => !KNOWN_GROUP_KEYS.some((k) => k.toLowerCase() === e.key.toLowerCase()));
    if (extra !== undefined && !isUnassigned(extra.value)) return fail(scimError.invalidValue(`Attribute '${extra.key}' does not exist on Group`));
  }
  const rawName = view.value.value('displayName');
  if (isUnassigned(rawName)) return fail(scimError.invalidValue('displayName is required'));
  const displayName = roleNameValue(rawName, options);
  if (!displayName.ok) return displayName;
  const members = parseMemberIds(view.value.value('members'), options);
  if (!members.ok) return members;
  const rawExternal = view.value.value('externalId');
  if (rawExternal !== undefined && rawExternal !== null && typeof rawExternal !== 'string') {
    return fail(scimError.invalidValue(`externalId must be a string, got ${describeValue(rawExternal)}`));
  }
  return ok({ kind, displayName: displayName.value, memberIds: members.value, externalId: typeof rawExternal === 'string' ? rawExternal : null });
}
