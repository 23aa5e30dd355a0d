/**
 * Success responses: SCIM JSON bodies with the configured content type, and the status a group
 * PATCH answers with.
 */
import type { ScimOptions } from './options.ts';
import { JsonResponse } from './json-response.ts';

/** Answer a JSON body with the configured SCIM content type (spec §1.2: application/scim+json). */
export function scimJsonResponse(
  body: unknown,
  status: number,
  options: Pick<ScimOptions, 'responseContentType'>,
  headers: Record<string, string> = {},
): Response {
  return JsonResponse.of(JSON.stringify(body), status, { ...headers, 'content-type': options.responseContentType });
}

/** An empty 204 (DELETE, and PATCH for clients that expect it). */
export function noContentResponse(): Response {
  return new Response(null, { status: 204 });
}

/** The SCIM_CLIENT of the integration a request authenticated with (spec §7.1). */
export type ScimClient = 'OKTA' | 'AZURE' | 'GENERIC';

/**
 * The status of a successful group PATCH: "A 200 status code indicates the SCIM client is Okta"
 * (spec §3.2), read as 200 with the group body for Okta integrations and 204 for the others.
 */
export function groupPatchSuccessStatus(client: ScimClient, options: Pick<ScimOptions, 'groupPatchResponse'>): 200 | 204 {
  switch (options.groupPatchResponse) {
    case 'okta-200-others-204':
      return client === 'OKTA' ? 200 : 204;
    case 'always-200':
      return 200;
    case 'always-204':
      return 204;
  }
}
