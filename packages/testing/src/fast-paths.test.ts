/**
 * The harness's fast paths answer exactly what the slow ones they replace would: canonical
 * equality vs `stableStringify`, and the in-process Request vs undici's.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { canonicalEqual, stableStringify } from '@snowglobe/core';
import { inProcessRequest, requestPath, simpleUrl } from './in-process-request.ts';

/** JSON-ish values with the awkward members canonical JSON treats specially. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom(0, -0, 1, 1.5, NaN, Infinity, null, undefined),
    fc.constant(() => 1),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }), fc.constant(new Map([['k', 1]]))),
}));

describe('canonicalEqual', () => {
  test('agrees with stableStringify equality', () => {
    fc.assert(
      fc.property(value.node, value.node, (a, b) => {
        expect(canonicalEqual(a, b)).toBe(stableStringify(a) === stableStringify(b));
        // A value and a rebuilt copy (keys reordered, undefined members dropped) are equal.
        const json = stableStringify(a) as string | undefined;
        if (json !== undefined) expect(canonicalEqual(a, JSON.parse(json))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('key order and undefined members do not matter; values do', () => {
    expect(canonicalEqual({ a: 1, b: [1, { c: 'x' }], u: undefined }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(canonicalEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(canonicalEqual([undefined], [null])).toBe(true);
    expect(canonicalEqual({ a: NaN }, { a: null })).toBe(true);
  });
});

async function observe(r: Request): Promise<unknown> {
  const headers = [...r.headers];
  const body = r.body === null ? null : await r.text();
  return { url: r.url, method: r.method, headers, body, used: r.bodyUsed, isRequest: r instanceof Request };
}

describe('inProcessRequest', () => {
  const base = 'https://myorg-global.snowflakecomputing.com/scim/v2';
  const inits: [string, RequestInit | undefined][] = [
    [`${base}/Users?filter=${encodeURIComponent('userName eq "zoë@x.com"')}&startIndex=1&count=100`, { method: 'GET', headers: { Authorization: 'Bearer t', Accept: 'application/scim+json' } }],
    [`${base}/Users`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/scim+json' }, body: JSON.stringify({ userName: 'a\uD800b' }) }],
    [`${base}/Users`, { method: 'POST', headers: { Authorization: ' Bearer t ' }, body: 'plain' }],
    [`${base}/Groups/a%20b`, { method: 'PATCH', body: '' }],
    [`${base}/Users/x`, undefined],
    [`${base}/Users/x`, { method: 'DELETE' }],
    [`${base}/../Users/./x?#frag`, { method: 'GET' }],
  ];

  test('looks like the real Request to the handler', async () => {
    for (const [url, init] of inits) {
      const fast = inProcessRequest(url, init);
      expect(await observe(fast)).toEqual(await observe(new Request(url, init)));
      const u = new URL(url);
      expect(requestPath(fast)).toBe(`${u.pathname}${u.search}`);
    }
  });

  test('the body streams as the real one does, and reads once', async () => {
    const r = inProcessRequest(`${base}/Users`, { method: 'POST', body: '{"a":"ü"}' });
    const reader = r.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{"a":"ü"}');
    expect((await reader.read()).done).toBe(true);
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toThrow(TypeError);
    const c = inProcessRequest(`${base}/Users`, { method: 'PUT', body: '{}' });
    expect(await c.clone().json()).toEqual({});
    // Beyond the reader, the body is a real stream (here: handed to a real Response).
    const [copy] = c.body!.tee();
    expect(await new Response(copy).text()).toBe('{}');
    expect(c.signal).toBeInstanceOf(AbortSignal);
  });

  test('refuses what the real Request refuses', () => {
    expect(() => inProcessRequest('not a url', { method: 'GET' })).toThrow(TypeError);
    expect(() => inProcessRequest(`${base}/Users`, { method: 'GET', body: 'x' })).toThrow(TypeError);
    expect(() => inProcessRequest(`${base}/Users`, { headers: { 'bad name': 'x' } })).toThrow(TypeError);
    expect(() => inProcessRequest('https://u:p@x.com/', {})).toThrow(TypeError);
  });
});

describe('simpleUrl', () => {
  test('takes only URLs that parse to themselves, and reads their path and query as URL does', () => {
    const part = fc.string({ unit: fc.constantFrom(...'aZ09-._~!$&()*+,;=:@%/?#\'" <>\\`{}é2eE'.split('')), maxLength: 12 });
    const host = fc.constantFrom('myorg-global.snowflakecomputing.com', 'localhost', 'a.b', 'A.com', 'x.1', '1.2.3.4', 'xn--e1a.com', 'a:443', 'u:p@h.com', 'h.com.');
    fc.assert(
      fc.property(fc.constantFrom('https', 'http', 'HTTPS', 'ftp'), host, part, (scheme, h, rest) => {
        const s = `${scheme}://${h}/${rest}`;
        const path = simpleUrl(s);
        if (path === null) return;
        const u = new URL(s);
        expect(u.href).toBe(s);
        expect(path).toBe(`${u.pathname}${u.search}`);
        expect(u.username + u.password).toBe('');
      }),
      { numRuns: 3000 },
    );
    expect(simpleUrl('https://myorg-global.snowflakecomputing.com/scim/v2/Users?filter=userName%20eq%20%22a%22&count=1')).toBe('/scim/v2/Users?filter=userName%20eq%20%22a%22&count=1');
    expect(simpleUrl('https://myorg-global.snowflakecomputing.com/scim/v2/Users/..')).toBeNull();
  });
});
