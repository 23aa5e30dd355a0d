import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';
import { serviceProviderConfig } from './service-provider-config.ts';

describe('serviceProviderConfig (spec §1.3, [BCR])', () => {
  it('2026_03: filter.supported is the boolean true', () => {
    const body = serviceProviderConfig(resolveOptions());
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      meta: { resourceType: 'ServiceProviderConfig' },
    });
    expect(body.authenticationSchemes).toEqual([expect.objectContaining({ type: 'oauthbearertoken', primary: true })]);
  });

  it('legacy: filter.supported is the integer 0', () => {
    expect((serviceProviderConfig(resolveOptions({ bundle: 'legacy' })).filter as { supported: unknown }).supported).toBe(0);
  });

  it('changePassword follows the integration SYNC_PASSWORD, else syncPasswordDefault', () => {
    expect(serviceProviderConfig(resolveOptions(), { syncPassword: true }).changePassword).toEqual({ supported: true });
    expect(serviceProviderConfig(resolveOptions({ syncPasswordDefault: true })).changePassword).toEqual({ supported: true });
  });

  it('meta.location with metaLocation', () => {
    expect(serviceProviderConfig(resolveOptions({ metaLocation: true }), { baseUrl: 'https://a/scim/v2' }).meta).toEqual({
      resourceType: 'ServiceProviderConfig',
      location: 'https://a/scim/v2/ServiceProviderConfig',
    });
  });
});
