import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkContentType, parseJsonBytes, parseJsonText, readJsonBody } from './json.ts';
import { resolveOptions } from './options.ts';

const options = resolveOptions();

function req(body: RequestInit['body'], contentType: string | null = 'application/scim+json', extra: Record<string, string> = {}): Request {
  const headers = new Headers(extra);
  if (contentType !== null) headers.set('content-type', contentType);
  return new Request('https://acme.snowflakecomputing.com/scim/v2/Users', { method: 'POST', body, headers });
}

describe('checkContentType', () => {
  it.each(['application/scim+json', 'application/json', 'application/scim+json; charset=utf-8', 'Application/SCIM+JSON;charset="UTF-8"', 'application/json; charset=utf8'])(
    'accepts %s',
    (ct) => expect(checkContentType(ct, options).ok).toBe(true),
  );
  it.each(['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/xml', 'application/scim+json; charset=iso-8859-1'])(
    'refuses %s with 415',
    (ct) => {
      const r = checkContentType(ct, options);
      expect(r.ok ? null : r.error.status).toBe(415);
    },
  );
  it('accepts a missing header unless strict', () => {
    expect(checkContentType(null, options).ok).toBe(true);
    const r = checkContentType(null, resolveOptions({ strict: true }));
    expect(r.ok ? null : r.error.status).toBe(415);
  });
  it('scim-only refuses application/json; any accepts anything', () => {
    expect(checkContentType('application/json', resolveOptions({ contentTypePolicy: 'scim-only' })).ok).toBe(false);
    expect(checkContentType('text/html', resolveOptions({ contentTypePolicy: 'any' })).ok).toBe(true);
  });
});

describe('parseJsonText', () => {
  it('parses JSON', () => expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } }));
  it.each(['', '   ', '{', "{'a':1}", '{"a":1,}', 'undefined'])('refuses %j with 400 invalidSyntax', (text) => {
    const r = parseJsonText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.status).toBe(400);
      expect(r.error.scimType).toBe('invalidSyntax');
    }
  });
  it('refuses invalid UTF-8 and drops a BOM', () => {
    const r = parseJsonBytes(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(r.ok ? null : r.error.scimType).toBe('invalidSyntax');
    expect(parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toEqual({ ok: true, value: 1 });
  });
  test.prop([fc.string()])('never throws on arbitrary text', (text) => {
    const r = parseJsonText(text);
    expect(typeof r.ok).toBe('boolean');
  });
  it('survives absurd nesting', () => {
    const r = parseJsonText('['.repeat(200_000) + ']'.repeat(200_000));
    expect(typeof r.ok).toBe('boolean');
  });
});

describe('readJsonBody', () => {
  it('reads a SCIM body', async () => {
    expect(await readJsonBody(req('{"userName":"a"}'), options)).toEqual({ ok: true, value: { userName: 'a' } });
  });
  it('415 for text/plain (the default of a string body)', async () => {
    const r = await readJsonBody(new Request('https://x/scim/v2/Users', { method: 'POST', body: '{}' }), options);
    expect(r.ok ? null : r.error.status).toBe(415);
  });
  it('413 when the body exceeds maxBodyBytes (declared or streamed)', async () => {
    const small = resolveOptions({ maxBodyBytes: 16 });
    const big = JSON.stringify({ userName: 'x'.repeat(100) });
    const declared = await readJsonBody(req(big), small);
    expect(declared.ok ? null : declared.error.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('          '));
        controller.close();
      },
    });
    const streamed = await readJsonBody(
      new Request('https://x/scim/v2/Users', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit),
      small,
    );
    expect(streamed.ok ? null : streamed.error.status).toBe(413);
    const exact = await readJsonBody(req('"' + 'x'.repeat(14) + '"'), small);
    expect(exact.ok).toBe(true);
  });
  it('400 invalidSyntax for an empty or malformed body, never throws for a used body', async () => {
    const empty = await readJsonBody(req(null), options);
    expect(empty.ok ? null : empty.error.scimType).toBe('invalidSyntax');
    const bad = await readJsonBody(req('{"a":'), options);
    expect(bad.ok ? null : bad.error.scimType).toBe('invalidSyntax');
    const used = req('{}');
    await used.text();
    const again = await readJsonBody(used, options);
    expect(again.ok ? null : again.error.status).toBe(400);
  });
});
