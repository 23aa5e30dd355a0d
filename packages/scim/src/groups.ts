/**
 * /Groups: SCIM groups ↔ Snowflake account roles (spec §3). POST is CREATE ROLE owned by
 * RUN_AS_ROLE; PATCH renames (RENAME ROLE) and changes membership (GRANT / REVOKE ROLE ... TO
 * USER, one command per member); DELETE is DROP ROLE. `members` are the users granted the role
 * directly.
 *
 * A role that already exists cannot be adopted: POST answers 409 whether or not SCIM owns it
 * (spec §3.2: "Existing Snowflake roles cannot be brought under Okta's management").
 *
 * Group `externalId` is stored on create (core's CREATE ROLE takes it) but core has no command to
 * change it afterwards, so PATCH / PUT of `externalId` are accepted and ignored.
 */
import { errors, findRole, findUser, secondaryCarrying, type Role, type SnowflakeError, shKeys } from '@snowglobe/core';
import {
  groupPatchSuccessStatus,
  legacySyntheticListResponse,
  matchesGroup,
  pageResponse,
  paginate,
  pagingMode,
  parseExcludedAttributes,
  parseGroupCreate,
  parseGroupPatch,
  parseGroupReplace,
  parseListFilter,
  parsePaging,
  renderGroup,
  scimError,
  NO_EXCLUSIONS,
  type GroupChange,
  type ScimError,
} from './protocol/index.ts';
import {
  execute,
  failure,
  noContent,
  refused,
  renderContext,
  stateOf,
  success,
  type Outcome,
  type ScimRequestContext,
  type Subject,
} from './context.ts';
import { groupRecord } from './records.ts';
import { owns, rolesInOrder, scopeOf, seesRole, seesUser, type ScimScope } from './scope.ts';

function roleSubject(role: Role): Subject {
  return { id: role.id, name: role.name, domain: 'role' };
}

function render(ctx: ScimRequestContext, role: Role, exclusions = NO_EXCLUSIONS): Record<string, unknown> {
  const state = stateOf(ctx);
  return renderGroup(groupRecord(state, role, ctx.options.uppercaseUserNames), renderContext(ctx, state, exclusions));
}

function scope(ctx: ScimRequestContext): ScimScope {
  return scopeOf(stateOf(ctx), ctx.integration.props.runAsRole);
}

function notFound(ctx: ScimRequestContext, id: string): Outcome {
  return failure(ctx, scimError.notFound(`Group ${id} not found`), { id, domain: 'role' });
}

function visibleRole(ctx: ScimRequestContext, id: string): Role | undefined {
  const role = findRole(stateOf(ctx), { id });
  return role !== undefined && seesRole(scope(ctx), role) ? role : undefined;
}

/** GET /Groups: filter on displayName (eq exact-or-upper-case, sw case-sensitive), paging. */
export function listGroups(ctx: ScimRequestContext): Outcome {
  const params = ctx.url.searchParams;
  const filter = parseListFilter(params.get('filter'), 'Groups', ctx.options);
  if (!filter.ok) return failure(ctx, filter.error, { domain: 'role' });
  const paging = parsePaging(params, ctx.options);
  if (!paging.ok) return failure(ctx, paging.error, { domain: 'role' });
  const exclusions = parseExcludedAttributes(params.get('excludedAttributes'), 'Groups');
  const mode = pagingMode(filter.value, ctx.options);
  if (mode === 'legacy-synthetic') return success(ctx, legacySyntheticListResponse('Groups'), 200, { domain: 'role' }, { results: 1 });
  const state = stateOf(ctx);
  const sc = scope(ctx);
  const f = filter.value;
  let matching: readonly Role[];
  if (f.kind === 'none') matching = [];
  else if (f.kind === 'match' && f.op === 'eq') {
    // O(1): the exact name, then its upper-cased form (spec §1.4), through the NAME index.
    const found: Role[] = [];
    for (const name of new Set([f.value, f.value.toUpperCase()])) {
      const role = findRole(state, { name });
      if (role !== undefined && seesRole(sc, role)) found.push(role);
    }
    matching = found;
  } else matching = rolesInOrder(state).filter((r) => seesRole(sc, r) && matchesGroup(f, { displayName: r.name }));
  const page = paginate(matching, paging.value, mode);
  const rctx = renderContext(ctx, state, exclusions);
  const body = pageResponse({
    ...page,
    resources: page.resources.map((r) => renderGroup(groupRecord(state, r, ctx.options.uppercaseUserNames), rctx)),
  });
  return success(ctx, body, 200, { domain: 'role' }, { results: page.resources.length });
}

/** GET /Groups/{id}; `excludedAttributes=members` honoured (Entra sends it, spec §3.2). */
export function getGroup(ctx: ScimRequestContext, id: string): Outcome {
  const role = visibleRole(ctx, id);
  if (role === undefined) return notFound(ctx, id);
  const exclusions = ctx.options.excludedAttributesOnGet
    ? parseExcludedAttributes(ctx.url.searchParams.get('excludedAttributes'), 'Groups')
    : NO_EXCLUSIONS;
  return success(ctx, render(ctx, role, exclusions), 200, roleSubject(role));
}

/**
 * Check a member id to add. A member must be a user the integration sees (UNCONFIRMED: an unknown
 * or invisible id is 400 invalidValue); a role id is a nested group, refused or skipped per
 * `nestedGroupMembers` (spec §3.2, UNCONFIRMED). Returns whether to grant, or the error.
 */
function memberToAdd(ctx: ScimRequestContext, sc: ScimScope, id: string): boolean | ScimError {
  const user = findUser(sc.state, { id });
  if (user !== undefined && seesUser(sc, user)) return true;
  if (findRole(sc.state, { id }) !== undefined) {
    return ctx.options.nestedGroupMembers === 'ignore'
      ? false
      : scimError.invalidValue(`Member '${id}' is a group; nested groups are not supported`);
  }
  return scimError.invalidValue(`Member '${id}' is not a user of this account`);
}

/** The direct members after `changes`, starting from `current`; removing a non-member is a no-op. */
function membersAfter(ctx: ScimRequestContext, sc: ScimScope, current: ReadonlySet<string>, changes: readonly GroupChange[]): Set<string> | ScimError {
  const members = new Set(current);
  const addAll = (ids: readonly string[], into: Set<string>): ScimError | null => {
    for (const id of ids) {
      const ok = memberToAdd(ctx, sc, id);
      if (typeof ok !== 'boolean') return ok;
      if (ok) into.add(id);
    }
    return null;
  };
  for (const c of changes) {
    switch (c.kind) {
      case 'addMembers': {
        const err = addAll(c.ids, members);
        if (err !== null) return err;
        break;
      }
      case 'removeMembers':
        for (const id of c.ids) members.delete(id);
        break;
      case 'replaceMembers': {
        const next = new Set<string>();
        const err = addAll(c.ids, next);
        if (err !== null) return err;
        members.clear();
        for (const id of next) members.add(id);
        break;
      }
      case 'rename':
      case 'setExternalId':
        break;
    }
  }
  return members;
}

/** The last rename of a change list, if any. */
function renameOf(changes: readonly GroupChange[]): string | null {
  let name: string | null = null;
  for (const c of changes) if (c.kind === 'rename') name = c.displayName;
  return name;
}

/**
 * Apply a rename and a membership delta to an owned role: validated first (ownership, read-only
 * replica, name clash), then RENAME, REVOKEs, GRANTs. Returns null on success.
 */
function applyGroupChanges(
  ctx: ScimRequestContext,
  role: Role,
  changes: readonly GroupChange[],
  method: 'PATCH' | 'PUT',
): Outcome | null {
  const sc = scope(ctx);
  const subject = roleSubject(role);
  const kind = { method, resource: 'Groups' } as const;
  const state = sc.state;
  const fail = (e: SnowflakeError): Outcome => refused(ctx, e, kind, subject);
  if (secondaryCarrying(state, 'ROLES')) return fail(ctx.org.options.readOnlyReplicaError('Role', role.name));
  if (!owns(sc, role.owner)) {
    return fail(errors.insufficientPrivileges('ROLE', role.name, `Your primary role ${ctx.actor.role} must have OWNERSHIP granted on ROLE ${role.name}`));
  }
  const newName = renameOf(changes);
  if (newName !== null && newName !== role.name && findRole(state, { name: newName }) !== undefined) {
    return failure(ctx, scimError.uniqueness(`Group '${newName}' already exists`), subject, errors.alreadyExists(newName).code);
  }
  const current = new Set(shKeys(role.users));
  const after = membersAfter(ctx, sc, current, changes);
  if ('status' in after) return failure(ctx, after, subject);
  const steps: { readonly what: string; readonly run: () => SnowflakeError | null }[] = [];
  const run = (command: Parameters<typeof execute>[1]) => (): SnowflakeError | null => {
    const r = execute(ctx, command);
    return 'type' in r ? r : null;
  };
  if (newName !== null && newName !== role.name) {
    steps.push({ what: `rename to ${newName}`, run: run({ type: 'RenameRole', target: { id: role.id }, newName }) });
  }
  for (const id of current) {
    if (!after.has(id)) steps.push({ what: `revoke from ${id}`, run: run({ type: 'RevokeRole', role: { id: role.id }, from: { kind: 'USER', ref: { id } } }) });
  }
  for (const id of after) {
    if (!current.has(id)) steps.push({ what: `grant to ${id}`, run: run({ type: 'GrantRole', role: { id: role.id }, to: { kind: 'USER', ref: { id } } }) });
  }
  for (const [index, step] of steps.entries()) {
    const e = step.run();
    if (e === null) continue;
    if (index === 0) return fail(e);
    // Unreachable after validation today; if core ever refuses midway, say what was applied.
    const done = steps.slice(0, index).map((s) => s.what).join(', ');
    return refused(ctx, e, kind, subject, (err) => failure(ctx, { ...err, detail: `${err.detail} (already applied: ${done})` }).response);
  }
  return null;
}

/** POST /Groups: CREATE ROLE owned by RUN_AS_ROLE, then a GRANT per member sent. */
export function createGroup(ctx: ScimRequestContext, body: unknown): Outcome {
  const intent = parseGroupCreate(body, ctx.options);
  if (!intent.ok) return failure(ctx, intent.error, { domain: 'role' });
  const { displayName, memberIds, externalId } = intent.value;
  const subject: Subject = { name: displayName, domain: 'role' };
  const sc = scope(ctx);
  const existing = findRole(sc.state, { name: displayName });
  if (existing !== undefined) {
    const detail = owns(sc, existing.owner)
      ? `Group '${displayName}' already exists`
      : `Role '${displayName}' already exists and is not managed by this SCIM integration; existing roles cannot be brought under SCIM management`;
    return failure(ctx, scimError.uniqueness(detail), { ...subject, id: existing.id }, errors.alreadyExists(displayName).code);
  }
  const members = membersAfter(ctx, sc, new Set(), [{ kind: 'addMembers', ids: memberIds }]);
  if ('status' in members) return failure(ctx, members, subject);
  const created = execute(ctx, {
    type: 'CreateRole',
    name: displayName,
    ...(externalId !== null && ctx.options.echoExternalId ? { externalId } : {}),
  });
  if ('type' in created) return refused(ctx, created, { method: 'POST', resource: 'Groups' }, subject);
  const id = created.decision.output.kind === 'created' ? created.decision.output.id : '';
  for (const userId of members) {
    const r = execute(ctx, { type: 'GrantRole', role: { id }, to: { kind: 'USER', ref: { id: userId } } });
    if ('type' in r) {
      return refused(ctx, r, { method: 'POST', resource: 'Groups' }, { ...subject, id }, (err) =>
        failure(ctx, { ...err, detail: `${err.detail} (the role was created; some members were not added)` }).response,
      );
    }
  }
  const role = findRole(stateOf(ctx), { id });
  // Unreachable: core just appended RoleCreated. Kept as a value rather than a throw.
  if (role === undefined) return failure(ctx, scimError.internal('The created group cannot be read back'), { ...subject, id });
  return success(ctx, render(ctx, role), 201, roleSubject(role));
}

/** The successful answer to a group PATCH/PUT: 200 + body for Okta integrations, 204 otherwise (spec §3.2). */
function patched(ctx: ScimRequestContext, id: string, fallback: Role): Outcome {
  const role = findRole(stateOf(ctx), { id }) ?? fallback;
  return groupPatchSuccessStatus(ctx.integration.props.scimClient, ctx.options) === 200
    ? success(ctx, render(ctx, role), 200, roleSubject(role))
    : noContent(roleSubject(role));
}

/** PATCH /Groups/{id}: rename and membership add / remove / replace. */
export function patchGroup(ctx: ScimRequestContext, id: string, body: unknown): Outcome {
  const role = visibleRole(ctx, id);
  if (role === undefined) return notFound(ctx, id);
  const changes = parseGroupPatch(body, { groupId: id }, ctx.options);
  if (!changes.ok) return failure(ctx, changes.error, roleSubject(role));
  const failed = applyGroupChanges(ctx, role, changes.value, 'PATCH');
  return failed ?? patched(ctx, id, role);
}

/** PUT /Groups/{id} (only with `groupPut: 'accept'`): rename plus replace of all members. */
export function replaceGroup(ctx: ScimRequestContext, id: string, body: unknown): Outcome {
  const role = visibleRole(ctx, id);
  if (role === undefined) return notFound(ctx, id);
  const intent = parseGroupReplace(body, ctx.options);
  if (!intent.ok) return failure(ctx, intent.error, roleSubject(role));
  const changes: GroupChange[] = [
    { kind: 'rename', displayName: intent.value.displayName },
    { kind: 'replaceMembers', ids: intent.value.memberIds },
  ];
  const failed = applyGroupChanges(ctx, role, changes, 'PUT');
  if (failed !== null) return failed;
  const after = findRole(stateOf(ctx), { id }) ?? role;
  return success(ctx, render(ctx, after), 200, roleSubject(after));
}

/** DELETE /Groups/{id}: DROP ROLE (spec §3.2); 204 (UNCONFIRMED). */
export function deleteGroup(ctx: ScimRequestContext, id: string): Outcome {
  const role = visibleRole(ctx, id);
  if (role === undefined) return notFound(ctx, id);
  const r = execute(ctx, { type: 'DropRole', target: { id } });
  if ('type' in r) return refused(ctx, r, { method: 'DELETE', resource: 'Groups' }, roleSubject(role));
  return noContent(roleSubject(role));
}
