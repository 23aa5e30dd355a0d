/**
 * Result sets as Snowflake returns them: named, typed columns and rows of plain values. Column
 * types are the lower-case names the SQL API v2 puts in `rowType` (spec/snowflake-sql.md §3);
 * timestamps stay epoch-millisecond numbers here and are formatted by whoever prints them (the SQL
 * API layer, or {@link formatRowsForDisplay} for a terminal).
 */
import type { SnowflakeError } from '@snowglobe/core';

/** Snowflake's type names as the SQL API reports them. */
export type ColumnType = 'text' | 'fixed' | 'boolean' | 'timestamp_ltz' | 'variant';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** One cell: `timestamp_ltz` cells are epoch ms numbers; `variant` cells are JSON text. */
export type Cell = string | number | boolean | null;

export interface ResultSet {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The outcome of one statement of a script. */
export interface StatementResult {
  /** The statement's text as written (no surrounding whitespace, comments or `;`). */
  readonly statement: string;
  /** The account the statement ran in (its name, e.g. `ACCOUNT1`). */
  readonly account: string;
  readonly result: ResultSet | SnowflakeError;
}

/** `{ name, type }`. */
export const col = (name: string, type: ColumnType = 'text'): Column => ({ name, type });

/** A result set from columns and rows. */
export function resultSet(columns: readonly Column[], rows: readonly (readonly Cell[])[]): ResultSet {
  return { columns, rows };
}

/** The one-row, one-column `status` result every DDL, GRANT and USE returns (spec §1.12). */
export function statusResult(text: string): ResultSet {
  return { columns: [col('status')], rows: [[text]] };
}

/** Whether a statement's outcome is a result set (not an error). */
export function isResultSet(x: ResultSet | SnowflakeError): x is ResultSet {
  return 'columns' in x;
}

/** `Statement executed successfully.`: ALTER, GRANT, REVOKE, USE (spec §1.12). */
export const EXECUTED = 'Statement executed successfully.';

/** `Role R successfully created.` — only the first word of the kind is capitalised. */
export const createdStatus = (kind: string, name: string): string => `${kind} ${name} successfully created.`;
/** `R already exists, statement succeeded.` (CREATE ... IF NOT EXISTS on an existing object). */
export const existsStatus = (name: string): string => `${name} already exists, statement succeeded.`;
/** `R successfully dropped.` */
export const droppedStatus = (name: string): string => `${name} successfully dropped.`;
/** `Drop statement executed successfully (R already dropped).` (DROP ... IF EXISTS, object missing). */
export const alreadyDroppedStatus = (name: string): string => `Drop statement executed successfully (${name} already dropped).`;
