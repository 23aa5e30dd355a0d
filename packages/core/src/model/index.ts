export * from './user.ts';
export * from './role.ts';
export * from './privileges.ts';
export * from './integration.ts';
export * from './network-policy.ts';
export * from './parameters.ts';
export * from './replication.ts';
