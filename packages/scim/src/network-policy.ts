/**
 * Network policies on the caller's IP (spec §8). A policy on the SCIM integration overrides the
 * account-level policy (`ALTER ACCOUNT SET NETWORK_POLICY`). The user level of the precedence
 * (current docs: integration > user > account; older docs: user > integration > account,
 * `networkPolicyPrecedence`) does not exist for SCIM access tokens, which carry no Snowflake user;
 * it is kept in the order so that PAT/OAuth callers can slot in later.
 *
 * The verdict is core's `evaluatePolicy`: BLOCKED wins, a non-empty allowed list blocks every other
 * address of its family, IPv4 and IPv6 are judged independently.
 */
import { evaluatePolicy, type AccountState, type NetworkPolicy } from '@snowglobe/core';
import type { ScimOptions } from './protocol/index.ts';
import type { ScimIntegration } from './auth.ts';

/** The verdict for one request. */
export type NetworkVerdict =
  | { readonly allowed: true; readonly policy: NetworkPolicy | null }
  | { readonly allowed: false; readonly policy: NetworkPolicy };

/** The account parameter holding the account-level policy (stored as the policy id). */
const ACCOUNT_PARAMETER = 'NETWORK_POLICY';

/**
 * The policy that governs the request: the first level of the precedence order that has one. A
 * policy id that no longer resolves (the policy was dropped) counts as no policy at that level.
 */
export function effectivePolicy(
  state: AccountState,
  integration: ScimIntegration,
  userPolicyId: string | null,
  options: Pick<ScimOptions, 'networkPolicyPrecedence'>,
): NetworkPolicy | null {
  const integrationLevel = integration.networkPolicy;
  const accountLevel = state.parameters.get(ACCOUNT_PARAMETER) ?? null;
  const order =
    options.networkPolicyPrecedence === 'integration-user-account'
      ? [integrationLevel, userPolicyId, accountLevel]
      : [userPolicyId, integrationLevel, accountLevel];
  for (const id of order) {
    if (id === null || id === '') continue;
    const policy = state.networkPolicies.get(id);
    if (policy !== undefined) return policy;
  }
  return null;
}

/** Judge `clientIp` for a request authenticated with `integration` (no user level for SCIM tokens). */
export function checkNetworkPolicy(
  state: AccountState,
  integration: ScimIntegration,
  clientIp: string,
  options: Pick<ScimOptions, 'networkPolicyPrecedence'>,
): NetworkVerdict {
  const policy = effectivePolicy(state, integration, null, options);
  if (policy === null) return { allowed: true, policy: null };
  return evaluatePolicy(policy.allowedIpList, policy.blockedIpList, clientIp) === 'allowed'
    ? { allowed: true, policy }
    : { allowed: false, policy };
}

/**
 * Snowflake's generic block message (spec §8 [POSIT]; not documented for SCIM). It names the
 * client IP only: never the token.
 */
export function blockedDetail(clientIp: string): string {
  return `Incoming request with IP/Token ${clientIp} is not allowed to access Snowflake. Contact your account administrator.`;
}
