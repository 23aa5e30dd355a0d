import { describe, expect, it } from 'vitest';
import { JsonResponse } from './json-response.ts';

describe('JsonResponse', () => {
  const make = () => JsonResponse.of('{"a":1}', 201, { 'content-type': 'application/scim+json', location: 'https://x/Users/1' });

  it('is a Response to its callers', () => {
    const r = make();
    expect(r).toBeInstanceOf(Response);
    expect(r.status).toBe(201);
    expect(r.ok).toBe(true);
    expect(r.statusText).toBe('');
    expect(r.headers.get('content-type')).toBe('application/scim+json');
    expect(r.headers.get('location')).toBe('https://x/Users/1');
  });

  it('reads its body once, as json, text or bytes', async () => {
    const r = make();
    expect(r.bodyUsed).toBe(false);
    expect(await r.json()).toEqual({ a: 1 });
    expect(r.bodyUsed).toBe(true);
    await expect(r.text()).rejects.toThrow(TypeError);
    expect(new TextDecoder().decode(await make().arrayBuffer())).toBe('{"a":1}');
  });

  it('answers everything else through a real Response: body stream, clone, blob', async () => {
    const r = make();
    const copy = r.clone();
    expect(await copy.text()).toBe('{"a":1}');
    expect(await new Response(r.body).text()).toBe('{"a":1}');
    expect(r.bodyUsed).toBe(true);
    expect(await (await make().blob()).text()).toBe('{"a":1}');
  });

  it('keeps bodyUsed true when the real Response is built after the body was read', async () => {
    const r = make();
    await r.text();
    expect(r.body).not.toBeNull();
    expect(r.bodyUsed).toBe(true);
  });

  it('defers to a global Response someone else installed (e.g. a server adapter)', () => {
    const native = globalThis.Response;
    class Light extends native {}
    globalThis.Response = Light;
    try {
      expect(JsonResponse.of('{}', 200, {})).toBeInstanceOf(Light);
    } finally {
      globalThis.Response = native;
    }
  });
});
