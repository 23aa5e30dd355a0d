import { describe, expect, it } from 'vitest';
import { splitStatements } from './split.ts';

describe('splitStatements', () => {
  it('splits at top-level semicolons and drops empty pieces', () => {
    expect(splitStatements('CREATE ROLE A; CREATE ROLE B;')).toEqual(['CREATE ROLE A', 'CREATE ROLE B']);
    expect(splitStatements('SHOW USERS')).toEqual(['SHOW USERS']);
    expect(splitStatements(' ; ;; ')).toEqual([]);
    expect(splitStatements('-- only a comment;\n/* and; another */')).toEqual([]);
  });

  it('does not split inside strings, quoted identifiers, $$ blocks or comments', () => {
    expect(splitStatements("SELECT 'a;b'; SELECT \"x;y\"; SELECT $$p;q$$")).toEqual(["SELECT 'a;b'", 'SELECT "x;y"', 'SELECT $$p;q$$']);
    expect(splitStatements("SELECT 'it''s; fine'; SELECT 'back\\'slash;'")).toEqual(["SELECT 'it''s; fine'", "SELECT 'back\\'slash;'"]);
    expect(splitStatements('SELECT 1 -- a; comment\n; SELECT 2 /* ; */')).toEqual(['SELECT 1 -- a; comment', 'SELECT 2 /* ; */']);
  });
});
