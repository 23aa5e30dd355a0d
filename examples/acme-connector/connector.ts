/**
 * Acme's SCIM connector — a small third-party provisioning tool written against Snowflake's SCIM
 * API, knowing nothing about snowglobe. It is a *full-sync* connector: every run reads what
 * Snowflake holds (paged GET /Users and /Groups), compares it with Acme's people and teams, and
 * sends the difference (POST, PUT, PATCH members, DELETE). It takes any `fetch`, so it runs
 * against Snowflake, a snowglobe server on a port, or snowglobe's in-process handler alike.
 */

/** A person in Acme's HR system. */
export interface AcmePerson {
  /** The login (an email address). */
  readonly login: string;
  readonly first: string;
  readonly last: string;
  readonly display: string;
  readonly mail: string;
  readonly enabled: boolean;
  readonly warehouse?: string;
}

/** A team, pushed to Snowflake as a role. */
export interface AcmeTeam {
  readonly name: string;
  /** Logins of the members. */
  readonly members: readonly string[];
}

export interface AcmeOptions {
  /** `https://<account or connection URL>/scim/v2` (no trailing slash). */
  readonly baseUrl: string;
  /** The bearer token, asked for before every request (tokens rotate). */
  readonly bearer: () => string | Promise<string>;
  readonly fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Page size of the reads (default 100, Snowflake's default). */
  readonly pageSize?: number;
}

/** What one run did. */
export interface AcmeSyncResult {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  /** One line per failed request; the run goes on after a failure. */
  readonly errors: readonly string[];
}

interface ScimUser {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly active?: boolean;
  readonly name?: { readonly givenName?: string; readonly familyName?: string };
  readonly emails?: readonly { readonly value?: string }[];
  readonly [key: string]: unknown;
}

interface ScimGroup {
  readonly id: string;
  readonly displayName: string;
  readonly members?: readonly { readonly value: string }[];
}

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const EXT = 'urn:ietf:params:scim:schemas:extension:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export class AcmeConnector {
  readonly #opts: AcmeOptions;
  readonly #fetch: (input: string, init?: RequestInit) => Promise<Response>;

  constructor(options: AcmeOptions) {
    this.#opts = options;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Whether two logins are the same account. Snowflake upper-cases them, so not `===`. */
  protected sameLogin(a: string, b: string): boolean {
    return a.toUpperCase() === b.toUpperCase();
  }

  async #call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${await this.#opts.bearer()}`, Accept: 'application/scim+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/scim+json';
    const res = await this.#fetch(`${this.#opts.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }

  /** Every resource of a collection, following Snowflake's paging (`startIndex + itemsPerPage <= totalResults`). */
  async #readAll<T>(resource: 'Users' | 'Groups'): Promise<T[] | string> {
    const out: T[] = [];
    const count = this.#opts.pageSize ?? 100;
    for (let start = 1; ; ) {
      const r = await this.#call('GET', `/${resource}?startIndex=${start}&count=${count}`);
      if (r.status !== 200) return `GET /${resource}: ${r.status}`;
      const page = r.json as { Resources?: T[]; totalResults?: number; itemsPerPage?: number };
      const got = page.Resources ?? [];
      out.push(...got);
      const per = page.itemsPerPage ?? count;
      if (got.length === 0 || start + per > (page.totalResults ?? 0)) return out;
      start += per;
    }
  }

  #body(p: AcmePerson): Record<string, unknown> {
    return {
      schemas: p.warehouse ? [USER, EXT] : [USER],
      userName: p.login,
      name: { givenName: p.first, familyName: p.last },
      displayName: p.display,
      emails: [{ value: p.mail, primary: true }],
      active: p.enabled,
      ...(p.warehouse ? { [EXT]: { defaultWarehouse: p.warehouse } } : {}),
    };
  }

  #differs(u: ScimUser, p: AcmePerson): boolean {
    const ext = u[EXT] as { defaultWarehouse?: string } | undefined;
    return (
      u.displayName !== p.display ||
      u.active !== p.enabled ||
      u.name?.givenName !== p.first ||
      u.name?.familyName !== p.last ||
      u.emails?.[0]?.value !== p.mail ||
      (ext?.defaultWarehouse ?? undefined) !== p.warehouse
    );
  }

  /** Makes Snowflake hold exactly `people` and `teams` (those this integration manages). */
  async sync(people: readonly AcmePerson[], teams: readonly AcmeTeam[]): Promise<AcmeSyncResult> {
    const errors: string[] = [];
    let created = 0;
    let updated = 0;
    let deleted = 0;
    const users = await this.#readAll<ScimUser>('Users');
    if (typeof users === 'string') return { created, updated, deleted, errors: [users] };
    const idOf = new Map<string, string>();
    for (const p of people) {
      const existing = users.find((u) => this.sameLogin(u.userName, p.login));
      if (!existing) {
        const r = await this.#call('POST', '/Users', this.#body(p));
        if (r.status === 201) {
          created++;
          idOf.set(p.login, (r.json as { id: string }).id);
        } else errors.push(`create ${p.login}: ${r.status}`);
        continue;
      }
      idOf.set(p.login, existing.id);
      if (this.#differs(existing, p)) {
        const r = await this.#call('PUT', `/Users/${encodeURIComponent(existing.id)}`, { ...this.#body(p), id: existing.id });
        if (r.status === 200) updated++;
        else errors.push(`update ${p.login}: ${r.status}`);
      }
    }
    for (const u of users) {
      if (people.some((p) => this.sameLogin(u.userName, p.login))) continue;
      const r = await this.#call('DELETE', `/Users/${encodeURIComponent(u.id)}`);
      if (r.status === 204 || r.status === 404) deleted++;
      else errors.push(`delete ${u.userName}: ${r.status}`);
    }
    const groups = await this.#readAll<ScimGroup>('Groups');
    if (typeof groups === 'string') return { created, updated, deleted, errors: [...errors, groups] };
    for (const t of teams) {
      let g = groups.find((x) => x.displayName === t.name);
      if (!g) {
        const r = await this.#call('POST', '/Groups', { schemas: [GROUP], displayName: t.name });
        if (r.status !== 201) {
          errors.push(`create team ${t.name}: ${r.status}`);
          continue;
        }
        created++;
        g = { id: (r.json as { id: string }).id, displayName: t.name, members: [] };
      }
      const want = new Set(t.members.map((m) => idOf.get(m)).filter((id): id is string => id !== undefined));
      const have = new Set((g.members ?? []).map((m) => m.value));
      const ops = [
        ...[...want].filter((id) => !have.has(id)).map((id) => ({ op: 'add', path: 'members', value: [{ value: id }] })),
        ...[...have].filter((id) => !want.has(id)).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
      ];
      if (ops.length) {
        const r = await this.#call('PATCH', `/Groups/${encodeURIComponent(g.id)}`, { schemas: [PATCH], Operations: ops });
        if (r.status === 200 || r.status === 204) updated++;
        else errors.push(`update team ${t.name}: ${r.status}`);
      }
    }
    for (const g of groups) {
      if (teams.some((t) => t.name === g.displayName)) continue;
      const r = await this.#call('DELETE', `/Groups/${encodeURIComponent(g.id)}`);
      if (r.status === 204 || r.status === 404) deleted++;
      else errors.push(`delete team ${g.displayName}: ${r.status}`);
    }
    return { created, updated, deleted, errors };
  }
}
