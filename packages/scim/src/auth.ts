/**
 * Bearer authentication with SCIM access tokens (spec §6.1): the token must be one the account's
 * SCIM integration issued with SYSTEM$GENERATE_SCIM_ACCESS_TOKEN, not older than six months on
 * the simulated clock ("Access token expired", CONFIRMED [OKTA-KB-401]), its integration not
 * dropped or replaced (CREATE OR REPLACE drops it), and not issued before the integration's
 * REJECT_TOKENS_ISSUED_BEFORE. Core's `verifyScimTokenHash` makes those checks on hashes; the token
 * text is never stored, logged or echoed.
 */
import { scimTokenHash, verifyScimTokenHash, type AccountState, type Integration, type ScimIntegrationProps } from '@snowglobe/core';
import { scimError, type ScimError, type ScimOptions } from './protocol/index.ts';

/** A SCIM integration, narrowed. */
export type ScimIntegration = Integration & { readonly props: ScimIntegrationProps };

/** The outcome of authentication. */
export type AuthResult =
  | { readonly ok: true; readonly integration: ScimIntegration }
  | { readonly ok: false; readonly error: ScimError };

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750 §2.1), or null. */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * A bounded memo token → `scimTokenHash(token)`. Core hashes with a pure-JS SHA-256 (~15 µs, the
 * largest fixed cost of a read request); an IdP sends the same token on every request. Only the
 * hash is memoised: every request is still verified against the live state, so a dropped
 * integration, expiry or REJECT_TOKENS_ISSUED_BEFORE take effect at once. The memo lives in the
 * process's memory only (one memo for every handler) — never in a log, an event or a response.
 */
export class TokenHashMemo {
  readonly #max: number;
  readonly #hashes = new Map<string, string>();

  constructor(max = 64) {
    this.#max = max;
  }

  /** The hash of `token`, memoised. */
  hash(token: string): string {
    const hit = this.#hashes.get(token);
    if (hit !== undefined) return hit;
    const hash = scimTokenHash(token);
    // Oldest first out: a client cycling through garbage tokens cannot grow the memo.
    if (this.#hashes.size >= this.#max) {
      const oldest = this.#hashes.keys().next();
      if (oldest.done !== true) this.#hashes.delete(oldest.value);
    }
    this.#hashes.set(token, hash);
    return hash;
  }
}

/**
 * Authenticate a request against `state` at `now`. With a SCIM_ENDPOINT_ID in the URL the token
 * must belong to that integration (spec §1.1); the 401s for a wrong integration, an invalid,
 * expired or rejected token are UNCONFIRMED except "Access token expired".
 */
export function authenticate(
  state: AccountState,
  token: string | null,
  now: number,
  endpointId: string | null,
  options: Pick<ScimOptions, 'disabledIntegrationsRoutable'>,
  memo: TokenHashMemo,
): AuthResult {
  if (token === null) return { ok: false, error: scimError.unauthorized('Missing or malformed Authorization header; expected Bearer <access token>') };
  const check = verifyScimTokenHash(state, memo.hash(token), now);
  if (!check.ok) {
    switch (check.reason) {
      case 'invalid':
        return { ok: false, error: scimError.unauthorized('Invalid access token') };
      case 'expired':
        return { ok: false, error: scimError.unauthorized('Access token expired') };
      case 'revoked':
        return { ok: false, error: scimError.unauthorized('Access token was issued before REJECT_TOKENS_ISSUED_BEFORE of its integration') };
    }
  }
  // verifyScimTokenHash only accepts tokens of SCIM integrations; narrow for the compiler.
  const integration = check.integration as ScimIntegration;
  if (endpointId !== null && integration.props.scimEndpointId.toLowerCase() !== endpointId) {
    return { ok: false, error: scimError.unauthorized('The access token does not belong to the SCIM integration of this URL') };
  }
  // Spec §7.1 CONFLICT: ENABLED = FALSE "has no effect" per CREATE; with the switch off it takes the
  // integration out of UUID-less routing.
  if (endpointId === null && !integration.enabled && !options.disabledIntegrationsRoutable) {
    return { ok: false, error: scimError.unauthorized('The SCIM integration is disabled; use its /scim/v2/<SCIM_ENDPOINT_ID>/ URL') };
  }
  return { ok: true, integration };
}
