/**
 * Request headers read straight from Node's `rawHeaders`: `get` and `has` scan the array (a dozen
 * strings) instead of building a `Headers` per request, which costs several µs and allocates a
 * map most requests never need. Anything else (iteration, mutation, `getSetCookie`) builds the
 * real `Headers` once and delegates to it from then on. Prototype-chained to `Headers`, so
 * `instanceof Headers` holds.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class LightHeaders {
  readonly #raw: readonly string[];
  #native: Headers | null = null;

  /** `raw` is Node's `rawHeaders`: name, value, name, value, ... (values already trimmed by Node). */
  constructor(raw: readonly string[]) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    if (this.#native !== null || !TOKEN.test(name)) return this.#materialize().get(name);
    const lower = name.toLowerCase();
    const raw = this.#raw;
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i] as string;
      if (key.length === lower.length && (key === lower || key.toLowerCase() === lower)) {
        const v = raw[i + 1] as string;
        // As Headers joins repeated fields (RFC 9110 §5.3); cookies are joined with '; '.
        value = value === null ? v : `${value}${lower === 'cookie' ? '; ' : ', '}${v}`;
      }
    }
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  set(name: string, value: string): void {
    this.#materialize().set(name, value);
  }

  append(name: string, value: string): void {
    this.#materialize().append(name, value);
  }

  delete(name: string): void {
    this.#materialize().delete(name);
  }

  getSetCookie(): string[] {
    return this.#materialize().getSetCookie();
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#materialize().forEach((value, key) => callback.call(thisArg, value, key, this as unknown as Headers));
  }

  keys(): ReturnType<Headers['keys']> {
    return this.#materialize().keys();
  }

  values(): ReturnType<Headers['values']> {
    return this.#materialize().values();
  }

  entries(): ReturnType<Headers['entries']> {
    return this.#materialize().entries();
  }

  [Symbol.iterator](): ReturnType<Headers['entries']> {
    return this.#materialize().entries();
  }

  #materialize(): Headers {
    if (this.#native === null) {
      const headers = new Headers();
      const raw = this.#raw;
      for (let i = 0; i < raw.length; i += 2) {
        try {
          headers.append(raw[i] as string, raw[i + 1] as string);
        } catch {
          // A value Headers refuses (control characters) is dropped, as a fetch client would.
        }
      }
      this.#native = headers;
    }
    return this.#native;
  }
}
Object.setPrototypeOf(LightHeaders.prototype, Headers.prototype);

/** `raw` as a `Headers`. */
export function lightHeaders(raw: readonly string[]): Headers {
  return new LightHeaders(raw) as unknown as Headers;
}
