/**
 * Simulator statements — NOT Snowflake SQL (docs/sql.md marks them so):
 *
 * - `USE ACCOUNT [org.]account` switches the session to another account of the organization;
 * - `ALTER SIMULATION ADVANCE CLOCK BY '<interval>'` moves the simulated clock (running what comes
 *   due: scheduled refreshes, token expiry, REST_EVENT_HISTORY retention);
 * - `ALTER SIMULATION SET ACCOUNT [org.]account AVAILABLE = TRUE | FALSE` starts or ends an outage.
 */
import { errors, findUser, formatTimestamp, parseDuration, type Organization, type SnowflakeError } from '@snowglobe/core';
import type { ExecContext, Outcome, SessionState } from '../context.ts';
import type { AccountRef, SimAdvanceClock, SimSetAccountAvailable, SimUseAccount } from '../parse/index.ts';
import { statusResult } from '../result.ts';
import { checkRoleUsable } from './use.ts';

/** The account an `[org.]account` reference names, or 002003 for an unknown one. */
export function resolveAccount(org: Organization, ref: AccountRef): string | SnowflakeError {
  const label = ref.org ? `${ref.org.name}.${ref.account.name}` : ref.account.name;
  if (ref.org && ref.org.name.toUpperCase() !== org.name) return errors.doesNotExist('ACCOUNT', label);
  const a = org.account(ref.account.name);
  return a ? a.name : errors.doesNotExist('ACCOUNT', label);
}

/**
 * Moves a session to `account`: the same user if it exists there (else a session without a user),
 * keeping the role when the user holds it there, else the user's default role, else PUBLIC.
 */
export function switchAccount(org: Organization, session: SessionState, account: string): void {
  const state = org.requireAccount(account).state;
  session.account = account;
  const user = session.user === null ? undefined : findUser(state, { name: session.user });
  if (session.user !== null && !user) session.user = null;
  const candidates = [session.role, user?.defaultRole ?? null, 'PUBLIC'];
  for (const role of candidates) {
    if (role === null) continue;
    const r = checkRoleUsable(state, session.user, role, 'notAssigned');
    if (typeof r === 'string') {
      session.role = r;
      return;
    }
  }
  session.role = 'PUBLIC';
}

export function simUseAccount(ctx: ExecContext, stmt: SimUseAccount): Outcome {
  const account = resolveAccount(ctx.org, stmt.account);
  if (typeof account !== 'string') return account;
  switchAccount(ctx.org, ctx.session, account);
  return statusResult(`Session now uses account ${ctx.org.name}.${account} as user ${ctx.session.user ?? '(none)'} with role ${ctx.session.role}.`);
}

export function simAdvanceClock(ctx: ExecContext, stmt: SimAdvanceClock): Outcome {
  const ms = parseDuration(stmt.interval.value);
  if (typeof ms !== 'number') return ms;
  try {
    ctx.org.advance(ms);
  } catch (e) {
    // Whatever ran as the clock moved (a scheduled refresh) failed; the clock itself has moved.
    return errors.execution(e instanceof Error ? e.message : String(e));
  }
  return statusResult(`Clock advanced to ${formatTimestamp(ctx.org.now)}.`);
}

export function simSetAccountAvailable(ctx: ExecContext, stmt: SimSetAccountAvailable): Outcome {
  const account = resolveAccount(ctx.org, stmt.account);
  if (typeof account !== 'string') return account;
  ctx.org.setAvailable(account, stmt.available);
  return statusResult(`Account ${ctx.org.name}.${account} is now ${stmt.available ? 'available' : 'unavailable'}.`);
}
