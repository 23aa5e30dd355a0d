export type ScimClient = 'OKTA' | 'AZURE' | 'GENERIC';

/** A SCIM security integration (CREATE SECURITY INTEGRATION ... TYPE = SCIM). */
export interface ScimIntegrationProps {
  readonly kind: 'SCIM';
  readonly scimClient: ScimClient;
  /** The run-as role's NAME as given (it must exist at creation). */
  readonly runAsRole: string;
  readonly syncPassword: boolean;
  /** The UUID in `/scim/v2/<SCIM_ENDPOINT_ID>/`. Replicas keep it. */
  readonly scimEndpointId: string;
  /** Epoch ms; tokens issued before are rejected. */
  readonly rejectTokensIssuedBefore: number | null;
}

/** SAML2 / OAUTH / EXTERNAL_OAUTH / API_AUTHENTICATION kept as typed property sets. */
export interface PropertySetIntegrationProps {
  readonly kind: 'SAML2' | 'OAUTH' | 'EXTERNAL_OAUTH' | 'API_AUTHENTICATION';
  /** Property name (upper case) -> value as given (string, boolean, number or list). */
  readonly properties: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

export type IntegrationProps = ScimIntegrationProps | PropertySetIntegrationProps;
export type IntegrationKind = IntegrationProps['kind'];

export interface Integration {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly comment: string | null;
  /** Network policy id. */
  readonly networkPolicy: string | null;
  readonly owner: string;
  readonly createdOn: number;
  readonly updatedOn: number;
  readonly props: IntegrationProps;
}

/** A SCIM access token: only its hash is kept; the secret is shown once. */
export interface ScimToken {
  readonly id: string;
  readonly integrationId: string;
  readonly hash: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** Tokens from SYSTEM$GENERATE_SCIM_ACCESS_TOKEN are valid for 6 months. */
export const SCIM_TOKEN_LIFETIME_MS = 183 * 86_400_000;
