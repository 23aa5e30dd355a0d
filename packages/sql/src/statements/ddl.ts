/** The status row of a DDL statement from the decision core made (spec/snowflake-sql.md §1.12). */
import type { ExecuteResult, SnowflakeError } from '@snowglobe/core';
import type { Outcome } from '../context.ts';
import { EXECUTED, alreadyDroppedStatus, createdStatus, droppedStatus, existsStatus, statusResult } from '../result.ts';

/**
 * `kind` is the sentence-cased kind (`Role`, `Network policy`); `name` the canonical name as
 * written in the statement (upper-cased unless quoted, never qualified).
 */
export function ddlOutcome(r: ExecuteResult | SnowflakeError, verb: 'create' | 'alter' | 'drop', kind: string, name: string): Outcome {
  if ('type' in r) return r;
  const out = r.decision.output;
  switch (out.kind) {
    case 'created':
      return statusResult(createdStatus(kind, name));
    case 'exists':
      return statusResult(existsStatus(name));
    case 'dropped':
      return statusResult(droppedStatus(name));
    case 'missing':
      return statusResult(verb === 'drop' ? alreadyDroppedStatus(name) : EXECUTED);
    case 'done':
    case 'token':
      return statusResult(verb === 'create' ? createdStatus(kind, name) : EXECUTED);
  }
}
