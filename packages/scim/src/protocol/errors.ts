/**
 * SCIM error values and their HTTP form (RFC 7644 §3.12).
 *
 * Snowflake documents no error body (spec §5); Okta surfaces the `detail` of a SCIM Error, and the
 * 2026_03 BCR names the `invalidFilter` scimType, so errors are RFC-shaped. `status` is rendered as
 * a JSON *string*: RFC 7644 §3.12 defines it as a string and Okta's SCIM spec tests check for it.
 */
import type { ScimOptions } from './options.ts';
import { JsonResponse } from './json-response.ts';

/** The URN of a SCIM error body. */
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType values RFC 7644 §3.12 defines for 400 responses. */
export type BadRequestType =
  | 'invalidFilter'
  | 'tooMany'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** Every scimType, including the 409-only `uniqueness`. */
export type ScimType = BadRequestType | 'uniqueness';

interface Plain<S extends number> {
  readonly status: S;
  readonly scimType?: undefined;
  readonly detail: string;
}

/**
 * A SCIM error as a value, discriminated by `status`. Only 400 carries a scimType (always), and 409
 * may carry `uniqueness`. A 405 names the allowed methods for the `Allow` header. 500 exists for
 * completeness: the protocol layer never produces it (parsers return 400s for any input).
 */
export type ScimError =
  | { readonly status: 400; readonly scimType: BadRequestType; readonly detail: string }
  | Plain<401>
  | Plain<403>
  | Plain<404>
  | (Plain<405> & { readonly allow: readonly string[] })
  | { readonly status: 409; readonly scimType?: 'uniqueness'; readonly detail: string }
  | Plain<413>
  | Plain<415>
  | Plain<429>
  | Plain<500>
  | Plain<501>
  | Plain<503>;

/** The statuses a {@link ScimError} can have. */
export type ScimErrorStatus = ScimError['status'];

/** Constructors for every error the service provider answers with. */
export const scimError = {
  invalidFilter: (detail: string): ScimError => ({ status: 400, scimType: 'invalidFilter', detail }),
  invalidSyntax: (detail: string): ScimError => ({ status: 400, scimType: 'invalidSyntax', detail }),
  invalidValue: (detail: string): ScimError => ({ status: 400, scimType: 'invalidValue', detail }),
  invalidPath: (detail: string): ScimError => ({ status: 400, scimType: 'invalidPath', detail }),
  noTarget: (detail: string): ScimError => ({ status: 400, scimType: 'noTarget', detail }),
  mutability: (detail: string): ScimError => ({ status: 400, scimType: 'mutability', detail }),
  tooMany: (detail: string): ScimError => ({ status: 400, scimType: 'tooMany', detail }),
  /** 401; Okta shows "Access token expired" for an expired SCIM token (spec §5, CONFIRMED). */
  unauthorized: (detail = 'Unauthorized'): ScimError => ({ status: 401, detail }),
  forbidden: (detail = 'Forbidden'): ScimError => ({ status: 403, detail }),
  notFound: (detail = 'Resource not found'): ScimError => ({ status: 404, detail }),
  methodNotAllowed: (allow: readonly string[], detail = 'Method not allowed'): ScimError => ({ status: 405, allow, detail }),
  /** 409 with scimType `uniqueness` (duplicate userName / displayName). */
  uniqueness: (detail: string): ScimError => ({ status: 409, scimType: 'uniqueness', detail }),
  /** 409 without scimType: POST /Users' documented catch-all failure (spec §1.3). */
  conflict: (detail: string): ScimError => ({ status: 409, detail }),
  payloadTooLarge: (limit: number): ScimError => ({
    status: 413,
    detail: `Request body exceeds the maximum size of ${limit} bytes`,
  }),
  unsupportedMediaType: (detail: string): ScimError => ({ status: 415, detail }),
  /** 429: more than 500 in-flight requests on one endpoint of one account (spec §5, CONFIRMED). */
  tooManyRequests: (detail = 'Too many requests'): ScimError => ({ status: 429, detail }),
  internal: (detail = 'Internal server error'): ScimError => ({ status: 500, detail }),
  notImplemented: (detail: string): ScimError => ({ status: 501, detail }),
  unavailable: (detail = 'Service unavailable'): ScimError => ({ status: 503, detail }),
} as const;

/** The JSON body of a SCIM error: `status` as a string, `scimType` only when set. */
export interface ScimErrorBody {
  readonly schemas: readonly [typeof ERROR_URN];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

/** Render an error as its RFC 7644 §3.12 body. */
export function scimErrorBody(err: ScimError): ScimErrorBody {
  // Key order schemas, status, scimType, detail as in RFC 7644's examples: stable output for snapshots.
  return err.scimType === undefined
    ? { schemas: [ERROR_URN], status: String(err.status), detail: err.detail }
    : { schemas: [ERROR_URN], status: String(err.status), scimType: err.scimType, detail: err.detail };
}

/** Answer an error as a web-standard `Response` with a SCIM JSON body. */
export function scimErrorResponse(
  err: ScimError,
  options: Pick<ScimOptions, 'responseContentType'> = { responseContentType: 'application/scim+json' },
): Response {
  const headers: Record<string, string> = { 'content-type': options.responseContentType };
  if (err.status === 405) headers.allow = err.allow.join(', ');
  return JsonResponse.of(JSON.stringify(scimErrorBody(err)), err.status, headers);
}

/**
 * POST /Users answers 409 "if the user exists or the request fails for any other reason" (spec
 * §1.3, doc-literal). With `userPostFailureStatus: 409` every failure of the create itself (400,
 * 403) becomes a 409 with the same detail; the scimType is dropped because RFC 7644 only defines
 * `uniqueness` for 409. Failures of the request around it (401, 413, 415, 429, 5xx) keep their status.
 */
export function forUserPost(err: ScimError, options: Pick<ScimOptions, 'userPostFailureStatus'>): ScimError {
  if (options.userPostFailureStatus === 409 && (err.status === 400 || err.status === 403)) return scimError.conflict(err.detail);
  return err;
}

/**
 * Answer a failed user PATCH. With `patchFailureStatus: 204` (the doc's literal "if unsuccessful,
 * returns 204", spec §5) failures of the operation itself (400, 403, 409) become an empty 204;
 * failures of the request around it (401, 404, 413, 415, 429, 5xx) keep their status because the
 * PATCH never ran.
 */
export function patchFailureResponse(err: ScimError, options: Pick<ScimOptions, 'patchFailureStatus' | 'responseContentType'>): Response {
  if (options.patchFailureStatus === 204 && (err.status === 400 || err.status === 403 || err.status === 409)) {
    return new Response(null, { status: 204 });
  }
  return scimErrorResponse(err, options);
}

/** The HTTP methods that write. */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The error for a write refused because the account is a read-only secondary (DESIGN invariant 5;
 * only the primary receives SCIM updates, spec §1.1). The status is UNCONFIRMED and set by
 * `readOnlySecondaryStatus`; `method-default` answers like any other failure of that method:
 * POST /Users 409 (its catch-all), everything else 400.
 */
export function readOnlySecondaryError(
  method: WriteMethod,
  resource: 'Users' | 'Groups',
  options: Pick<ScimOptions, 'readOnlySecondaryStatus' | 'userPostFailureStatus'>,
): ScimError {
  const detail = 'This account is a read-only secondary; SCIM updates are accepted only by the primary account';
  switch (options.readOnlySecondaryStatus) {
    case 'method-default':
      return method === 'POST' && resource === 'Users'
        ? forUserPost(scimError.invalidValue(detail), options)
        : scimError.invalidValue(detail);
    case 400:
      return scimError.invalidValue(detail);
    case 403:
      return scimError.forbidden(detail);
    case 409:
      return scimError.conflict(detail);
  }
}

/**
 * The non-JSON 403 Okta reported for a wrong URL/host ("Invalid JSON: Unexpected character ('<'",
 * spec §5). Used when `unroutableResponse` is `html-403`.
 */
export function htmlForbiddenResponse(): Response {
  return new Response('<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>', {
    status: 403,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
