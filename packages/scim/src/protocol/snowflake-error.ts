/**
 * Snowflake errors from the account model → SCIM errors. The only coupling to `@snowglobe/core`
 * in the protocol layer, and type-only: the handler passes the `SnowflakeError` a command was
 * refused with, and this picks the status. Statuses for ownership failures, unknown ids and
 * read-only secondaries are UNCONFIRMED (spec §5) and follow the spec's guesses or the options.
 */
import type { SnowflakeError } from '@snowglobe/core';
import { forUserPost, readOnlySecondaryError, scimError, type ScimError, type WriteMethod } from './errors.ts';
import type { ScimOptions } from './options.ts';

/** Where the refused command came from. */
export interface ScimRequestKind {
  readonly method: 'GET' | WriteMethod;
  readonly resource: 'Users' | 'Groups';
}

/** The detail Okta reports for a duplicate user (spec §2.5, [OKTA-KB-409]). */
export const USER_EXISTS_DETAIL = 'User exists with given userName and/or enterprise:user.snowflakeUserName';

/**
 * Map a Snowflake refusal to the SCIM error to answer with: already exists → 409 uniqueness; does
 * not exist → 404; insufficient privileges (e.g. a user the run-as role does not own) → 403;
 * invalid input → 400 invalidValue; read-only secondary → `readOnlySecondaryStatus`; account
 * unavailable → 503. POST /Users then applies its documented 409 catch-all.
 */
export function fromSnowflakeError(
  e: SnowflakeError,
  request: ScimRequestKind,
  options: Pick<ScimOptions, 'readOnlySecondaryStatus' | 'userPostFailureStatus'>,
): ScimError {
  // A read-only secondary answers exactly `readOnlySecondaryStatus`: an explicit 400/403 must not
  // be folded into POST /Users' 409 catch-all (`method-default` applies that catch-all itself).
  if (e.reason === 'ReadOnlyReplica' && request.method !== 'GET') return readOnlySecondaryError(request.method, request.resource, options);
  const mapped = mapReason(e, request, options);
  return request.method === 'POST' && request.resource === 'Users' ? forUserPost(mapped, options) : mapped;
}

function mapReason(
  e: SnowflakeError,
  request: ScimRequestKind,
  options: Pick<ScimOptions, 'readOnlySecondaryStatus' | 'userPostFailureStatus'>,
): ScimError {
  switch (e.reason) {
    case 'AlreadyExists':
      return scimError.uniqueness(request.resource === 'Users' ? USER_EXISTS_DETAIL : e.message);
    case 'DoesNotExist':
      return scimError.notFound(e.message);
    case 'InsufficientPrivileges':
    case 'RoleNotAssigned':
      return scimError.forbidden(e.message);
    case 'SyntaxError':
    case 'InvalidIdentifier':
    case 'InvalidProperty':
    case 'InvalidValue':
    case 'IncompatibleOptions':
    case 'ExecutionError':
    case 'Unsupported':
      return scimError.invalidValue(e.message);
    case 'ReadOnlyReplica':
      return request.method === 'GET' ? scimError.invalidValue(e.message) : readOnlySecondaryError(request.method, request.resource, options);
    case 'AccountUnavailable':
      return scimError.unavailable(e.message);
  }
}
