/**
 * The `excludedAttributes` query parameter (spec §1.5): only `groups` on /Users and `members` on
 * /Groups are honoured — they drive response size and latency on big accounts — and every other
 * name is silently ignored. Names are case-insensitive and may be fully qualified with the core
 * schema URN (RFC 7644 §3.10).
 */
import { CORE_GROUP_URN, CORE_USER_URN } from './schemas.ts';

/** What a response leaves out. */
export interface Exclusions {
  /** Leave `groups` out of User resources. */
  readonly groups: boolean;
  /** Leave `members` out of Group resources. */
  readonly members: boolean;
}

/** Nothing excluded. */
export const NO_EXCLUSIONS: Exclusions = Object.freeze({ groups: false, members: false });

/** Parse `excludedAttributes` (null when absent) for a list or GET endpoint. Never fails. */
export function parseExcludedAttributes(raw: string | null, resource: 'Users' | 'Groups'): Exclusions {
  if (raw === null) return NO_EXCLUSIONS;
  const urn = (resource === 'Users' ? CORE_USER_URN : CORE_GROUP_URN).toLowerCase();
  const names = raw
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .map((n) => (n.startsWith(`${urn}:`) ? n.slice(urn.length + 1) : n));
  return {
    groups: resource === 'Users' && names.includes('groups'),
    members: resource === 'Groups' && names.includes('members'),
  };
}
