/** Durable account logs: the JSONL log store, the file-system layer under it, and the durable organization built on both. */
export * from './log-store.ts';
export * from './fs.ts';
export * from './ack-barrier.ts';
export * from './atomic-file.ts';
export * from './durable-org.ts';
