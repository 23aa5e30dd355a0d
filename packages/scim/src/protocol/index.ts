/**
 * The SCIM 2.0 protocol layer of snowglobe: pure functions from HTTP-level inputs to typed,
 * validated intents, and from plain records to SCIM responses. No dependency on the account
 * model; the handler wires the two together.
 */
export * from './options.ts';
export * from './result.ts';
export * from './errors.ts';
export * from './schemas.ts';
export * from './json.ts';
export * from './filter.ts';
export * from './paging.ts';
export * from './excluded-attributes.ts';
export * from './path.ts';
export * from './patch-op.ts';
export * from './user-attributes.ts';
export * from './user-input.ts';
export * from './patch.ts';
export * from './group-input.ts';
export * from './group-patch.ts';
export * from './render.ts';
export * from './response.ts';
export * from './service-provider-config.ts';
export * from './snowflake-error.ts';
export * from './list.ts';
