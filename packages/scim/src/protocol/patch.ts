/**
 * PATCH /Users/{id} → an ordered list of {@link UserChange}s (spec §2.5, §4.1, §4.3, §4.4, §10).
 *
 * Accepted shapes, all from real clients:
 * - no path, value object — Okta `{"op":"replace","value":{"active":false}}`; Snowflake's example
 *   with a bare `givenName`; Entra's grouped form with dotted keys (`"name.givenName"`) and
 *   extension objects or `URN:attr` keys;
 * - path forms — `userName`, `name.familyName`, `emails[type eq "work"].value`, `active` (with
 *   `false` or `"False"`), `urn:...:extension:2.0:User:defaultRole` and
 *   `urn:...:enterprise:2.0:User.snowflakeUserName`.
 *
 * `type` follows spec §2.2: replace with null and remove both leave TYPE unchanged. `remove` needs a
 * path (400 noTarget, RFC 7644 §3.5.2.2); removing `userName` or a read-only attribute is 400
 * mutability; an unknown path is 400 invalidPath.
 */
import { scimError } from './errors.ts';
import { ciObject, describeValue, isObject } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import { parsePatchOperations, type PatchOperation } from './patch-op.ts';
import { parsePatchPath } from './path.ts';
import { fail, ok, type Result } from './result.ts';
import { CORE_USER_URN, type ExtensionNamespace } from './schemas.ts';
import {
  assignUserTarget,
  newSink,
  resolveUserTarget,
  unassignUserTarget,
  type UserChange,
  type UserChangeSink,
  type UserMappingContext,
  type UserTarget,
} from './user-attributes.ts';

/** Per-request inputs of a user PATCH. */
export interface UserPatchContext {
  /** Account parameter MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR (spec §2.3). */
  readonly mapScimUsernameToEnterpriseAttr: boolean;
  /** The id in the URL: an `id` inside a no-path value must equal it (read-only otherwise). */
  readonly userId?: string;
}

/** A normalised user PATCH: changes to apply in order, and the extension namespace it used. */
export interface UserPatch {
  readonly changes: readonly UserChange[];
  /** The first extension namespace an operation used, or null. */
  readonly extensionNamespace: ExtensionNamespace | null;
}

/** Parse a PATCH /Users/{id} body. Never throws. */
export function parseUserPatch(body: unknown, ctx: UserPatchContext, options: ScimOptions): Result<UserPatch> {
  const ops = parsePatchOperations(body, options);
  if (!ops.ok) return ops;
  const mapping: UserMappingContext = {
    mapScimUsernameToEnterpriseAttr: ctx.mapScimUsernameToEnterpriseAttr,
    unknownAttributes: options.strict ? 'reject' : 'ignore',
    options,
  };
  const sink = newSink();
  for (const [index, op] of ops.value.entries()) {
    const r = applyOperation(op, ctx, mapping, sink);
    if (!r.ok) {
      return fail({ ...r.error, detail: `Operations[${index}]: ${r.error.detail}` });
    }
  }
  return ok({ changes: sink.changes, extensionNamespace: sink.namespace });
}

function resolve(path: string, strict: boolean): Result<UserTarget> {
  const parsed = parsePatchPath(path, CORE_USER_URN);
  return parsed.ok ? resolveUserTarget(parsed.value, strict) : parsed;
}

function applyOperation(op: PatchOperation, ctx: UserPatchContext, mapping: UserMappingContext, sink: UserChangeSink): Result<void> {
  const strict = mapping.options.strict;
  if (op.op === 'remove') {
    if (op.path === null) return fail(scimError.noTarget('remove requires a path'));
    const target = resolve(op.path, strict);
    if (!target.ok) return target;
    return unassignUserTarget(target.value, mapping, sink);
  }
  if (!op.hasValue) return fail(scimError.invalidValue(`${op.op} requires a value`));
  if (op.path !== null) {
    const target = resolve(op.path, strict);
    if (!target.ok) return target;
    if (target.value.kind === 'readOnly' && target.value.name === 'id' && op.value === ctx.userId) return ok(undefined);
    return assignUserTarget(target.value, op.value, mapping, sink, op.op);
  }
  // No path: the value is a partial resource whose keys are attribute names or paths.
  if (!isObject(op.value)) return fail(scimError.invalidValue(`${op.op} without a path needs an object value, got ${describeValue(op.value)}`));
  const view = ciObject(op.value, 'the value');
  if (!view.ok) return view;
  for (const entry of view.value.entries) {
    const lower = entry.key.toLowerCase();
    if (lower === 'schemas') continue;
    // Tolerate the resource's own id, as Okta sends it for groups (spec §4.3); another id is a change of a read-only attribute.
    if (lower === 'id' && (ctx.userId === undefined || entry.value === ctx.userId)) continue;
    const target = resolve(entry.key, strict);
    if (!target.ok) return target;
    const r = assignUserTarget(target.value, entry.value, mapping, sink, op.op);
    if (!r.ok) return r;
  }
  return ok(undefined);
}
