/**
 * The concurrency limit of Snowflake's SCIM API: "a maximum of 500 concurrent requests per account
 * per SCIM endpoint (e.g. the /Users endpoint, the /Groups endpoint)"; above it Snowflake answers
 * 429 (spec §5, CONFIRMED [OKTA][AZURE][CUSTOM]). /Users and /Groups of one account are counted
 * separately; the same endpoint of two accounts too.
 *
 * A request is in flight from the moment it is admitted until its response is ready, so a client
 * that trickles a large body holds its slot the whole time: exactly what fills the limit during an
 * IdP's initial load.
 */

/** Counts in-flight requests per key (`<ACCOUNT>/<endpoint>`). */
export class InFlightLimiter {
  readonly #max: number;
  readonly #counts = new Map<string, number>();

  /** @param max the most requests allowed in flight per key (500 in Snowflake). */
  constructor(max: number) {
    this.#max = max;
  }

  /** Takes a slot for `key`; false (and nothing taken) when `max` requests are already in flight. */
  tryAcquire(key: string): boolean {
    const n = this.#counts.get(key) ?? 0;
    if (n >= this.#max) return false;
    this.#counts.set(key, n + 1);
    return true;
  }

  /** Gives back a slot taken by {@link tryAcquire}. Call it exactly once per successful acquire. */
  release(key: string): void {
    const n = this.#counts.get(key) ?? 0;
    // Delete at zero so that a long-lived handler serving many accounts does not keep dead keys.
    if (n <= 1) this.#counts.delete(key);
    else this.#counts.set(key, n - 1);
  }

  /** Requests in flight for `key` now. */
  inFlight(key: string): number {
    return this.#counts.get(key) ?? 0;
  }
}
