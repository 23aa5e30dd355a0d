/**
 * REST_EVENT_HISTORY rows (spec §9): every request that reaches an account is recorded with core's
 * `RecordScimRequest` command, successful or not. Column contents beyond their names are
 * UNCONFIRMED (spec §9, §12.10); snowglobe's choices:
 *
 * - ENDPOINT: the path without its leading slash and query, e.g. `scim/v2/Users/<id>`;
 * - STATUS: the HTTP status as text (`'201'`);
 * - ERROR_CODE: null on success; the Snowflake error code (`002002`) when core refused the
 *   command; otherwise the SCIM error type (`invalidFilter`) or a name for the status
 *   (`unauthorized`, `tooManyRequests`, ...);
 * - DETAILS: a small JSON object: the object `id`, a list's `results`, an `error` text;
 * - ACTOR_NAME: the integration's RUN_AS_ROLE; ACTOR_DOMAIN: the integration's name (both empty
 *   when the request did not authenticate);
 * - RESOURCE_NAME / RESOURCE_DOMAIN: the user or role NAME and `user` / `role`.
 *
 * No token reaches a row: tokens travel only in the Authorization header, which is never recorded,
 * and a client that pastes its token into the path or body has it masked here as well.
 *
 * Rows are small on purpose (DESIGN: ≤ 2 KiB heap per provisioned user, log entries included):
 * the constant columns are interned strings shared by every row.
 */
import type { Account, Organization, RestEvent } from '@snowglobe/core';

/** Longest recorded endpoint / error text; a row must not grow with a hostile request. */
const MAX_TEXT = 256;

/** What a handled request contributes to its row, besides who sent it. */
export interface AuditFields {
  readonly endpoint: string;
  readonly method: string;
  readonly status: number;
  readonly errorCode: string | null;
  /** JSON text. */
  readonly details: string;
  readonly resourceName: string | null;
  readonly resourceDomain: 'user' | 'role' | null;
}

/** Who sent it. */
export interface AuditActor {
  readonly clientIp: string;
  /** RUN_AS_ROLE, or '' before authentication. */
  readonly actorName: string;
  /** The integration's name, or '' before authentication. */
  readonly actorDomain: string;
}

/** Status texts, interned (one string instance per status across all rows). */
const STATUS_TEXT = new Map<number, string>();
function statusText(status: number): string {
  let s = STATUS_TEXT.get(status);
  if (s === undefined) {
    s = String(status);
    STATUS_TEXT.set(status, s);
  }
  return s;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** The method as an interned constant (Request.method yields a fresh string per request). */
export function methodText(method: string): string {
  return METHODS.find((m) => m === method) ?? method.slice(0, 16);
}

/** Cut a text to the row limit. */
export function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** Mask every occurrence of `secret` (the request's bearer token) in `text`. */
export function redact(text: string, secret: string | null): string {
  // Short "tokens" are not secrets worth masking, and masking them would garble ordinary text.
  if (secret === null || secret.length < 8 || !text.includes(secret)) return text;
  return text.split(secret).join('[REDACTED]');
}

/** Build the row. */
export function restEvent(fields: AuditFields, actor: AuditActor, token: string | null): RestEvent {
  return {
    endpoint: redact(clip(fields.endpoint), token),
    method: methodText(fields.method),
    status: statusText(fields.status),
    errorCode: fields.errorCode === null ? null : redact(clip(fields.errorCode, 64), token),
    details: redact(fields.details, token),
    clientIp: actor.clientIp,
    actorName: actor.actorName,
    actorDomain: actor.actorDomain,
    resourceName: fields.resourceName === null ? null : redact(clip(fields.resourceName), token),
    resourceDomain: fields.resourceDomain,
  };
}

/**
 * Append the row to the account's log. Recording needs no privilege; it fails only when the
 * account became unavailable meanwhile, and then there is nowhere to write it.
 */
export function recordRequest(org: Organization, account: Account, row: RestEvent): void {
  org.execute(account.name, { type: 'RecordScimRequest', request: row }, { role: 'ACCOUNTADMIN' });
}
