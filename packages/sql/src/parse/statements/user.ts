/**
 * `CREATE | ALTER | DROP USER` (DESC USER is in describe.ts, SHOW USERS in show.ts). User
 * properties stay generic `NAME = value` pairs; the executor decides which are valid.
 */
import type { AlterUser, AlterUserAction, CreateUser, DropUser } from '../ast.ts';
import { acceptIfExists, acceptIfNotExists, properties, setOrUnset, type Parser } from '../parser.ts';

/** After `CREATE [OR REPLACE] USER`. */
export function parseCreateUser(p: Parser, orReplace: boolean): CreateUser {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  const props = properties(p);
  p.expectEnd();
  return { kind: 'CreateUser', orReplace, ifNotExists, name, properties: props };
}

/** `PROGRAMMATIC ACCESS TOKEN` or its short form `PAT`. */
function patKeyword(p: Parser): void {
  if (!p.acceptKw('PAT')) p.expectKwSeq('PROGRAMMATIC', 'ACCESS', 'TOKEN');
}

/** After `ALTER USER`. */
export function parseAlterUser(p: Parser): AlterUser {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  let action: AlterUserAction;
  if (p.acceptKw('RENAME')) {
    p.expectKw('TO');
    action = { kind: 'rename', newName: p.ident() };
  } else if (p.acceptKw('RESET')) {
    p.expectKw('PASSWORD');
    action = { kind: 'resetPassword' };
  } else if (p.acceptKw('ADD')) {
    patKeyword(p);
    const tokenName = p.ident();
    action = { kind: 'addPat', tokenName, properties: properties(p) };
  } else if (p.acceptKw('REMOVE')) {
    patKeyword(p);
    action = { kind: 'removePat', tokenName: p.ident() };
  } else {
    action = setOrUnset(p);
  }
  p.expectEnd();
  return { kind: 'AlterUser', ifExists, name, action };
}

/** After `DROP USER`. */
export function parseDropUser(p: Parser): DropUser {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropUser', ifExists, name };
}
