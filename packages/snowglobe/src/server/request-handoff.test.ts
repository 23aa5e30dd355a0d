/**
 * What a handler receives from the server (a LightRequest over the bytes the server read) and
 * what the server does with bodies on the way: over real sockets, with a SCIM stand-in that
 * reports what it saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';
import { fakeSql } from '../test-support/fake-engines.ts';

let server: RunningServer;

/** Echoes what the handler saw; `?read=stream|text|twice` chooses how it reads the body. */
async function echo(request: Request): Promise<Response> {
  const how = new URL(request.url).searchParams.get('read') ?? 'stream';
  let body: string | null = null;
  let second: string | null = null;
  if (how === 'text' || how === 'twice') body = await request.text();
  if (how === 'twice') second = await request.text().catch((e: unknown) => (e instanceof TypeError ? 'TypeError' : 'other'));
  if (how === 'stream' && request.body !== null) {
    const chunks: Uint8Array[] = [];
    const reader = request.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    body = Buffer.concat(chunks).toString();
  }
  return Response.json({
    isRequest: request instanceof Request,
    method: request.method,
    url: request.url,
    // Not rewritten on the way out, unlike the URL (locations get the client's prefix back).
    path: new URL(request.url).pathname,
    accept: request.headers.get('accept'),
    body,
    second,
    bodyUsed: request.bodyUsed,
  });
}

beforeAll(async () => {
  server = await startServer({ port: 0, engines: { sql: fakeSql, scim: () => echo }, onError: () => undefined });
});

afterAll(async () => {
  await server.close();
});

function send(path: string, init: { method?: string; headers?: Record<string, string | string[]>; chunks?: string[] }): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method: init.method ?? 'POST', headers: init.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    for (const c of init.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('the Request a handler gets', () => {
  it('is a Request with the URL, method and headers (repeated ones joined) as sent', async () => {
    const r = await send('/scim/v2/Users?x=1', { method: 'GET', headers: { accept: ['application/json', 'text/plain'] } });
    expect(r.body).toMatchObject({ isRequest: true, method: 'GET', url: `${server.url}/scim/v2/Users?x=1`, accept: 'application/json, text/plain', body: null });
  });

  it('streams a body sent in chunks as one whole', async () => {
    const r = await send('/scim/v2/Users', { headers: { 'transfer-encoding': 'chunked' }, chunks: ['{"user', 'Name": ', '"x"}'] });
    expect(r.body).toMatchObject({ body: '{"userName": "x"}', bodyUsed: true });
  });

  it('reads the body as text once; a second read is refused', async () => {
    const r = await send('/scim/v2/Users?read=twice', { headers: { 'content-length': '7' }, chunks: ['{"a":1}'] });
    expect(r.body).toMatchObject({ body: '{"a":1}', second: 'TypeError' });
  });

  it('gives GET no body, even when the client sent one', async () => {
    const r = await send('/scim/v2/Users?read=text', { method: 'GET', headers: { 'content-length': '2' }, chunks: ['{}'] });
    expect(r.body).toMatchObject({ method: 'GET', body: '' });
  });

  it('gives an empty POST an empty body, and keeps the path prefix out of the handler', async () => {
    const r = await send('/accounts/MYORG-ACCOUNT2/scim/v2/Users', {});
    expect(r.body).toMatchObject({ method: 'POST', path: '/scim/v2/Users', body: '' });
  });

  it('keeps serving after a client leaves in the middle of a body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write('POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"half":');
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    const r = await send('/scim/v2/Users', { headers: { 'content-length': '2' }, chunks: ['{}'] });
    expect(r).toMatchObject({ status: 200, body: { body: '{}' } });
  });
});
