/**
 * Reading a SCIM request body: content type (415), size limit (413), UTF-8 and JSON syntax (400
 * invalidSyntax). Everything is web-standard (`Request`, streams, `TextDecoder`) and nothing throws:
 * every failure is a {@link ScimError} value.
 */
import { scimError } from './errors.ts';
import type { ScimOptions } from './options.ts';
import { fail, ok, type Result } from './result.ts';

/** The options that govern body reading. */
export type BodyOptions = Pick<ScimOptions, 'maxBodyBytes' | 'contentTypePolicy' | 'strict'>;

/**
 * Check a request's Content-Type. Snowflake documents `application/scim+json` (spec §1.2); whether
 * it rejects `application/json` is UNCONFIRMED, so `contentTypePolicy` decides (default: accept
 * both). A charset other than UTF-8 is refused: SCIM bodies are UTF-8 (RFC 7644 §3.8). A missing
 * header is accepted unless `strict` (curl without `-H` sends none worth trusting).
 */
export function checkContentType(header: string | null, options: Pick<BodyOptions, 'contentTypePolicy' | 'strict'>): Result<void> {
  if (options.contentTypePolicy === 'any') return ok(undefined);
  // The usual headers, answered without parsing (a client sends the same one every time).
  if (header !== null && ACCEPTED_AS_IS[options.contentTypePolicy].has(header)) return OK;
  if (header === null || header.trim() === '') {
    return options.strict
      ? fail(scimError.unsupportedMediaType('Content-Type application/scim+json is required'))
      : ok(undefined);
  }
  const [mediaType = '', ...params] = header.split(';');
  const type = mediaType.trim().toLowerCase();
  const accepted = options.contentTypePolicy === 'scim-only' ? ['application/scim+json'] : ['application/scim+json', 'application/json'];
  if (!accepted.includes(type)) {
    return fail(scimError.unsupportedMediaType(`Unsupported Content-Type '${mediaType.trim()}'; use ${accepted.join(' or ')}`));
  }
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') {
      return fail(scimError.unsupportedMediaType(`Unsupported charset '${value}'; use utf-8`));
    }
  }
  return ok(undefined);
}

const OK = ok(undefined);
/** Content-Type values every policy but `any` accepts exactly as written. */
const ACCEPTED_AS_IS: Readonly<Record<'scim-only' | 'scim-or-json', ReadonlySet<string>>> = {
  'scim-only': new Set(['application/scim+json', 'application/scim+json; charset=utf-8', 'application/scim+json;charset=utf-8', 'application/scim+json; charset=UTF-8']),
  'scim-or-json': new Set(['application/scim+json', 'application/scim+json; charset=utf-8', 'application/scim+json;charset=utf-8', 'application/scim+json; charset=UTF-8', 'application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8', 'application/json; charset=UTF-8']),
};

/** Parse JSON text; malformed text is 400 invalidSyntax. Empty text is malformed. */
export function parseJsonText(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    // Checked only on failure: trimming every body just to look for emptiness copied it.
    if (text.trim() === '') return fail(scimError.invalidSyntax('Request body is empty'));
    // Includes RangeError from absurdly deep nesting: still the client's malformed input.
    const reason = e instanceof Error ? e.message : 'malformed';
    return fail(scimError.invalidSyntax(`Request body is not valid JSON: ${reason}`));
  }
}

// One decoder: a non-streaming decode keeps no state between calls, and building one per request
// showed in profiles.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 bytes (a BOM is dropped) and parse them as JSON. Invalid UTF-8 is 400 invalidSyntax. */
export function parseJsonBytes(bytes: Uint8Array): Result<unknown> {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail(scimError.invalidSyntax('Request body is not valid UTF-8'));
  }
  return parseJsonText(text);
}

/**
 * Read at most `limit` bytes of a body stream. Returns null when the body is larger, after
 * cancelling the stream so that a huge upload is not buffered.
 */
async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  // A string body arrives as one chunk (undici's Request, the in-process one): no copy.
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Read, check and parse the JSON body of a POST/PUT/PATCH request. Order of checks: Content-Type
 * (415), declared Content-Length (413 before reading anything), actual size while reading (413),
 * UTF-8 and JSON syntax (400 invalidSyntax). Never throws; a stream error is reported as 400.
 */
export async function readJsonBody(request: Request, options: BodyOptions): Promise<Result<unknown>> {
  const contentType = checkContentType(request.headers.get('content-type'), options);
  if (!contentType.ok) return contentType;
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > options.maxBodyBytes) {
    return fail(scimError.payloadTooLarge(options.maxBodyBytes));
  }
  if (request.body === null) return fail(scimError.invalidSyntax('Request body is empty'));
  let bytes: Uint8Array | null;
  try {
    bytes = await readLimited(request.body, options.maxBodyBytes);
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'unreadable';
    return fail(scimError.invalidSyntax(`Request body could not be read: ${reason}`));
  }
  if (bytes === null) return fail(scimError.payloadTooLarge(options.maxBodyBytes));
  return parseJsonBytes(bytes);
}
