import { describe, expect, it } from 'vitest';
import {
  ERROR_URN,
  forUserPost,
  htmlForbiddenResponse,
  patchFailureResponse,
  readOnlySecondaryError,
  scimError,
  scimErrorBody,
  scimErrorResponse,
  type ScimError,
} from './errors.ts';
import { resolveOptions } from './options.ts';

describe('scimErrorBody', () => {
  it('renders status as a string and scimType when set', () => {
    expect(scimErrorBody(scimError.invalidFilter('bad'))).toEqual({
      schemas: [ERROR_URN],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'bad',
    });
    const notFound = scimErrorBody(scimError.notFound('User 1 not found'));
    expect(notFound).toEqual({ schemas: [ERROR_URN], status: '404', detail: 'User 1 not found' });
    expect('scimType' in notFound).toBe(false);
  });

  it('keeps RFC key order', () => {
    expect(Object.keys(scimErrorBody(scimError.mutability('x')))).toEqual(['schemas', 'status', 'scimType', 'detail']);
  });

  const cases: [ScimError, number, string | undefined][] = [
    [scimError.invalidFilter('d'), 400, 'invalidFilter'],
    [scimError.invalidSyntax('d'), 400, 'invalidSyntax'],
    [scimError.invalidValue('d'), 400, 'invalidValue'],
    [scimError.invalidPath('d'), 400, 'invalidPath'],
    [scimError.noTarget('d'), 400, 'noTarget'],
    [scimError.mutability('d'), 400, 'mutability'],
    [scimError.unauthorized('Access token expired'), 401, undefined],
    [scimError.forbidden(), 403, undefined],
    [scimError.notFound(), 404, undefined],
    [scimError.methodNotAllowed(['GET', 'POST']), 405, undefined],
    [scimError.uniqueness('User exists with given userName and/or enterprise:user.snowflakeUserName'), 409, 'uniqueness'],
    [scimError.conflict('d'), 409, undefined],
    [scimError.payloadTooLarge(10), 413, undefined],
    [scimError.unsupportedMediaType('d'), 415, undefined],
    [scimError.tooManyRequests(), 429, undefined],
    [scimError.internal(), 500, undefined],
  ];
  it.each(cases)('%o → %i', async (err, status, scimType) => {
    const res = scimErrorResponse(err);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/scim+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe(String(status));
    expect(body.scimType).toBe(scimType);
    expect(body.schemas).toEqual([ERROR_URN]);
  });

  it('sets Allow on 405 and honours responseContentType', () => {
    const res = scimErrorResponse(scimError.methodNotAllowed(['GET', 'PATCH', 'DELETE']), { responseContentType: 'application/json' });
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});

describe('doc-literal failure statuses', () => {
  it('POST /Users turns 400s into 409 without scimType (spec §1.3)', () => {
    const e = forUserPost(scimError.invalidValue('userName is required'), resolveOptions());
    expect(e).toEqual({ status: 409, detail: 'userName is required' });
    expect(forUserPost(scimError.invalidValue('x'), resolveOptions({ userPostFailureStatus: 'as-is' })).status).toBe(400);
    expect(forUserPost(scimError.tooManyRequests(), resolveOptions()).status).toBe(429);
  });

  it('PATCH failures answer 204 in doc-literal mode, keeping request-level errors', async () => {
    const literal = resolveOptions({ patchFailureStatus: 204 });
    const r = patchFailureResponse(scimError.invalidPath('x'), literal);
    expect(r.status).toBe(204);
    expect(await r.text()).toBe('');
    expect(patchFailureResponse(scimError.notFound(), literal).status).toBe(404);
    expect(patchFailureResponse(scimError.invalidPath('x'), resolveOptions()).status).toBe(400);
  });

  it('read-only secondary status follows readOnlySecondaryStatus', () => {
    const d = resolveOptions();
    expect(readOnlySecondaryError('POST', 'Users', d).status).toBe(409);
    expect(readOnlySecondaryError('PATCH', 'Users', d).status).toBe(400);
    expect(readOnlySecondaryError('POST', 'Groups', d).status).toBe(400);
    expect(readOnlySecondaryError('DELETE', 'Users', resolveOptions({ readOnlySecondaryStatus: 403 })).status).toBe(403);
    expect(readOnlySecondaryError('PUT', 'Users', resolveOptions({ readOnlySecondaryStatus: 409 })).status).toBe(409);
    expect(readOnlySecondaryError('PUT', 'Users', resolveOptions({ readOnlySecondaryStatus: 400 })).status).toBe(400);
  });

  it('html 403 is not JSON (Okta: "Invalid JSON: Unexpected character (\'<\'")', async () => {
    const r = htmlForbiddenResponse();
    expect(r.status).toBe(403);
    expect((await r.text()).startsWith('<')).toBe(true);
  });
});
