/**
 * The Snowflake SQL API v2 surface (spec §3) without the SQL: request parsing, the answer shapes,
 * statement handles and the result cache. The server wires these to `@snowglobe/sql`.
 */
export * from './reply.ts';
export * from './request.ts';
export * from './response.ts';
export * from './handles.ts';
export * from './route.ts';
