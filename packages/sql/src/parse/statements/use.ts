/** `USE ROLE | SECONDARY ROLES | DATABASE | SCHEMA | WAREHOUSE`, and the simulator's `USE ACCOUNT`. */
import type { Ident, Statement, UseSecondaryRoles } from '../ast.ts';
import type { Parser } from '../parser.ts';
import { parseUseAccount } from './simulator.ts';

/** At `USE`. */
export function parseUse(p: Parser): Statement {
  p.expectKw('USE');
  if (p.acceptKw('ROLE')) {
    const role = p.ident();
    p.expectEnd();
    return { kind: 'UseRole', role };
  }
  if (p.acceptKwSeq('SECONDARY', 'ROLES')) {
    let roles: UseSecondaryRoles['roles'];
    if (p.acceptKw('ALL')) roles = { kind: 'all' };
    else if (p.acceptKw('NONE')) roles = { kind: 'none' };
    else {
      const names: Ident[] = [p.ident()];
      while (p.acceptOp(',')) names.push(p.ident());
      roles = { kind: 'list', names };
    }
    p.expectEnd();
    return { kind: 'UseSecondaryRoles', roles };
  }
  if (p.acceptKw('WAREHOUSE')) {
    const warehouse = p.ident();
    p.expectEnd();
    return { kind: 'UseWarehouse', warehouse };
  }
  if (p.isKw('ACCOUNT')) return parseUseAccount(p);
  // DATABASE and SCHEMA are optional keywords: `USE db` and `USE db.sch` are valid Snowflake.
  const explicitDatabase = p.acceptKw('DATABASE') !== null;
  const explicitSchema = !explicitDatabase && p.acceptKw('SCHEMA') !== null;
  const name = p.qualifiedName(explicitDatabase ? 1 : 2);
  p.expectEnd();
  const [first, second] = name.parts as [Ident, Ident | undefined];
  if (second) return { kind: 'UseSchema', database: first, schema: second };
  if (explicitSchema) return { kind: 'UseSchema', database: null, schema: first };
  return { kind: 'UseDatabase', database: first };
}
