import { describe, expect, it } from 'vitest';
import { parseExcludedAttributes } from './excluded-attributes.ts';
import { resolveOptions } from './options.ts';
import { isoSeconds, renderGroup, renderUser, type ScimGroupRecord, type ScimUserRecord } from './render.ts';
import { groupPatchSuccessStatus, noContentResponse, scimJsonResponse } from './response.ts';

const options = resolveOptions();
const created = Date.UTC(2024, 7, 1, 18, 20, 29, 123);

const sherry: ScimUserRecord = {
  id: '32_1',
  name: 'SHERRY_J',
  loginName: 'sherry_j',
  displayName: 'sherry_j',
  firstName: 'sherry_j',
  lastName: 'xyz',
  email: 'sherry_j.xyz@example.com',
  disabled: false,
  defaultRole: null,
  defaultWarehouse: null,
  defaultSecondaryRoles: null,
  type: 'PERSON',
  createdOn: created,
  updatedOn: created,
  groups: [{ id: '81_2', displayName: 'okta_role1' }],
  extensionNamespace: null,
};

describe('renderUser', () => {
  it('matches the documented list element with excludedAttributes=groups (spec §4.2)', () => {
    const out = renderUser(sherry, { options, exclusions: parseExcludedAttributes('groups', 'Users') });
    expect(out).toEqual({
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      id: '32_1',
      meta: { resourceType: 'User', created: '2024-08-01T18:20:29Z', lastModified: '2024-08-01T18:20:29Z' },
      userName: 'SHERRY_J',
      displayName: 'sherry_j',
      name: { givenName: 'sherry_j', familyName: 'xyz' },
      emails: [{ primary: true, value: 'sherry_j.xyz@example.com' }],
      active: true,
    });
  });

  it('groups as [{value, display}] unless excluded', () => {
    expect(renderUser(sherry, { options }).groups).toEqual([{ value: '81_2', display: 'okta_role1' }]);
  });

  it('never renders a password, even if a record carries one', () => {
    const withPassword = { ...sherry, password: 'secret', PASSWORD: 'secret' } as ScimUserRecord;
    expect(JSON.stringify(renderUser(withPassword, { options }))).not.toContain('secret');
  });

  it('active = !disabled; optional attributes omitted when null', () => {
    const out = renderUser({ ...sherry, disabled: true, displayName: null, firstName: null, lastName: null, email: null }, { options });
    expect(out.active).toBe(false);
    expect(out).not.toHaveProperty('displayName');
    expect(out).not.toHaveProperty('name');
    expect(out).not.toHaveProperty('emails');
  });

  it('the extension object appears only when set, under the namespace used', () => {
    expect(Object.keys(renderUser(sherry, { options })).some((k) => k.startsWith('urn:'))).toBe(false);
    const set: ScimUserRecord = {
      ...sherry,
      defaultRole: 'ANALYST',
      defaultSecondaryRoles: ['ALL'],
      type: 'SERVICE',
      snowflakeTags: [{ tag: 'db.s.t', value: 'v' }],
      allowedInterfaces: ['STREAMLIT'],
      extensionNamespace: 'extension',
    };
    expect(renderUser(set, { options })['urn:ietf:params:scim:schemas:extension:2.0:User']).toEqual({
      defaultRole: 'ANALYST',
      defaultSecondaryRoles: 'ALL',
      allowedInterfaces: 'STREAMLIT',
      snowflakeTags: ['db.s.t:v'],
      type: 'service',
    });
    const enterprise = renderUser({ ...set, extensionNamespace: null }, { options });
    expect(enterprise).toHaveProperty(['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    expect(renderUser({ ...sherry, defaultSecondaryRoles: [] }, { options })['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({
      defaultSecondaryRoles: 'NONE',
    });
  });

  it('snowflakeUserName with MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR', () => {
    const out = renderUser({ ...sherry, name: 'TEST_USER', extensionNamespace: 'enterprise' }, { options, mapScimUsernameToEnterpriseAttr: true });
    expect(out['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ snowflakeUserName: 'TEST_USER' });
  });

  it('extensionEcho always / never', () => {
    expect(renderUser(sherry, { options: resolveOptions({ extensionEcho: 'always' }) })['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({
      type: 'person',
    });
    expect(
      Object.keys(renderUser({ ...sherry, defaultRole: 'R' }, { options: resolveOptions({ extensionEcho: 'never' }) })).some((k) => k.startsWith('urn:')),
    ).toBe(false);
  });

  it('externalId echoed unless echoExternalId is off', () => {
    expect(renderUser({ ...sherry, externalId: 'ext' }, { options }).externalId).toBe('ext');
    expect(renderUser({ ...sherry, externalId: 'ext' }, { options: resolveOptions({ echoExternalId: false }) })).not.toHaveProperty('externalId');
  });

  it('userName keeps case with uppercaseUserNames off', () => {
    expect(renderUser(sherry, { options: resolveOptions({ uppercaseUserNames: false }) }).userName).toBe('sherry_j');
  });

  it('meta.location only with metaLocation', () => {
    expect(renderUser(sherry, { options, baseUrl: 'https://a.snowflakecomputing.com/scim/v2/' }).meta).not.toHaveProperty('location');
    const o = resolveOptions({ metaLocation: true });
    expect(renderUser(sherry, { options: o, baseUrl: 'https://a.snowflakecomputing.com/scim/v2/' }).meta).toMatchObject({
      location: 'https://a.snowflakecomputing.com/scim/v2/Users/32_1',
    });
  });
});

describe('renderGroup', () => {
  const role: ScimGroupRecord = {
    id: '81_2',
    displayName: 'okta_role1',
    members: [{ id: '32_1', display: 'SHERRY_J' }],
    createdOn: created,
    updatedOn: created,
  };
  it('matches the documented list element with excludedAttributes=members (spec §4.2)', () => {
    expect(renderGroup(role, { options, exclusions: parseExcludedAttributes('members', 'Groups') })).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: '81_2',
      meta: { resourceType: 'Group', created: '2024-08-01T18:20:29Z', lastModified: '2024-08-01T18:20:29Z' },
      displayName: 'okta_role1',
    });
  });
  it('members as [{value, display}]', () => {
    expect(renderGroup(role, { options }).members).toEqual([{ value: '32_1', display: 'SHERRY_J' }]);
    expect(renderGroup({ ...role, externalId: 'e' }, { options }).externalId).toBe('e');
  });
});

describe('excludedAttributes (spec §1.5)', () => {
  it('honours only groups on Users and members on Groups, case-insensitively', () => {
    expect(parseExcludedAttributes('Groups, emails', 'Users')).toEqual({ groups: true, members: false });
    expect(parseExcludedAttributes('members', 'Users')).toEqual({ groups: false, members: false });
    expect(parseExcludedAttributes('urn:ietf:params:scim:schemas:core:2.0:Group:members', 'Groups')).toEqual({ groups: false, members: true });
    expect(parseExcludedAttributes(null, 'Groups')).toEqual({ groups: false, members: false });
  });
});

describe('isoSeconds', () => {
  it('drops milliseconds and survives bad input', () => {
    expect(isoSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoSeconds(Number.NaN)).toBe('1970-01-01T00:00:00Z');
    expect(() => isoSeconds(1e20)).not.toThrow();
  });
});

describe('responses', () => {
  it('scimJsonResponse uses the SCIM content type', async () => {
    const r = scimJsonResponse({ a: 1 }, 201, options, { location: 'x' });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toBe('application/scim+json');
    expect(r.headers.get('location')).toBe('x');
    expect(await r.json()).toEqual({ a: 1 });
    expect(noContentResponse().status).toBe(204);
  });
  it('group PATCH: 200 for Okta, 204 for others (spec §3.2)', () => {
    expect(groupPatchSuccessStatus('OKTA', options)).toBe(200);
    expect(groupPatchSuccessStatus('AZURE', options)).toBe(204);
    expect(groupPatchSuccessStatus('GENERIC', options)).toBe(204);
    expect(groupPatchSuccessStatus('AZURE', resolveOptions({ groupPatchResponse: 'always-200' }))).toBe(200);
    expect(groupPatchSuccessStatus('OKTA', resolveOptions({ groupPatchResponse: 'always-204' }))).toBe(204);
  });
});
