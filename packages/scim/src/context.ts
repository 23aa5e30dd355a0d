/**
 * The per-request context the endpoint modules work with, and their result: an {@link Outcome}
 * (the response plus what its REST_EVENT_HISTORY row records). Errors are values all the way: an
 * endpoint never throws, it answers an Outcome built from a `ScimError` or a `SnowflakeError`.
 */
import type { Account, Actor, AccountState, Command, ExecuteResult, Organization, SnowflakeError } from '@snowglobe/core';
import {
  fromSnowflakeError,
  scimErrorResponse,
  scimJsonResponse,
  type RenderContext,
  type ScimError,
  type ScimOptions,
  type ScimRequestKind,
} from './protocol/index.ts';
import type { ScimIntegration } from './auth.ts';
import { clip, redact } from './audit.ts';

/** Everything an endpoint needs about the request it serves. */
export interface ScimRequestContext {
  readonly org: Organization;
  readonly account: Account;
  readonly options: ScimOptions;
  readonly integration: ScimIntegration;
  /** RUN_AS_ROLE as the actor of every command (SCIM requests have no session user). */
  readonly actor: Actor;
  readonly url: URL;
  /** For `meta.location`: `<origin>/scim/v2[/<SCIM_ENDPOINT_ID>]`. */
  readonly baseUrl: string;
  /** The request's bearer token: masked wherever a client's misplaced copy could be echoed. */
  readonly secret: string | null;
}

/** The live state (re-read after every command: the account publishes a new one per append). */
export function stateOf(ctx: ScimRequestContext): AccountState {
  return ctx.account.state;
}

/** The account parameter that changes the userName mapping (spec §2.3; default FALSE). */
export function mapUsernameToEnterprise(state: AccountState): boolean {
  return state.parameters.get('MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR') === 'true';
}

/** The rendering context of this request. */
export function renderContext(ctx: ScimRequestContext, state: AccountState, exclusions?: RenderContext['exclusions']): RenderContext {
  return {
    options: ctx.options,
    baseUrl: ctx.baseUrl,
    mapScimUsernameToEnterpriseAttr: mapUsernameToEnterprise(state),
    ...(exclusions !== undefined ? { exclusions } : {}),
  };
}

/** Run one command in the request's account as RUN_AS_ROLE. */
export function execute(ctx: ScimRequestContext, command: Command): ExecuteResult | SnowflakeError {
  return ctx.org.execute(ctx.account.name, command, ctx.actor);
}

/** What a handled request answers and records. */
export interface Outcome {
  readonly response: Response;
  readonly status: number;
  readonly errorCode: string | null;
  /** JSON text for the DETAILS column. */
  readonly details: string;
  readonly resourceName: string | null;
  readonly resourceDomain: 'user' | 'role' | null;
}

/** The object a request acted on, for the row. */
export interface Subject {
  readonly id?: string;
  readonly name?: string | null;
  readonly domain?: 'user' | 'role' | null;
}

/** The shared DETAILS text of rows with nothing to say. */
const EMPTY_DETAILS = '{}';

function details(subject: Subject, extra: Record<string, unknown> = {}): string {
  if (subject.id === undefined && Object.keys(extra).length === 0) return EMPTY_DETAILS;
  return JSON.stringify(subject.id === undefined ? extra : { id: subject.id, ...extra });
}

/** A successful outcome with a JSON body. */
export function success(ctx: ScimRequestContext, body: unknown, status: 200 | 201, subject: Subject, extra?: Record<string, unknown>): Outcome {
  return {
    response: scimJsonResponse(body, status, ctx.options),
    status,
    errorCode: null,
    details: details(subject, extra),
    resourceName: subject.name ?? null,
    resourceDomain: subject.domain ?? null,
  };
}

/** A successful outcome without a body (DELETE, PATCH for non-Okta clients). */
export function noContent(subject: Subject): Outcome {
  return {
    response: new Response(null, { status: 204 }),
    status: 204,
    errorCode: null,
    details: details(subject),
    resourceName: subject.name ?? null,
    resourceDomain: subject.domain ?? null,
  };
}

/** A short name for a status, the ERROR_CODE of failures that have no scimType or Snowflake code. */
function statusName(status: number): string {
  switch (status) {
    case 400:
      return 'badRequest';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payloadTooLarge';
    case 415:
      return 'unsupportedMediaType';
    case 429:
      return 'tooManyRequests';
    case 503:
      return 'serviceUnavailable';
    default:
      return status >= 500 ? 'internalError' : String(status);
  }
}

/**
 * A failed outcome. `respond` builds the response (default: the SCIM error body; user PATCH passes
 * `patchFailureResponse`). `snowflakeCode` is set when core refused the command.
 */
export function failure(
  ctx: Pick<ScimRequestContext, 'options' | 'secret'>,
  error: ScimError,
  subject: Subject = {},
  snowflakeCode: string | null = null,
  respond: (err: ScimError) => Response = (e) => scimErrorResponse(e, ctx.options),
): Outcome {
  // Error details echo request text (paths, ids, values); a token pasted there must not come back.
  const err = ctx.secret !== null && error.detail.includes(ctx.secret) ? { ...error, detail: redact(error.detail, ctx.secret) } : error;
  const response = respond(err);
  return {
    response,
    status: response.status,
    errorCode: snowflakeCode ?? err.scimType ?? statusName(err.status),
    details: details(subject, { error: clip(err.detail) }),
    resourceName: subject.name ?? null,
    resourceDomain: subject.domain ?? null,
  };
}

/** A failed outcome for a command core refused, mapped with the protocol's `fromSnowflakeError`. */
export function refused(
  ctx: Pick<ScimRequestContext, 'options' | 'secret'>,
  e: SnowflakeError,
  kind: ScimRequestKind,
  subject: Subject = {},
  respond?: (err: ScimError) => Response,
): Outcome {
  return failure(ctx, fromSnowflakeError(e, kind, ctx.options), subject, e.code, respond);
}
