import { errors, type SnowflakeError } from '../errors.ts';
import {
  INTEGRATION_TYPES,
  REPLICATION_OBJECT_TYPES,
  type IntegrationType,
  type ReplicationObjectType,
} from '../model/replication.ts';

const squash = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * OBJECT_TYPES as written (`users`, `network policies`, `ACCOUNT  PARAMETERS`) -> the canonical
 * names, deduplicated, in Snowflake's documented order. `PARAMETERS` (how SHOW prints ACCOUNT
 * PARAMETERS) is accepted too.
 */
export function parseObjectTypes(list: readonly string[]): ReplicationObjectType[] | SnowflakeError {
  const out = new Set<ReplicationObjectType>();
  for (const raw of list) {
    const v = squash(raw);
    const t = v === 'PARAMETERS' ? 'ACCOUNT PARAMETERS' : v;
    if (!(REPLICATION_OBJECT_TYPES as readonly string[]).includes(t)) return errors.invalidPropertyValue(raw, 'OBJECT_TYPES');
    out.add(t as ReplicationObjectType);
  }
  return REPLICATION_OBJECT_TYPES.filter((t) => out.has(t));
}

/** ALLOWED_INTEGRATION_TYPES as written (`security integrations`) -> canonical names. */
export function parseIntegrationTypes(list: readonly string[]): IntegrationType[] | SnowflakeError {
  const out = new Set<IntegrationType>();
  for (const raw of list) {
    let v = squash(raw).replace(/_/g, ' ');
    if (!v.endsWith(' INTEGRATIONS')) v = `${v} INTEGRATIONS`;
    if (!(INTEGRATION_TYPES as readonly string[]).includes(v)) return errors.invalidPropertyValue(raw, 'ALLOWED_INTEGRATION_TYPES');
    out.add(v as IntegrationType);
  }
  return INTEGRATION_TYPES.filter((t) => out.has(t));
}

/**
 * `<org>.<account>` or a bare `<account>` -> upper-case `ORG.ACCOUNT`, or null when it names
 * another organization or is malformed. Existence is the organization's business.
 */
export function normalizeAccountRef(text: string, org: string): string | null {
  const parts = text.split('.').map((p) => p.trim().replace(/^"(.*)"$/, '$1').toUpperCase());
  if (parts.some((p) => p === '')) return null;
  if (parts.length === 1) return `${org.toUpperCase()}.${parts[0]!}`;
  if (parts.length === 2 && parts[0] === org.toUpperCase()) return `${parts[0]}.${parts[1]!}`;
  return null;
}

/** Splits `<org>.<account>.<object>` (AS REPLICA OF); names keep their case, the org must match. */
export function parseObjectRef(text: string, org: string): { readonly account: string; readonly name: string } | null {
  const parts = text.split('.').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  if (parts[0]!.replace(/^"(.*)"$/, '$1').toUpperCase() !== org.toUpperCase()) return null;
  return { account: parts[1]!.replace(/^"(.*)"$/, '$1').toUpperCase(), name: parts[2]!.replace(/^"(.*)"$/, '$1') };
}

/** The bare account name of `ORG.ACCOUNT`. */
export function accountOf(ref: string): string {
  const dot = ref.lastIndexOf('.');
  return dot === -1 ? ref : ref.slice(dot + 1);
}

/** The word Snowflake uses for a group kind in messages. */
export function groupKindWord(kind: 'FAILOVER' | 'REPLICATION'): string {
  return kind === 'FAILOVER' ? 'Failover group' : 'Replication group';
}
