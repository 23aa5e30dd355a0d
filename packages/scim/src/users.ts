/**
 * /Users: SCIM users ↔ Snowflake users (spec §2). One core command per change: CREATE USER on
 * POST; ALTER USER (and RENAME when `userName` / `snowflakeUserName` changes NAME) on PUT and
 * PATCH; DROP USER on DELETE; all run as RUN_AS_ROLE, so core's `decide` enforces ownership,
 * CREATE USER and read-only replicas.
 *
 * Properties snowglobe's account model lacks: `allowedInterfaces` (ALLOWED_INTERFACES) and
 * `snowflakeTags` (no tag objects exist, so every tag "does not exist"). Setting either to a
 * non-empty value is refused with 400 (409 on POST); clearing them is a no-op.
 */
import {
  errors,
  findUser,
  findUserByLogin,
  secondaryCarrying,
  type Command,
  type SnowflakeError,
  type User,
  type UserChanges,
  type UserProperties,
  type UserScimData,
} from '@snowglobe/core';
import {
  forUserPost,
  pageResponse,
  paginate,
  pagingMode,
  parseExcludedAttributes,
  parseListFilter,
  parsePaging,
  parseUserCreate,
  parseUserPatch,
  parseUserReplace,
  patchFailureResponse,
  legacySyntheticListResponse,
  matchesUser,
  renderUser,
  scimError,
  scimErrorResponse,
  type ExtensionNamespace,
  type ScimError,
  type UserChange,
  type UserIntent,
  type UserTag,
  NO_EXCLUSIONS,
} from './protocol/index.ts';
import {
  execute,
  failure,
  mapUsernameToEnterprise,
  noContent,
  refused,
  renderContext,
  stateOf,
  success,
  type Outcome,
  type ScimRequestContext,
  type Subject,
} from './context.ts';
import { namespaceToCore, userRecord } from './records.ts';
import { owns, scopeOf, seesUser, usersInOrder } from './scope.ts';

function userSubject(user: User): Subject {
  return { id: user.id, name: user.name, domain: 'user' };
}

function render(ctx: ScimRequestContext, user: User, exclusions = NO_EXCLUSIONS): Record<string, unknown> {
  const state = stateOf(ctx);
  return renderUser(userRecord(state, user), renderContext(ctx, state, exclusions));
}

function notFound(ctx: ScimRequestContext, id: string): Outcome {
  return failure(ctx, scimError.notFound(`User ${id} not found`), { id, domain: 'user' });
}

/** The visible user with this SCIM id, or undefined (unknown and unowned ids look the same: spec §2.5). */
function visibleUser(ctx: ScimRequestContext, id: string): User | undefined {
  const state = stateOf(ctx);
  const user = findUser(state, { id });
  return user !== undefined && seesUser(scopeOf(state, ctx.integration.props.runAsRole), user) ? user : undefined;
}

/** GET /Users: filter on userName (LOGIN_NAME, case-insensitive), Snowflake's paging numbers. */
export function listUsers(ctx: ScimRequestContext): Outcome {
  const params = ctx.url.searchParams;
  const filter = parseListFilter(params.get('filter'), 'Users', ctx.options);
  if (!filter.ok) return failure(ctx, filter.error, { domain: 'user' });
  const paging = parsePaging(params, ctx.options);
  if (!paging.ok) return failure(ctx, paging.error, { domain: 'user' });
  const exclusions = parseExcludedAttributes(params.get('excludedAttributes'), 'Users');
  const mode = pagingMode(filter.value, ctx.options);
  if (mode === 'legacy-synthetic') return success(ctx, legacySyntheticListResponse('Users'), 200, { domain: 'user' }, { results: 1 });
  const state = stateOf(ctx);
  const scope = scopeOf(state, ctx.integration.props.runAsRole);
  const f = filter.value;
  let matching: readonly User[];
  if (f.kind === 'none') matching = [];
  else if (f.kind === 'match' && f.op === 'eq') {
    // O(1) through the LOGIN_NAME index, which is keyed upper-case like the comparison.
    const user = findUserByLogin(state, f.value);
    matching = user !== undefined && seesUser(scope, user) ? [user] : [];
  } else matching = usersInOrder(state).filter((u) => seesUser(scope, u) && matchesUser(f, u));
  const page = paginate(matching, paging.value, mode);
  const rctx = renderContext(ctx, state, exclusions);
  const body = pageResponse({ ...page, resources: page.resources.map((u) => renderUser(userRecord(state, u), rctx)) });
  return success(ctx, body, 200, { domain: 'user' }, { results: page.resources.length });
}

/** GET /Users/{id}. */
export function getUser(ctx: ScimRequestContext, id: string): Outcome {
  const user = visibleUser(ctx, id);
  if (user === undefined) return notFound(ctx, id);
  const exclusions = ctx.options.excludedAttributesOnGet
    ? parseExcludedAttributes(ctx.url.searchParams.get('excludedAttributes'), 'Users')
    : NO_EXCLUSIONS;
  return success(ctx, render(ctx, user, exclusions), 200, userSubject(user));
}

/** Refuse tags: snowglobe has no tag objects, so every tag named "does not exist" (spec §2.2). */
function tagError(tags: readonly UserTag[]): ScimError | null {
  const first = tags[0];
  return first === undefined ? null : scimError.invalidValue(`Tag '${first.tag}' does not exist or not authorized.`);
}

function interfacesError(list: readonly string[] | null | undefined): ScimError | null {
  return list === null || list === undefined || list.length === 0
    ? null
    : scimError.invalidValue('allowedInterfaces (ALLOWED_INTERFACES) is not modelled by snowglobe');
}

/** Copy defined values only: events are plain JSON, and an undefined would not survive export. */
/** What SCIM remembers about a user, with only the fields that are set (null when none is). */
function scimData(externalId: string | undefined, namespace: ExtensionNamespace | null): UserScimData | null {
  const ns = namespace === null ? undefined : namespaceToCore(namespace);
  if (externalId === undefined) return ns === undefined ? null : { namespace: ns };
  return ns === undefined ? { externalId } : { externalId, namespace: ns };
}

/** POST /Users: CREATE USER owned by RUN_AS_ROLE; any failure is 409 (spec §1.3, `userPostFailureStatus`). */
export function createUser(ctx: ScimRequestContext, body: unknown): Outcome {
  const state = stateOf(ctx);
  const intent = parseUserCreate(body, { mapScimUsernameToEnterpriseAttr: mapUsernameToEnterprise(state) }, ctx.options);
  if (!intent.ok) return failure(ctx, forUserPost(intent.error, ctx.options), { domain: 'user' });
  const i = intent.value;
  const unsupported = tagError(i.SNOWFLAKE_TAGS) ?? interfacesError(i.ALLOWED_INTERFACES);
  if (unsupported !== null) return failure(ctx, forUserPost(unsupported, ctx.options), { name: i.NAME, domain: 'user' });
  // Undefined properties keep CREATE USER's defaults (core's decide skips them).
  const props: UserChanges = {
    loginName: i.LOGIN_NAME,
    // Omitted DISPLAY_NAME takes CREATE USER's default, the user NAME.
    displayName: i.DISPLAY_NAME ?? undefined,
    firstName: i.FIRST_NAME ?? undefined,
    lastName: i.LAST_NAME ?? undefined,
    email: i.EMAIL ?? undefined,
    disabled: i.DISABLED ?? false,
    defaultRole: i.DEFAULT_ROLE ?? undefined,
    defaultWarehouse: i.DEFAULT_WAREHOUSE ?? undefined,
    defaultSecondaryRoles: i.DEFAULT_SECONDARY_ROLES ?? undefined,
    type: i.TYPE,
  };
  const scim = scimData(i.externalId ?? undefined, i.extensionNamespace);
  // SYNC_PASSWORD = FALSE: a supplied password is silently ignored (spec §2.1, CONFIRMED).
  const password = ctx.integration.props.syncPassword ? i.PASSWORD : undefined;
  const command: Command = {
    type: 'CreateUser',
    name: i.NAME,
    props,
    // Absent as undefined, not as spread-in properties: decide reads both the same way.
    password,
    scim: scim ?? undefined,
  };
  const result = execute(ctx, command);
  if ('type' in result) return refused(ctx, result, { method: 'POST', resource: 'Users' }, { name: i.NAME, domain: 'user' });
  const id = result.decision.output.kind === 'created' ? result.decision.output.id : '';
  const user = findUser(stateOf(ctx), { id });
  // Unreachable: core just appended UserCreated. Kept as a value rather than a throw.
  if (user === undefined) return failure(ctx, scimError.internal('The created user cannot be read back'), { id, domain: 'user' });
  return success(ctx, render(ctx, user), 201, userSubject(user));
}

/** A planned ALTER USER (+ RENAME), built from a PUT intent or PATCH changes before anything runs. */
interface UserPlan {
  readonly set: UserChanges;
  readonly unset: Set<keyof UserProperties>;
  newName: string | null;
  /** undefined: untouched; null: unset; string: new password (only with SYNC_PASSWORD). */
  password: string | null | undefined;
  externalId: string | undefined;
  namespace: ExtensionNamespace | null;
}

function newPlan(): UserPlan {
  return { set: {}, unset: new Set(), newName: null, password: undefined, externalId: undefined, namespace: null };
}

function setProp<K extends keyof UserProperties>(plan: UserPlan, key: K, value: UserProperties[K]): void {
  plan.unset.delete(key);
  (plan.set as Record<K, UserProperties[K]>)[key] = value;
}

function unsetProp(plan: UserPlan, key: keyof UserProperties): void {
  delete (plan.set as Record<string, unknown>)[key];
  plan.unset.add(key);
}

/** Fold one change into the plan; later changes win (PATCH operations apply in order). */
function applyChange(plan: UserPlan, c: UserChange, syncPassword: boolean): ScimError | null {
  switch (c.kind) {
    case 'addTags':
      return tagError(c.value);
    case 'unset':
      switch (c.property) {
        case 'DISPLAY_NAME':
          unsetProp(plan, 'displayName');
          return null;
        case 'FIRST_NAME':
          unsetProp(plan, 'firstName');
          return null;
        case 'LAST_NAME':
          unsetProp(plan, 'lastName');
          return null;
        case 'EMAIL':
          unsetProp(plan, 'email');
          return null;
        case 'DEFAULT_ROLE':
          unsetProp(plan, 'defaultRole');
          return null;
        case 'DEFAULT_WAREHOUSE':
          unsetProp(plan, 'defaultWarehouse');
          return null;
        case 'DEFAULT_SECONDARY_ROLES':
          unsetProp(plan, 'defaultSecondaryRoles');
          return null;
        case 'DISABLED':
          unsetProp(plan, 'disabled');
          return null;
        case 'PASSWORD':
          if (syncPassword) plan.password = null;
          return null;
        case 'externalId':
          plan.externalId = '';
          return null;
        case 'ALLOWED_INTERFACES':
        case 'SNOWFLAKE_TAGS':
          // Never set in snowglobe: clearing them changes nothing.
          return null;
      }
      return null;
    case 'set':
      switch (c.property) {
        case 'NAME':
          plan.newName = c.value;
          return null;
        case 'LOGIN_NAME':
          setProp(plan, 'loginName', c.value);
          return null;
        case 'DISPLAY_NAME':
          setProp(plan, 'displayName', c.value);
          return null;
        case 'FIRST_NAME':
          setProp(plan, 'firstName', c.value);
          return null;
        case 'LAST_NAME':
          setProp(plan, 'lastName', c.value);
          return null;
        case 'EMAIL':
          setProp(plan, 'email', c.value);
          return null;
        case 'DEFAULT_ROLE':
          setProp(plan, 'defaultRole', c.value);
          return null;
        case 'DEFAULT_WAREHOUSE':
          setProp(plan, 'defaultWarehouse', c.value);
          return null;
        case 'PASSWORD':
          if (syncPassword) plan.password = c.value;
          return null;
        case 'externalId':
          plan.externalId = c.value;
          return null;
        case 'DISABLED':
          setProp(plan, 'disabled', c.value);
          return null;
        case 'TYPE':
          setProp(plan, 'type', c.value);
          return null;
        case 'DEFAULT_SECONDARY_ROLES':
          setProp(plan, 'defaultSecondaryRoles', c.value);
          return null;
        case 'ALLOWED_INTERFACES':
          return interfacesError(c.value);
        case 'SNOWFLAKE_TAGS':
          return tagError(c.value);
      }
  }
}

/** The plan of a PUT: every optional attribute set, unset (cleared by omission) or untouched. */
function planFromIntent(i: UserIntent, user: User, syncPassword: boolean): UserPlan | ScimError {
  const unsupported = tagError(i.SNOWFLAKE_TAGS) ?? interfacesError(i.ALLOWED_INTERFACES);
  if (unsupported !== null) return unsupported;
  const plan = newPlan();
  if (i.NAME !== user.name) plan.newName = i.NAME;
  setProp(plan, 'loginName', i.LOGIN_NAME);
  setProp(plan, 'type', i.TYPE);
  if (i.DISABLED !== undefined) setProp(plan, 'disabled', i.DISABLED);
  const optional = <K extends 'displayName' | 'firstName' | 'lastName' | 'email' | 'defaultRole' | 'defaultWarehouse'>(
    key: K,
    value: string | null | undefined,
  ): void => {
    if (value === null) unsetProp(plan, key);
    else if (value !== undefined) setProp(plan, key, value);
  };
  optional('displayName', i.DISPLAY_NAME);
  optional('firstName', i.FIRST_NAME);
  optional('lastName', i.LAST_NAME);
  optional('email', i.EMAIL);
  optional('defaultRole', i.DEFAULT_ROLE);
  optional('defaultWarehouse', i.DEFAULT_WAREHOUSE);
  if (i.DEFAULT_SECONDARY_ROLES === null) unsetProp(plan, 'defaultSecondaryRoles');
  else if (i.DEFAULT_SECONDARY_ROLES !== undefined) setProp(plan, 'defaultSecondaryRoles', i.DEFAULT_SECONDARY_ROLES);
  // A PUT never clears the password by omission: SCIM never returns it, so no client could echo it.
  if (syncPassword && i.PASSWORD !== undefined) plan.password = i.PASSWORD;
  if (i.externalId !== undefined) plan.externalId = i.externalId ?? '';
  plan.namespace = newNamespace(user, i.extensionNamespace);
  return plan;
}

/** The namespace to record: only a change counts (re-recording the same one would only bump UPDATED_ON). */
function newNamespace(user: User, used: ExtensionNamespace | null): ExtensionNamespace | null {
  return used !== null && user.scim?.namespace !== namespaceToCore(used) ? used : null;
}

function planIsEmpty(plan: UserPlan): boolean {
  return (
    Object.keys(plan.set).length === 0 &&
    plan.unset.size === 0 &&
    plan.newName === null &&
    plan.password === undefined &&
    plan.externalId === undefined &&
    plan.namespace === null
  );
}

/**
 * Validate a plan against the current state before its first command, so that a refusal leaves
 * no partial change: ownership, read-only replica, NAME and LOGIN_NAME uniqueness.
 */
function validatePlan(ctx: ScimRequestContext, user: User, plan: UserPlan): SnowflakeError | null {
  const state = stateOf(ctx);
  if (secondaryCarrying(state, 'USERS')) return ctx.org.options.readOnlyReplicaError('User', user.name);
  if (!owns(scopeOf(state, ctx.integration.props.runAsRole), user.owner)) return errors.insufficientPrivileges('USER', user.name);
  if (plan.newName !== null && plan.newName !== user.name) {
    const clash = findUser(state, { name: plan.newName });
    if (clash !== undefined && clash.id !== user.id) return errors.alreadyExists(plan.newName);
  }
  if (plan.set.loginName !== undefined) {
    const clash = findUserByLogin(state, plan.set.loginName);
    if (clash !== undefined && clash.id !== user.id) return errors.alreadyExists(plan.set.loginName.toUpperCase());
  }
  return null;
}

/**
 * Run a validated plan: ALTER USER, then RENAME. Should core still refuse the rename after the
 * alter went through (validation makes that unreachable today), the answer says so.
 */
function runPlan(
  ctx: ScimRequestContext,
  user: User,
  plan: UserPlan,
  method: 'PUT' | 'PATCH',
  respond: (err: ScimError) => Response,
): Outcome | null {
  const subject = userSubject(user);
  const kind = { method, resource: 'Users' } as const;
  const scim = scimData(plan.externalId, plan.namespace);
  const alters = Object.keys(plan.set).length > 0 || plan.unset.size > 0 || plan.password !== undefined || scim !== null;
  if (alters) {
    const r = execute(ctx, {
      type: 'AlterUser',
      target: { id: user.id },
      set: plan.set,
      // Absent as undefined, as in createUser: one command shape whatever the body held.
      unset: plan.unset.size > 0 ? [...plan.unset] : undefined,
      password: plan.password,
      scim: scim ?? undefined,
    });
    if ('type' in r) return refused(ctx, r, kind, subject, respond);
  }
  if (plan.newName !== null && plan.newName !== user.name) {
    const r = execute(ctx, { type: 'RenameUser', target: { id: user.id }, newName: plan.newName });
    if ('type' in r) {
      if (!alters) return refused(ctx, r, kind, subject, respond);
      return refused(ctx, r, kind, subject, (err) => respond({ ...err, detail: `${err.detail} (the other changes of this request were applied)` }));
    }
  }
  return null;
}

/** PUT /Users/{id}: full replace (spec §2.5: omitted optional attributes are cleared, `putClearsOmitted`). */
export function replaceUser(ctx: ScimRequestContext, id: string, body: unknown): Outcome {
  const respond = (err: ScimError): Response => scimErrorResponse(err, ctx.options);
  const user = visibleUser(ctx, id);
  if (user === undefined) return notFound(ctx, id);
  const state = stateOf(ctx);
  const intent = parseUserReplace(body, { mapScimUsernameToEnterpriseAttr: mapUsernameToEnterprise(state) }, ctx.options);
  if (!intent.ok) return failure(ctx, intent.error, userSubject(user));
  const plan = planFromIntent(intent.value, user, ctx.integration.props.syncPassword);
  if ('status' in plan) return failure(ctx, plan, userSubject(user));
  const invalid = validatePlan(ctx, user, plan);
  if (invalid !== null) return refused(ctx, invalid, { method: 'PUT', resource: 'Users' }, userSubject(user), respond);
  const failed = runPlan(ctx, user, plan, 'PUT', respond);
  if (failed !== null) return failed;
  const after = findUser(stateOf(ctx), { id }) ?? user;
  return success(ctx, render(ctx, after), 200, userSubject(after));
}

/** PATCH /Users/{id}: every shape of spec §4 and §10; failures answer per `patchFailureStatus`. */
export function patchUser(ctx: ScimRequestContext, id: string, body: unknown): Outcome {
  const respond = (err: ScimError): Response => patchFailureResponse(err, ctx.options);
  const user = visibleUser(ctx, id);
  if (user === undefined) return notFound(ctx, id);
  const state = stateOf(ctx);
  const patch = parseUserPatch(body, { mapScimUsernameToEnterpriseAttr: mapUsernameToEnterprise(state), userId: id }, ctx.options);
  if (!patch.ok) return failure(ctx, patch.error, userSubject(user), null, respond);
  const plan = newPlan();
  for (const change of patch.value.changes) {
    const err = applyChange(plan, change, ctx.integration.props.syncPassword);
    if (err !== null) return failure(ctx, err, userSubject(user), null, respond);
  }
  plan.namespace = newNamespace(user, patch.value.extensionNamespace);
  // An empty Operations list (Entra) or only no-op changes: nothing to run, answer the user as is.
  if (!planIsEmpty(plan)) {
    const invalid = validatePlan(ctx, user, plan);
    if (invalid !== null) return refused(ctx, invalid, { method: 'PATCH', resource: 'Users' }, userSubject(user), respond);
    const failed = runPlan(ctx, user, plan, 'PATCH', respond);
    if (failed !== null) return failed;
  }
  const after = findUser(stateOf(ctx), { id }) ?? user;
  return success(ctx, render(ctx, after), 200, userSubject(after));
}

/** DELETE /Users/{id}: DROP USER (spec §2.5, [DEMO]); 204 (UNCONFIRMED, RFC 7644). */
export function deleteUser(ctx: ScimRequestContext, id: string): Outcome {
  const user = visibleUser(ctx, id);
  if (user === undefined) return notFound(ctx, id);
  const r = execute(ctx, { type: 'DropUser', target: { id } });
  if ('type' in r) return refused(ctx, r, { method: 'DELETE', resource: 'Users' }, userSubject(user));
  return noContent(userSubject(user));
}
