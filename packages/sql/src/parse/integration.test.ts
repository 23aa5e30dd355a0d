import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

describe('security integrations', () => {
  it('CREATE OR REPLACE SECURITY INTEGRATION ... TYPE = SCIM', () => {
    expect(noPos(parseOne("create or replace security integration okta_provisioning type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER'"))).toEqual({
      kind: 'CreateIntegration',
      orReplace: true,
      ifNotExists: false,
      category: 'SECURITY',
      name: id('okta_provisioning'),
      integrationType: { value: 'SCIM' },
      properties: [
        { name: 'SCIM_CLIENT', value: { kind: 'string', value: 'okta', text: "'okta'" } },
        { name: 'RUN_AS_ROLE', value: { kind: 'string', value: 'OKTA_PROVISIONER', text: "'OKTA_PROVISIONER'" } },
      ],
    });
  });

  it.each(['SCIM', 'SAML2', 'OAUTH', 'EXTERNAL_OAUTH', 'API_AUTHENTICATION'])('TYPE = %s', (type) => {
    expect(parseOne(`CREATE SECURITY INTEGRATION IF NOT EXISTS i TYPE = ${type.toLowerCase()} ENABLED = TRUE`)).toMatchObject({
      ifNotExists: true,
      integrationType: { value: type },
      properties: [{ name: 'ENABLED', value: { kind: 'bool', value: true } }],
    });
  });

  it('takes TYPE from anywhere in the list, and list-valued OAuth properties', () => {
    const s = parseOne(`CREATE SECURITY INTEGRATION oauth_int ENABLED = TRUE, TYPE = OAUTH
      OAUTH_CLIENT = CUSTOM OAUTH_REDIRECT_URI = 'https://example.com/connect'
      PRE_AUTHORIZED_ROLES_LIST = ('ANALYST', 'DEV') BLOCKED_ROLES_LIST = ()
      OAUTH_REFRESH_TOKEN_VALIDITY = 86400`);
    expect(noPos(s)).toMatchObject({
      integrationType: { value: 'OAUTH' },
      properties: [
        { name: 'ENABLED' },
        { name: 'OAUTH_CLIENT', value: { kind: 'ident', parts: [id('CUSTOM')] } },
        { name: 'OAUTH_REDIRECT_URI', value: { kind: 'string', value: 'https://example.com/connect' } },
        { name: 'PRE_AUTHORIZED_ROLES_LIST', value: { kind: 'list', items: [{ value: 'ANALYST' }, { value: 'DEV' }], text: "('ANALYST', 'DEV')" } },
        { name: 'BLOCKED_ROLES_LIST', value: { kind: 'list', items: [] } },
        { name: 'OAUTH_REFRESH_TOKEN_VALIDITY', value: { kind: 'number', value: 86400 } },
      ],
    });
  });

  it('category is optional and may be API / STORAGE / NOTIFICATION / EXTERNAL ACCESS', () => {
    expect(parseOne("CREATE INTEGRATION i TYPE = 'SCIM'")).toMatchObject({ category: null, integrationType: { value: 'SCIM' } });
    expect(parseOne('CREATE API INTEGRATION i ENABLED = TRUE')).toMatchObject({ category: 'API', integrationType: null });
    expect(parseOne('CREATE EXTERNAL ACCESS INTEGRATION i ENABLED = TRUE')).toMatchObject({ category: 'EXTERNAL ACCESS' });
  });

  it('ALTER [SECURITY] INTEGRATION [IF EXISTS] i SET props | UNSET p[, p]', () => {
    expect(noPos(parseOne('alter security integration okta_provisioning set network_policy = scim_np'))).toEqual({
      kind: 'AlterIntegration',
      ifExists: false,
      category: 'SECURITY',
      name: id('okta_provisioning'),
      action: {
        kind: 'set',
        properties: [{ name: 'NETWORK_POLICY', value: { kind: 'ident', parts: [id('scim_np')], text: 'scim_np' } }],
      },
    });
    expect(noPos(parseOne("ALTER INTEGRATION IF EXISTS i SET REJECT_TOKENS_ISSUED_BEFORE = '2025-09-30 12:30:00' SYNC_PASSWORD = FALSE"))).toMatchObject({
      ifExists: true,
      category: null,
      action: { kind: 'set', properties: [{ name: 'REJECT_TOKENS_ISSUED_BEFORE' }, { name: 'SYNC_PASSWORD' }] },
    });
    expect(noPos(parseOne('ALTER SECURITY INTEGRATION i UNSET NETWORK_POLICY, COMMENT'))).toMatchObject({
      action: { kind: 'unset', names: [{ name: 'NETWORK_POLICY' }, { name: 'COMMENT' }] },
    });
  });

  it('DROP / DESC[RIBE] [SECURITY] INTEGRATION', () => {
    expect(noPos(parseOne('DROP SECURITY INTEGRATION IF EXISTS i'))).toEqual({
      kind: 'DropIntegration',
      ifExists: true,
      category: 'SECURITY',
      name: id('i'),
    });
    expect(noPos(parseOne('drop integration i'))).toMatchObject({ ifExists: false, category: null });
    expect(noPos(parseOne('DESCRIBE INTEGRATION my_idp'))).toEqual({ kind: 'DescribeIntegration', category: null, name: id('my_idp') });
    expect(noPos(parseOne('DESC SECURITY INTEGRATION i'))).toMatchObject({ category: 'SECURITY' });
  });

  it('SHOW [SECURITY] INTEGRATIONS [LIKE]', () => {
    expect(noPos(parseOne('SHOW INTEGRATIONS'))).toEqual({ kind: 'ShowIntegrations', category: null, like: null });
    expect(noPos(parseOne("show security integrations like 'OKTA%'"))).toEqual({
      kind: 'ShowIntegrations',
      category: 'SECURITY',
      like: { value: 'OKTA%' },
    });
  });

  it('reports malformed integration statements', () => {
    expect(parseErr('CREATE SECURITY INTEGRATION i TYPE = ').message).toBe(syntaxMsg(1, 36, '<EOF>'));
    expect(parseErr('CREATE SECURITY INTEGRATION i TYPE = 5').message).toBe(syntaxMsg(1, 37, '5'));
    expect(parseErr('CREATE SECURITY INTEGRATION i TYPE = SCIM TYPE = SAML2').message).toBe(syntaxMsg(1, 42, 'TYPE'));
    expect(parseErr('CREATE SECURITY i').message).toBe(syntaxMsg(1, 7, 'SECURITY'));
    expect(parseErr('ALTER SECURITY INTEGRATION i ENABLE').message).toBe(syntaxMsg(1, 29, 'ENABLE'));
    expect(parseErr('CREATE OR REPLACE SECURITY INTEGRATION IF NOT EXISTS i TYPE = SCIM').code).toBe('002028');
  });
});
