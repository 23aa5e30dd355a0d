/**
 * The schema URNs IdPs put on the wire (spec §2.1, §2.2, §4.4), spelled as the IdPs spell them,
 * and a deterministic stand-in for the random ids and passwords they send (the harness never
 * calls `Math.random`: the same run must send the same bytes).
 */

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Snowflake's original extension namespace; Okta maps custom attributes here. */
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** The namespace for Entra and custom clients. */
export const EXTENSION_USER = 'urn:ietf:params:scim:schemas:extension:2.0:User';
/** Entra's extra, non-URN group schema. */
export const MS_ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `length` characters of [0-9a-zA-Z] derived from `seed` (FNV-1a, then xorshift). */
export function stableToken(seed: string, length: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out += ALPHABET[h % ALPHABET.length];
  }
  return out;
}

/** A GUID-shaped id (Entra objectIds) derived from `seed`. */
export function stableGuid(seed: string): string {
  const hex = [...stableToken(seed, 32)].map((c) => (ALPHABET.indexOf(c) % 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
