import type { SnowflakeError } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';
import { fromSnowflakeError, USER_EXISTS_DETAIL } from './snowflake-error.ts';

function sf(reason: SnowflakeError['reason'], message = 'SQL compilation error:\nsomething'): SnowflakeError {
  return { type: 'SnowflakeError', reason, code: '000000', sqlState: '00000', message };
}

const options = resolveOptions();

describe('fromSnowflakeError', () => {
  it('duplicate user on POST: 409 uniqueness with the Okta-observed detail (spec §2.5)', () => {
    expect(fromSnowflakeError(sf('AlreadyExists'), { method: 'POST', resource: 'Users' }, options)).toEqual({
      status: 409,
      scimType: 'uniqueness',
      detail: USER_EXISTS_DETAIL,
    });
  });

  it('duplicate role: 409 with the Snowflake message', () => {
    expect(fromSnowflakeError(sf('AlreadyExists', "Object 'R' already exists."), { method: 'POST', resource: 'Groups' }, options)).toMatchObject({
      status: 409,
      detail: "Object 'R' already exists.",
    });
  });

  it.each([
    ['DoesNotExist', 'GET', 404],
    ['DoesNotExist', 'PATCH', 404],
    ['InsufficientPrivileges', 'PATCH', 403],
    ['InsufficientPrivileges', 'POST', 409],
    ['InvalidValue', 'PUT', 400],
    ['InvalidValue', 'POST', 409],
    ['ReadOnlyReplica', 'POST', 409],
    ['ReadOnlyReplica', 'PATCH', 400],
    ['AccountUnavailable', 'POST', 503],
    ['Unsupported', 'PATCH', 400],
  ] as const)('%s on %s /Users → %i', (reason, method, status) => {
    expect(fromSnowflakeError(sf(reason), { method, resource: 'Users' }, options).status).toBe(status);
  });

  it('honours userPostFailureStatus and readOnlySecondaryStatus', () => {
    const o = resolveOptions({ userPostFailureStatus: 'as-is', readOnlySecondaryStatus: 403 });
    expect(fromSnowflakeError(sf('InvalidValue'), { method: 'POST', resource: 'Users' }, o).status).toBe(400);
    expect(fromSnowflakeError(sf('ReadOnlyReplica'), { method: 'DELETE', resource: 'Groups' }, o).status).toBe(403);
    // An explicit status is not folded into POST /Users' 409 catch-all.
    const explicit = resolveOptions({ readOnlySecondaryStatus: 403 });
    expect(fromSnowflakeError(sf('ReadOnlyReplica'), { method: 'POST', resource: 'Users' }, explicit).status).toBe(403);
  });
});
