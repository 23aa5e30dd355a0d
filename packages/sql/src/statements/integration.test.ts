import { describe as group, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, describe, driver, err, objects, ok, script, setup, status } from '../test-util.ts';

const SCIM = "create security integration okta type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER'";

group('SCIM integrations', () => {
  it('validates TYPE, SCIM_CLIENT, RUN_AS_ROLE and the other properties', () => {
    const { org, s } = setup();
    ok(s, 'create role okta_provisioner');
    const seq = org.account('ACCOUNT1')!.seq;
    expect(driver(err(s, "create security integration i type = scim scim_client = 'ping' run_as_role = 'OKTA_PROVISIONER'"))).toBe(
      "001422 (22023): SQL compilation error: invalid value 'ping' for property 'SCIM_CLIENT'",
    );
    expect(driver(err(s, "create security integration i type = scim scim_client = 'okta' run_as_role = 'okta_provisioner'"))).toBe(
      "002003 (02000): SQL compilation error:\nRole 'okta_provisioner' does not exist or not authorized.",
    );
    expect(driver(err(s, "create security integration i type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER' foo = 1"))).toBe(
      "001420 (22023): SQL compilation error:\ninvalid property 'FOO' for 'INTEGRATION - SCIM - OKTA'",
    );
    expect(driver(err(s, "create security integration i type = scim scim_client = 'okta'"))).toBe("001424 (22023): SQL compilation error:\nMissing required property 'RUN_AS_ROLE' for 'INTEGRATION - SCIM - OKTA'.");
    expect(driver(err(s, 'create security integration i type = queue'))).toBe("001008 (22023): SQL compilation error:\ninvalid value [QUEUE] for parameter 'Integration Type'");
    expect(err(s, "create api integration i type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER'").code).toBe('002040');
    expect(err(s, "create security integration i type = scim scim_client = 'okta' run_as_role = 'OKTA_PROVISIONER' network_policy = nosuch").message).toBe(
      "SQL compilation error:\nNetwork policy 'NOSUCH' does not exist or not authorized.",
    );
    expect(org.account('ACCOUNT1')!.seq).toBe(seq);
    // A bare name follows identifier rules: RUN_AS_ROLE = okta_provisioner is OKTA_PROVISIONER.
    ok(s, "create security integration i2 type = scim scim_client = 'Generic' run_as_role = okta_provisioner sync_password = true enabled = false comment = 'x'");
    expect(describe(ok(s, 'desc integration i2')).get('SYNC_PASSWORD')!.property_value).toBe('true');
    expect(objects(ok(s, "show integrations like 'i2'"))[0]).toMatchObject({ type: 'SCIM - GENERIC', enabled: false, comment: 'x' });
  });

  it('ALTER sets and unsets the alterable properties only', () => {
    const { org, s } = setup();
    script(s, `create role okta_provisioner; ${SCIM}; create network policy np allowed_ip_list = ('1.1.1.1');`);
    expect(status(s, "alter security integration okta set network_policy = np sync_password = true comment = 'c' enabled = false")).toBe('Statement executed successfully.');
    let d = describe(ok(s, 'desc integration okta'));
    expect([d.get('NETWORK_POLICY')!.property_value, d.get('SYNC_PASSWORD')!.property_value, d.get('COMMENT')!.property_value, d.get('ENABLED')!.property_value]).toEqual(['NP', 'true', 'c', 'false']);
    ok(s, 'alter integration okta unset network_policy, sync_password, comment');
    d = describe(ok(s, 'desc integration okta'));
    expect([d.get('NETWORK_POLICY')!.property_value, d.get('SYNC_PASSWORD')!.property_value, d.get('COMMENT')!.property_value]).toEqual(['', 'false', '']);
    expect(driver(err(s, "alter security integration okta set run_as_role = 'X'"))).toBe("001420 (22023): SQL compilation error:\ninvalid property 'RUN_AS_ROLE' for 'INTEGRATION - SCIM - OKTA'");
    expect(driver(err(s, "alter security integration okta set reject_tokens_issued_before = 'yesterday'"))).toBe("100035 (22007): Timestamp 'yesterday' is not recognized");
    ok(s, "alter security integration okta set reject_tokens_issued_before = 'Tue, 30 Sep 2025 12:30:00 -0700'");
    const i = [...org.account('ACCOUNT1')!.state.integrations.values()][0]!;
    expect(i.props.kind === 'SCIM' && i.props.rejectTokensIssuedBefore).toBe(Date.UTC(2025, 8, 30, 19, 30));
    expect(status(s, 'alter integration if exists nosuch set comment = \'x\'')).toBe('Statement executed successfully.');
    expect(driver(err(s, "alter integration nosuch set comment = 'x'"))).toBe("002003 (02000): SQL compilation error:\nIntegration 'NOSUCH' does not exist or not authorized.");
  });

  it('DROP answers with the documented statuses and invalidates the tokens', () => {
    const { s } = setup();
    script(s, `create role okta_provisioner; ${SCIM};`);
    ok(s, "select system$generate_scim_access_token('OKTA')");
    expect(s.org.account('ACCOUNT1')!.state.scimTokens.size).toBe(1);
    expect(status(s, 'drop security integration okta')).toBe('OKTA successfully dropped.');
    expect(s.org.account('ACCOUNT1')!.state.scimTokens.size).toBe(0);
    expect(status(s, 'drop integration if exists okta')).toBe('Drop statement executed successfully (OKTA already dropped).');
  });

  it('SYSTEM$GENERATE_SCIM_ACCESS_TOKEN takes the case-sensitive name, needs OWNERSHIP', () => {
    const { org, s } = setup();
    script(s, `create role okta_provisioner; ${SCIM}; create user bob; grant role okta_provisioner to user bob;`);
    expect(driver(err(s, "select system$generate_scim_access_token('okta')"))).toBe("002003 (02000): SQL compilation error:\nIntegration 'okta' does not exist or not authorized.");
    const bob = createSession(org, { user: 'BOB', role: 'OKTA_PROVISIONER' });
    expect(driver(err(bob, "select system$generate_scim_access_token('OKTA')"))).toBe("003001 (42501): SQL access control error:\nInsufficient privileges to operate on integration 'OKTA'");
    const seq = org.account('ACCOUNT1')!.seq;
    // The dry run refuses the whole statement before a token is issued.
    expect(err(s, "select system$generate_scim_access_token('OKTA'), 1/0").message).toBe('Division by zero');
    expect(err(s, "select system$generate_scim_access_token('OKTA'), system$generate_scim_access_token('OKTA')").code).toBe('002040');
    expect(org.account('ACCOUNT1')!.seq).toBe(seq);
    const r = ok(s, "select system$generate_scim_access_token('OKTA') as token, current_role()");
    expect(r.columns.map((c) => c.name)).toEqual(['TOKEN', 'CURRENT_ROLE()']);
  });

  it('DESC needs OWNERSHIP (USAGE is not enough); SHOW lists integrations an active role uses', () => {
    const { org, s } = setup();
    script(s, `create role okta_provisioner; ${SCIM}; create role r; create user bob; grant role r to user bob;`);
    const bob = createSession(org, { user: 'BOB', role: 'R' });
    expect(ok(bob, 'show integrations').rows).toEqual([]);
    ok(s, 'grant usage on integration okta to role r');
    expect(column(ok(bob, 'show security integrations'), 'name')).toEqual(['OKTA']);
    expect(ok(bob, 'show api integrations').rows).toEqual([]);
    expect(driver(err(bob, 'desc integration okta'))).toBe("003001 (42501): SQL access control error:\nInsufficient privileges to operate on integration 'OKTA'");
  });
});

group('SAML2, OAUTH and EXTERNAL_OAUTH integrations', () => {
  it('SAML2: validated properties, SHOW type SAML2 and the DESC rows', () => {
    const { s } = setup();
    ok(
      s,
      `CREATE OR REPLACE SECURITY INTEGRATION my_idp
     TYPE = saml2  ENABLED = true
     SAML2_ISSUER = 'http://www.okta.com/abc'
     SAML2_SSO_URL = 'https://example.okta.com/app/snowflake/abc/sso/saml'
     SAML2_PROVIDER = 'OKTA'  SAML2_X509_CERT = 'MIIDp...'
     SAML2_SP_INITIATED_LOGIN_PAGE_LABEL = 'OKTA'  SAML2_ENABLE_SP_INITIATED = true
     SAML2_SNOWFLAKE_ISSUER_URL = 'https://example-global.snowflakecomputing.com'
     SAML2_SNOWFLAKE_ACS_URL   = 'https://example-global.snowflakecomputing.com/fed/login'
     ALLOWED_USER_DOMAINS = ('example.com')`,
    );
    expect(objects(ok(s, 'show integrations'))[0]).toMatchObject({ name: 'MY_IDP', type: 'SAML2', category: 'SECURITY', enabled: true });
    const d = describe(ok(s, 'describe integration my_idp'));
    expect([...d.keys()]).toEqual([
      'SAML2_X509_CERT', 'SAML2_PROVIDER', 'SAML2_ENABLE_SP_INITIATED', 'SAML2_SP_INITIATED_LOGIN_PAGE_LABEL', 'SAML2_SSO_URL', 'SAML2_ISSUER',
      'SAML2_REQUESTED_NAMEID_FORMAT', 'SAML2_FORCE_AUTHN', 'SAML2_POST_LOGOUT_REDIRECT_URL', 'SAML2_SIGN_REQUEST', 'SAML2_DIGEST_METHODS_USED',
      'SAML2_SIGNATURE_METHODS_USED', 'COMMENT', 'SAML2_SNOWFLAKE_ISSUER_URL', 'SAML2_SNOWFLAKE_ACS_URL', 'ALLOWED_USER_DOMAINS', 'ALLOWED_EMAIL_PATTERNS',
    ]);
    expect(d.get('SAML2_ENABLE_SP_INITIATED')).toMatchObject({ property_type: 'Boolean', property_value: 'true', property_default: 'false' });
    expect(d.get('SAML2_SNOWFLAKE_ACS_URL')!.property_value).toBe('https://example-global.snowflakecomputing.com/fed/login');
    expect(d.get('SAML2_REQUESTED_NAMEID_FORMAT')!.property_value).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(d.get('SAML2_DIGEST_METHODS_USED')!.property_value).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    expect(d.get('ALLOWED_USER_DOMAINS')).toMatchObject({ property_type: 'List', property_value: '[example.com]', property_default: '[]' });
    expect(d.get('ALLOWED_EMAIL_PATTERNS')!.property_value).toBe('[]');
    expect(err(s, "create security integration x type = saml2 saml2_issuer = 'a'").message).toBe(
      "SQL compilation error:\nMissing required property 'SAML2_SSO_URL' for 'INTEGRATION - SAML2'.",
    );
    ok(s, "alter security integration my_idp set saml2_force_authn = true comment = 'c'");
    expect(describe(ok(s, 'desc integration my_idp')).get('SAML2_FORCE_AUTHN')!.property_value).toBe('true');
    expect(err(s, 'alter security integration my_idp set saml2_force_authn = 7').code).toBe('001422');
  });

  it('OAUTH: client-specific properties, role lists comma-joined', () => {
    const { s } = setup();
    ok(s, "create security integration oauth type = oauth enabled = true oauth_client = custom oauth_client_type = 'confidential' oauth_redirect_uri = 'https://app/cb' pre_authorized_roles_list = ('A', 'B')");
    expect(objects(ok(s, 'show integrations'))[0]!.type).toBe('OAUTH - CUSTOM');
    const d = describe(ok(s, 'desc integration oauth'));
    expect(d.get('PRE_AUTHORIZED_ROLES_LIST')).toMatchObject({ property_type: 'List', property_value: 'A,B', property_default: '[]' });
    expect(d.get('BLOCKED_ROLES_LIST')!.property_value).toBe('ACCOUNTADMIN,SECURITYADMIN');
    expect(d.get('OAUTH_CLIENT_TYPE')!.property_value).toBe('CONFIDENTIAL');
    expect(d.get('OAUTH_REFRESH_TOKEN_VALIDITY')).toMatchObject({ property_type: 'Integer', property_value: '7776000' });
    expect(d.get('OAUTH_TOKEN_ENDPOINT')!.property_value).toBe('https://myorg-account1.snowflakecomputing.com/oauth/token-request');
    expect(driver(err(s, "create security integration t type = oauth oauth_client = tableau_server oauth_client_type = 'PUBLIC'"))).toBe(
      "001420 (22023): SQL compilation error:\ninvalid property 'OAUTH_CLIENT_TYPE' for 'INTEGRATION - OAUTH - TABLEAU_SERVER'",
    );
    ok(s, 'create security integration t type = oauth oauth_client = tableau_server');
    expect(describe(ok(s, 'desc integration t')).has('OAUTH_CLIENT_TYPE')).toBe(false);
  });

  it('EXTERNAL_OAUTH: type from EXTERNAL_OAUTH_TYPE, object values bracketed', () => {
    const { s } = setup();
    ok(
      s,
      `create security integration ext type = external_oauth enabled = true external_oauth_type = azure
         external_oauth_issuer = 'https://sts.windows.net/x/' external_oauth_jws_keys_url = 'https://login/keys'
         external_oauth_token_user_mapping_claim = ('upn') external_oauth_snowflake_user_mapping_attribute = 'login_name'
         external_oauth_audience_list = ('https://aud')`,
    );
    expect(objects(ok(s, 'show integrations'))[0]!.type).toBe('EXTERNAL_OAUTH - AZURE');
    const d = describe(ok(s, 'desc integration ext'));
    expect(d.get('EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM')!.property_value).toBe("['upn']");
    expect(d.get('EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE')!.property_value).toBe('LOGIN_NAME');
    expect(d.get('EXTERNAL_OAUTH_AUDIENCE_LIST')!.property_value).toBe('[https://aud]');
    expect(d.get('EXTERNAL_OAUTH_SCOPE_DELIMITER')!.property_value).toBe(',');
  });
});
