/** `CREATE | ALTER | DROP NETWORK POLICY` (spec/snowflake-scim.md §8; lists stay generic properties). */
import type { AlterNetworkPolicy, CreateNetworkPolicy, DropNetworkPolicy } from '../ast.ts';
import { acceptIfExists, acceptIfNotExists, properties, property, setOrUnset, type Parser } from '../parser.ts';

/** After `CREATE [OR REPLACE] NETWORK POLICY`. */
export function parseCreateNetworkPolicy(p: Parser, orReplace: boolean): CreateNetworkPolicy {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  const props = properties(p);
  p.expectEnd();
  return { kind: 'CreateNetworkPolicy', orReplace, ifNotExists, name, properties: props };
}

/** After `ALTER NETWORK POLICY`. */
export function parseAlterNetworkPolicy(p: Parser): AlterNetworkPolicy {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  let action: AlterNetworkPolicy['action'];
  if (p.acceptKw('RENAME')) {
    p.expectKw('TO');
    action = { kind: 'rename', newName: p.ident() };
  } else if (p.acceptKw('ADD')) {
    action = { kind: 'add', property: property(p) };
  } else if (p.acceptKw('REMOVE')) {
    action = { kind: 'remove', property: property(p) };
  } else {
    action = setOrUnset(p);
  }
  p.expectEnd();
  return { kind: 'AlterNetworkPolicy', ifExists, name, action };
}

/** After `DROP NETWORK POLICY`. */
export function parseDropNetworkPolicy(p: Parser): DropNetworkPolicy {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropNetworkPolicy', ifExists, name };
}
