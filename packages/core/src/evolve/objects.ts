import type { EventOf } from '../events.ts';
import type { Integration } from '../model/integration.ts';
import type { W } from './draft.ts';

export function integrationAltered(s: W, e: EventOf<'IntegrationAltered'>): void {
  const i = s.integrations.get(e.id) as Integration | undefined;
  if (!i) return;
  const c = e.changes;
  let props = c.props ?? i.props;
  if (props.kind === 'SCIM') {
    if (c.syncPassword !== undefined) props = { ...props, syncPassword: c.syncPassword };
    if (c.rejectTokensIssuedBefore !== undefined) props = { ...props, rejectTokensIssuedBefore: c.rejectTokensIssuedBefore };
  } else if (c.properties) {
    const properties = { ...props.properties };
    for (const [k, v] of Object.entries(c.properties)) {
      if (v === null) delete properties[k];
      else properties[k] = v;
    }
    props = { ...props, properties };
  }
  s.integrations.set(e.id, {
    ...i,
    ...(c.enabled !== undefined ? { enabled: c.enabled } : {}),
    ...(c.comment !== undefined ? { comment: c.comment } : {}),
    ...(c.networkPolicy !== undefined ? { networkPolicy: c.networkPolicy } : {}),
    props,
    updatedOn: e.at,
  } as W['integrations'] extends Map<string, infer D> ? D : never);
}

export function integrationDropped(s: W, e: EventOf<'IntegrationDropped'>): void {
  s.integrations.delete(e.id);
  // Dropping (or replacing) an integration invalidates every token issued for it.
  for (const [hash, token] of s.scimTokens) if (token.integrationId === e.id) s.scimTokens.delete(hash);
}

export function networkPolicyAltered(s: W, e: EventOf<'NetworkPolicyAltered'>): void {
  const p = s.networkPolicies.get(e.id);
  if (!p) return;
  if (e.changes.allowedIpList !== undefined) p.allowedIpList = [...e.changes.allowedIpList];
  if (e.changes.blockedIpList !== undefined) p.blockedIpList = [...e.changes.blockedIpList];
  if (e.changes.comment !== undefined) p.comment = e.changes.comment;
  p.updatedOn = e.at;
}
