import type { AccountState } from './state.ts';
import type { Integration, ScimToken } from './model/integration.ts';
import { scimTokenHash } from './decide/integrations.ts';
import { constantTimeEqual } from './util/sha256.ts';

export type TokenCheck =
  | { readonly ok: true; readonly integration: Integration; readonly token: ScimToken }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'revoked' };

/**
 * Verifies a SCIM bearer token: known hash (constant-time compared), integration still there,
 * not expired on the simulated clock, not issued before REJECT_TOKENS_ISSUED_BEFORE.
 */
export function verifyScimToken(state: AccountState, token: string, now: number): TokenCheck {
  return verifyScimTokenHash(state, scimTokenHash(token), now);
}

/**
 * `verifyScimToken` for a caller that already holds `scimTokenHash(token)`: the SCIM handler keeps
 * a small token -> hash memo so a request does not pay a pure-JS SHA-256 (~15 us). The state is
 * still consulted on every request, so drops, expiry and rejection apply immediately.
 */
export function verifyScimTokenHash(state: AccountState, hash: string, now: number): TokenCheck {
  const stored = state.scimTokens.get(hash);
  if (!stored || !constantTimeEqual(stored.hash, hash)) return { ok: false, reason: 'invalid' };
  const integration = state.integrations.get(stored.integrationId);
  if (!integration || integration.props.kind !== 'SCIM') return { ok: false, reason: 'invalid' };
  if (now >= stored.expiresAt) return { ok: false, reason: 'expired' };
  const rejectBefore = integration.props.rejectTokensIssuedBefore;
  if (rejectBefore !== null && stored.issuedAt < rejectBefore) return { ok: false, reason: 'revoked' };
  return { ok: true, integration, token: stored };
}
