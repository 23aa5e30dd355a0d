/**
 * GET /ServiceProviderConfig (RFC 7643 §5). The endpoint exists (spec §1.3, [BCR]); only
 * `filter.supported` is documented — the integer `0` before bundle 2026_03, boolean `true` after.
 * The rest is UNCONFIRMED and follows the spec's plausible body: PATCH yes, bulk/sort/etag no,
 * OAuth bearer tokens.
 */
import type { ScimOptions } from './options.ts';
import { MAX_COUNT } from './paging.ts';
import { SERVICE_PROVIDER_CONFIG_URN } from './schemas.ts';

/** What the body depends on besides the options. */
export interface ServiceProviderConfigContext {
  /**
   * SYNC_PASSWORD of the integration the request authenticated with: Snowflake accepts password
   * changes exactly when it is TRUE (spec §2.1). Defaults to `syncPasswordDefault`.
   */
  readonly syncPassword?: boolean;
  /** The SCIM base URL, for `meta.location` when `metaLocation` is on. */
  readonly baseUrl?: string;
}

/** The /ServiceProviderConfig body for the configured bundle. */
export function serviceProviderConfig(
  options: Pick<ScimOptions, 'bundle' | 'syncPasswordDefault' | 'metaLocation'>,
  ctx: ServiceProviderConfigContext = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    schemas: [SERVICE_PROVIDER_CONFIG_URN],
    documentationUri: 'https://docs.snowflake.com/en/user-guide/scim-intro',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    // [BCR]: the legacy body reported the integer 0 here, not a boolean.
    filter: { supported: options.bundle === '2026_03' ? true : 0, maxResults: MAX_COUNT },
    changePassword: { supported: ctx.syncPassword ?? options.syncPasswordDefault },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a SCIM access token, an External OAuth token or a programmatic access token',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        documentationUri: 'https://docs.snowflake.com/en/user-guide/scim-authentication',
        primary: true,
      },
    ],
  };
  const meta: Record<string, string> = { resourceType: 'ServiceProviderConfig' };
  if (options.metaLocation && ctx.baseUrl !== undefined) meta.location = `${ctx.baseUrl.replace(/\/+$/, '')}/ServiceProviderConfig`;
  body.meta = meta;
  return body;
}
