/**
 * The real SQL and SCIM layers behind the {@link Engines} seam: `@snowglobe/sql` sessions and
 * `@snowglobe/scim`'s fetch handler.
 */
import { isSnowflakeError } from '@snowglobe/core';
import { createSession, parseScript, renderTable } from '@snowglobe/sql';
import type { ColumnType } from '@snowglobe/sql';
import { createScimHandler } from '@snowglobe/scim';
import type { ScimHandlerOptions } from '@snowglobe/scim';
import type { Engines, ScimFactory, SqlEngine } from './engines.ts';
import { normalizeColumnType } from './sql-api/response.ts';
import type { ColumnTypeInput } from './sql-api/response.ts';

const DISPLAY_TYPES: readonly string[] = ['text', 'fixed', 'boolean', 'timestamp_ltz', 'variant'] satisfies readonly ColumnType[];

/** The SQL layer's display type of a column type (timestamps are what it formats specially). */
function displayType(type: ColumnTypeInput): ColumnType {
  const t = normalizeColumnType(type);
  return DISPLAY_TYPES.includes(t) ? (t as ColumnType) : t.startsWith('timestamp') ? 'timestamp_ltz' : 'text';
}

/** `@snowglobe/sql` as a {@link SqlEngine}. */
export const snowglobeSql: SqlEngine = {
  createSession: (org, identity) => createSession(org, { account: identity.account, user: identity.user, role: identity.role }),
  // The SQL layer's own parser decides where statements end, so counting and running agree.
  split: (script) => parseScript(script).map((s) => s.text),
  renderTable: (outcome) => {
    const r = outcome.result;
    if (isSnowflakeError(r)) return `${r.code} (${r.sqlState}): ${r.message}`;
    return renderTable({ columns: r.columns.map((c) => ({ name: c.name, type: displayType(c.type) })), rows: r.rows });
  },
};

/** `@snowglobe/scim`'s handler for an organization, with its documented defaults (or `options`). */
export function snowglobeScim(options: ScimHandlerOptions = {}): ScimFactory {
  return (org) => createScimHandler(org, options);
}

/** The engines the server and CLI use by default. */
export function defaultEngines(): Engines {
  return { sql: snowglobeSql, scim: snowglobeScim() };
}
