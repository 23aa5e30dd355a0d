/**
 * Simulator-only statements (not Snowflake SQL), kept apart in the AST so an executor never
 * mistakes them for Snowflake behaviour:
 *
 * - `USE ACCOUNT org.account` / `USE ACCOUNT account` — switch the session to another account of
 *   the simulated organization.
 * - `ALTER SIMULATION ADVANCE CLOCK BY '<interval>'` — move the simulated clock (the one syntax for
 *   it; the interval text, e.g. `'10 minutes'`, is interpreted by the executor).
 * - `ALTER SIMULATION SET ACCOUNT org.acct AVAILABLE = TRUE | FALSE` — start or end an outage.
 */
import type { SimAdvanceClock, SimSetAccountAvailable, SimUseAccount } from '../ast.ts';
import { accountRef, type Parser } from '../parser.ts';

/** After `USE`, at `ACCOUNT`. */
export function parseUseAccount(p: Parser): SimUseAccount {
  p.expectKw('ACCOUNT');
  const account = accountRef(p, true);
  p.expectEnd();
  return { kind: 'SimUseAccount', account };
}

/** After `ALTER SIMULATION`. */
export function parseAlterSimulation(p: Parser): SimAdvanceClock | SimSetAccountAvailable {
  if (p.acceptKw('ADVANCE')) {
    p.expectKwSeq('CLOCK', 'BY');
    const interval = p.stringLit();
    p.expectEnd();
    return { kind: 'SimAdvanceClock', interval };
  }
  p.expectKwSeq('SET', 'ACCOUNT');
  const account = accountRef(p, true);
  p.expectKw('AVAILABLE');
  p.expectOp('=');
  const available = p.bool();
  p.expectEnd();
  return { kind: 'SimSetAccountAvailable', account, available };
}
