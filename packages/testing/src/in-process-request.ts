/**
 * A `Request` for the in-process SCIM handler that builds undici's real one only when a caller
 * needs it.
 *
 * In Node 20, `new Request(url, { method, headers, body })` builds a Headers copy, an AbortSignal
 * and (for a body) a web ReadableStream up front, and reading that stream back costs as much
 * again: ~50 µs per POST/PUT/PATCH and ~13 µs per GET, more than the rest of the harness spends
 * on a request. The handler reads only `url`, `method`, `headers.get` and the body (through
 * `body`'s reader, or `text()` / `arrayBuffer()` / `json()`). Those are answered here from the
 * string the connector sent; anything else (`signal`, `cache`, `formData()`, `pipeTo`/`tee` of
 * the body, ...) is answered by the real `Request` or stream, built on first use. The object is a
 * `Request` to every caller (`instanceof Request`, every property and method), like the
 * handler's own `JsonResponse`. One limit: `body` is not a native stream, so a native API that
 * takes a stream (`new Response(request.body)`) needs `request.body.tee()[0]` instead.
 *
 * {@link inProcessRequest} takes this path only for what it reproduces exactly — a string or URL
 * input, a plain-record `headers`, a string body, an upper-case standard method — and builds the
 * real `Request` (which validates and may throw, as `fetch` would reject) otherwise. The
 * `fast-paths` test checks both against undici.
 */

const NativeRequest = globalThis.Request;
const NativeHeaders = globalThis.Headers;

/** RFC 9110 token (header names, methods). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Leading and trailing HTTP whitespace, which Headers strips from values. */
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const SURROGATE = /[\uD800-\uDFFF]/;
/** What undici refuses in a header value: NUL, CR, LF, anything above U+00FF. */
const REFUSED_IN_VALUE = /[\0\n\r\u0100-\uffff]/;
/** Methods taken as they are (undici upper-cases `get`, `post`, ...; those go the native way). */
const FAST_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ENCODER = new TextEncoder();
/** What undici sets for a string body without a Content-Type. */
const TEXT_PLAIN = 'text/plain;charset=UTF-8';

type ReadResult = { done: true; value: undefined } | { done: false; value: Uint8Array };

function unusable(): TypeError {
  return new TypeError('Body is unusable: Body has already been read');
}

/** `Headers` from lower-cased names: `get`/`has` from the map, the rest from a real Headers. */
class LightHeaders {
  readonly #map: ReadonlyMap<string, string>;
  #native: Headers | undefined;

  constructor(map: ReadonlyMap<string, string>) {
    this.#map = map;
  }

  get(name: string): string | null {
    if (this.#native) return this.#native.get(name);
    return this.#map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    if (this.#native) return this.#native.has(name);
    return this.#map.has(name.toLowerCase());
  }

  #real(): Headers {
    return (this.#native ??= new NativeHeaders([...this.#map]));
  }

  static {
    const keys: (string | symbol)[] = ['append', 'delete', 'set', 'forEach', 'entries', 'keys', 'values', 'getSetCookie', Symbol.iterator];
    for (const key of keys) {
      Object.defineProperty(LightHeaders.prototype, key, {
        value(this: LightHeaders, ...args: unknown[]) {
          const real = this.#real() as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
          return real[key]!.apply(real, args);
        },
      });
    }
    Object.setPrototypeOf(LightHeaders.prototype, NativeHeaders.prototype);
  }
}

/** The default reader of a {@link OneChunkBody}: the body's bytes in one chunk, then done. */
class OneChunkReader {
  readonly #owner: InProcessRequest;
  readonly #release: () => void;
  #done = false;
  #closed: Promise<undefined> | undefined;
  #resolveClosed: (() => void) | undefined;

  constructor(owner: InProcessRequest, release: () => void) {
    this.#owner = owner;
    this.#release = release;
  }

  /** Resolves once the stream is done (read to the end or cancelled). */
  get closed(): Promise<undefined> {
    if (this.#closed === undefined) {
      if (this.#done) this.#closed = Promise.resolve(undefined);
      else this.#closed = new Promise<undefined>((resolve) => (this.#resolveClosed = () => resolve(undefined)));
    }
    return this.#closed;
  }

  #finish(): void {
    this.#done = true;
    this.#resolveClosed?.();
  }

  read(): Promise<ReadResult> {
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    const bytes = this.#owner.takeBytes();
    if (bytes === null || bytes.byteLength === 0) {
      this.#finish();
      return Promise.resolve({ done: true, value: undefined });
    }
    // The one chunk is out: the stream is closed, the next read finds it done.
    this.#finish();
    return Promise.resolve({ done: false, value: bytes });
  }

  cancel(): Promise<void> {
    this.#owner.takeBytes();
    this.#finish();
    return Promise.resolve();
  }

  releaseLock(): void {
    this.#release();
  }
}

/** A one-chunk body stream: `getReader()` and async iteration here, everything else on a real stream. */
class OneChunkBody {
  readonly #owner: InProcessRequest;
  #locked = false;
  #native: ReadableStream<Uint8Array> | undefined;

  constructor(owner: InProcessRequest) {
    this.#owner = owner;
  }

  get locked(): boolean {
    return this.#native ? this.#native.locked : this.#locked;
  }

  getReader(options?: { readonly mode?: string }): ReadableStreamDefaultReader<Uint8Array> {
    if (this.#native || options?.mode !== undefined) {
      // A BYOB reader (or anything after the real stream exists) is the real stream's business.
      const real = this.#real() as unknown as { getReader(o?: unknown): ReadableStreamDefaultReader<Uint8Array> };
      return real.getReader(options);
    }
    if (this.#locked || this.#owner.bodyUsed) throw new TypeError('ReadableStream is locked');
    this.#locked = true;
    return new OneChunkReader(this.#owner, () => {
      this.#locked = false;
    }) as unknown as ReadableStreamDefaultReader<Uint8Array>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const reader = this.getReader();
    for (;;) {
      const r = await reader.read();
      if (r.done) return;
      yield r.value;
    }
  }

  #real(): ReadableStream<Uint8Array> {
    if (this.#native === undefined) {
      const bytes = this.#owner.takeBytes();
      this.#native = new ReadableStream<Uint8Array>({
        start(c) {
          if (bytes !== null && bytes.byteLength > 0) c.enqueue(bytes);
          c.close();
        },
      });
    }
    return this.#native;
  }

  static {
    for (const key of ['cancel', 'pipeThrough', 'pipeTo', 'tee', 'values'] as const) {
      Object.defineProperty(OneChunkBody.prototype, key, {
        value(this: OneChunkBody, ...args: unknown[]) {
          const real = this.#real() as unknown as Record<string, (...a: unknown[]) => unknown>;
          return real[key]!.apply(real, args);
        },
      });
    }
    Object.setPrototypeOf(OneChunkBody.prototype, ReadableStream.prototype);
  }
}

/** See the module comment. Build with {@link inProcessRequest}. */
class InProcessRequest {
  readonly #url: string;
  readonly #method: string;
  readonly #headerMap: ReadonlyMap<string, string>;
  readonly #text: string | null;
  /** `pathname` + `search` of the URL, parsed once for the handler's caller. */
  readonly path: string;
  #headers: LightHeaders | undefined;
  #body: OneChunkBody | undefined;
  #used = false;
  #native: Request | undefined;

  constructor(url: string, path: string, method: string, headers: ReadonlyMap<string, string>, text: string | null) {
    this.#url = url;
    this.path = path;
    this.#method = method;
    this.#headerMap = headers;
    this.#text = text;
  }

  get url(): string {
    return this.#native ? this.#native.url : this.#url;
  }

  get method(): string {
    return this.#method;
  }

  get headers(): Headers {
    if (this.#native) return this.#native.headers;
    return (this.#headers ??= new LightHeaders(this.#headerMap)) as unknown as Headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#native) return this.#native.body;
    if (this.#text === null) return null;
    return (this.#body ??= new OneChunkBody(this)) as unknown as ReadableStream<Uint8Array>;
  }

  get bodyUsed(): boolean {
    return this.#native ? this.#native.bodyUsed : this.#used;
  }

  /** @internal The body's bytes, once (the body is disturbed); null when there is none. */
  takeBytes(): Uint8Array | null {
    this.#used = true;
    return this.#text === null ? null : ENCODER.encode(this.#text);
  }

  #take(): string | TypeError {
    if (this.#used || this.#body?.locked) return unusable();
    this.#used = true;
    const t = this.#text ?? '';
    // What decoding the UTF-8 bytes gives: lone surrogates become U+FFFD.
    return SURROGATE.test(t) ? new TextDecoder().decode(ENCODER.encode(t)) : t;
  }

  text(): Promise<string> {
    if (this.#native) return this.#native.text();
    const t = this.#take();
    return typeof t === 'string' ? Promise.resolve(t) : Promise.reject(t);
  }

  json(): Promise<unknown> {
    if (this.#native) return this.#native.json();
    const t = this.#take();
    if (typeof t !== 'string') return Promise.reject(t);
    try {
      return Promise.resolve(JSON.parse(t) as unknown);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#native) return this.#native.arrayBuffer();
    const t = this.#take();
    if (typeof t !== 'string') return Promise.reject(t);
    const bytes = ENCODER.encode(t);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }

  clone(): Request {
    if (this.#native) return this.#native.clone();
    if (this.bodyUsed || this.#body?.locked) throw new TypeError('Request.clone: Body has already been consumed.');
    return new InProcessRequest(this.#url, this.path, this.#method, this.#headerMap, this.#text) as unknown as Request;
  }

  /** The real Request; if the body was already read here, the real one is read too (bodyUsed). */
  #real(): Request {
    if (this.#native === undefined) {
      const native = new NativeRequest(this.#url, { method: this.#method, headers: [...this.#headerMap], body: this.#text });
      if (this.#used) void native.text();
      this.#native = native;
    }
    return this.#native;
  }

  static {
    const getters = ['cache', 'credentials', 'destination', 'duplex', 'integrity', 'keepalive', 'mode', 'redirect', 'referrer', 'referrerPolicy', 'signal'] as const;
    for (const key of getters) {
      Object.defineProperty(InProcessRequest.prototype, key, {
        get(this: InProcessRequest) {
          return (this.#real() as unknown as Record<string, unknown>)[key];
        },
      });
    }
    for (const key of ['blob', 'bytes', 'formData'] as const) {
      Object.defineProperty(InProcessRequest.prototype, key, {
        value(this: InProcessRequest) {
          const real = this.#real() as unknown as Record<string, () => unknown>;
          return real[key]!.call(real);
        },
      });
    }
    Object.setPrototypeOf(InProcessRequest.prototype, NativeRequest.prototype);
  }
}

/**
 * Validated header names, lower-cased (null when undici would refuse them). Connectors send the
 * same few names on every request: checking each once keeps the regex off the per-request path.
 * Bounded, in case a connector makes up new names.
 */
const NAMES = new Map<string, string | null>();
const CACHE_LIMIT = 256;

function checkedName(name: string): string | null {
  let lower = NAMES.get(name);
  if (lower === undefined) {
    lower = TOKEN.test(name) ? name.toLowerCase() : null;
    if (NAMES.size >= CACHE_LIMIT) NAMES.clear();
    NAMES.set(name, lower);
  }
  return lower;
}

/** A header value as Headers stores it (HTTP whitespace trimmed), or null when undici refuses it. */
function checkedValue(value: string): string | null {
  // A regex, not a cache (the bearer token makes a new string on every request): irregexp scans a
  // ~200-character token ~3x faster than a charCodeAt loop.
  if (REFUSED_IN_VALUE.test(value)) return null;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return value.length > 0 && (isHttpWhitespace(first) || isHttpWhitespace(last)) ? value.replace(HTTP_WHITESPACE, '') : value;
}

function isHttpWhitespace(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || c === 32;
}

/** Lower-cased header map of a plain record, or null when the real Headers must judge it. */
function headerMap(init: Readonly<Record<string, string>> | undefined, hasBody: boolean): Map<string, string> | null {
  const map = new Map<string, string>();
  if (init !== undefined) {
    for (const name in init) {
      if (!Object.hasOwn(init, name)) continue;
      const raw = init[name];
      if (typeof raw !== 'string') return null;
      const lower = checkedName(name);
      const value = checkedValue(raw);
      // Two spellings of one name are combined by Headers: leave that to it.
      if (lower === null || value === null || map.has(lower)) return null;
      map.set(lower, value);
    }
  }
  if (hasBody && !map.has('content-type')) map.set('content-type', TEXT_PLAIN);
  return map;
}

function isPlainRecord(x: unknown): x is Readonly<Record<string, string>> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Keys of a RequestInit the fast path reproduces; any other key goes the native way. */
const FAST_INIT_KEYS: ReadonlySet<string> = new Set(['method', 'headers', 'body']);

/**
 * `new Request(input, init)` for the in-process handler: the lightweight request when it behaves
 * exactly like the real one would, the real one otherwise.
 */
export function inProcessRequest(input: string | URL | Request, init?: RequestInit): Request {
  if (input instanceof NativeRequest) return new NativeRequest(input, init);
  if (init !== undefined) {
    for (const key of Object.keys(init)) {
      if (!FAST_INIT_KEYS.has(key) && (init as Record<string, unknown>)[key] !== undefined) return new NativeRequest(input, init);
    }
  }
  const method = init?.method ?? 'GET';
  const body = init?.body ?? null;
  if (!FAST_METHODS.has(method) || (body !== null && typeof body !== 'string') || (body !== null && method === 'GET')) return new NativeRequest(input, init);
  if (init?.headers !== undefined && !isPlainRecord(init.headers)) return new NativeRequest(input, init);
  let href: string;
  let path: string;
  const simple = typeof input === 'string' ? simpleUrl(input) : null;
  if (simple !== null) {
    href = input as string;
    path = simple;
  } else {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return new NativeRequest(input, init);
    }
    // A URL with credentials is refused by Request: let it refuse.
    if (url.username !== '' || url.password !== '') return new NativeRequest(input, init);
    href = url.href;
    path = `${url.pathname}${url.search}`;
  }
  const headers = headerMap(init?.headers as Readonly<Record<string, string>> | undefined, body !== null);
  if (headers === null) return new NativeRequest(input, init);
  return new InProcessRequest(href, path, method, headers, body) as unknown as Request;
}

/**
 * An http(s) URL already in the form `new URL(s).href` gives back — lower-case host of letters,
 * digits and hyphens with a letter-only last label (no IP, no IDNA), no port, no credentials, no
 * fragment, no dot segments, and only characters the URL parser keeps as they are — and its
 * `pathname` + `search`; null for anything else (which `URL` then parses). Connectors build URLs
 * as base + `encodeURIComponent`'d parts, so this is nearly every request, without a parse.
 */
const SIMPLE_HOST = /^(?:[a-z0-9-]+\.)*[a-z][a-z-]*$/;
/** Path and query from the host's `/` on (sticky: matched in place, no slice). */
const SIMPLE_PATH = /(\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/y;
/** Hosts checked so far (a connector talks to one or two). */
const HOSTS = new Map<string, boolean>();

export function simpleUrl(s: string): string | null {
  const start = s.startsWith('https://') ? 8 : s.startsWith('http://') ? 7 : 0;
  if (start === 0) return null;
  const slash = s.indexOf('/', start);
  if (slash < 0) return null;
  const host = s.slice(start, slash);
  let simpleHost = HOSTS.get(host);
  if (simpleHost === undefined) {
    simpleHost = SIMPLE_HOST.test(host) && !host.includes('xn--');
    if (HOSTS.size >= CACHE_LIMIT) HOSTS.clear();
    HOSTS.set(host, simpleHost);
  }
  if (!simpleHost) return null;
  SIMPLE_PATH.lastIndex = slash;
  const m = SIMPLE_PATH.exec(s);
  if (m === null) return null;
  const pathname = m[1]!;
  if (pathname.includes('/.') || /%2e/i.test(pathname)) return null;
  const query = m[2] ?? '';
  // A lone `?` is an empty query: `search` is then ''.
  return query.length > 1 ? `${pathname}${query}` : pathname;
}

/** A request's `pathname` + `search` (parsed once for the lightweight request). */
export function requestPath(request: Request): string {
  if (request instanceof InProcessRequest) return request.path;
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}
