/**
 * Read helpers for @snowglobe/scim. Small, pure functions over an account's state that the SCIM
 * handler needs on its hot path; they add no behaviour of their own.
 */
export { verifyScimTokenHash } from './tokens.ts';
