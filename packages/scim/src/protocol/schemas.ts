/**
 * The schema URNs Snowflake's SCIM endpoint speaks (spec §2.1, §2.2, §4.4) and case-insensitive
 * recognition of them: RFC 7643 §2.1 makes attribute names case-insensitive and clients differ in
 * how they spell URNs, so every comparison here lower-cases both sides.
 */

export const CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Snowflake's original namespace; Okta uses it; holds `snowflakeUserName` (spec §2.2). */
export const ENTERPRISE_USER_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** The namespace for Entra and custom clients (spec §2.2). */
export const SNOWFLAKE_USER_URN = 'urn:ietf:params:scim:schemas:extension:2.0:User';
/** Entra's non-URN extra group schema (spec §4.4). */
export const MS_ADSCIM_GROUP_URI = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SERVICE_PROVIDER_CONFIG_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/**
 * Which user extension namespace a client used, recorded so that responses echo it (spec §2.2:
 * "accept both namespaces for every client and record which one was used").
 */
export type ExtensionNamespace = 'enterprise' | 'extension';

/** The URN of an extension namespace. */
export function extensionUrn(ns: ExtensionNamespace): string {
  return ns === 'enterprise' ? ENTERPRISE_USER_URN : SNOWFLAKE_USER_URN;
}

/** The extension namespace a URN names, case-insensitively, or null. */
export function extensionNamespaceOf(urn: string): ExtensionNamespace | null {
  const lower = urn.toLowerCase();
  if (lower === ENTERPRISE_USER_URN.toLowerCase()) return 'enterprise';
  if (lower === SNOWFLAKE_USER_URN.toLowerCase()) return 'extension';
  return null;
}

/** Whether two URNs/attribute names are equal ignoring case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * A PATCH path or body key split into the schema it names and the attribute path after it:
 * `urn:...:2.0:User:defaultRole` and `urn:...:enterprise:2.0:User.snowflakeUserName` (both forms are
 * in use, spec §2.2), `urn:...:core:2.0:User:userName` (RFC 7644 fully qualified), or a bare path.
 * `rest` is '' when the key is the URN itself (a whole extension object).
 */
export type QualifiedPath =
  | { readonly schema: 'core'; readonly rest: string }
  | { readonly schema: ExtensionNamespace; readonly rest: string };

/** Split a path on a known schema URN prefix; an unknown `urn:` prefix yields null. */
export function splitSchemaPrefix(path: string, coreUrn: string): QualifiedPath | null {
  const lower = path.toLowerCase();
  const candidates: readonly [string, QualifiedPath['schema']][] = [
    [ENTERPRISE_USER_URN, 'enterprise'],
    [SNOWFLAKE_USER_URN, 'extension'],
    [coreUrn, 'core'],
  ];
  for (const [urn, schema] of candidates) {
    const u = urn.toLowerCase();
    if (lower === u) return { schema, rest: '' };
    if (lower.startsWith(u) && (lower[u.length] === ':' || lower[u.length] === '.')) {
      return { schema, rest: path.slice(u.length + 1) };
    }
  }
  // A URN we do not serve: not a bare attribute name either.
  if (lower.startsWith('urn:')) return null;
  return { schema: 'core', rest: path };
}
