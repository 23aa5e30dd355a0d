import { describe, expect, it } from 'vitest';
import { as, createRole, createUser, given, OKTA_SETUP } from '../test-support/gwt.ts';
import { findNetworkPolicy } from './context.ts';

const np = (name: string, allowed: string[] = ['10.0.0.0/8'], blocked: string[] = []) =>
  ({ type: 'CreateNetworkPolicy', name, allowedIpList: allowed, blockedIpList: blocked }) as const;

describe('network policies', () => {
  it('creates with IPv4/IPv6 CIDR lists (SECURITYADMIN may)', () => {
    given().when(np('NP', ['192.168.1.0/24', '2001:db8::/32']), as('SECURITYADMIN')).thenEvents({ type: 'NetworkPolicyCreated', policy: { allowedIpList: ['192.168.1.0/24', '2001:db8::/32'], owner: 'SECURITYADMIN' } });
  });

  it('refuses invalid addresses, duplicates, and roles without CREATE NETWORK POLICY', () => {
    given().when(np('NP', ['300.1.1.1'])).thenError('001422', /invalid value '300.1.1.1' for property 'ALLOWED_IP_LIST'/);
    given(np('NP')).when(np('NP')).thenError('002002');
    given(createRole('R')).when(np('NP'), as('R')).thenError('003001');
  });

  it('ALTER SET / ADD / REMOVE / UNSET and RENAME', () => {
    const g = given(np('NP', ['1.1.1.1']));
    g.when({ type: 'AlterNetworkPolicy', target: { name: 'NP' }, add: { allowedIpList: ['2.2.2.2'] }, set: { blockedIpList: ['1.1.1.1'] } }).thenEvents({
      type: 'NetworkPolicyAltered',
      changes: { allowedIpList: ['1.1.1.1', '2.2.2.2'], blockedIpList: ['1.1.1.1'] },
    });
    g.when({ type: 'AlterNetworkPolicy', target: { name: 'NP' }, remove: { allowedIpList: ['1.1.1.1'] }, unset: ['BLOCKED_IP_LIST'] }).thenEvents({
      type: 'NetworkPolicyAltered',
      changes: { allowedIpList: ['2.2.2.2'], blockedIpList: [] },
    });
    g.when({ type: 'RenameNetworkPolicy', target: { name: 'NP' }, newName: 'NP2' }).thenEvents({ type: 'NetworkPolicyRenamed' });
    expect(findNetworkPolicy(g.org.account('ACCOUNT1')!.state, { name: 'NP2' })!.allowedIpList).toEqual(['2.2.2.2']);
  });

  it('DROP of an attached policy is refused with 001492 naming the attachment', () => {
    given(...OKTA_SETUP, np('NP'), { type: 'AlterIntegration', target: { name: 'OKTA_PROVISIONING' }, set: { networkPolicy: 'NP' } })
      .when({ type: 'DropNetworkPolicy', target: { name: 'NP' } })
      .thenError(
        '001492',
        'SQL compilation error:\nCannot perform Drop operation on network policy NP. The policy is attached to INTEGRATION with name OKTA_PROVISIONING. Unset the network policy from INTEGRATION and try the Drop operation again.',
      );
    given(np('NP'), createUser('U', { networkPolicy: null }), { type: 'SetAccountParameters', set: { NETWORK_POLICY: 'NP' } })
      .when({ type: 'DropNetworkPolicy', target: { name: 'NP' } })
      .thenError('001492', /attached to ACCOUNT/);
  });

  it('DROP needs ownership (with Snowflake hint) and IF EXISTS tolerates a missing policy', () => {
    given(np('NP'), createRole('R')).when({ type: 'DropNetworkPolicy', target: { name: 'NP' } }, as('R')).thenError(
      '003001',
      "SQL access control error:\nInsufficient privileges to operate on network_policy 'NP'. Your primary role R must have OWNERSHIP granted on NETWORK POLICY NP.",
    );
    given().when({ type: 'DropNetworkPolicy', target: { name: 'NP' }, ifExists: true }).thenNothing();
    given().when({ type: 'DropNetworkPolicy', target: { name: 'SG_NOSUCH' } }).thenError('002003', "SQL compilation error:\nNetwork policy 'SG_NOSUCH' does not exist or not authorized.");
  });
});

describe('account parameters', () => {
  it('sets and unsets MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR, normalizing booleans', () => {
    given().when({ type: 'SetAccountParameters', set: { MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: 'TRUE' } }).thenEvents({ type: 'ParameterSet', name: 'MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR', value: 'true' });
    given({ type: 'SetAccountParameters', set: { MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: 'true' } })
      .when({ type: 'SetAccountParameters', set: {}, unset: ['MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR'] })
      .thenEvents({ type: 'ParameterUnset' });
  });

  it('refuses unknown parameters, bad values, missing policies and non-admins', () => {
    given().when({ type: 'SetAccountParameters', set: { NO_SUCH: '1' } }).thenError('001420');
    given().when({ type: 'SetAccountParameters', set: { MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: 'maybe' } }).thenError('001008', /invalid value \[maybe\]/);
    given().when({ type: 'SetAccountParameters', set: { NETWORK_POLICY: 'NOPE' } }).thenError('002003');
    given().when({ type: 'SetAccountParameters', set: { MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR: 'true' } }, as('SECURITYADMIN')).thenError('003001');
  });
});
