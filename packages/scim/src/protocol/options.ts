/**
 * The named simulator switches of the SCIM service provider.
 *
 * Snowflake's SCIM docs conflict with each other or are silent on many points (spec §11, §12). Each
 * such point is a named option here, defaulting to the documented (or, when nothing is documented,
 * the recommended) behaviour, so that a connector author can reproduce either reading. The comment
 * on each option names the spec section it comes from and says whether it is CONFIRMED by a source
 * or an UNCONFIRMED guess.
 *
 * Some switches are consumed by this protocol layer (parsing and rendering); others are consumed by
 * the handler that wires the protocol layer to the account model (routing, limits, network
 * policies). They all live here so that one `ScimOptions` object configures the whole endpoint.
 */

/** Which behaviour-change bundle the account runs (spec §1.4, §1.5, §1.3; BCR 2026_03). */
export type ScimBundle = '2026_03' | 'legacy';

/** The order in which network policies override each other, most specific first (spec §8). */
export type NetworkPolicyPrecedence = 'integration-user-account' | 'user-integration-account';

/** How a user's single EMAIL is chosen from a multi-valued `emails` (spec §2.1, UNCONFIRMED). */
export type EmailSelection = 'primary-then-first' | 'first';

/** Which status a successful group PATCH answers with (spec §1.3, §3.2). */
export type GroupPatchResponse = 'okta-200-others-204' | 'always-200' | 'always-204';

/** How role names sent as group `displayName` are stored (spec §2.4, UNCONFIRMED). */
export type RoleNameCase = 'preserve' | 'upper';

/** What `groups` in a user POST/PUT body does (spec §2.1: read-only on the user, UNCONFIRMED). */
export type UserGroupsOnWrite = 'ignore' | 'reject-nonempty';

/** Which `defaultSecondaryRoles` values are accepted (spec §2.2 CONFLICT). */
export type DefaultSecondaryRolesValues = 'all-none-empty' | 'all-only';

/** Which request content types carry a body (spec §1.2, UNCONFIRMED for `application/json`). */
export type ContentTypePolicy = 'scim-or-json' | 'scim-only' | 'any';

/** Which extension object a user response carries (spec §2.2, UNCONFIRMED). */
export type ExtensionEcho = 'when-set' | 'always' | 'never';

/** The status of a write refused because the account is a read-only secondary (DESIGN invariant 5). */
export type ReadOnlySecondaryStatus = 'method-default' | 400 | 403 | 409;

/** The status of a failed POST /Users (spec §1.3: "409 ... or the request fails for any other reason"). */
export type UserPostFailureStatus = 409 | 'as-is';

/** The answer to a request that routes to no account (spec §5: Okta saw an HTML 403). */
export type UnroutableResponse = 'scim-404' | 'html-403';

/** All switches. Build one with {@link resolveOptions}. */
export interface ScimOptions {
  /**
   * Behaviour bundle. `2026_03` (default, CONFIRMED [BCR]): real pagination, `invalidFilter` 400s,
   * ServiceProviderConfig `filter.supported: true`. `legacy`: an unfiltered list returns one
   * synthetic object, unsupported/compound/malformed filters answer 200 with no resources,
   * `filter.supported: 0`, and paging parameters are not validated.
   */
  readonly bundle: ScimBundle;
  /** SYNC_PASSWORD of a new integration when not given (spec §7.1 CONFLICT: docs FALSE, TF-observed TRUE). */
  readonly syncPasswordDefault: boolean;
  /** Network-policy precedence (spec §8 CONFLICT: current docs vs older docs). Consumed by the handler. */
  readonly networkPolicyPrecedence: NetworkPolicyPrecedence;
  /**
   * Status of a failed user PATCH (spec §5): `400` (recommended) or `204` (the doc's literal
   * "if unsuccessful, returns 204"; the error is then answered with an empty 204).
   */
  readonly patchFailureStatus: 400 | 204;
  /** Upper-case NAME/LOGIN_NAME of SCIM-created users and `userName` in responses (spec §2.4, observed). */
  readonly uppercaseUserNames: boolean;
  /** Role-name case (spec §2.4 UNCONFIRMED; recommendation: store verbatim). */
  readonly roleNameCase: RoleNameCase;
  /**
   * `false` (default): accept the documented IdP quirks — case-insensitive `op`, string booleans
   * (`"False"`), empty `Operations`, unknown attributes ignored on POST, missing `schemas`.
   * `true`: RFC 7643/7644-strict — those are 400s.
   */
  readonly strict: boolean;
  /** Largest accepted request body in bytes; larger bodies answer 413 (UNCONFIRMED limit). */
  readonly maxBodyBytes: number;
  /** In-flight requests per account per endpoint before 429 (spec §5, CONFIRMED 500). Consumed by the handler. */
  readonly maxInFlightPerEndpoint: number;
  /**
   * PUT clears omitted optional mutable attributes (spec §2.5, UNCONFIRMED; recommended true).
   * `type` resets to PERSON and `snowflakeTags` are removed on PUT regardless (CONFIRMED [U]).
   */
  readonly putClearsOmitted: boolean;
  /**
   * PUT /Users naming an attribute Snowflake does not have answers 400 (spec §1.3, CONFIRMED [U]).
   * `false` ignores such attributes instead. Null values and empty arrays count as absent.
   */
  readonly putRejectsUnknownAttributes: boolean;
  /** Which email wins when several are sent (spec §2.1, UNCONFIRMED). */
  readonly emailSelection: EmailSelection;
  /** Status of a successful group PATCH (spec §3.2: "200 indicates the SCIM client is Okta"). */
  readonly groupPatchResponse: GroupPatchResponse;
  /** Status of a write refused on a read-only secondary (UNCONFIRMED). `method-default`: POST /Users → userPostFailureStatus, others 400. */
  readonly readOnlySecondaryStatus: ReadOnlySecondaryStatus;
  /** Remap every 400 of POST /Users to 409 (spec §1.3, CONFIRMED doc-literal) or keep the specific status. */
  readonly userPostFailureStatus: UserPostFailureStatus;
  /** Content types accepted for request bodies; others answer 415 (spec §1.2, UNCONFIRMED). */
  readonly contentTypePolicy: ContentTypePolicy;
  /** Content type of every JSON response (spec §1.2, UNCONFIRMED). */
  readonly responseContentType: 'application/scim+json' | 'application/json';
  /** `groups` sent in a user POST/PUT body (spec §2.1 read-only; RFC 7644 §3.5.1 says ignore). PATCH on `groups` is always 400 mutability. */
  readonly userGroupsOnWrite: UserGroupsOnWrite;
  /** Accepted `defaultSecondaryRoles` values (spec §2.2 CONFLICT: ALL/NONE/"" vs ALL only). */
  readonly defaultSecondaryRolesValues: DefaultSecondaryRolesValues;
  /** Store and echo `externalId` (spec §2.1, UNCONFIRMED; the legacy synthetic object carries one). */
  readonly echoExternalId: boolean;
  /** When a user response carries the extension object (spec §2.2, UNCONFIRMED; recommended when-set). */
  readonly extensionEcho: ExtensionEcho;
  /** Render `meta.location` (spec §4.2: the docs' list example has none). */
  readonly metaLocation: boolean;
  /** Honour `excludedAttributes` on GET by id, not only on lists (spec §3.2, UNCONFIRMED; recommended). */
  readonly excludedAttributesOnGet: boolean;
  /** Accept PUT /Groups (spec §1.3, UNCONFIRMED; recommended 405). */
  readonly groupPut: 'reject-405' | 'accept';
  /** `replace` on group `members` (spec §4.3, UNCONFIRMED; recommended: support as a delta). */
  readonly groupMembersReplace: 'delta' | 'reject';
  /** A group id sent as a member value, i.e. a nested group (spec §3.2, UNCONFIRMED). Consumed by the handler. */
  readonly nestedGroupMembers: 'reject' | 'ignore';
  /** Answer to requests that route nowhere (spec §5, partial). Consumed by the handler. */
  readonly unroutableResponse: UnroutableResponse;
  /** Status of a network-policy block (spec §5, §8 UNCONFIRMED, guess 403). Consumed by the handler. */
  readonly networkPolicyBlockStatus: 401 | 403;
  /** `ENABLED = FALSE` excludes an integration from UUID-less routing (spec §7.1 CONFLICT; default: flag has no effect). */
  readonly disabledIntegrationsRoutable: boolean;
}

/** 1 MiB: comfortably above any single-resource SCIM body, small enough to stop abuse. */
const ONE_MIB = 1024 * 1024;

/** The defaults: documented behaviour where a source exists, the spec's recommendation otherwise. */
export const DEFAULT_SCIM_OPTIONS: ScimOptions = Object.freeze({
  bundle: '2026_03',
  syncPasswordDefault: false,
  networkPolicyPrecedence: 'integration-user-account',
  patchFailureStatus: 400,
  uppercaseUserNames: true,
  roleNameCase: 'preserve',
  strict: false,
  maxBodyBytes: ONE_MIB,
  maxInFlightPerEndpoint: 500,
  putClearsOmitted: true,
  putRejectsUnknownAttributes: true,
  emailSelection: 'primary-then-first',
  groupPatchResponse: 'okta-200-others-204',
  readOnlySecondaryStatus: 'method-default',
  userPostFailureStatus: 409,
  contentTypePolicy: 'scim-or-json',
  responseContentType: 'application/scim+json',
  userGroupsOnWrite: 'ignore',
  defaultSecondaryRolesValues: 'all-none-empty',
  echoExternalId: true,
  extensionEcho: 'when-set',
  metaLocation: false,
  excludedAttributesOnGet: true,
  groupPut: 'reject-405',
  groupMembersReplace: 'delta',
  nestedGroupMembers: 'reject',
  unroutableResponse: 'scim-404',
  networkPolicyBlockStatus: 403,
  disabledIntegrationsRoutable: true,
});

/**
 * Fill a partial option set with the defaults. Undefined entries fall back to the default, so
 * callers can spread optional user input without filtering it first. Numeric limits are clamped to
 * sane values rather than rejected, because options come from code, not from the wire.
 */
export function resolveOptions(partial: Partial<ScimOptions> = {}): ScimOptions {
  const merged: Record<string, unknown> = { ...DEFAULT_SCIM_OPTIONS };
  for (const [key, value] of Object.entries(partial)) {
    // Own keys only: a partial parsed from a JSON config must not reach `__proto__`.
    if (value !== undefined && Object.hasOwn(DEFAULT_SCIM_OPTIONS, key)) merged[key] = value;
  }
  const options = merged as unknown as ScimOptions;
  return Object.freeze({
    ...options,
    maxBodyBytes: positiveInt(options.maxBodyBytes, DEFAULT_SCIM_OPTIONS.maxBodyBytes),
    maxInFlightPerEndpoint: positiveInt(options.maxInFlightPerEndpoint, DEFAULT_SCIM_OPTIONS.maxInFlightPerEndpoint),
  });
}

function positiveInt(value: number, fallback: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
