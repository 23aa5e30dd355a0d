/**
 * The `Request` handlers get from the server: a plain object over what Node already parsed (the
 * method, the URL string, `rawHeaders`) and the body bytes the server read, prototype-chained to
 * `Request` (so `instanceof Request` holds). An undici `Request` per request costs tens of µs
 * (header conversion, an AbortSignal, a web stream over Node's stream); this costs a few
 * property writes. Headers ({@link LightHeaders}) and the body stream ({@link BufferBodyStream})
 * are built on first use; `text()`, `json()`, `arrayBuffer()` read the bytes directly. The rare
 * members (`signal`, `cache`, `mode`, ...) come from a real `Request` built on demand.
 *
 * It also knows its path without parsing the URL ({@link LightRequest.pathname}), for routing.
 */
import { BufferBodyStream } from './light-body.ts';
import { lightHeaders } from './light-headers.ts';

const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

export interface LightRequestInit {
  /** The method, upper case for the standard ones. */
  readonly method: string;
  /** The absolute URL, already validated (`http://host/path?query`). */
  readonly url: string;
  /** The request target as sent (`/path?query`), the end of `url` unless the URL was normalized. */
  readonly target: string;
  /** Node's `rawHeaders`. */
  readonly rawHeaders: readonly string[];
  /** The body (already read); null for GET and HEAD. */
  readonly body: Uint8Array | null;
}

const unusable = (): Promise<never> => Promise.reject(new TypeError('Body is unusable: Body has already been read'));

export class LightRequest {
  readonly method: string;
  readonly url: string;
  readonly #init: LightRequestInit;
  #headers: Headers | null = null;
  #stream: BufferBodyStream | null = null;
  #used = false;
  #template: Request | null = null;

  constructor(init: LightRequestInit) {
    this.#init = init;
    this.method = init.method;
    this.url = init.url;
  }

  /** The URL's path, still percent-encoded, without parsing the URL when it was not normalized. */
  get pathname(): string {
    const { url, target } = this.#init;
    if (target.charCodeAt(0) === 47 /* / */ && url.endsWith(target)) {
      const end = target.search(/[?#]/);
      return end === -1 ? target : target.slice(0, end);
    }
    return new URL(url).pathname;
  }

  get headers(): Headers {
    return (this.#headers ??= lightHeaders(this.#init.rawHeaders));
  }

  get body(): ReadableStream<Uint8Array> | null {
    const bytes = this.#init.body;
    if (bytes === null) return null;
    if (this.#stream === null) {
      this.#stream = new BufferBodyStream(this.#used ? EMPTY : bytes);
      if (this.#used) void this.#stream.cancel();
    }
    return this.#stream as unknown as ReadableStream<Uint8Array>;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#stream?.disturbed ?? false);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array> {
    return this.#bytes().then((b) => new Uint8Array(b));
  }

  text(): Promise<string> {
    return this.#bytes().then((b) => decoder.decode(b));
  }

  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown);
  }

  blob(): Promise<Blob> {
    return this.#bytes().then((b) => new Blob([b], { type: this.headers.get('content-type') ?? '' }));
  }

  formData(): Promise<FormData> {
    if (this.bodyUsed) return unusable();
    this.#used = true;
    return new Request(this.url, { method: this.method, headers: this.headers, body: this.#init.body }).formData();
  }

  clone(): Request {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    // The bytes are never written to, so both requests can read them.
    return new LightRequest(this.#init) as unknown as Request;
  }

  get signal(): AbortSignal {
    return this.#real().signal;
  }

  get cache(): Request['cache'] {
    return this.#real().cache;
  }

  get credentials(): Request['credentials'] {
    return this.#real().credentials;
  }

  get destination(): Request['destination'] {
    return this.#real().destination;
  }

  get integrity(): string {
    return this.#real().integrity;
  }

  get keepalive(): boolean {
    return this.#real().keepalive;
  }

  get mode(): Request['mode'] {
    return this.#real().mode;
  }

  get redirect(): Request['redirect'] {
    return this.#real().redirect;
  }

  get referrer(): string {
    return this.#real().referrer;
  }

  get referrerPolicy(): Request['referrerPolicy'] {
    return this.#real().referrerPolicy;
  }

  get duplex(): 'half' {
    return 'half';
  }

  /** The whole body once; rejects when it was already consumed, as `Request` does. */
  #bytes(): Promise<Uint8Array> {
    if (this.bodyUsed || this.#stream?.locked === true) return unusable();
    this.#used = true;
    const stream = this.#stream;
    // A stream handed out but untouched: read through it so it too ends up consumed.
    if (stream !== null) return new Response(stream as unknown as ReadableStream<Uint8Array>).arrayBuffer().then((b) => new Uint8Array(b));
    return Promise.resolve(this.#init.body ?? EMPTY);
  }

  /** A body-less `Request` for the members that only describe fetch defaults. */
  #real(): Request {
    return (this.#template ??= new Request(this.url, { headers: this.headers }));
  }
}
Object.setPrototypeOf(LightRequest.prototype, Request.prototype);

/** A {@link LightRequest} as the `Request` it stands for. */
export function lightRequest(init: LightRequestInit): Request {
  return new LightRequest(init) as unknown as Request;
}

/** The path of `request`: without parsing its URL when it is a {@link LightRequest}. */
export function pathnameOf(request: Request): string {
  return request instanceof LightRequest ? request.pathname : new URL(request.url).pathname;
}
