/**
 * CREATE / ALTER / DROP / DESC / SHOW [SECURITY] INTEGRATION(S) (spec/snowflake-scim.md §7,
 * spec/snowflake-sql.md §1.5–1.6). snowglobe models security integrations: SCIM (with its own
 * fields in core) and SAML2 / OAUTH / EXTERNAL_OAUTH / API_AUTHENTICATION as typed property sets
 * described by the catalogs below, which drive validation, SHOW `type` and DESC rows.
 */
import {
  errors,
  findIntegration,
  isSnowflakeError,
  type Integration,
  type PropertySetIntegrationProps,
  type ScimClient,
  type SnowflakeError,
} from '@snowglobe/core';
import type { ExecContext, Outcome } from '../context.ts';
import { applyShowFilter, likeOnly, policyName } from '../names.ts';
import type {
  AlterIntegration,
  CreateIntegration,
  DescribeIntegration,
  DropIntegration,
  IntegrationCategory,
  Property,
  PropValue,
  ShowIntegrations,
} from '../parse/index.ts';
import { readBool, readInt, readList, readName, readText, written } from '../properties.ts';
import { EXECUTED, alreadyDroppedStatus, col, resultSet, statusResult, type Cell, type Column } from '../result.ts';
import { parseTimestamp, timestampNotRecognized } from '../time.ts';
import { objectVisible, owns, viewer } from '../visibility.ts';
import { ddlOutcome } from './ddl.ts';

type PropType = 'Boolean' | 'String' | 'Integer' | 'List' | 'Object';
type SetKind = PropertySetIntegrationProps['kind'];
type Stored = string | number | boolean | readonly string[];

/** One DESC row / settable property of a property-set integration. */
interface PropDef {
  readonly name: string;
  readonly type: PropType;
  /** `property_default`, and the value shown while unset. */
  readonly default: string;
  /** The value shown while unset, when it differs from the default. */
  readonly unsetValue?: string;
  /** Role lists print comma-joined without brackets (spec §1.6). */
  readonly roleList?: boolean;
  /** Shown by DESC but not settable (computed by Snowflake). */
  readonly readOnly?: boolean;
  /** Only for these client kinds (OAUTH_CLIENT / EXTERNAL_OAUTH_TYPE values). */
  readonly only?: readonly string[];
  /** Allowed values (upper case), for enumerations. */
  readonly values?: readonly string[];
}

const p = (name: string, type: PropType, dflt: string, extra: Partial<PropDef> = {}): PropDef => ({ name, type, default: dflt, ...extra });

const SAML2: readonly PropDef[] = [
  p('SAML2_X509_CERT', 'String', ''),
  p('SAML2_PROVIDER', 'String', ''),
  p('SAML2_ENABLE_SP_INITIATED', 'Boolean', 'false'),
  p('SAML2_SP_INITIATED_LOGIN_PAGE_LABEL', 'String', ''),
  p('SAML2_SSO_URL', 'String', ''),
  p('SAML2_ISSUER', 'String', ''),
  p('SAML2_REQUESTED_NAMEID_FORMAT', 'String', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'),
  p('SAML2_FORCE_AUTHN', 'Boolean', 'false'),
  p('SAML2_POST_LOGOUT_REDIRECT_URL', 'String', ''),
  p('SAML2_SIGN_REQUEST', 'Boolean', 'false'),
  p('SAML2_DIGEST_METHODS_USED', 'String', '', { unsetValue: 'http://www.w3.org/2001/04/xmlenc#sha256' }),
  p('SAML2_SIGNATURE_METHODS_USED', 'String', '', { unsetValue: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' }),
  p('COMMENT', 'String', ''),
  p('SAML2_SNOWFLAKE_ISSUER_URL', 'String', ''),
  p('SAML2_SNOWFLAKE_ACS_URL', 'String', ''),
  p('ALLOWED_USER_DOMAINS', 'List', '[]'),
  p('ALLOWED_EMAIL_PATTERNS', 'List', '[]'),
];

const CUSTOM_ONLY = ['CUSTOM'];

const OAUTH: readonly PropDef[] = [
  p('ENABLED', 'Boolean', 'false'),
  p('OAUTH_ISSUE_REFRESH_TOKENS', 'Boolean', 'true'),
  p('OAUTH_REFRESH_TOKEN_VALIDITY', 'Integer', '7776000'),
  p('OAUTH_USE_SECONDARY_ROLES', 'String', 'NONE', { values: ['NONE', 'IMPLICIT'] }),
  p('PRE_AUTHORIZED_ROLES_LIST', 'List', '[]', { roleList: true }),
  p('BLOCKED_ROLES_LIST', 'List', 'ACCOUNTADMIN,SECURITYADMIN', { roleList: true }),
  p('NETWORK_POLICY', 'String', ''),
  p('COMMENT', 'String', ''),
  p('OAUTH_CLIENT_TYPE', 'String', 'CONFIDENTIAL', { only: CUSTOM_ONLY, values: ['CONFIDENTIAL', 'PUBLIC'] }),
  p('OAUTH_REDIRECT_URI', 'String', '', { only: CUSTOM_ONLY }),
  p('OAUTH_ALLOW_NON_TLS_REDIRECT_URI', 'Boolean', 'false', { only: CUSTOM_ONLY }),
  p('OAUTH_ENFORCE_PKCE', 'Boolean', 'false', { only: CUSTOM_ONLY }),
  p('OAUTH_CLIENT_ID', 'String', '', { readOnly: true }),
  p('OAUTH_AUTHORIZATION_ENDPOINT', 'String', '', { readOnly: true }),
  p('OAUTH_TOKEN_ENDPOINT', 'String', '', { readOnly: true }),
  p('OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS', 'List', '[]', { readOnly: true }),
  p('OAUTH_ALLOWED_TOKEN_ENDPOINTS', 'List', '[]', { readOnly: true }),
  p('OAUTH_CLIENT_RSA_PUBLIC_KEY_FP', 'String', '', { readOnly: true, only: CUSTOM_ONLY }),
  p('OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP', 'String', '', { readOnly: true, only: CUSTOM_ONLY }),
];
/** Settable OAUTH properties not shown by DESC (their fingerprints are). */
const OAUTH_WRITE_ONLY: readonly PropDef[] = [
  p('OAUTH_CLIENT_RSA_PUBLIC_KEY', 'String', '', { only: CUSTOM_ONLY }),
  p('OAUTH_CLIENT_RSA_PUBLIC_KEY_2', 'String', '', { only: CUSTOM_ONLY }),
];

const EXTERNAL_OAUTH: readonly PropDef[] = [
  p('ENABLED', 'Boolean', 'false'),
  p('EXTERNAL_OAUTH_ISSUER', 'String', ''),
  p('EXTERNAL_OAUTH_JWS_KEYS_URL', 'Object', ''),
  p('EXTERNAL_OAUTH_ANY_ROLE_MODE', 'String', '', { values: ['DISABLE', 'ENABLE', 'ENABLE_FOR_PRIVILEGE'] }),
  p('EXTERNAL_OAUTH_SCOPE_MAPPING_ATTRIBUTE', 'String', 'scp'),
  p('EXTERNAL_OAUTH_RSA_PUBLIC_KEY', 'String', ''),
  p('EXTERNAL_OAUTH_RSA_PUBLIC_KEY_2', 'String', ''),
  p('EXTERNAL_OAUTH_BLOCKED_ROLES_LIST', 'List', '[]', { roleList: true, unsetValue: 'ACCOUNTADMIN,SECURITYADMIN' }),
  p('EXTERNAL_OAUTH_ALLOWED_ROLES_LIST', 'List', '[]', { roleList: true }),
  p('EXTERNAL_OAUTH_AUDIENCE_LIST', 'List', '[]'),
  p('EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM', 'Object', ''),
  p('EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE', 'String', '', { values: ['LOGIN_NAME', 'EMAIL_ADDRESS'] }),
  p('EXTERNAL_OAUTH_SCOPE_DELIMITER', 'String', ','),
  p('COMMENT', 'String', ''),
];

const API_AUTHENTICATION: readonly PropDef[] = [
  p('ENABLED', 'Boolean', 'false'),
  p('AUTH_TYPE', 'String', '', { values: ['OAUTH2'] }),
  p('OAUTH_TOKEN_ENDPOINT', 'String', ''),
  p('OAUTH_CLIENT_AUTH_METHOD', 'String', 'CLIENT_SECRET_POST'),
  p('OAUTH_CLIENT_ID', 'String', ''),
  p('OAUTH_GRANT', 'String', ''),
  p('OAUTH_ACCESS_TOKEN_VALIDITY', 'Integer', '0'),
  p('OAUTH_REFRESH_TOKEN_VALIDITY', 'Integer', '0'),
  p('OAUTH_ALLOWED_SCOPES', 'List', '[]'),
  p('COMMENT', 'String', ''),
];
const API_WRITE_ONLY: readonly PropDef[] = [p('OAUTH_CLIENT_SECRET', 'String', '')];

/** The property that names the client kind, its allowed values, and the required properties. */
interface KindSpec {
  readonly desc: readonly PropDef[];
  readonly writeOnly: readonly PropDef[];
  readonly client: { readonly property: string; readonly values: readonly string[] } | null;
  readonly required: readonly string[];
}

const KINDS: Readonly<Record<SetKind, KindSpec>> = {
  SAML2: { desc: SAML2, writeOnly: [], client: null, required: ['SAML2_ISSUER', 'SAML2_SSO_URL', 'SAML2_PROVIDER', 'SAML2_X509_CERT'] },
  OAUTH: {
    desc: OAUTH,
    writeOnly: OAUTH_WRITE_ONLY,
    client: { property: 'OAUTH_CLIENT', values: ['CUSTOM', 'TABLEAU_DESKTOP', 'TABLEAU_SERVER', 'LOOKER', 'SNOWSERVICES_INGRESS'] },
    required: ['OAUTH_CLIENT'],
  },
  EXTERNAL_OAUTH: {
    desc: EXTERNAL_OAUTH,
    writeOnly: [],
    client: { property: 'EXTERNAL_OAUTH_TYPE', values: ['OKTA', 'AZURE', 'PING_FEDERATE', 'CUSTOM'] },
    required: ['EXTERNAL_OAUTH_TYPE', 'EXTERNAL_OAUTH_ISSUER', 'EXTERNAL_OAUTH_TOKEN_USER_MAPPING_CLAIM', 'EXTERNAL_OAUTH_SNOWFLAKE_USER_MAPPING_ATTRIBUTE'],
  },
  API_AUTHENTICATION: { desc: API_AUTHENTICATION, writeOnly: API_WRITE_ONLY, client: null, required: ['AUTH_TYPE'] },
};

const SCIM_CLIENTS: readonly ScimClient[] = ['OKTA', 'AZURE', 'GENERIC'];

/** SHOW INTEGRATIONS `type`: `SCIM - OKTA`, `OAUTH - CUSTOM`, `EXTERNAL_OAUTH - AZURE`, `SAML2` (spec §1.5). */
export function integrationType(i: Integration): string {
  const props = i.props;
  switch (props.kind) {
    case 'SCIM':
      return `SCIM - ${props.scimClient}`;
    case 'OAUTH':
      return `OAUTH - ${String(props.properties.OAUTH_CLIENT ?? 'CUSTOM')}`;
    case 'EXTERNAL_OAUTH':
      return `EXTERNAL_OAUTH - ${String(props.properties.EXTERNAL_OAUTH_TYPE ?? 'CUSTOM')}`;
    case 'SAML2':
    case 'API_AUTHENTICATION':
      return props.kind;
  }
}

/** The object kind `invalid property` names: `INTEGRATION - OAUTH - TABLEAU_SERVER` (public error log). */
const forKind = (type: string): string => `INTEGRATION - ${type}`;

/** A required property is missing: core's (UNCONFIRMED) 001424 text, naming the first one. */
function missingOptions(names: readonly string[], kindName: string): SnowflakeError {
  return errors.missingProperty(names[0] ?? 'TYPE', kindName);
}

const badValue = (prop: Property): SnowflakeError => errors.invalidPropertyValue(written(prop.value), prop.name);

/** Reads a value of a catalogued type; enumerations are upper-cased and checked. */
function readTyped(def: PropDef, prop: Property): Stored | SnowflakeError {
  const v: PropValue = prop.value;
  switch (def.type) {
    case 'Boolean': {
      const b = readBool(v);
      return b === undefined ? badValue(prop) : b;
    }
    case 'Integer': {
      const n = readInt(v);
      return n === undefined ? badValue(prop) : n;
    }
    case 'List': {
      const l = readList(v);
      return l === undefined ? badValue(prop) : l;
    }
    case 'Object': {
      if (v.kind === 'list') {
        const l = readList(v);
        return l === undefined ? badValue(prop) : l;
      }
      const t = readText(v);
      return typeof t === 'string' ? t : badValue(prop);
    }
    case 'String': {
      const t = readText(v);
      if (typeof t !== 'string') return badValue(prop);
      if (def.values) {
        const up = t.toUpperCase();
        return def.values.includes(up) ? up : badValue(prop);
      }
      return t;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CREATE
// ---------------------------------------------------------------------------------------------

/** Categories other than SECURITY (API, STORAGE, ...) are not modelled. */
function otherCategory(category: IntegrationCategory | null): boolean {
  return category !== null && category !== 'SECURITY';
}

export function createIntegration(ctx: ExecContext, stmt: CreateIntegration): Outcome {
  if (otherCategory(stmt.category)) return errors.unsupported(`CREATE ${stmt.category} INTEGRATION`);
  if (!stmt.integrationType) return missingOptions(['TYPE'], 'INTEGRATION');
  const type = stmt.integrationType.value;
  const common = { name: stmt.name.name, orReplace: stmt.orReplace, ifNotExists: stmt.ifNotExists };
  if (type === 'SCIM') {
    let enabled: boolean | undefined;
    let client: ScimClient | undefined;
    let runAsRole: string | undefined;
    let networkPolicy: string | undefined;
    let syncPassword: boolean | undefined;
    let comment: string | undefined;
    // The client kind names the object in `invalid property` messages; read it first.
    const clientProp = stmt.properties.find((x) => x.name === 'SCIM_CLIENT');
    const clientText = clientProp ? readName(clientProp.value)?.toUpperCase() : undefined;
    const kindName = forKind(clientText && (SCIM_CLIENTS as readonly string[]).includes(clientText) ? `SCIM - ${clientText}` : 'SCIM');
    for (const prop of stmt.properties) {
      switch (prop.name) {
        case 'ENABLED': {
          const b = readBool(prop.value);
          if (b === undefined) return badValue(prop);
          enabled = b;
          break;
        }
        case 'SCIM_CLIENT': {
          // Values are case-insensitive in practice: the docs' own examples write 'okta'.
          const c = readName(prop.value)?.toUpperCase();
          if (!c || !(SCIM_CLIENTS as readonly string[]).includes(c)) return badValue(prop);
          client = c as ScimClient;
          break;
        }
        case 'RUN_AS_ROLE': {
          // A string is case-sensitive ('OKTA_PROVISIONER'); a bare name follows identifier rules.
          const r = readName(prop.value);
          if (r === undefined) return badValue(prop);
          runAsRole = r;
          break;
        }
        case 'NETWORK_POLICY': {
          const n = readName(prop.value);
          if (n === undefined) return badValue(prop);
          networkPolicy = n;
          break;
        }
        case 'SYNC_PASSWORD': {
          const b = readBool(prop.value);
          if (b === undefined) return badValue(prop);
          syncPassword = b;
          break;
        }
        case 'COMMENT': {
          const t = readText(prop.value);
          if (t === undefined) return badValue(prop);
          comment = t ?? undefined;
          break;
        }
        default:
          return errors.invalidProperty(prop.name, kindName);
      }
    }
    const missing = [...(client ? [] : ['SCIM_CLIENT']), ...(runAsRole ? [] : ['RUN_AS_ROLE'])];
    if (missing.length || !client || !runAsRole) return missingOptions(missing, kindName);
    const r = ctx.run({
      type: 'CreateIntegration',
      ...common,
      ...(enabled !== undefined ? { enabled } : {}),
      ...(comment !== undefined ? { comment } : {}),
      ...(networkPolicy !== undefined ? { networkPolicy } : {}),
      props: { kind: 'SCIM', scimClient: client, runAsRole, ...(syncPassword !== undefined ? { syncPassword } : {}) },
    });
    return ddlOutcome(r, 'create', 'Integration', stmt.name.name);
  }
  if (!(type in KINDS)) return errors.invalidParameterValue(type, 'Integration Type');
  const kind = type as SetKind;
  const spec = KINDS[kind];
  const properties: Record<string, Stored> = {};
  let client: string | null = null;
  if (spec.client) {
    const cp = stmt.properties.find((x) => x.name === spec.client!.property);
    if (cp) {
      const c = readName(cp.value)?.toUpperCase();
      if (!c || !spec.client.values.includes(c)) return badValue(cp);
      client = c;
      properties[spec.client.property] = c;
    }
  }
  const kindName = forKind(client ? `${kind} - ${client}` : kind);
  let enabled: boolean | undefined;
  let comment: string | undefined;
  let networkPolicy: string | undefined;
  for (const prop of stmt.properties) {
    if (spec.client && prop.name === spec.client.property) continue;
    const def = settable(spec, prop.name, client);
    if (!def) return errors.invalidProperty(prop.name, kindName);
    const value = readTyped(def, prop);
    if (isSnowflakeError(value)) return value;
    if (prop.name === 'ENABLED') enabled = value as boolean;
    else if (prop.name === 'COMMENT') comment = String(value);
    else if (prop.name === 'NETWORK_POLICY') networkPolicy = String(value);
    else properties[prop.name] = value as Stored;
  }
  const missing = spec.required.filter((n) => properties[n] === undefined);
  if (missing.length) return missingOptions(missing, kindName);
  const r = ctx.run({
    type: 'CreateIntegration',
    ...common,
    ...(enabled !== undefined ? { enabled } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(networkPolicy !== undefined ? { networkPolicy } : {}),
    props: { kind, properties },
  });
  return ddlOutcome(r, 'create', 'Integration', stmt.name.name);
}

/** A settable property of a kind (for the client kind in use), or undefined. */
function settable(spec: KindSpec, name: string, client: string | null): PropDef | undefined {
  if (name === 'ENABLED') return p('ENABLED', 'Boolean', 'false');
  if (name === 'COMMENT') return p('COMMENT', 'String', '');
  if (name === 'NETWORK_POLICY') return p('NETWORK_POLICY', 'String', '');
  const def = [...spec.desc, ...spec.writeOnly].find((d) => d.name === name);
  if (!def || def.readOnly) return undefined;
  if (def.only && !(client !== null && def.only.includes(client))) return undefined;
  return def;
}

// ---------------------------------------------------------------------------------------------
// ALTER / DROP
// ---------------------------------------------------------------------------------------------

const SCIM_SETTABLE = ['ENABLED', 'NETWORK_POLICY', 'REJECT_TOKENS_ISSUED_BEFORE', 'SYNC_PASSWORD', 'COMMENT'];
const SCIM_UNSETTABLE = ['ENABLED', 'NETWORK_POLICY', 'REJECT_TOKENS_ISSUED_BEFORE', 'SYNC_PASSWORD', 'COMMENT'];

export function alterIntegration(ctx: ExecContext, stmt: AlterIntegration): Outcome {
  const name = stmt.name.name;
  const target = { name };
  const existing = findIntegration(ctx.state, target);
  if (otherCategory(stmt.category) || !existing) {
    if (stmt.ifExists) return statusResult(EXECUTED);
    return errors.doesNotExist('INTEGRATION', name);
  }
  const kindName = forKind(integrationType(existing));
  const a = stmt.action;
  if (a.kind === 'unset') {
    const names: string[] = [];
    for (const n of a.names) {
      if (existing.props.kind === 'SCIM') {
        if (!SCIM_UNSETTABLE.includes(n.name)) return errors.invalidProperty(n.name, kindName);
      } else {
        const spec = KINDS[existing.props.kind];
        if (!settable(spec, n.name, clientOf(existing))) return errors.invalidProperty(n.name, kindName);
      }
      names.push(n.name);
    }
    return ddlOutcome(ctx.run({ type: 'AlterIntegration', target, ifExists: stmt.ifExists, set: {}, unset: names }), 'alter', 'Integration', name);
  }
  const set: {
    enabled?: boolean;
    comment?: string;
    networkPolicy?: string;
    syncPassword?: boolean;
    rejectTokensIssuedBefore?: number;
    properties?: Record<string, Stored>;
  } = {};
  const unset: string[] = [];
  for (const prop of a.properties) {
    if (existing.props.kind === 'SCIM' && !SCIM_SETTABLE.includes(prop.name)) return errors.invalidProperty(prop.name, kindName);
    switch (prop.name) {
      case 'ENABLED': {
        const b = readBool(prop.value);
        if (b === undefined) return badValue(prop);
        set.enabled = b;
        continue;
      }
      case 'COMMENT': {
        const t = readText(prop.value);
        if (t === undefined) return badValue(prop);
        if (t === null) unset.push('COMMENT');
        else set.comment = t;
        continue;
      }
      case 'NETWORK_POLICY': {
        if (prop.value.kind === 'null') {
          unset.push('NETWORK_POLICY');
          continue;
        }
        const n = readName(prop.value);
        if (n === undefined) return badValue(prop);
        set.networkPolicy = n;
        continue;
      }
      case 'SYNC_PASSWORD':
        if (existing.props.kind === 'SCIM') {
          const b = readBool(prop.value);
          if (b === undefined) return badValue(prop);
          set.syncPassword = b;
          continue;
        }
        break;
      case 'REJECT_TOKENS_ISSUED_BEFORE':
        if (existing.props.kind === 'SCIM') {
          const t = readText(prop.value);
          if (typeof t !== 'string') return badValue(prop);
          const ms = parseTimestamp(t);
          if (ms === null) return timestampNotRecognized(t);
          set.rejectTokensIssuedBefore = ms;
          continue;
        }
        break;
    }
    if (existing.props.kind === 'SCIM') return errors.invalidProperty(prop.name, kindName);
    const def = settable(KINDS[existing.props.kind], prop.name, clientOf(existing));
    if (!def) return errors.invalidProperty(prop.name, kindName);
    const value = readTyped(def, prop);
    if (isSnowflakeError(value)) return value;
    set.properties = { ...set.properties, [prop.name]: value as Stored };
  }
  return ddlOutcome(ctx.run({ type: 'AlterIntegration', target, ifExists: stmt.ifExists, set, unset }), 'alter', 'Integration', name);
}

const clientOf = (i: Integration): string | null => {
  if (i.props.kind === 'SCIM') return i.props.scimClient;
  const spec = KINDS[i.props.kind];
  return spec.client ? String(i.props.properties[spec.client.property] ?? '') || null : null;
};

export function dropIntegration(ctx: ExecContext, stmt: DropIntegration): Outcome {
  const name = stmt.name.name;
  if (otherCategory(stmt.category)) {
    if (stmt.ifExists) return statusResult(alreadyDroppedStatus(name));
    return errors.doesNotExist('INTEGRATION', name);
  }
  return ddlOutcome(ctx.run({ type: 'DropIntegration', target: { name }, ifExists: stmt.ifExists }), 'drop', 'Integration', name);
}

// ---------------------------------------------------------------------------------------------
// SHOW / DESC
// ---------------------------------------------------------------------------------------------

const SHOW_COLUMNS: readonly Column[] = [col('name'), col('type'), col('category'), col('enabled', 'boolean'), col('comment'), col('created_on', 'timestamp_ltz')];

/**
 * SHOW [SECURITY] INTEGRATIONS: integrations an active role owns or holds USAGE / USE_ANY_ROLE on;
 * MANAGE GRANTS sees all. Every modelled integration is a SECURITY integration, so SHOW API /
 * STORAGE / ... INTEGRATIONS is empty.
 */
export function showIntegrations(ctx: ExecContext, stmt: ShowIntegrations): Outcome {
  if (otherCategory(stmt.category)) return resultSet(SHOW_COLUMNS, []);
  const v = viewer(ctx.state, ctx.actor);
  const visible = [...ctx.state.integrations.values()].filter((i) => objectVisible(v, 'INTEGRATION', i.id, i.owner));
  const rows: Cell[][] = applyShowFilter(visible, (i) => i.name, likeOnly(stmt.like)).map((i) => [
    i.name,
    integrationType(i),
    'SECURITY',
    i.enabled,
    i.comment,
    i.createdOn,
  ]);
  return resultSet(SHOW_COLUMNS, rows);
}

const DESC_COLUMNS: readonly Column[] = [col('property'), col('property_type'), col('property_value'), col('property_default')];

/** A stored value as DESC prints it: role lists comma-joined, other lists bracketed (spec §1.6). */
function descValue(def: PropDef, value: Stored | undefined): string {
  if (value === undefined) return def.unsetValue ?? def.default;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (def.roleList) return value.join(',');
    if (def.type === 'Object') return `[${value.map((x) => `'${x}'`).join(', ')}]`;
    return `[${value.join(', ')}]`;
  }
  return String(value);
}

/**
 * DESC [SECURITY] INTEGRATION: property | property_type | property_value | property_default. For
 * security integrations other than API_AUTHENTICATION the active role must own the integration;
 * USAGE is not enough (spec §1.6).
 */
export function describeIntegration(ctx: ExecContext, stmt: DescribeIntegration): Outcome {
  const name = stmt.name.name;
  const i = otherCategory(stmt.category) ? undefined : findIntegration(ctx.state, { name });
  if (!i) return errors.doesNotExist('INTEGRATION', name);
  const v = viewer(ctx.state, ctx.actor);
  const allowed = owns(v, i.owner) || (i.props.kind === 'API_AUTHENTICATION' && objectVisible(v, 'INTEGRATION', i.id, i.owner));
  if (!allowed) return errors.insufficientPrivileges('INTEGRATION', i.name);
  const policy = policyName(ctx.state, i.networkPolicy) ?? '';
  const tf = (b: boolean): string => (b ? 'true' : 'false');
  if (i.props.kind === 'SCIM') {
    const rows: Cell[][] = [
      ['ENABLED', 'Boolean', tf(i.enabled), 'false'],
      ['NETWORK_POLICY', 'String', policy, ''],
      ['RUN_AS_ROLE', 'String', i.props.runAsRole, ''],
      ['SYNC_PASSWORD', 'Boolean', tf(i.props.syncPassword), tf(ctx.org.options.syncPasswordDefault)],
      ['COMMENT', 'String', i.comment ?? '', ''],
      // UNCONFIRMED property_type and default of the newer SCIM_ENDPOINT_ID row.
      ['SCIM_ENDPOINT_ID', 'String', i.props.scimEndpointId, ''],
    ];
    return resultSet(DESC_COLUMNS, rows);
  }
  const props = i.props.properties;
  const client = clientOf(i);
  const host = ctx.org.hostOf(ctx.account);
  const computed: Record<string, string> = {
    ENABLED: tf(i.enabled),
    NETWORK_POLICY: policy,
    COMMENT: i.comment ?? '',
    OAUTH_CLIENT_ID: i.props.kind === 'OAUTH' ? i.id : String(props.OAUTH_CLIENT_ID ?? ''),
    ...(i.props.kind === 'OAUTH'
      ? {
          OAUTH_AUTHORIZATION_ENDPOINT: `https://${host}/oauth/authorize`,
          OAUTH_TOKEN_ENDPOINT: `https://${host}/oauth/token-request`,
          OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS: '[]',
          OAUTH_ALLOWED_TOKEN_ENDPOINTS: '[]',
        }
      : {}),
  };
  const rows: Cell[][] = [];
  for (const def of KINDS[i.props.kind].desc) {
    if (def.only && !(client !== null && def.only.includes(client))) continue;
    const value = computed[def.name] ?? descValue(def, props[def.name]);
    rows.push([def.name, def.type, value, def.default]);
  }
  return resultSet(DESC_COLUMNS, rows);
}
