/**
 * The bodies the SQL API answers with (spec §3): the 200 ResultSet, the multi-statement parent,
 * the 202 "still running", and the 422 QueryFailureStatus. Pure: handles, request ids and times
 * are arguments, so the same inputs give byte-identical answers.
 */
import type { SqlApiReply } from './reply.ts';

/** Column types as the SQL API spells them in `rowType[].type`. */
export type SqlApiColumnType =
  | 'fixed'
  | 'real'
  | 'text'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp_ltz'
  | 'timestamp_ntz'
  | 'timestamp_tz'
  | 'binary'
  | 'variant'
  | 'object'
  | 'array';

/** SQL type names that map onto a {@link SqlApiColumnType}, so callers can say `NUMBER` or `VARCHAR`. */
type ColumnTypeAlias = 'number' | 'int' | 'integer' | 'varchar' | 'string' | 'float' | 'double' | 'bool' | 'timestamp';

/** Accepted column type names, either case. */
export type ColumnTypeInput = SqlApiColumnType | Uppercase<SqlApiColumnType> | ColumnTypeAlias | Uppercase<ColumnTypeAlias>;

const ALIASES: Readonly<Record<ColumnTypeAlias, SqlApiColumnType>> = {
  number: 'fixed',
  int: 'fixed',
  integer: 'fixed',
  varchar: 'text',
  string: 'text',
  float: 'real',
  double: 'real',
  bool: 'boolean',
  // TIMESTAMP defaults to TIMESTAMP_NTZ in Snowflake (TIMESTAMP_TYPE_MAPPING).
  timestamp: 'timestamp_ntz',
};

/** The SQL API type name for a column type. */
export function normalizeColumnType(type: ColumnTypeInput): SqlApiColumnType {
  const lower = type.toLowerCase() as SqlApiColumnType | ColumnTypeAlias;
  return lower in ALIASES ? ALIASES[lower as ColumnTypeAlias] : (lower as SqlApiColumnType);
}

/** A result column as the SQL layer describes it. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnTypeInput;
  /** Defaults to true. */
  readonly nullable?: boolean;
  /** For `fixed` (default 38) and time types (default 0). */
  readonly precision?: number;
  /** For `fixed` (default 0) and time types (fraction digits, default 9). */
  readonly scale?: number;
  /** For `text` (characters, default 16777216) and `binary` (bytes, default 8388608). */
  readonly length?: number;
}

/** A value as the SQL layer hands it over. Numbers in time columns are epoch milliseconds. */
export type Cell = string | number | boolean | null;

/** Rows and their columns. */
export interface ResultSetInput {
  readonly columns: readonly ColumnSpec[];
  readonly rows: readonly (readonly Cell[])[];
}

/** One `rowType` entry, keys in Snowflake's order. */
export interface RowType {
  readonly name: string;
  readonly database: string;
  readonly schema: string;
  readonly table: string;
  readonly type: SqlApiColumnType;
  readonly scale: number | null;
  readonly precision: number | null;
  readonly length: number | null;
  readonly byteLength: number | null;
  readonly nullable: boolean;
  readonly collation: string | null;
}

export interface PartitionInfo {
  readonly rowCount: number;
  readonly uncompressedSize: number;
}

export interface ResultSetMetaData {
  readonly numRows: number;
  readonly format: 'jsonv2';
  readonly partitionInfo: readonly PartitionInfo[];
  readonly rowType: readonly RowType[];
}

/** The 200 ResultSet body. */
export interface ResultSetBody {
  readonly resultSetMetaData: ResultSetMetaData;
  readonly data: readonly (readonly (string | null)[])[];
  readonly code: '090001';
  readonly statementStatusUrl: string;
  readonly requestId: string;
  readonly sqlState: '00000';
  readonly statementHandle: string;
  /** Only on a multi-statement parent: the child handles, in statement order. */
  readonly statementHandles?: readonly string[];
  readonly message: 'Statement executed successfully.';
  readonly createdOn: number;
}

/** The 422 QueryFailureStatus body. */
export interface QueryFailureBody {
  readonly code: string;
  readonly sqlState: string;
  readonly message: string;
  readonly statementHandle: string;
  readonly statementStatusUrl: string;
  readonly createdOn?: number;
}

/** The 202 QueryStatus body. */
export interface QueryStatusBody {
  readonly code: '333334';
  readonly message: string;
  readonly statementHandle: string;
  readonly statementStatusUrl: string;
}

/** A Snowflake error as the SQL layer reports it (structurally a core `SnowflakeError`). */
export interface SqlErrorLike {
  readonly code: string;
  readonly sqlState: string;
  readonly message: string;
}

/** Where and when a statement ran. */
export interface ResponseMeta {
  readonly handle: string;
  readonly requestId: string;
  /** Epoch milliseconds. */
  readonly createdOn: number;
  /**
   * Prefix of the status URL for clients that address the account by path
   * (`/accounts/MYORG-ACCOUNT2`); a relative `/api/v2/...` would send their GET to the default
   * account. Empty by default.
   */
  readonly basePath?: string;
  /** False with `?nullable=false`: SQL NULL is sent as the string `"null"`. Default true. */
  readonly nullable?: boolean;
}

export const SUCCESS_CODE = '090001';
export const SUCCESS_SQLSTATE = '00000';
export const SUCCESS_MESSAGE = 'Statement executed successfully.';
export const ASYNC_CODE = '333334';
export const ASYNC_MESSAGE =
  'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.';
export const MULTI_STATEMENT_COLUMN = 'multiple statement execution';
export const MULTI_STATEMENT_MESSAGE = 'Multiple statements executed successfully.';

/** Snowflake's maximum VARCHAR length, which SHOW columns report. */
const MAX_TEXT = 16_777_216;
const MAX_BINARY = 8_388_608;

/** The `statementStatusUrl` for a handle. */
export function statementStatusUrl(handle: string, requestId?: string, basePath = ''): string {
  const url = `${basePath}/api/v2/statements/${encodeURIComponent(handle)}`;
  return requestId === undefined ? url : `${url}?requestId=${encodeURIComponent(requestId)}`;
}

/** The `rowType` entry of a column. */
export function rowTypeOf(column: ColumnSpec): RowType {
  const type = normalizeColumnType(column.type);
  const base = { name: column.name, database: '', schema: '', table: '', type };
  const nullable = column.nullable ?? true;
  const sizes = ((): Pick<RowType, 'scale' | 'precision' | 'length' | 'byteLength'> => {
    switch (type) {
      case 'fixed':
        return { scale: column.scale ?? 0, precision: column.precision ?? 38, length: null, byteLength: null };
      case 'text':
      case 'variant':
      case 'object':
      case 'array': {
        const length = column.length ?? MAX_TEXT;
        // Snowflake reports 4 bytes per character, capped at the maximum (docs: length 4 → 16).
        return { scale: null, precision: null, length, byteLength: Math.min(length * 4, MAX_TEXT) };
      }
      case 'binary': {
        const length = column.length ?? MAX_BINARY;
        return { scale: null, precision: null, length, byteLength: length };
      }
      case 'time':
      case 'timestamp_ltz':
      case 'timestamp_ntz':
      case 'timestamp_tz':
        return { scale: column.scale ?? 9, precision: column.precision ?? 0, length: null, byteLength: null };
      case 'real':
      case 'boolean':
      case 'date':
        return { scale: null, precision: null, length: null, byteLength: null };
    }
  })();
  return { ...base, ...sizes, nullable, collation: null };
}

const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds as the SQL API writes a timestamp: epoch seconds, a dot, `digits` fraction
 * digits (`1620151584132` → `"1620151584.132000000"`). Sign-magnitude, so -1 ms is `-0.001…`.
 */
export function formatEpochSeconds(ms: number, digits = 9): string {
  if (!Number.isFinite(ms)) return String(ms);
  const negative = ms < 0;
  const abs = Math.abs(ms);
  const wholeMs = Math.trunc(abs);
  let seconds = Math.floor(wholeMs / 1000);
  // Work in integer nanoseconds so 0.1 + 0.2 style float noise never reaches the digits.
  let nanos = (wholeMs % 1000) * 1_000_000 + Math.round((abs - wholeMs) * 1_000_000);
  if (nanos >= 1_000_000_000) {
    seconds += 1;
    nanos -= 1_000_000_000;
  }
  const d = Math.max(0, Math.min(9, Math.trunc(digits)));
  const fraction = String(nanos).padStart(9, '0').slice(0, d);
  const sign = negative && (seconds > 0 || nanos > 0) ? '-' : '';
  return d === 0 ? `${sign}${seconds}` : `${sign}${seconds}.${fraction}`;
}

/** A number as decimal text, without the exponent form `String` uses past 1e21. */
function decimalText(n: number, scale: number | null): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'inf' : '-inf';
  if (scale !== null && scale > 0) return n.toFixed(Math.min(scale, 100));
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n);
}

/** One cell as the SQL API sends it: a string, or null for SQL NULL. */
export function encodeCell(value: Cell, column: RowType, nullable = true): string | null {
  if (value === null) return nullable ? null : 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  switch (column.type) {
    case 'timestamp_ltz':
    case 'timestamp_ntz':
      return formatEpochSeconds(value, column.scale ?? 9);
    case 'timestamp_tz':
      // Offset is minutes + 1440; the simulator's clock is UTC, so the offset is 0 → 1440.
      return `${formatEpochSeconds(value, column.scale ?? 9)} 1440`;
    case 'date':
      return String(Math.floor(value / MS_PER_DAY));
    case 'time':
      return formatEpochSeconds(((value % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY, column.scale ?? 9);
    case 'fixed':
      return decimalText(value, column.scale);
    case 'real':
    case 'text':
    case 'boolean':
    case 'binary':
    case 'variant':
    case 'object':
    case 'array':
      return decimalText(value, null);
  }
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).byteLength;
}

/**
 * The 200 ResultSet body for `result`. All rows go in the one partition this body carries (the
 * identity plane's results are small). A row shorter than the columns is padded with NULLs and
 * extra cells are ignored, so the data always matches `rowType`.
 */
export function resultSetResponse(result: ResultSetInput, meta: ResponseMeta): SqlApiReply<ResultSetBody> {
  const rowType = result.columns.map(rowTypeOf);
  const nullable = meta.nullable ?? true;
  const data = result.rows.map((row) => rowType.map((column, i) => encodeCell(row[i] ?? null, column, nullable)));
  // UNCONFIRMED: Snowflake's uncompressedSize is its internal size; the JSON size of the data is
  // the closest observable measure and is only informational for clients.
  const partitionInfo: PartitionInfo[] = [{ rowCount: data.length, uncompressedSize: utf8Length(JSON.stringify(data)) }];
  const body: ResultSetBody = {
    resultSetMetaData: { numRows: data.length, format: 'jsonv2', partitionInfo, rowType },
    data,
    code: SUCCESS_CODE,
    statementStatusUrl: statementStatusUrl(meta.handle, meta.requestId, meta.basePath),
    requestId: meta.requestId,
    sqlState: SUCCESS_SQLSTATE,
    statementHandle: meta.handle,
    message: SUCCESS_MESSAGE,
    createdOn: meta.createdOn,
  };
  return { status: 200, body };
}

/**
 * The 200 answer to a multi-statement request: one `text` column `multiple statement execution`
 * holding `Multiple statements executed successfully.`, and the child handles in `statementHandles`.
 */
export function multiStatementResponse(childHandles: readonly string[], meta: ResponseMeta): SqlApiReply<ResultSetBody> {
  const single = resultSetResponse({ columns: [{ name: MULTI_STATEMENT_COLUMN, type: 'text' }], rows: [[MULTI_STATEMENT_MESSAGE]] }, meta);
  const { message, createdOn, ...before } = single.body;
  // Rebuilt rather than spread-and-add so statementHandles sits after statementHandle.
  const body: ResultSetBody = { ...before, statementHandles: [...childHandles], message, createdOn };
  return { status: 200, body };
}

/**
 * The 422 QueryFailureStatus for a failed statement: `{code, sqlState, message, statementHandle,
 * statementStatusUrl}` (plus `createdOn` when given, which the docs' type lists).
 */
export function errorResponse(
  error: SqlErrorLike,
  handle: string,
  options: { readonly requestId?: string; readonly basePath?: string; readonly createdOn?: number } = {},
): SqlApiReply<QueryFailureBody> {
  const body: QueryFailureBody = {
    code: error.code,
    sqlState: error.sqlState,
    message: error.message,
    statementHandle: handle,
    statementStatusUrl: statementStatusUrl(handle, options.requestId, options.basePath),
    ...(options.createdOn !== undefined && { createdOn: options.createdOn }),
  };
  return { status: 422, body };
}

/** The 202 QueryStatus for a statement still running (or submitted with `async=true`). */
export function asyncResponse(
  handle: string,
  options: { readonly requestId?: string; readonly basePath?: string } = {},
): SqlApiReply<QueryStatusBody> {
  return {
    status: 202,
    body: { code: ASYNC_CODE, message: ASYNC_MESSAGE, statementHandle: handle, statementStatusUrl: statementStatusUrl(handle, options.requestId, options.basePath) },
  };
}

/** The error for a statement count that differs from `MULTI_STATEMENT_COUNT`. */
export function statementCountMismatch(actual: number, desired: number): SqlErrorLike {
  return {
    code: '000008',
    sqlState: '0A000',
    message: `Actual statement count ${actual} did not match the desired statement count ${desired}.`,
  };
}

/**
 * Checks the number of statements found against the declared `MULTI_STATEMENT_COUNT` (0 accepts
 * any number). Null when they agree.
 */
export function checkStatementCount(actual: number, desired: number): SqlErrorLike | null {
  if (desired === 0 || actual === desired) return null;
  return statementCountMismatch(actual, desired);
}
