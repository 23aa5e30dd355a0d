import { describe, expect, it } from 'vitest';
import type { Expr, Select } from './ast.ts';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

const select = (sql: string): Select => {
  const s = parseOne(sql);
  if (s.kind !== 'Select') throw new Error(`not a SELECT: ${s.kind}`);
  return s;
};
/** The first select item's expression, without positions. */
const firstExpr = (sql: string): unknown => {
  const item = select(sql).items[0];
  if (item?.kind !== 'expr') throw new Error('not an expression item');
  return noPos(item.expr);
};
const lit = (value: string | number | boolean | null): unknown => {
  if (value === null) return { kind: 'literal', value: { type: 'null' } };
  if (typeof value === 'string') return { kind: 'literal', value: { type: 'string', value } };
  if (typeof value === 'number') return { kind: 'literal', value: { type: 'number', value, text: String(value) } };
  return { kind: 'literal', value: { type: 'boolean', value } };
};
const col = (...parts: string[]): unknown => ({ kind: 'column', parts: parts.map((p) => id(p)) });
const call = (name: string, ...args: unknown[]): unknown => ({
  kind: 'call',
  name: { parts: [id(name)] },
  star: false,
  args: args.map((value) => ({ name: null, value })),
});

describe('SELECT without FROM', () => {
  it('system functions', () => {
    expect(noPos(select("SELECT SYSTEM$GENERATE_SCIM_ACCESS_TOKEN('OKTA_PROVISIONING');"))).toEqual({
      kind: 'Select',
      items: [{ kind: 'expr', expr: call('SYSTEM$GENERATE_SCIM_ACCESS_TOKEN', lit('OKTA_PROVISIONING')), alias: null }],
      from: null,
      where: null,
      orderBy: [],
      limit: null,
    });
    expect(firstExpr("select system$link_account_objects_by_name('fg')")).toEqual(
      call('SYSTEM$LINK_ACCOUNT_OBJECTS_BY_NAME', lit('fg')),
    );
  });

  it('CURRENT_* functions, with and without parentheses', () => {
    const s = select('SELECT CURRENT_ROLE(), CURRENT_USER(), CURRENT_ACCOUNT(), CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP');
    expect(s.items.map((i) => (i.kind === 'expr' ? noPos(i.expr) : i))).toEqual([
      call('CURRENT_ROLE'),
      call('CURRENT_USER'),
      call('CURRENT_ACCOUNT'),
      call('CURRENT_TIMESTAMP'),
      call('CURRENT_TIMESTAMP'),
    ]);
  });

  it('DATEADD with the unit as a string or a bare word', () => {
    expect(firstExpr("SELECT DATEADD('MINUTES', -5, CURRENT_TIMESTAMP())")).toEqual(
      call('DATEADD', lit('MINUTES'), { kind: 'unary', op: '-', operand: lit(5) }, call('CURRENT_TIMESTAMP')),
    );
    expect(firstExpr('SELECT dateadd(minute, -5, current_timestamp)')).toEqual(
      call('DATEADD', col('minute'), { kind: 'unary', op: '-', operand: lit(5) }, call('CURRENT_TIMESTAMP')),
    );
  });

  it('aliases with AS or bare, literals', () => {
    const s = select(`SELECT 1 AS one, 'x' two, TRUE, NULL, 2.5 "Mixed Alias"`);
    expect(s.items.map(noPos)).toEqual([
      { kind: 'expr', expr: lit(1), alias: id('one') },
      { kind: 'expr', expr: lit('x'), alias: id('two') },
      { kind: 'expr', expr: lit(true), alias: null },
      { kind: 'expr', expr: lit(null), alias: null },
      { kind: 'expr', expr: lit(2.5), alias: id('Mixed Alias', true) },
    ]);
  });
});

describe('SELECT FROM TABLE(...)', () => {
  it('REST_EVENT_HISTORY with positional arguments, ORDER BY', () => {
    const s = select(`select *
        from table(rest_event_history(
            'scim',
            dateadd('minutes',-5,current_timestamp()),
            current_timestamp(),
            200))
        order by event_timestamp;`);
    expect(noPos(s)).toEqual({
      kind: 'Select',
      items: [{ kind: 'star', qualifier: [] }],
      from: {
        kind: 'tableFunction',
        name: { parts: [id('rest_event_history')] },
        args: [
          { name: null, value: lit('scim') },
          {
            name: null,
            value: call('DATEADD', lit('minutes'), { kind: 'unary', op: '-', operand: lit(5) }, call('CURRENT_TIMESTAMP')),
          },
          { name: null, value: call('CURRENT_TIMESTAMP') },
          { name: null, value: lit(200) },
        ],
        alias: null,
      },
      where: null,
      orderBy: [{ expr: col('event_timestamp'), descending: false, nulls: null }],
      limit: null,
    });
  });

  it('named arguments, qualified function names and a table alias', () => {
    const s = select(
      "SELECT h.event_timestamp, h.\"STATUS\" FROM TABLE(demo_db.information_schema.rest_event_history(REST_SERVICE_TYPE => 'scim', RESULT_LIMIT => 10)) AS h",
    );
    expect(noPos(s.from)).toEqual({
      kind: 'tableFunction',
      name: { parts: [id('demo_db'), id('information_schema'), id('rest_event_history')] },
      args: [
        { name: id('REST_SERVICE_TYPE'), value: lit('scim') },
        { name: id('RESULT_LIMIT'), value: lit(10) },
      ],
      alias: id('h'),
    });
    expect(s.items.map(noPos)).toEqual([
      { kind: 'expr', expr: col('h', 'event_timestamp'), alias: null },
      { kind: 'expr', expr: { kind: 'column', parts: [id('h'), id('STATUS', true)] }, alias: null },
    ]);
    expect(select('SELECT * FROM TABLE(information_schema.replication_group_refresh_history(\'fg\')) t').from).toMatchObject({
      alias: { name: 'T' },
    });
  });

  it('FROM a named view', () => {
    expect(noPos(select('SELECT * FROM snowflake.account_usage.replication_group_refresh_history').from)).toEqual({
      kind: 'table',
      name: { parts: [id('snowflake'), id('account_usage'), id('replication_group_refresh_history')] },
      alias: null,
    });
  });

  it('qualified star, WHERE, ORDER BY ... DESC NULLS LAST, LIMIT / OFFSET', () => {
    const s = select(
      "SELECT t.* FROM TABLE(rest_event_history('scim')) t WHERE status != '200' ORDER BY event_timestamp DESC NULLS LAST, event_id LIMIT 10 OFFSET 5",
    );
    expect(noPos(s.items)).toEqual([{ kind: 'star', qualifier: [id('t')] }]);
    expect(noPos(s.where)).toEqual({ kind: 'binary', op: '!=', left: col('status'), right: lit('200') });
    expect(noPos(s.orderBy)).toEqual([
      { expr: col('event_timestamp'), descending: true, nulls: 'LAST' },
      { expr: col('event_id'), descending: false, nulls: null },
    ]);
    expect(noPos(s.limit)).toEqual({ count: 10, offset: 5 });
  });
});

describe('expressions', () => {
  const where = (cond: string): unknown => noPos(select(`SELECT * FROM TABLE(f()) WHERE ${cond}`).where);

  it('respects precedence: OR < AND < NOT < comparison < + - || < * /', () => {
    expect(where('a = 1 OR b = 2 AND NOT c = 3')).toEqual({
      kind: 'binary',
      op: 'OR',
      left: { kind: 'binary', op: '=', left: col('a'), right: lit(1) },
      right: {
        kind: 'binary',
        op: 'AND',
        left: { kind: 'binary', op: '=', left: col('b'), right: lit(2) },
        right: { kind: 'unary', op: 'NOT', operand: { kind: 'binary', op: '=', left: col('c'), right: lit(3) } },
      },
    });
    expect(where('a + b * 2 >= c || d')).toEqual({
      kind: 'binary',
      op: '>=',
      left: { kind: 'binary', op: '+', left: col('a'), right: { kind: 'binary', op: '*', left: col('b'), right: lit(2) } },
      right: { kind: 'binary', op: '||', left: col('c'), right: col('d') },
    });
    expect(where('(a OR b) AND c')).toMatchObject({ op: 'AND', left: { op: 'OR' } });
  });

  it('IS [NOT] NULL, [NOT] IN, [NOT] LIKE / ILIKE [ESCAPE]', () => {
    expect(where('error IS NULL')).toEqual({ kind: 'isNull', operand: col('error'), negated: false });
    expect(where('error is not null')).toEqual({ kind: 'isNull', operand: col('error'), negated: true });
    expect(where("phase_name IN ('COMPLETED', 'CANCELED')")).toEqual({
      kind: 'in',
      operand: col('phase_name'),
      list: [lit('COMPLETED'), lit('CANCELED')],
      negated: false,
    });
    expect(where("phase_name NOT IN ('X')")).toMatchObject({ kind: 'in', negated: true });
    expect(where("name LIKE 'A%'")).toEqual({
      kind: 'like',
      operand: col('name'),
      pattern: lit('A%'),
      negated: false,
      caseInsensitive: false,
      escape: null,
    });
    expect(where("name NOT ILIKE 'a\\\\_%' ESCAPE '\\\\'")).toMatchObject({
      kind: 'like',
      negated: true,
      caseInsensitive: true,
      pattern: lit('a\\_%'),
      escape: lit('\\'),
    });
  });

  it('every comparison operator', () => {
    for (const op of ['=', '!=', '<>', '<', '>', '<=', '>=']) {
      expect(where(`a ${op} 1`)).toMatchObject({ kind: 'binary', op });
    }
  });

  it('COUNT(*) and nested calls', () => {
    expect(firstExpr('SELECT COUNT(*)')).toEqual({ kind: 'call', name: { parts: [id('COUNT')] }, star: true, args: [] });
    const e = firstExpr('SELECT UPPER(LOWER(x))') as Extract<Expr, { kind: 'call' }>;
    expect(e.args[0]?.value).toMatchObject({ kind: 'call', name: { parts: [{ name: 'LOWER' }] } });
  });

  it('reports malformed queries', () => {
    expect(parseErr('SELECT').message).toBe(syntaxMsg(1, 6, '<EOF>'));
    expect(parseErr('SELECT * FROM').message).toBe(syntaxMsg(1, 13, '<EOF>'));
    expect(parseErr('SELECT a FROM t JOIN u').message).toBe(syntaxMsg(1, 16, 'JOIN'));
    expect(parseErr('SELECT DISTINCT a').message).toBe(syntaxMsg(1, 7, 'DISTINCT'));
    expect(parseErr('SELECT CASE WHEN a THEN b END').message).toBe(syntaxMsg(1, 7, 'CASE'));
    expect(parseErr('SELECT f(a,)').message).toBe(syntaxMsg(1, 11, ')'));
    expect(parseErr('SELECT * FROM TABLE(f()) WHERE a IS 5').message).toBe(syntaxMsg(1, 36, '5'));
    expect(parseErr('SELECT 1 LIMIT -1').message).toBe(syntaxMsg(1, 15, '-'));
    expect(parseErr('SELECT * FROM TABLE(f() ORDER BY x').message).toBe(syntaxMsg(1, 24, 'ORDER'));
  });

  it('refuses pathological nesting with a syntax error instead of overflowing the stack', () => {
    const deep = `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)}`;
    expect(parseErr(deep)).toMatchObject({ code: '001003' });
    expect(parseErr(`SELECT ${'-'.repeat(5000)}1`)).toMatchObject({ code: '001003' });
    expect(parseErr(`SELECT ${'NOT '.repeat(5000)}1`)).toMatchObject({ code: '001003' });
    expect(parseOne(`SELECT ${'('.repeat(50)}1${')'.repeat(50)}`)).toMatchObject({ kind: 'Select' });
  });
});
