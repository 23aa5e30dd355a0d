/**
 * A `Response` with a JSON text body that builds the real `Response` only when a caller needs one.
 *
 * In Node 20's undici, `new Response(text, init)` builds a web ReadableStream, an AbortSignal and
 * a Headers copy up front: ~20 µs, a third of what the handler spends on a SCIM POST. Most callers
 * read only `status` and `json()` / `text()`, which need none of that. The object is a
 * `Response` to every caller (`instanceof Response`, every property and method); anything beyond
 * status, ok, headers, text, json and arrayBuffer is answered by the real `Response`, built on first
 * use. Hono's Node adapter ships the same idea as its "lightweight Response".
 */
const NativeResponse = globalThis.Response;
const ENCODER = new TextEncoder();

export class JsonResponse {
  readonly #text: string;
  readonly #status: number;
  readonly #headerInit: Record<string, string>;
  #headers: Headers | undefined;
  #native: Response | undefined;
  #used = false;

  constructor(text: string, status: number, headers: Record<string, string>) {
    this.#text = text;
    this.#status = status;
    this.#headerInit = headers;
  }

  /**
   * A JSON response. When something (e.g. Hono's Node adapter with its global overrides) has
   * replaced the global `Response` with its own lightweight one, that one is used instead, so the
   * server's fast path still recognises the responses.
   */
  static of(text: string, status: number, headers: Record<string, string>): Response {
    if (globalThis.Response !== NativeResponse) return new globalThis.Response(text, { status, headers });
    return new JsonResponse(text, status, headers) as unknown as Response;
  }

  get status(): number {
    return this.#status;
  }

  get ok(): boolean {
    return this.#status >= 200 && this.#status < 300;
  }

  get headers(): Headers {
    if (this.#native) return this.#native.headers;
    return (this.#headers ??= new Headers(this.#headerInit));
  }

  get bodyUsed(): boolean {
    return this.#native ? this.#native.bodyUsed : this.#used;
  }

  text(): Promise<string> {
    if (this.#native) return this.#native.text();
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return Promise.resolve(this.#text);
  }

  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.text().then((t) => {
      const bytes = ENCODER.encode(t);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    });
  }

  /** The real Response; if the body was already read here, the real one is read too (bodyUsed). */
  #real(): Response {
    if (this.#native === undefined) {
      this.#native = new NativeResponse(this.#text, { status: this.#status, headers: this.headers });
      if (this.#used) void this.#native.text();
    }
    return this.#native;
  }

  static {
    for (const key of ['body', 'redirected', 'statusText', 'type', 'url'] as const) {
      Object.defineProperty(JsonResponse.prototype, key, {
        get(this: JsonResponse) {
          return this.#real()[key];
        },
      });
    }
    for (const key of ['blob', 'bytes', 'clone', 'formData'] as const) {
      Object.defineProperty(JsonResponse.prototype, key, {
        value(this: JsonResponse) {
          const real = this.#real() as unknown as Record<string, () => unknown>;
          return real[key]!.call(real);
        },
      });
    }
    Object.setPrototypeOf(JsonResponse.prototype, NativeResponse.prototype);
  }
}
