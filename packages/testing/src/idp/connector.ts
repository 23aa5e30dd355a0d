/**
 * The seam between the harness and whatever provisions Snowflake through SCIM: the built-in IdP
 * models (Okta, Entra, plain RFC 7644) or a connector under test. A connector is anything with
 * `sync(directory, changes)`; the harness hands it a `fetch` (the in-process handler, or a real
 * port) and records every exchange on its side of that fetch, so a connector needs no hooks.
 */
import { applyChange, EMPTY_DIRECTORY, isRejected, type Change, type Directory } from '../directory.ts';
import type { UserDeletion } from '../expected.ts';

/** The `fetch` a connector gets: the global `fetch` signature, nothing Node-specific. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Where and how a connector reaches Snowflake's SCIM API. */
export interface ConnectorEnv {
  /** SCIM base URL without a trailing slash: `https://myorg-global.snowflakecomputing.com/scim/v2`. */
  readonly baseUrl: string;
  /** The current bearer token. Read it per request: the harness regenerates tokens mid-run. */
  readonly token: () => string;
  readonly fetch: FetchLike;
}

/** What one `sync` achieved. */
export interface SyncReport {
  /**
   * How many of `changes`, counted from the first, were provisioned. The harness hands the rest
   * back on the next sync (an IdP retries failed provisioning tasks in order).
   */
  readonly applied: number;
  /** Why the sync stopped early (set when `applied < changes.length`). */
  readonly error?: string;
}

/**
 * A SCIM client under test. `directory` is the IdP's directory after `changes`; `changes` are what
 * happened since the last successful sync (on the first sync: the whole directory being built).
 * A connector may push the changes one by one (as Okta and Entra do) or reconcile against the
 * directory (a full-sync tool); either way it reports how many changes it got through.
 */
export interface ScimConnector {
  /** A short name for reports (`okta`, `acme`). */
  readonly name: string;
  /** What a deleted directory user becomes in Snowflake. Default `delete`. */
  readonly userDeletion?: UserDeletion;
  sync(directory: Directory, changes: readonly Change[]): Promise<SyncReport>;
}

/** Builds a connector for one run. Called once per run, before the first sync. */
export type ConnectorFactory = (env: ConnectorEnv) => ScimConnector;

/** The result of one HTTP call: `status` 0 when fetch itself failed (network error). */
export interface HttpResult {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** SCIM JSON over a `ConnectorEnv`, with the IdP's own headers. Errors are values (status 0). */
export class ScimHttp {
  constructor(
    readonly env: ConnectorEnv,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** `GET /Users?filter=userName eq "x"` style query string from pairs (values URI-encoded). */
  static query(params: Readonly<Record<string, string | number>>): string {
    const parts = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }

  async call(method: string, path: string, body?: unknown): Promise<HttpResult> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.env.token()}`,
      Accept: 'application/scim+json',
      ...this.headers,
    };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/scim+json';
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.env.fetch(`${this.env.baseUrl}${path}`, init);
    } catch (e) {
      return { status: 0, body: null, text: e instanceof Error ? e.message : String(e) };
    }
    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    return { status: res.status, body: parsed, text };
  }
}

/** `body.id` as a string, or undefined. */
export function idOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const id = (body as Record<string, unknown>).id;
  return typeof id === 'string' ? id : undefined;
}

/** The `id` of the first resource of a SCIM ListResponse, or undefined when it is empty. */
export function firstResourceId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const resources = (body as Record<string, unknown>).Resources;
  return Array.isArray(resources) && resources.length > 0 ? idOf(resources[0]) : undefined;
}

/** The SCIM error `detail` of a response, or its text, shortened for a report line. */
export function errorText(r: HttpResult): string {
  const detail = typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>).detail : undefined;
  const text = typeof detail === 'string' ? detail : r.text;
  return `${r.status}${text ? ` ${text.slice(0, 160)}` : ''}`;
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** One change's outcome inside a connector: null when provisioned, else why not. */
export type StepOutcome = string | null;

/**
 * A connector that pushes changes one at a time and remembers what it pushed: the IdP's link
 * table (directory key -> Snowflake SCIM id) and a shadow of the directory as provisioned. The
 * built-in IdP models extend it; a change that fails stops the sync (retried next time).
 */
export abstract class PushConnector implements ScimConnector {
  abstract readonly name: string;
  readonly userDeletion: UserDeletion = 'delete';
  /** Directory user key -> SCIM user id. */
  protected readonly userIds = new Map<string, string>();
  /** Directory group key -> SCIM group id. */
  protected readonly groupIds = new Map<string, string>();
  /** The directory as provisioned so far. */
  protected shadow: Directory = EMPTY_DIRECTORY;

  constructor(protected readonly http: ScimHttp) {}

  async sync(_directory: Directory, changes: readonly Change[]): Promise<SyncReport> {
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const outcome = await this.push(change);
      if (outcome !== null) return { applied: i, error: `${change.kind}: ${outcome}` };
      const next = applyChange(this.shadow, change);
      // A change the shadow refuses was a no-op for Snowflake too (e.g. removing a non-member).
      if (!isRejected(next)) this.shadow = next;
    }
    return { applied: changes.length };
  }

  /** Provisions one change; null on success. */
  protected abstract push(change: Change): Promise<StepOutcome>;

  /** DELETEs a provisioned user or group (a 404 means it is already gone) and forgets its id. */
  protected async deleteResource(kind: 'user' | 'group', key: string, unknown = 'was never provisioned'): Promise<StepOutcome> {
    const ids = kind === 'user' ? this.userIds : this.groupIds;
    const id = ids.get(key);
    if (id === undefined) return `${kind} ${key} ${unknown}`;
    const r = await this.http.call('DELETE', `/${kind === 'user' ? 'Users' : 'Groups'}/${encodeURIComponent(id)}`);
    if (!isSuccess(r.status) && r.status !== 404) return `DELETE ${kind}: ${errorText(r)}`;
    ids.delete(key);
    return null;
  }
}
