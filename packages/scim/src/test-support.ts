/**
 * Test fixtures for the SCIM handler: an organization set up as Snowflake's Okta / Entra / custom
 * guides do (spec §7.4), tokens, and a tiny client. Used by this package's tests and the bench;
 * not part of the public API.
 */
import { createOrganization, findRole, findUser, type Command, type Organization, type ScimClient, type User } from '@snowglobe/core';
import { createScimHandler, type ScimHandler, type ScimHandlerOptions, type ScimRequestInfo } from './handler.ts';

/** The SQL of the Okta guide (spec §7.4) as core commands, for any client / role / integration name. */
export function provisionerSetup(role: string, integration: string, client: ScimClient, syncPassword?: boolean): Command[] {
  return [
    { type: 'CreateRole', name: role, ifNotExists: true },
    { type: 'GrantPrivileges', privileges: ['CREATE USER', 'CREATE ROLE'], on: { kind: 'ACCOUNT' }, to: { name: role } },
    { type: 'GrantRole', role: { name: role }, to: { kind: 'ROLE', ref: { name: 'ACCOUNTADMIN' } } },
    {
      type: 'CreateIntegration',
      name: integration,
      orReplace: true,
      props: { kind: 'SCIM', scimClient: client, runAsRole: role, ...(syncPassword !== undefined ? { syncPassword } : {}) },
    },
  ];
}

/** ACCOUNTADMIN, as the guides run the setup. */
export const ADMIN = { role: 'ACCOUNTADMIN', user: 'ADMIN' } as const;

/** Run commands as ACCOUNTADMIN; throw on refusal (setup must succeed). */
export function admin(org: Organization, ...commands: Command[]): void {
  for (const command of commands) {
    const r = org.execute('ACCOUNT1', command, ADMIN);
    if ('type' in r) throw new Error(`${command.type} failed: ${r.message}`);
  }
}

/** SYSTEM$GENERATE_SCIM_ACCESS_TOKEN. */
export function generateToken(org: Organization, integration: string, account = 'ACCOUNT1'): string {
  const r = org.execute(account, { type: 'GenerateScimToken', integration: { name: integration } }, ADMIN);
  if ('type' in r || r.decision.output.kind !== 'token') throw new Error(`token for ${integration} failed`);
  return r.decision.output.token;
}

/** A fixture: org with ACCOUNT1, the Okta and Entra integrations, their tokens and a handler. */
export interface Fixture {
  readonly org: Organization;
  readonly scim: ScimHandler;
  readonly okta: string;
  readonly entra: string;
  readonly generic: string;
  /** Send a request with a token and JSON body; `path` is below `/scim/v2`. */
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  /** `call` and parse the JSON body (null when empty). */
  json(method: string, path: string, options?: CallOptions): Promise<{ status: number; body: Record<string, unknown> | null; response: Response }>;
  user(id: string): User | undefined;
  userByName(name: string): User | undefined;
  roleNamed(name: string): ReturnType<typeof findRole>;
}

/** Options of one fixture call. */
export interface CallOptions {
  readonly token?: string | null;
  readonly body?: unknown;
  /** Raw body text (wins over `body`). */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  readonly info?: ScimRequestInfo;
  readonly host?: string;
}

/** Build the standard fixture. */
export function fixture(options: ScimHandlerOptions = {}, seed = 7): Fixture {
  const org = createOrganization({ seed, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
  admin(org, ...provisionerSetup('OKTA_PROVISIONER', 'OKTA_PROVISIONING', 'OKTA', true));
  admin(org, ...provisionerSetup('AAD_PROVISIONER', 'AAD_PROVISIONING', 'AZURE'));
  admin(org, ...provisionerSetup('GENERIC_SCIM_PROVISIONER', 'GENERIC_SCIM_PROVISIONING', 'GENERIC'));
  const okta = generateToken(org, 'OKTA_PROVISIONING');
  const entra = generateToken(org, 'AAD_PROVISIONING');
  const generic = generateToken(org, 'GENERIC_SCIM_PROVISIONING');
  const scim = createScimHandler(org, options);
  const call = (method: string, path: string, o: CallOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token === undefined ? okta : o.token;
    if (token !== null && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (o.text !== undefined) body = o.text;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/scim+json';
    const host = o.host ?? 'myorg-account1.snowflakecomputing.com';
    return scim(new Request(`https://${host}/scim/v2${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }), o.info);
  };
  const state = () => org.requireAccount('ACCOUNT1').state;
  return {
    org,
    scim,
    okta,
    entra,
    generic,
    call,
    async json(method, path, o) {
      const response = await call(method, path, o);
      const text = await response.text();
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>), response };
    },
    user: (id) => findUser(state(), { id }),
    userByName: (name) => findUser(state(), { name }),
    roleNamed: (name) => findRole(state(), { name }),
  };
}

/** The REST_EVENT_HISTORY rows of ACCOUNT1, oldest first. */
export function restEvents(org: Organization, account = 'ACCOUNT1') {
  const rows = [];
  for (const entry of org.requireAccount(account).log) if (entry.event.type === 'ScimRequestRecorded') rows.push(entry.event.request);
  return rows;
}
