/** `CREATE | ALTER | DROP ROLE` (SHOW ROLES is in show.ts). */
import type { AlterRole, CreateRole, DropRole } from '../ast.ts';
import { acceptIfExists, acceptIfNotExists, type Parser } from '../parser.ts';

/** After `CREATE [OR REPLACE] ROLE`. */
export function parseCreateRole(p: Parser, orReplace: boolean): CreateRole {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  let comment = null;
  if (p.acceptKw('COMMENT')) {
    p.expectOp('=');
    comment = p.stringLit();
  }
  p.expectEnd();
  return { kind: 'CreateRole', orReplace, ifNotExists, name, comment };
}

/** After `ALTER ROLE`. */
export function parseAlterRole(p: Parser): AlterRole {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  let action: AlterRole['action'];
  if (p.acceptKw('RENAME')) {
    p.expectKw('TO');
    action = { kind: 'rename', newName: p.ident() };
  } else if (p.acceptKw('SET')) {
    p.expectKw('COMMENT');
    p.expectOp('=');
    action = { kind: 'setComment', comment: p.stringLit() };
  } else {
    p.expectKw('UNSET');
    p.expectKw('COMMENT');
    action = { kind: 'unsetComment' };
  }
  p.expectEnd();
  return { kind: 'AlterRole', ifExists, name, action };
}

/** After `DROP ROLE`. */
export function parseDropRole(p: Parser): DropRole {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropRole', ifExists, name };
}
