import type { AccountState } from './state.ts';
import { shEntries, shValues } from './util/sharded-map.ts';

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * A canonical, JSON-ready view of an account's state: every collection as an array sorted by id,
 * Maps turned into sorted entry lists. Two states are equal iff their views stringify equally.
 */
export function stateToJSON(s: AccountState): unknown {
  const entries = <V>(m: ReadonlyMap<string, V>) => [...m.entries()].sort(byKey(([k]) => k));
  return {
    users: [...shValues(s.users)].sort(byKey((u) => u.id)).map((u) => ({ ...u, roles: [...u.roles].sort(byKey((g) => g.role)) })),
    roles: [...shValues(s.roles)].sort(byKey((r) => r.id)).map((r) => ({ ...r, granted: entries(r.granted), users: [...shEntries(r.users)].sort(byKey(([k]) => k)) })),
    privileges: entries(s.privileges),
    integrations: entries(s.integrations),
    scimTokens: entries(s.scimTokens),
    networkPolicies: entries(s.networkPolicies),
    parameters: entries(s.parameters),
    failoverGroups: entries(s.failoverGroups),
    connections: entries(s.connections),
    indexes: {
      userNames: s.userNames.size,
      loginNames: s.loginNames.size,
      roleNames: s.roleNames.size,
    },
  };
}
