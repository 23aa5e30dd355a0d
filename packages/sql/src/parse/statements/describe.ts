/** `DESC[RIBE] USER | [SECURITY] INTEGRATION | NETWORK POLICY`. */
import type { Statement } from '../ast.ts';
import { unsupported, type Parser } from '../parser.ts';
import { integrationKeyword } from './integration.ts';

/** Objects DESCRIBE knows on Snowflake that snowglobe does not model: "unsupported", not a syntax error. */
const UNSUPPORTED_DESCRIBE: ReadonlySet<string> = new Set([
  'DATABASE', 'SCHEMA', 'TABLE', 'VIEW', 'WAREHOUSE', 'STAGE', 'SHARE', 'TAG', 'SECRET', 'FUNCTION',
  'PROCEDURE', 'TASK', 'STREAM', 'PIPE', 'SEQUENCE', 'RESULT', 'FILE', 'AUTHENTICATION', 'PASSWORD',
  'SESSION', 'MASKING', 'ROW', 'EXTERNAL', 'FAILOVER', 'REPLICATION', 'CONNECTION', 'ROLE', 'NETWORK',
]);

/** At `DESC` or `DESCRIBE`. */
export function parseDescribe(p: Parser): Statement {
  if (!p.acceptKw('DESC')) p.expectKw('DESCRIBE');
  if (p.acceptKw('USER')) {
    const name = p.ident();
    p.expectEnd();
    return { kind: 'DescribeUser', name };
  }
  const category = integrationKeyword(p, false);
  if (category !== undefined) {
    const name = p.ident();
    p.expectEnd();
    return { kind: 'DescribeIntegration', category, name };
  }
  if (p.acceptKwSeq('NETWORK', 'POLICY')) {
    const name = p.ident();
    p.expectEnd();
    return { kind: 'DescribeNetworkPolicy', name };
  }
  const t = p.peek();
  if (t.kind === 'ident' && UNSUPPORTED_DESCRIBE.has(t.value)) unsupported(p, 'DESCRIBE');
  return p.fail();
}
