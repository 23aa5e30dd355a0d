import { isSnowflakeError } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { parseScript } from './index.ts';
import { parseErr, parseOne, syntaxMsg } from './test-util.ts';

const kinds = (sql: string): (string | null)[] =>
  parseScript(sql).map((e) => (isSnowflakeError(e.result) ? null : e.result.kind));

describe('parseScript: splitting', () => {
  it('returns one entry per non-empty statement, trailing ; optional', () => {
    expect(kinds('USE ROLE a; SHOW USERS')).toEqual(['UseRole', 'ShowUsers']);
    expect(kinds('USE ROLE a; SHOW USERS;')).toEqual(['UseRole', 'ShowUsers']);
    expect(kinds(';; ; -- only a comment\n; /* and another */ ;')).toEqual([]);
    expect(kinds('')).toEqual([]);
  });

  it('does not split on ; inside strings, quoted names or comments', () => {
    const entries = parseScript(`CREATE ROLE "a;b" COMMENT = 'x;y'; -- c;d\nSHOW ROLES /* e;f */ LIKE '%;%'`);
    expect(entries.map((e) => e.text)).toEqual([`CREATE ROLE "a;b" COMMENT = 'x;y'`, `SHOW ROLES /* e;f */ LIKE '%;%'`]);
    expect(kinds(`SELECT $$a;b$$`)).toEqual(['Select']);
  });

  it('parses each statement independently: one error does not stop the others', () => {
    expect(kinds('CREATE ROLE; CREATE ROLE r2; GRANT x; SHOW USERS')).toEqual([null, 'CreateRole', null, 'ShowUsers']);
  });

  it('reports text, start line and offsets of each statement', () => {
    const script = '-- setup\nUSE ROLE accountadmin;\n\n  CREATE USER u\n    PASSWORD = \'p\';  ';
    const [a, b] = parseScript(script);
    expect(a).toMatchObject({ text: 'USE ROLE accountadmin', startLine: 2, startColumn: 0 });
    expect(b).toMatchObject({ text: "CREATE USER u\n    PASSWORD = 'p'", startLine: 4, startColumn: 2 });
    expect(script.slice(b?.startOffset, b?.endOffset)).toBe(b?.text);
  });

  it('is case-insensitive and accepts comments anywhere, over many lines', () => {
    const s = parseOne(`cReAtE /* c */ oR rEpLaCe -- x
      ROLE // y
      "Mixed" comment /* z */ = 'c'`);
    expect(s).toMatchObject({ kind: 'CreateRole', orReplace: true, name: { name: 'Mixed', quoted: true } });
  });
});

describe('parseScript: error positions', () => {
  it('puts <EOF> at the end of the statement text', () => {
    expect(parseErr('CREATE ROLE').message).toBe(syntaxMsg(1, 11, '<EOF>'));
    expect(parseErr('CREATE USER u PASSWORD = ').message).toBe(syntaxMsg(1, 24, '<EOF>'));
    expect(parseErr('CREATE USER u PASSWORD = ;').message).toBe(syntaxMsg(1, 24, '<EOF>'));
    expect(parseErr('create user u\n  password =\n  -- nothing\n').message).toBe(syntaxMsg(2, 12, '<EOF>'));
  });

  it('counts lines and columns from the start of the statement, not the script', () => {
    const [, second] = parseScript('SHOW USERS;\n\n   SHOW\n  ROLES LIKE x');
    expect(second?.result).toMatchObject({ message: syntaxMsg(2, 13, 'x') });
    const entries = parseScript('SHOW USERS; SHOW ROLES; ALTER ROLE r FROB');
    expect(entries[2]?.result).toMatchObject({ message: syntaxMsg(1, 13, 'FROB') });
  });

  it('prints the token as written', () => {
    expect(parseErr('show users limit ten').message).toBe(syntaxMsg(1, 17, 'ten'));
    expect(parseErr("show users like 'a' 'b'").message).toBe(syntaxMsg(1, 20, "'b'"));
    expect(parseErr("SELECT 'abc").message).toBe(syntaxMsg(1, 7, "'"));
    expect(parseErr('CREATE ROLE ab"c').message).toBe(syntaxMsg(1, 14, '"'));
    expect(parseErr('CREATE ROLE r @').message).toBe(syntaxMsg(1, 14, '@'));
  });

  it('uses the 001003 / 42000 code of syntax errors', () => {
    expect(parseErr('FROB')).toMatchObject({ code: '001003', sqlState: '42000', reason: 'SyntaxError' });
  });
});
