/**
 * Path parsing, host routing and the in-flight limiter in isolation.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization } from '@snowglobe/core';
import { parseScimPath, resolveByHost, routeAccount } from './routing.ts';
import { InFlightLimiter } from './limiter.ts';

const EID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('parseScimPath', () => {
  it('recognises both base URLs, trailing slashes, ids and the endpoint id', () => {
    expect(parseScimPath('/scim/v2/Users', false)).toEqual({ kind: 'collection', resource: 'Users', endpointId: null });
    expect(parseScimPath('/scim/v2/Users/', false)).toEqual({ kind: 'collection', resource: 'Users', endpointId: null });
    expect(parseScimPath(`/scim/v2/${EID}/Groups/abc%20def`, false)).toEqual({ kind: 'item', resource: 'Groups', id: 'abc def', endpointId: EID });
    expect(parseScimPath(`/scim/v2/${EID.toUpperCase()}/ServiceProviderConfig/`, false)).toEqual({ kind: 'serviceProviderConfig', endpointId: EID });
    expect(parseScimPath('/scim/v2/users', false)).toMatchObject({ kind: 'collection', resource: 'Users' });
    expect(parseScimPath('/scim/v2/users', true)).toMatchObject({ kind: 'unknown' });
    expect(parseScimPath('/SCIM/V2/Users', true)).toMatchObject({ kind: 'unknown' });
  });

  it('names nothing for other paths', () => {
    for (const p of ['/', '/scim', '/scim/v2', '/scim/v2/', '/scim/v1/Users', '/scim/v2//Users', '/scim/v2/Users/a/b', '/scim/v2/Users/%zz', '/scim/v2/Schemas', `/scim/v2/${EID}`, '/scim/v2/ServiceProviderConfig/x']) {
      expect(parseScimPath(p, false).kind, p).toBe('unknown');
    }
  });
});

describe('resolveByHost', () => {
  const org = createOrganization({ accounts: [{ name: 'ACCOUNT1' }, { name: 'ACCOUNT_2' }] });
  it('routes <org>-<account> hosts, any case and separator, and others to the first account', () => {
    expect(resolveByHost(org, 'myorg-account1.snowflakecomputing.com')?.name).toBe('ACCOUNT1');
    expect(resolveByHost(org, 'MYORG-ACCOUNT-2.snowflakecomputing.com:443')?.name).toBe('ACCOUNT_2');
    expect(resolveByHost(org, 'myorg_account_2.privatelink.snowflakecomputing.com')?.name).toBe('ACCOUNT_2');
    expect(resolveByHost(org, 'localhost:4280')?.name).toBe('ACCOUNT1');
    expect(resolveByHost(org, '10.0.0.1')?.name).toBe('ACCOUNT1');
    expect(resolveByHost(org, 'myorg-nope.snowflakecomputing.com')).toBeNull();
  });

  it('lets info.account win, and reports unknown accounts', () => {
    expect(routeAccount(org, 'myorg-account1.snowflakecomputing.com', 'account_2', resolveByHost)).toMatchObject({ ok: true });
    expect(routeAccount(org, 'x', 'NOPE', resolveByHost)).toMatchObject({ ok: false });
  });
});

describe('InFlightLimiter', () => {
  it('admits up to max per key and frees slots on release', () => {
    const l = new InFlightLimiter(2);
    expect(l.tryAcquire('A/Users')).toBe(true);
    expect(l.tryAcquire('A/Users')).toBe(true);
    expect(l.tryAcquire('A/Users')).toBe(false);
    expect(l.tryAcquire('A/Groups')).toBe(true);
    expect(l.inFlight('A/Users')).toBe(2);
    l.release('A/Users');
    expect(l.tryAcquire('A/Users')).toBe(true);
    l.release('A/Users');
    l.release('A/Users');
    expect(l.inFlight('A/Users')).toBe(0);
  });
});
