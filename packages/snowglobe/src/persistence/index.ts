/** Durable account logs: the JSONL log store and the file-system layer under it. */
export * from './log-store.ts';
export * from './fs.ts';
