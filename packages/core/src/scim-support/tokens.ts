import type { AccountState } from '../state.ts';
import type { TokenCheck } from '../scim-tokens.ts';
import { constantTimeEqual } from '../util/sha256.ts';

/**
 * `verifyScimToken` for a token whose hash (`scimTokenHash(token)`) the caller already has: the
 * same checks in the same order — known hash (constant-time compared), integration still there,
 * not expired on the simulated clock, not issued before REJECT_TOKENS_ISSUED_BEFORE. The SCIM
 * handler keeps a small token → hash memo so that each request does not pay a pure-JS SHA-256
 * (~15 µs); the state is still consulted on every request, so drops, expiry and rejection apply
 * immediately. A test in @snowglobe/scim keeps the two functions in agreement.
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
