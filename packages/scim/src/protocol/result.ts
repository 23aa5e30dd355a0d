/**
 * The result of every parser in the protocol layer: a value, or a {@link ScimError} to answer with.
 * Parsers never throw; callers switch on `ok`.
 */
import type { ScimError } from './errors.ts';

/** Success or a SCIM error, discriminated by `ok`. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScimError };

/** Wrap a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wrap an error as a failure. */
export function fail<T = never>(error: ScimError): Result<T> {
  return { ok: false, error };
}
