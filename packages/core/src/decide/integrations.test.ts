import { describe, expect, it } from 'vitest';
import { as, createRole, given, OKTA_SETUP, scimIntegration } from '../test-support/gwt.ts';
import { verifyScimToken } from '../scim-tokens.ts';
import { findIntegration } from './context.ts';

describe('security integrations', () => {
  it('creates the documented Okta SCIM integration with a SCIM_ENDPOINT_ID', () => {
    const g = given(...OKTA_SETUP);
    const i = findIntegration(g.org.account('ACCOUNT1')!.state, { name: 'OKTA_PROVISIONING' })!;
    expect(i.props).toMatchObject({ kind: 'SCIM', scimClient: 'OKTA', runAsRole: 'OKTA_PROVISIONER', syncPassword: false });
    expect(i.props.kind === 'SCIM' && i.props.scimEndpointId).toMatch(/^[0-9a-f-]{36}$/);
    expect(i.enabled).toBe(true);
  });

  it('refuses a missing RUN_AS_ROLE (case-sensitive string)', () => {
    given(createRole('OKTA_PROVISIONER')).when(scimIntegration('I', 'okta_provisioner')).thenError('002003', /Role 'okta_provisioner'/);
  });

  it('needs CREATE INTEGRATION (ACCOUNTADMIN by default)', () => {
    given(createRole('P')).when(scimIntegration('I', 'P'), as('SECURITYADMIN')).thenError('003001');
  });

  it('ALTER: SET/UNSET, RUN_AS_ROLE is not alterable, network policy must exist', () => {
    const g = () => given(...OKTA_SETUP, { type: 'CreateNetworkPolicy', name: 'OKTA_NP', allowedIpList: ['1.2.3.0/24'] });
    g().when({ type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'OKTA_NP', syncPassword: true, comment: 'c' } }).thenEvents({ type: 'IntegrationAltered' });
    g().when({ type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { properties: { RUN_AS_ROLE: 'X' } } }).thenError('001420', /invalid property 'RUN_AS_ROLE'/);
    g().when({ type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'NOPE' } }).thenError('002003', /Network policy 'NOPE'/);
    g().when({ type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: {}, unset: ['SYNC_PASSWORD', 'COMMENT'] }).thenEvents({ type: 'IntegrationAltered' });
    g().when({ type: 'AlterIntegration', target: { name: 'NOPE' }, set: {} }).thenError('002003', "SQL compilation error:\nIntegration 'NOPE' does not exist or not authorized.");
  });

  it('keeps SAML2 and OAuth integrations as property sets', () => {
    const g = given({ type: 'CreateIntegration', name: 'MY_IDP', props: { kind: 'SAML2', properties: { SAML2_ISSUER: 'http://okta', SAML2_PROVIDER: 'OKTA' } }, enabled: true });
    g.when({ type: 'AlterIntegration', target: { name: 'MY_IDP' }, set: { properties: { SAML2_FORCE_AUTHN: true } }, unset: ['SAML2_PROVIDER'] }).thenEvents({ type: 'IntegrationAltered' });
    const i = findIntegration(g.org.account('ACCOUNT1')!.state, { name: 'MY_IDP' })!;
    expect(i.props).toEqual({ kind: 'SAML2', properties: { SAML2_ISSUER: 'http://okta', SAML2_FORCE_AUTHN: true } });
  });
});

describe('SCIM access tokens', () => {
  const token = (g: ReturnType<typeof given>) => {
    const r = g.org.execute('ACCOUNT1', { type: 'GenerateScimToken', integration: { name: 'OKTA_PROVISIONING' } }, { role: 'ACCOUNTADMIN' });
    if ('type' in r || r.decision.output.kind !== 'token') throw new Error('no token');
    return r.decision.output.token;
  };

  it('are valid for 6 months on the simulated clock, and never enter the log', () => {
    const g = given(...OKTA_SETUP);
    const t = token(g);
    const state = () => g.org.account('ACCOUNT1')!.state;
    expect(verifyScimToken(state(), t, g.org.now).ok).toBe(true);
    expect(JSON.stringify(g.org.account('ACCOUNT1')!.log)).not.toContain(t);
    g.org.advance('182 days');
    expect(verifyScimToken(state(), t, g.org.now).ok).toBe(true);
    g.org.advance('2 days');
    expect(verifyScimToken(state(), t, g.org.now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a new token does not invalidate older ones; DROP and CREATE OR REPLACE do', () => {
    const g = given(...OKTA_SETUP);
    const t1 = token(g);
    const t2 = token(g);
    const state = () => g.org.account('ACCOUNT1')!.state;
    expect(verifyScimToken(state(), t1, g.org.now).ok && verifyScimToken(state(), t2, g.org.now).ok).toBe(true);
    g.when(OKTA_SETUP[3]!).thenEvents({ type: 'IntegrationDropped' }, { type: 'IntegrationCreated' });
    expect(verifyScimToken(state(), t1, g.org.now)).toEqual({ ok: false, reason: 'invalid' });
    const t3 = token(g);
    g.when({ type: 'DropIntegration', target: { name: 'OKTA_PROVISIONING' } }).thenEvents({ type: 'IntegrationDropped' });
    expect(verifyScimToken(state(), t3, g.org.now).ok).toBe(false);
  });

  it('REJECT_TOKENS_ISSUED_BEFORE revokes older tokens', () => {
    const g = given(...OKTA_SETUP);
    const t = token(g);
    g.org.advance('1 hour');
    g.when({ type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { rejectTokensIssuedBefore: g.org.now } }).thenEvents({ type: 'IntegrationAltered' });
    expect(verifyScimToken(g.org.account('ACCOUNT1')!.state, t, g.org.now)).toEqual({ ok: false, reason: 'revoked' });
    const fresh = token(g);
    expect(verifyScimToken(g.org.account('ACCOUNT1')!.state, fresh, g.org.now).ok).toBe(true);
  });

  it('only the integration owner may generate tokens; non-SCIM integrations refuse', () => {
    given(...OKTA_SETUP).when({ type: 'GenerateScimToken', integration: { name: 'OKTA_PROVISIONING' } }, as('SECURITYADMIN')).thenError('003001');
    given({ type: 'CreateIntegration', name: 'S', props: { kind: 'SAML2', properties: {} } }).when({ type: 'GenerateScimToken', integration: { name: 'S' } }).thenError('002140');
  });
});
