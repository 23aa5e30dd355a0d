/** `CREATE | ALTER | DROP CONNECTION` (Client Redirect, spec/snowflake-replication.md §2.8). */
import type { AlterConnection, CreateConnection, DropConnection, StringLit } from '../ast.ts';
import { accountList, acceptIfExists, acceptIfNotExists, replicaRef, type Parser } from '../parser.ts';

function comment(p: Parser): StringLit {
  p.expectKw('COMMENT');
  p.expectOp('=');
  return p.stringLit();
}

/** After `CREATE CONNECTION`. */
export function parseCreateConnection(p: Parser): CreateConnection {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  let replicaOf = null;
  if (p.acceptKw('AS')) {
    p.expectKwSeq('REPLICA', 'OF');
    replicaOf = replicaRef(p);
  }
  const c = p.isKw('COMMENT') ? comment(p) : null;
  p.expectEnd();
  return { kind: 'CreateConnection', ifNotExists, name, replicaOf, comment: c };
}

/** After `ALTER CONNECTION`. */
export function parseAlterConnection(p: Parser): AlterConnection {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  let action: AlterConnection['action'];
  if (p.acceptKw('ENABLE')) {
    p.expectKwSeq('FAILOVER', 'TO', 'ACCOUNTS');
    const accounts = accountList(p);
    action = { kind: 'enableFailover', accounts, ignoreEditionCheck: p.acceptKwSeq('IGNORE', 'EDITION', 'CHECK') };
  } else if (p.acceptKw('DISABLE')) {
    p.expectKw('FAILOVER');
    const accounts = p.acceptKw('TO') ? (p.expectKw('ACCOUNTS'), accountList(p)) : null;
    action = { kind: 'disableFailover', accounts };
  } else if (p.acceptKw('PRIMARY')) {
    action = { kind: 'primary' };
  } else if (p.acceptKw('SET')) {
    action = { kind: 'setComment', comment: comment(p) };
  } else {
    p.expectKw('UNSET');
    p.expectKw('COMMENT');
    action = { kind: 'unsetComment' };
  }
  p.expectEnd();
  return { kind: 'AlterConnection', ifExists, name, action };
}

/** After `DROP CONNECTION`. */
export function parseDropConnection(p: Parser): DropConnection {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropConnection', ifExists, name };
}
