/**
 * PATCH /Groups/{id} → an ordered list of {@link GroupChange}s (spec §3.2, §4.3, §4.4, §10).
 *
 * Accepted shapes:
 * - rename: Okta `{"op":"replace","value":{"id":"<groupId>","displayName":"x"}}` (sent with every
 *   membership change; `id` must be the group's own), Entra `{"op":"Replace","path":"displayName","value":"x"}`,
 *   Snowflake's `{"op":"replace","value":{"displayName":"x"}}`;
 * - add members: `{"op":"add","path":"members","value":[{"value":id,"display":..}]}` (Okta),
 *   `{"op":"Add","path":"members","value":[{"$ref":null,"value":id}]}` (Entra), and Snowflake's
 *   documented path-less `{"op":"add","value":[{"value":id}]}`;
 * - remove members: `{"op":"remove","path":"members[value eq \"id\"]"}` (Okta, flagged Entra),
 *   `{"op":"Remove","path":"members","value":[{"$ref":null,"value":id}]}` (legacy Entra), and
 *   `remove` of `members` without a value (all members, RFC 7644 §3.5.2.2);
 * - replace members: `{"op":"replace","path":"members","value":[...]}` (spec §4.3, UNCONFIRMED:
 *   on by default, `groupMembersReplace: 'reject'` refuses it).
 */
import type { Filter } from 'scim2-parse-filter';
import { scimError } from './errors.ts';
import { parseMemberIds, roleNameValue } from './group-input.ts';
import { ciObject, describeValue, isObject, isUnassigned } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import { parsePatchOperations, type PatchOperation } from './patch-op.ts';
import { parsePatchPath } from './path.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_GROUP_URN } from './schemas.ts';

/** One change to a group (role), in request order. */
export type GroupChange =
  | { readonly kind: 'rename'; readonly displayName: string }
  | { readonly kind: 'addMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'removeMembers'; readonly ids: readonly string[] }
  /** Make the direct grantees exactly these users (the handler computes the delta). */
  | { readonly kind: 'replaceMembers'; readonly ids: readonly string[] }
  | { readonly kind: 'setExternalId'; readonly value: string | null };

/** Per-request inputs of a group PATCH. */
export interface GroupPatchContext {
  /** The id in the URL: an `id` inside a value must equal it (read-only otherwise). */
  readonly groupId?: string;
}

/** Parse a PATCH /Groups/{id} body. Never throws. */
export function parseGroupPatch(body: unknown, ctx: GroupPatchContext, options: ScimOptions): Result<readonly GroupChange[]> {
  const ops = parsePatchOperations(body, options);
  if (!ops.ok) return ops;
  const changes: GroupChange[] = [];
  for (const [index, op] of ops.value.entries()) {
    const r = applyOperation(op, ctx, options, changes);
    if (!r.ok) return fail({ ...r.error, detail: `Operations[${index}]: ${r.error.detail}` });
  }
  return ok(changes);
}

/**
 * The member ids a `members[...]` filter selects. Only `value eq "id"` comparisons, possibly
 * joined by `or`, can be resolved without the group's state; anything else is 400 invalidFilter
 * (RFC 7644 §3.12: "the specified attribute and filter comparison combination is not supported").
 */
function memberIdsOfFilter(filter: Filter): Result<readonly string[]> {
  if (filter.op === 'or') {
    const ids: string[] = [];
    for (const f of filter.filters) {
      const sub = memberIdsOfFilter(f);
      if (!sub.ok) return sub;
      for (const id of sub.value) if (!ids.includes(id)) ids.push(id);
    }
    return ok(ids);
  }
  if (filter.op === 'eq' && filter.attrPath.toLowerCase() === 'value' && typeof filter.compValue === 'string') {
    return ok([filter.compValue]);
  }
  return fail(scimError.invalidFilter('Only members[value eq "<id>"] filters are supported'));
}

function membersChange(op: 'add' | 'replace', value: unknown, options: ScimOptions, changes: GroupChange[]): Result<void> {
  if (op === 'replace' && options.groupMembersReplace === 'reject') {
    return fail(scimError.invalidPath('replace on members is not supported; use add and remove'));
  }
  const ids = parseMemberIds(value, options);
  if (!ids.ok) return ids;
  if (op === 'replace') changes.push({ kind: 'replaceMembers', ids: ids.value });
  else if (ids.value.length > 0) changes.push({ kind: 'addMembers', ids: ids.value });
  return ok(undefined);
}

function externalIdChange(value: unknown, changes: GroupChange[]): Result<void> {
  if (value !== null && value !== undefined && typeof value !== 'string') {
    return fail(scimError.invalidValue(`externalId must be a string, got ${describeValue(value)}`));
  }
  changes.push({ kind: 'setExternalId', value: typeof value === 'string' ? value : null });
  return ok(undefined);
}

function renameChange(value: unknown, options: ScimOptions, changes: GroupChange[]): Result<void> {
  if (value === null) return fail(scimError.mutability('displayName is required and cannot be removed'));
  const name = roleNameValue(value, options);
  if (!name.ok) return name;
  changes.push({ kind: 'rename', displayName: name.value });
  return ok(undefined);
}

function applyOperation(op: PatchOperation, ctx: GroupPatchContext, options: ScimOptions, changes: GroupChange[]): Result<void> {
  if (op.path === null) {
    if (op.op === 'remove') return fail(scimError.noTarget('remove requires a path'));
    if (!op.hasValue) return fail(scimError.invalidValue(`${op.op} requires a value`));
    // Snowflake's documented `{"op":"add","value":[{"value":"user_id_2"}]}`: a bare member list.
    if (Array.isArray(op.value)) {
      if (options.strict) return fail(scimError.invalidValue(`${op.op} without a path needs an object value`));
      return membersChange(op.op, op.value, options, changes);
    }
    if (!isObject(op.value)) return fail(scimError.invalidValue(`${op.op} without a path needs an object value, got ${describeValue(op.value)}`));
    const view = ciObject(op.value, 'the value');
    if (!view.ok) return view;
    for (const entry of view.value.entries) {
      const r = applyAttribute(op.op, entry.key, entry.value, ctx, options, changes);
      if (!r.ok) return r;
    }
    return ok(undefined);
  }
  const parsed = parsePatchPath(op.path, CORE_GROUP_URN);
  if (!parsed.ok) return parsed;
  const path = parsed.value;
  if (path.schema !== 'core') return fail(scimError.invalidPath(`Invalid path '${op.path}': Groups have no extension attributes`));
  const attr = path.attr.toLowerCase();
  if (attr === 'members') {
    if (path.sub !== null) return fail(scimError.invalidPath(`Invalid path '${op.path}': members sub-attributes cannot be patched`));
    if (path.filter !== null) {
      if (op.op !== 'remove') return fail(scimError.invalidPath(`Invalid path '${op.path}': a filtered members path is only valid for remove`));
      const ids = memberIdsOfFilter(path.filter);
      if (!ids.ok) return ids;
      changes.push({ kind: 'removeMembers', ids: ids.value });
      return ok(undefined);
    }
    if (op.op === 'remove') {
      // Legacy Entra lists the members to remove in `value`; without a value, all members go.
      if (op.hasValue && !(op.value === null)) {
        const ids = parseMemberIds(op.value, options);
        if (!ids.ok) return ids;
        if (ids.value.length > 0) changes.push({ kind: 'removeMembers', ids: ids.value });
        return ok(undefined);
      }
      changes.push({ kind: 'replaceMembers', ids: [] });
      return ok(undefined);
    }
    if (!op.hasValue) return fail(scimError.invalidValue(`${op.op} requires a value`));
    return membersChange(op.op, op.value, options, changes);
  }
  if (path.filter !== null || path.sub !== null) {
    return fail(scimError.invalidPath(`Invalid path '${op.path}': '${path.attr}' has no sub-attributes`));
  }
  if (op.op === 'remove') {
    switch (attr) {
      case 'displayname':
        return fail(scimError.mutability('displayName is required and cannot be removed'));
      case 'externalid':
        return externalIdChange(null, changes);
      case 'id':
      case 'meta':
      case 'schemas':
        return fail(scimError.mutability(`Attribute '${path.attr}' is read-only`));
      default:
        return fail(scimError.invalidPath(`Invalid path '${op.path}': no attribute '${path.attr}' on Group`));
    }
  }
  if (!op.hasValue) return fail(scimError.invalidValue(`${op.op} requires a value`));
  return applyAttribute(op.op, path.attr, op.value, ctx, options, changes);
}

/** add/replace of one top-level Group attribute (from a path, or a key of a path-less value). */
function applyAttribute(
  op: 'add' | 'replace',
  name: string,
  value: unknown,
  ctx: GroupPatchContext,
  options: ScimOptions,
  changes: GroupChange[],
): Result<void> {
  switch (name.toLowerCase()) {
    case 'displayname':
      return renameChange(value, options, changes);
    case 'members':
      return membersChange(op, value, options, changes);
    case 'externalid':
      return externalIdChange(value, changes);
    case 'id':
      // Okta repeats the group's own id in its rename value (spec §4.3): tolerated when equal.
      if (ctx.groupId === undefined || value === ctx.groupId) return ok(undefined);
      return fail(scimError.mutability(`id is read-only (got ${describeValue(value)})`));
    case 'schemas':
    case 'meta':
      if (isUnassigned(value) || !options.strict) return ok(undefined);
      return fail(scimError.mutability(`Attribute '${name}' is read-only`));
    default:
      return options.strict || !isUnassigned(value)
        ? fail(scimError.invalidPath(`No attribute '${name}' on Group`))
        : ok(undefined);
  }
}
