/**
 * Printing result sets the way snowsql does: timestamps as `2020-04-28 12:24:38.722 +0000`
 * (UTC), booleans as `true` / `false`, SQL NULL as `NULL`, in a `+---+` bordered table.
 */
import { formatTimestamp } from '@snowglobe/core';
import type { Cell, Column, ResultSet } from './result.ts';

/** One cell as text for display. */
export function formatCell(value: Cell, column: Column): string {
  if (value === null) return 'NULL';
  if (column.type === 'timestamp_ltz' && typeof value === 'number') return formatTimestamp(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Every row as display text, column by column. */
export function formatRowsForDisplay(result: ResultSet): string[][] {
  return result.rows.map((row) => row.map((v, i) => formatCell(v, result.columns[i] ?? { name: '', type: 'text' })));
}

/**
 * A snowsql-like table:
 *
 * ```
 * +-----------------------------+
 * | status                      |
 * |-----------------------------|
 * | Role R successfully created. |
 * +-----------------------------+
 * ```
 */
export function renderTable(result: ResultSet): string {
  const header = result.columns.map((c) => c.name);
  const rows = formatRowsForDisplay(result).map((r) => r.map((cell) => cell.replace(/\r?\n/g, '\\n')));
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - [...s].length));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => pad(c, widths[i]!)).join(' | ')} |`;
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('+')}|`;
  if (header.length === 0) return '';
  return [border, line(header), rule, ...rows.map(line), border].join('\n');
}
