/**
 * The acknowledgement barrier: an HTTP response is sent only once every durable write issued
 * before it was produced is on disk.
 *
 * Writes reach the disk asynchronously (the organization appends in memory, synchronously; the
 * log store fsyncs later, in groups). A response built in between may acknowledge a write (SCIM
 * 201) or show one (a GET that sees another request's user); either way a crash before the fsync
 * would make the client believe something the restarted server does not have. So the server
 * awaits {@link AckBarrier.wait} after building each response and before sending it.
 *
 * Why a watermark and not per-request tracking: "the appends this request caused" would need
 * AsyncLocalStorage to follow each request through every await, which costs on every request, and
 * would still let a read expose another request's unsynced write. Waiting for everything issued
 * so far is a superset of both, costs one comparison when nothing is pending, and never waits
 * longer than the group commit in flight plus the one after it.
 *
 * Pending work is tracked per stream (an account's log, the clock file). Each stream completes in
 * issue order (the log store appends and resolves in call order), so the latest promise of a
 * stream settling means all of that stream's earlier work settled: `wait` awaits at most one
 * promise per stream.
 */

/** Why the barrier refuses to acknowledge: an earlier durable write failed. */
export class DurabilityError extends Error {
  override readonly name = 'DurabilityError';
  constructor(
    message: string,
    /** The stream (account name, or `clock`) whose write failed. */
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Counters for the admin API and tests. */
export interface AckBarrierStats {
  /** Writes handed to `track`. */
  readonly tracked: number;
  /** Writes that completed. */
  readonly durable: number;
  /** Streams with a write still in flight. */
  readonly pendingStreams: number;
}

export class AckBarrier {
  readonly #latest = new Map<string, Promise<void>>();
  #failed: DurabilityError | null = null;
  #tracked = 0;
  #durable = 0;

  /**
   * Registers durable work of `stream`, issued now. The promise must settle in issue order with
   * the stream's earlier work. A rejection is fatal: every later {@link wait} rejects, because
   * the in-memory state is now ahead of the disk and nothing more can be acknowledged truthfully.
   */
  track(stream: string, work: Promise<unknown>): void {
    this.#tracked++;
    const settled: Promise<void> = work.then(
      () => {
        this.#durable++;
        if (this.#latest.get(stream) === settled) this.#latest.delete(stream);
      },
      (cause: unknown) => {
        const detail = cause instanceof Error ? cause.message : String(cause);
        this.#failed ??= new DurabilityError(`A write to ${stream} could not be made durable: ${detail}`, stream, { cause });
        if (this.#latest.get(stream) === settled) this.#latest.delete(stream);
      },
    );
    this.#latest.set(stream, settled);
  }

  /** Whether nothing is in flight (then {@link wait} resolves at once). */
  get idle(): boolean {
    return this.#latest.size === 0;
  }

  /** The failure that stopped acknowledgements, or null. */
  get failure(): DurabilityError | null {
    return this.#failed;
  }

  /**
   * Resolves once everything tracked before the call is durable; rejects with the
   * {@link DurabilityError} if a durable write ever failed.
   */
  async wait(): Promise<void> {
    if (this.#latest.size > 0) {
      const pending = [...this.#latest.values()];
      await (pending.length === 1 ? pending[0] : Promise.all(pending));
    }
    if (this.#failed !== null) throw this.#failed;
  }

  stats(): AckBarrierStats {
    return { tracked: this.#tracked, durable: this.#durable, pendingStreams: this.#latest.size };
  }
}
