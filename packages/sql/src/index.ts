/**
 * @snowglobe/sql — Snowflake SQL for snowglobe: the parser (`parseScript`) and the executor
 * (`createSession(org).execute(sql)`), which turns statements into core commands and answers with
 * Snowflake's result sets, status texts and errors.
 */
export * from './parse/index.ts';
export { createSession, Session, type SessionOptions } from './session.ts';
export type { SecondaryRoles } from './context.ts';
export { DEFAULT_SQL_OPTIONS, type SqlOptions } from './options.ts';
export {
  EXECUTED,
  col,
  isResultSet,
  resultSet,
  statusResult,
  type Cell,
  type Column,
  type ColumnType,
  type ResultSet,
  type StatementResult,
} from './result.ts';
export { formatCell, formatRowsForDisplay, renderTable } from './format.ts';
export { parseTimestamp } from './time.ts';
