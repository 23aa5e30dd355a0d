/** Helpers for the executor tests (not part of the package API). */
import { createOrganization, formatError, isSnowflakeError, type Organization, type SnowflakeError } from '@snowglobe/core';
import type { Cell, ResultSet, StatementResult } from './result.ts';
import { createSession, type Session, type SessionOptions } from './session.ts';

/** A one-account organization (ACCOUNT1, admin user ADMIN holding ACCOUNTADMIN) and a session on it. */
export function setup(opts: SessionOptions = {}): { org: Organization; s: Session } {
  const org = createOrganization({ seed: 7, accounts: [{ name: 'ACCOUNT1', admin: 'ADMIN' }] });
  return { org, s: createSession(org, opts) };
}

/** Runs one statement that must succeed; returns its result set. */
export function ok(s: Session, sql: string): ResultSet {
  const r = s.executeOne(sql).result;
  if (isSnowflakeError(r)) throw new Error(`${formatError(r)}\n  in: ${sql}`);
  return r;
}

/** Runs one statement that must fail; returns the error. */
export function err(s: Session, sql: string): SnowflakeError {
  const r = s.executeOne(sql).result;
  if (!isSnowflakeError(r)) throw new Error(`expected an error, got ${JSON.stringify(r.rows).slice(0, 200)}\n  in: ${sql}`);
  return r;
}

/** Runs a script whose statements must all succeed. */
export function script(s: Session, sql: string): StatementResult[] {
  const results = s.execute(sql);
  for (const r of results) {
    if (isSnowflakeError(r.result)) throw new Error(`${formatError(r.result)}\n  in: ${r.statement}`);
  }
  return results;
}

/** The status text of a one-row status result. */
export const status = (s: Session, sql: string): string => {
  const r = ok(s, sql);
  if (r.columns.length !== 1 || r.columns[0]!.name !== 'status') throw new Error(`not a status result: ${sql}`);
  return String(r.rows[0]![0]);
};

/** Rows as objects keyed by column name. */
export function objects(r: ResultSet): Record<string, Cell>[] {
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] ?? null])));
}

/** One column's values. */
export function column(r: ResultSet, name: string): Cell[] {
  const i = r.columns.findIndex((c) => c.name === name);
  if (i === -1) throw new Error(`no column ${name} in ${r.columns.map((c) => c.name).join(', ')}`);
  return r.rows.map((row) => row[i] ?? null);
}

/** The column names. */
export const names = (r: ResultSet): string[] => r.columns.map((c) => c.name);

/** DESC output as a map property -> row object. */
export function describe(r: ResultSet, key = 'property'): Map<string, Record<string, Cell>> {
  return new Map(objects(r).map((o) => [String(o[key]), o]));
}

/** The error's driver form, `002003 (02000): SQL compilation error:\n...`. */
export const driver = (e: SnowflakeError): string => formatError(e);
