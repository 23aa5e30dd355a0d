/**
 * A request body stream over bytes already in memory. Node 20's `new ReadableStream` costs ~20 µs
 * (it makes every stream transferable, plus controller and queue setup): more than the rest of
 * the HTTP layer per request, for a body that is one chunk we already hold. This stream answers
 * the default reader protocol (`getReader`, `read`, `cancel`, `releaseLock`) itself; anything
 * else (BYOB readers, `tee`, `pipeTo`, async iteration) gets a real `ReadableStream` over the
 * bytes not yet read, built on first use. Prototype-chained to `ReadableStream`, so
 * `instanceof ReadableStream` holds.
 */

/** What the stream and its readers share. */
interface BodyState {
  /** The unread bytes; null once read or cancelled. */
  bytes: Uint8Array | null;
  /** The light reader holding the lock, if any. */
  reader: BufferBodyReader | null;
  /** The real stream, once something needed one. */
  real: ReadableStream<Uint8Array> | null;
  /** Whether anything was read or cancelled (`Request.bodyUsed`). */
  disturbed: boolean;
}

type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
type PipeOptions = Parameters<ReadableStream<Uint8Array>['pipeTo']>[1];

const lockedError = (): TypeError => new TypeError('Invalid state: ReadableStream is locked');
const DONE: ReadResult = { done: true, value: undefined };

class BufferBodyReader {
  #state: BodyState | null;
  #closed: Promise<undefined> | null = null;

  constructor(state: BodyState) {
    this.#state = state;
  }

  read(): Promise<ReadResult> {
    const state = this.#state;
    if (state === null) return Promise.reject(new TypeError('Invalid state: the reader has been released'));
    state.disturbed = true;
    const bytes = state.bytes;
    if (bytes === null) return Promise.resolve(DONE);
    state.bytes = null;
    return Promise.resolve({ done: false, value: bytes });
  }

  cancel(): Promise<void> {
    if (this.#state !== null) {
      this.#state.bytes = null;
      this.#state.disturbed = true;
    }
    return Promise.resolve();
  }

  releaseLock(): void {
    if (this.#state !== null && this.#state.reader === this) this.#state.reader = null;
    this.#state = null;
  }

  /** Resolves at once: the stream is closed as soon as its one chunk is out. */
  get closed(): Promise<undefined> {
    return (this.#closed ??= Promise.resolve(undefined));
  }
}
Object.setPrototypeOf(BufferBodyReader.prototype, ReadableStreamDefaultReader.prototype);

export class BufferBodyStream {
  readonly #state: BodyState;

  constructor(bytes: Uint8Array) {
    this.#state = { bytes: bytes.byteLength === 0 ? null : bytes, reader: null, real: null, disturbed: false };
  }

  /** Whether a read or cancel happened. */
  get disturbed(): boolean {
    return this.#state.disturbed || (this.#state.real !== null && this.#state.real.locked);
  }

  // Node's stream utilities (which undici uses when this stream becomes another Request's or
  // Response's body) ask real web streams through these well-known symbols.
  get [Symbol.for('nodejs.stream.disturbed')](): boolean {
    return this.disturbed;
  }

  get [Symbol.for('nodejs.stream.errored')](): null {
    return null;
  }

  get [Symbol.for('nodejs.stream.readable')](): boolean {
    return !this.disturbed;
  }

  get locked(): boolean {
    return this.#state.reader !== null || (this.#state.real?.locked ?? false);
  }

  getReader(options?: { mode?: 'byob' }): ReadableStreamDefaultReader<Uint8Array> {
    if (options?.mode !== undefined || this.#state.real !== null) return this.#real().getReader(options as undefined) as ReadableStreamDefaultReader<Uint8Array>;
    if (this.#state.reader !== null) throw lockedError();
    const reader = new BufferBodyReader(this.#state);
    this.#state.reader = reader;
    return reader as unknown as ReadableStreamDefaultReader<Uint8Array>;
  }

  cancel(reason?: unknown): Promise<void> {
    if (this.#state.real !== null) return this.#state.real.cancel(reason);
    if (this.#state.reader !== null) return Promise.reject(lockedError());
    this.#state.bytes = null;
    this.#state.disturbed = true;
    return Promise.resolve();
  }

  tee(): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    return this.#real().tee();
  }

  pipeTo(destination: WritableStream<Uint8Array>, options?: PipeOptions): Promise<void> {
    return this.#real().pipeTo(destination, options);
  }

  pipeThrough(...args: Parameters<ReadableStream<Uint8Array>['pipeThrough']>): ReturnType<ReadableStream<Uint8Array>['pipeThrough']> {
    return this.#real().pipeThrough(...args);
  }

  values(options?: { preventCancel?: boolean }): AsyncIterableIterator<Uint8Array> {
    return this.#real().values(options);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this.#real().values();
  }

  /** The real stream over the unread bytes (built once; the light reader must not hold the lock). */
  #real(): ReadableStream<Uint8Array> {
    const state = this.#state;
    if (state.real === null) {
      if (state.reader !== null) throw lockedError();
      const bytes = state.bytes;
      state.bytes = null;
      state.real = new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes !== null) controller.enqueue(bytes);
          controller.close();
        },
      });
    }
    return state.real;
  }
}
Object.setPrototypeOf(BufferBodyStream.prototype, ReadableStream.prototype);

/** `bytes` as a body stream. */
export function bufferBodyStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new BufferBodyStream(bytes) as unknown as ReadableStream<Uint8Array>;
}
