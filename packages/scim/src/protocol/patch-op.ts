/**
 * The PatchOp envelope (RFC 7644 §3.5.2): `{"schemas":[PatchOp URN], "Operations":[{op, path?, value?}]}`.
 * Shared by user and group PATCH. Lenient by default because real clients deviate: Entra sends
 * capitalised ops (`"Replace"`, spec §4.4), some clients omit `schemas`, and an empty `Operations`
 * list is treated as a no-op. `strict` restores the RFC's reading.
 */
import { scimError } from './errors.ts';
import { ciObject, describeValue, isObject } from './narrow.ts';
import type { ScimOptions } from './options.ts';
import { fail, ok, type Result } from './result.ts';
import { PATCH_OP_URN } from './schemas.ts';

/** The three PATCH operations. */
export type PatchOpName = 'add' | 'remove' | 'replace';

/** One operation of a PatchOp body, with `op` normalised to lower case. */
export interface PatchOperation {
  readonly op: PatchOpName;
  /** The path as sent (trimmed), or null when absent. */
  readonly path: string | null;
  /** Whether the operation had a `value` member at all (`value: null` is present). */
  readonly hasValue: boolean;
  readonly value: unknown;
}

const OPS: readonly PatchOpName[] = ['add', 'remove', 'replace'];

/** Validate a PatchOp body and return its operations in order. Never throws. */
export function parsePatchOperations(body: unknown, options: Pick<ScimOptions, 'strict'>): Result<readonly PatchOperation[]> {
  if (!isObject(body)) return fail(scimError.invalidSyntax('The PATCH body must be a JSON object'));
  const view = ciObject(body, 'the PatchOp body');
  if (!view.ok) return view;
  if (options.strict) {
    const schemas = view.value.value('schemas');
    if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_URN.toLowerCase())) {
      return fail(scimError.invalidSyntax(`schemas must include ${PATCH_OP_URN}`));
    }
  }
  const operations = view.value.value('Operations');
  if (!Array.isArray(operations)) {
    return fail(scimError.invalidSyntax(`Operations must be an array, got ${operations === undefined ? 'nothing' : describeValue(operations)}`));
  }
  if (operations.length === 0 && options.strict) {
    return fail(scimError.invalidSyntax('Operations must contain at least one operation'));
  }
  const out: PatchOperation[] = [];
  for (const [index, raw] of operations.entries()) {
    if (!isObject(raw)) return fail(scimError.invalidSyntax(`Operations[${index}] must be an object`));
    const opView = ciObject(raw, `Operations[${index}]`);
    if (!opView.ok) return opView;
    const opRaw = opView.value.value('op');
    if (typeof opRaw !== 'string') return fail(scimError.invalidSyntax(`Operations[${index}].op must be a string`));
    const op = OPS.find((o) => (options.strict ? o === opRaw : o === opRaw.trim().toLowerCase()));
    if (op === undefined) {
      return fail(scimError.invalidSyntax(`Operations[${index}].op '${opRaw}' is not one of add, remove, replace`));
    }
    const pathRaw = opView.value.value('path');
    let path: string | null = null;
    if (typeof pathRaw === 'string') {
      const trimmed = options.strict ? pathRaw : pathRaw.trim();
      if (trimmed === '' && options.strict) return fail(scimError.invalidPath(`Operations[${index}].path is empty`));
      path = trimmed === '' ? null : trimmed;
    } else if (pathRaw !== undefined && pathRaw !== null) {
      return fail(scimError.invalidPath(`Operations[${index}].path must be a string`));
    }
    const entry = opView.value.get('value');
    out.push({ op, path, hasValue: entry !== undefined, value: entry?.value });
  }
  return ok(out);
}
