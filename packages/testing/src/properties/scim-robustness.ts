/**
 * SCIM robustness: whatever a client sends — the IdPs' real request shapes or malformed ones —
 * the endpoint answers with a status below 500, every error is a SCIM Error body whose `status`
 * matches the HTTP status, requests Snowflake must refuse are refused, and a refused request
 * writes nothing but its REST_EVENT_HISTORY row.
 */
import fc from 'fast-check';
import { findRole, shValues } from '@snowglobe/core';
import { directoryArb, type DirectoryOptions } from '../arbitraries/directory.ts';
import { materializeScimRequest, scimRequestArb, type ScimRequestSpec } from '../arbitraries/scim-requests.ts';
import type { Directory } from '../directory.ts';
import { DEFAULT_OBJECT_TYPES, type Plan } from '../plan.ts';
import { connectionBaseUrl } from '../world.ts';
import { makeProperty, PASS, type PropertyOptions, type SnowglobeProperty, type Verdict } from './common.ts';

/** The value of a robustness run: a directory the IdP provisioned first, then raw requests. */
export interface RobustnessCase {
  readonly plan: Plan;
  readonly requests: readonly ScimRequestSpec[];
}

const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** `scimRobustness(options)`: up to `steps` (default 15) random requests after an initial sync. */
export function scimRobustness(options: PropertyOptions & { readonly directory?: DirectoryOptions } = {}): SnowglobeProperty<RobustnessCase> {
  const max = typeof options.steps === 'number' ? options.steps : (options.steps?.max ?? 15);
  const arb = fc
    .record({ initial: directoryArb({ maxUsers: 4, maxGroups: 2, ...options.directory }), requests: fc.array(scimRequestArb(), { minLength: 1, maxLength: max }) })
    .map(({ initial, requests }: { initial: Directory; requests: ScimRequestSpec[] }): RobustnessCase => ({
      plan: { config: { accounts: 2, idp: options.idp ?? 'generic', objectTypes: options.objectTypes ?? DEFAULT_OBJECT_TYPES, schedule: null, seed: options.seed ?? 1 }, initial, steps: [] },
      requests,
    }));
  return makeProperty('SCIM robustness', options, arb, async (value, start) => {
    const world = await start(value.plan);
    const details: string[] = [];
    for (const [i, spec] of value.requests.entries()) {
      world.beginStep(i, `SCIM request: ${spec.label}`);
      // Ids are resolved now: the SCIM-managed users and groups that exist at this point.
      const state = world.primary().state;
      const owner = findRole(state, { name: world.provisioner })?.id;
      const request = materializeScimRequest(spec, {
        baseUrl: connectionBaseUrl(),
        token: world.token,
        userIds: [...shValues(state.users)].filter((u) => u.owner === owner).map((u) => u.id).sort(),
        groupIds: [...shValues(state.roles)].filter((r) => r.owner === owner).map((r) => r.id).sort(),
      });
      const unitsBefore = world.units.length;
      const response = await world.fetch(request);
      const text = await response.text();
      const where = `#${i} ${spec.label}: ${request.method} ${new URL(request.url).pathname}`;
      if (response.status >= 500) details.push(`${where} answered ${response.status}`);
      if (spec.mustFail && response.status < 400) details.push(`${where} must be refused but answered ${response.status}`);
      if (response.status >= 400) {
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          // Checked below.
        }
        const b = body as { schemas?: unknown; status?: unknown } | null;
        if (!b || !Array.isArray(b.schemas) || !b.schemas.includes(ERROR_URN) || String(b.status) !== String(response.status)) {
          details.push(`${where} answered ${response.status} without a SCIM Error body whose status matches: ${text.slice(0, 120)}`);
        }
      }
      if (response.status >= 400 && world.units.length > unitsBefore) details.push(`${where} was refused (${response.status}) but wrote to the log`);
    }
    const verdict: Verdict = details.length === 0 ? PASS : { ok: false, message: `${details.length} SCIM answer(s) broke the protocol`, details };
    return { world, verdict };
  });
}
