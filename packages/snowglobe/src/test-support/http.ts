/**
 * HTTP helpers for tests: a request with a chosen Host header (fetch cannot set Host), and SQL
 * API / SCIM shorthands against a running server.
 */
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Sends one request to `url` with `host` as the Host header. */
export function rawRequest(url: string, options: { method?: string; host: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: options.host, ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = httpRequest(url, { method: options.method ?? 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The SQL API answer: status and parsed body. */
export interface SqlApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> & { data?: (string | null)[][]; statementHandles?: string[] };
}

/** POSTs `statement` to the SQL API at `base` (a server URL, optionally with an account prefix). */
export async function sqlApi(base: string, statement: string, extra: { role?: string; count?: number } = {}): Promise<SqlApiAnswer> {
  const response = await fetch(`${base}/api/v2/statements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer test' },
    body: JSON.stringify({
      statement,
      ...(extra.role !== undefined && { role: extra.role }),
      ...(extra.count !== undefined && { parameters: { MULTI_STATEMENT_COUNT: String(extra.count) } }),
    }),
  });
  return { status: response.status, body: (await response.json()) as SqlApiAnswer['body'] };
}

/** The SQL that sets up SCIM for a generic client, as Snowflake documents it. */
export const SCIM_SETUP_SQL = `CREATE ROLE IF NOT EXISTS GENERIC_SCIM_PROVISIONER;
GRANT CREATE USER ON ACCOUNT TO ROLE GENERIC_SCIM_PROVISIONER;
GRANT CREATE ROLE ON ACCOUNT TO ROLE GENERIC_SCIM_PROVISIONER;
GRANT ROLE GENERIC_SCIM_PROVISIONER TO ROLE ACCOUNTADMIN;
CREATE OR REPLACE SECURITY INTEGRATION GENERIC_SCIM_PROVISIONING TYPE = SCIM SCIM_CLIENT = 'GENERIC' RUN_AS_ROLE = 'GENERIC_SCIM_PROVISIONER';`;

/** Runs the documented SCIM setup through the SQL API and returns a fresh SCIM access token. */
export async function setUpScim(base: string): Promise<string> {
  const setup = await sqlApi(base, SCIM_SETUP_SQL, { count: 0 });
  if (setup.status !== 200) throw new Error(`SCIM setup failed: ${JSON.stringify(setup.body)}`);
  const token = await sqlApi(base, "SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('GENERIC_SCIM_PROVISIONING')");
  const value = token.body.data?.[0]?.[0];
  if (token.status !== 200 || typeof value !== 'string') throw new Error(`no token: ${JSON.stringify(token.body)}`);
  return value;
}

/** A SCIM 2.0 user body. */
export function scimUser(userName: string): string {
  return JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Test', familyName: userName },
    emails: [{ value: userName.includes('@') ? userName : `${userName}@example.com`, primary: true }],
    active: true,
  });
}

/** SCIM request headers with a bearer token. */
export function scimHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', accept: 'application/scim+json' };
}
