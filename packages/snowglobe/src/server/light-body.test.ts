import { describe, expect, it } from 'vitest';
import { bufferBodyStream } from './light-body.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (chunks: Uint8Array[]): string => Buffer.concat(chunks).toString();

describe('bufferBodyStream', () => {
  it('is a ReadableStream that yields its bytes once through a default reader', async () => {
    const stream = bufferBodyStream(bytes('hello'));
    expect(stream).toBeInstanceOf(ReadableStream);
    const reader = stream.getReader();
    expect(stream.locked).toBe(true);
    expect(() => stream.getReader()).toThrow(TypeError);
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(text([first.value!])).toBe('hello');
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    reader.releaseLock();
    expect(stream.locked).toBe(false);
  });

  it('ends at once when empty or cancelled', async () => {
    expect(await bufferBodyStream(bytes('')).getReader().read()).toEqual({ done: true, value: undefined });
    const stream = bufferBodyStream(bytes('x'));
    const reader = stream.getReader();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });

  it('serves async iteration, tee and pipeThrough from a real stream', async () => {
    const chunks: Uint8Array[] = [];
    for await (const c of bufferBodyStream(bytes('iter'))) chunks.push(c);
    expect(text(chunks)).toBe('iter');
    const [a, b] = bufferBodyStream(bytes('tee')).tee();
    expect(await new Response(a).text()).toBe('tee');
    expect(await new Response(b).text()).toBe('tee');
    const piped = bufferBodyStream(bytes('pipe')).pipeThrough(new TextDecoderStream());
    let out = '';
    for await (const s of piped) out += s;
    expect(out).toBe('pipe');
  });

  it('can become the body of a Request or Response (undici reads it)', async () => {
    expect(await new Response(bufferBodyStream(bytes('resp'))).text()).toBe('resp');
    const request = new Request('http://x/', { method: 'POST', body: bufferBodyStream(bytes('req')), duplex: 'half' } as RequestInit);
    expect(await request.text()).toBe('req');
  });
});
