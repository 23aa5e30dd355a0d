import { describe, expect, it } from 'vitest';
import { LightRequest, lightRequest, pathnameOf } from './light-request.ts';
import type { LightRequestInit } from './light-request.ts';

const init = (over: Partial<LightRequestInit> = {}): LightRequestInit => ({
  method: 'POST',
  url: 'http://127.0.0.1:4280/scim/v2/Users?x=1',
  target: '/scim/v2/Users?x=1',
  rawHeaders: ['Host', '127.0.0.1:4280', 'Content-Type', 'application/scim+json'],
  body: new TextEncoder().encode('{"userName":"a"}'),
  ...over,
});

describe('lightRequest', () => {
  it('is a Request with the method, URL and headers Node parsed', () => {
    const request = lightRequest(init());
    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://127.0.0.1:4280/scim/v2/Users?x=1');
    expect(request.headers.get('content-type')).toBe('application/scim+json');
    expect(request.signal.aborted).toBe(false);
    expect(request.mode).toBe(new Request('http://x/').mode);
  });

  it('knows its path without parsing the URL, and parses it when the adapter normalized it', () => {
    expect(pathnameOf(lightRequest(init()))).toBe('/scim/v2/Users');
    expect(pathnameOf(lightRequest(init({ url: 'http://h/scim/v2/Users', target: '/api/../scim/v2/Users' })))).toBe('/scim/v2/Users');
    expect(pathnameOf(new Request('http://h/a/b?c'))).toBe('/a/b');
  });

  it('reads the body once, by any of the body methods', async () => {
    const request = lightRequest(init());
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ userName: 'a' });
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
    expect(new TextDecoder().decode(await lightRequest(init()).arrayBuffer())).toBe('{"userName":"a"}');
    expect(await (await lightRequest(init()).blob()).text()).toBe('{"userName":"a"}');
  });

  it('streams the body, and then refuses the other readers', async () => {
    const request = lightRequest(init());
    const body = request.body;
    expect(body).toBeInstanceOf(ReadableStream);
    expect(request.body).toBe(body);
    expect(await new Response(body).text()).toBe('{"userName":"a"}');
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
  });

  it('reads through a stream handed out but not read', async () => {
    const request = lightRequest(init());
    void request.body;
    expect(await request.text()).toBe('{"userName":"a"}');
    expect(request.bodyUsed).toBe(true);
  });

  it('has no body for GET, and clones while unread', async () => {
    const get = lightRequest(init({ method: 'GET', body: null }));
    expect(get.body).toBeNull();
    expect(await get.text()).toBe('');
    const post = lightRequest(init());
    const copy = post.clone();
    expect(copy).toBeInstanceOf(LightRequest);
    expect(await copy.text()).toBe(await post.text());
    expect(() => post.clone()).toThrow(TypeError);
  });

  it('can be copied into a real Request with another URL', async () => {
    const source = lightRequest(init());
    const copy = new Request('http://h/elsewhere', { method: source.method, headers: source.headers, body: await source.arrayBuffer() });
    expect(copy.headers.get('content-type')).toBe('application/scim+json');
    expect(await copy.json()).toEqual({ userName: 'a' });
  });
});
