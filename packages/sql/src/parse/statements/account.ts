/**
 * `ALTER ACCOUNT SET | UNSET` (NETWORK_POLICY, MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR, any account
 * parameter) and `ALTER SESSION SET | UNSET`. SHOW PARAMETERS is in show.ts.
 */
import type { AlterAccount, AlterSession } from '../ast.ts';
import { setOrUnset, type Parser } from '../parser.ts';

/** After `ALTER ACCOUNT`. (`ALTER ACCOUNT <name> ...`, the ORGADMIN form, is not supported.) */
export function parseAlterAccount(p: Parser): AlterAccount {
  const action = setOrUnset(p);
  p.expectEnd();
  return { kind: 'AlterAccount', action };
}

/** After `ALTER SESSION`. */
export function parseAlterSession(p: Parser): AlterSession {
  const action = setOrUnset(p);
  p.expectEnd();
  return { kind: 'AlterSession', action };
}
