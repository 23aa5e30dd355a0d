import { describe, expect, it } from 'vitest';
import { noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

const noFilter = { like: null, startsWith: null, limit: null };

describe('SHOW USERS / ROLES', () => {
  it('bare and TERSE', () => {
    expect(noPos(parseOne('SHOW USERS'))).toEqual({ kind: 'ShowUsers', terse: false, filter: noFilter });
    expect(noPos(parseOne('show terse roles'))).toEqual({ kind: 'ShowRoles', terse: true, filter: noFilter });
  });

  it("LIKE '..' STARTS WITH '..' LIMIT n FROM '..'", () => {
    expect(noPos(parseOne("SHOW TERSE USERS LIKE 'J%' STARTS WITH 'JS' LIMIT 10 FROM 'JSA'"))).toEqual({
      kind: 'ShowUsers',
      terse: true,
      filter: { like: { value: 'J%' }, startsWith: { value: 'JS' }, limit: { count: 10, from: { value: 'JSA' } } },
    });
    expect(noPos(parseOne('SHOW ROLES LIMIT 5'))).toEqual({
      kind: 'ShowRoles',
      terse: false,
      filter: { like: null, startsWith: null, limit: { count: 5, from: null } },
    });
    expect(noPos(parseOne("show roles starts with 'OKTA'"))).toMatchObject({ filter: { startsWith: { value: 'OKTA' } } });
  });

  it('enforces the clause order and literal types', () => {
    expect(parseErr("SHOW USERS STARTS WITH 'a' LIKE 'b'").message).toBe(syntaxMsg(1, 27, 'LIKE'));
    expect(parseErr('SHOW USERS LIKE okta').message).toBe(syntaxMsg(1, 16, 'okta'));
    expect(parseErr('SHOW USERS LIMIT 1.5').message).toBe(syntaxMsg(1, 17, '1.5'));
    expect(parseErr('SHOW TERSE GRANTS').message).toBe(syntaxMsg(1, 11, 'GRANTS'));
    expect(parseErr('SHOW').message).toBe(syntaxMsg(1, 4, '<EOF>'));
    expect(parseErr('SHOW GIZMOS').message).toBe(syntaxMsg(1, 5, 'GIZMOS'));
  });
});

describe('unsupported Snowflake statements', () => {
  it.each([
    ['CREATE DATABASE db', "Unsupported feature 'CREATE DATABASE'."],
    ['create warehouse wh', "Unsupported feature 'CREATE WAREHOUSE'."],
    ['CREATE OR REPLACE TABLE t (a int)', "Unsupported feature 'CREATE TABLE'."],
    ['CREATE MASKING POLICY p AS (v string) RETURNS string -> v', "Unsupported feature 'CREATE MASKING POLICY'."],
    ['ALTER WAREHOUSE wh SUSPEND', "Unsupported feature 'ALTER WAREHOUSE'."],
    ['DROP DATABASE db', "Unsupported feature 'DROP DATABASE'."],
    ['SHOW DATABASES', "Unsupported feature 'SHOW DATABASES'."],
    ['SHOW DATABASES IN FAILOVER GROUP fg', "Unsupported feature 'SHOW DATABASES'."],
    ['SHOW NETWORK RULES', "Unsupported feature 'SHOW NETWORK RULES'."],
    ['DESC TABLE t', "Unsupported feature 'DESCRIBE TABLE'."],
    ['DESCRIBE FAILOVER GROUP fg', "Unsupported feature 'DESCRIBE FAILOVER'."],
    ["INSERT INTO t VALUES (1)", "Unsupported feature 'INSERT'."],
    ['BEGIN', "Unsupported feature 'BEGIN'."],
  ])('%s', (sql, detail) => {
    expect(parseErr(sql)).toMatchObject({
      reason: 'Unsupported',
      code: '002040',
      message: `SQL compilation error:\n${detail}`,
    });
  });

  it('keeps genuinely unknown words as syntax errors', () => {
    expect(parseErr('FROB the thing').message).toBe(syntaxMsg(1, 0, 'FROB'));
    expect(parseErr('CREATE GIZMO g').message).toBe(syntaxMsg(1, 7, 'GIZMO'));
    expect(parseErr('DESC GIZMO g').message).toBe(syntaxMsg(1, 5, 'GIZMO'));
    expect(parseErr('(SELECT 1)').message).toBe(syntaxMsg(1, 0, '('));
    expect(parseErr('CREATE DATABASE').message).toBe(syntaxMsg(1, 15, '<EOF>'));
    expect(parseErr('ALTER ACCOUNT').message).toBe(syntaxMsg(1, 13, '<EOF>'));
  });
});

describe('unsupported multi-word kinds', () => {
  it.each([
    ['CREATE DATABASE ROLE db.r', "Unsupported feature 'CREATE DATABASE ROLE'."],
    ['SHOW MASKING POLICIES', "Unsupported feature 'SHOW MASKING POLICIES'."],
    ['CREATE RESOURCE MONITOR m', "Unsupported feature 'CREATE RESOURCE MONITOR'."],
    ['SHOW FUTURE GRANTS IN DATABASE d', "Unsupported feature 'SHOW FUTURE GRANTS'."],
  ])('%s', (sql, detail) => {
    expect(parseErr(sql).message).toBe(`SQL compilation error:\n${detail}`);
  });
});
