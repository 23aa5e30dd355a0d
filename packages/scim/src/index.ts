/**
 * @snowglobe/scim — Snowflake's SCIM 2.0 service provider as a web-standard fetch handler over an
 * `@snowglobe/core` organization, and the pure protocol layer it is built on.
 */
export { createScimHandler, DEFAULT_CLIENT_IP, type ScimHandler, type ScimHandlerOptions, type ScimRequestInfo } from './handler.ts';
export { resolveByHost, parseScimPath, type AccountResolver, type ScimPath, type ScimResource } from './routing.ts';
export { InFlightLimiter } from './limiter.ts';
export { bearerToken, type ScimIntegration } from './auth.ts';
export { checkNetworkPolicy, effectivePolicy, type NetworkVerdict } from './network-policy.ts';
export { userRecord, groupRecord } from './records.ts';
export * from './protocol/index.ts';
