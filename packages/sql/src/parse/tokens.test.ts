import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from './tokens.ts';

const kinds = (src: string): string[] => tokenize(src).map((t) => t.kind);
const values = (src: string): string[] => tokenize(src).filter((t) => t.kind !== 'eof').map((t) => t.value);
const only = (src: string): Token => {
  const ts = tokenize(src);
  expect(ts).toHaveLength(2);
  return ts[0] as Token;
};

describe('tokenize: identifiers', () => {
  it('upper-cases unquoted names and keeps the raw text', () => {
    const t = only('okta_Provisioner');
    expect(t).toMatchObject({ kind: 'ident', text: 'okta_Provisioner', value: 'OKTA_PROVISIONER' });
  });

  it('accepts $ and digits inside unquoted names', () => {
    expect(only('system$generate_scim_access_token').value).toBe('SYSTEM$GENERATE_SCIM_ACCESS_TOKEN');
    expect(only('_a1$').value).toBe('_A1$');
  });

  it('keeps quoted names verbatim and undoes ""', () => {
    expect(only('"My ""odd"" Role.x"')).toMatchObject({ kind: 'quoted', value: 'My "odd" Role.x' });
  });

  it('reports an unterminated quoted name as an error token showing the quote', () => {
    expect(tokenize('ab"c')).toMatchObject([
      { kind: 'ident', value: 'AB' },
      { kind: 'error', text: '"', column: 2 },
      { kind: 'eof' },
    ]);
  });
});

describe('tokenize: strings', () => {
  it.each([
    [String.raw`'it''s'`, "it's"],
    [String.raw`'it\'s'`, "it's"],
    [String.raw`'a\"b'`, 'a"b'],
    [String.raw`'a\\b'`, 'a\\b'],
    [String.raw`'\b\f\n\r\t'`, '\b\f\n\r\t'],
    [String.raw`'\0'`, '\0'],
    [String.raw`'\101\102'`, 'AB'],
    [String.raw`'\x41\x4a'`, 'AJ'],
    [String.raw`'\u00e9\u20AC'`, 'é€'],
    [String.raw`'\q\%\_'`, 'q%_'],
    [String.raw`'\xZZ'`, 'xZZ'],
    ["'multi\nline'", 'multi\nline'],
    ["''", ''],
  ])('%s decodes', (src, value) => {
    expect(only(src)).toMatchObject({ kind: 'string', value, text: src });
  });

  it('keeps $$ strings literal', () => {
    expect(only(String.raw`$$it's \n 'raw'$$`)).toMatchObject({ kind: 'string', value: String.raw`it's \n 'raw'` });
  });

  it('reports unterminated literals at the opening quote and swallows the rest', () => {
    expect(tokenize("select 'abc; show users")).toMatchObject([
      { kind: 'ident' },
      { kind: 'error', text: "'", column: 7 },
      { kind: 'eof' },
    ]);
    expect(tokenize("'a\\")[0]).toMatchObject({ kind: 'error', text: "'" });
    expect(tokenize('$$ never closed')[0]).toMatchObject({ kind: 'error', text: '$$' });
  });
});

describe('tokenize: numbers, operators, comments', () => {
  it('reads numbers', () => {
    expect(values('10 1.5 2e3 1.25E-2 7.')).toEqual(['10', '1.5', '2e3', '1.25E-2', '7.']);
  });

  it('reads every operator, longest first', () => {
    expect(values('= , ; ( ) . => - + * / < > <= >= != <> ||')).toEqual(
      ['=', ',', ';', '(', ')', '.', '=>', '-', '+', '*', '/', '<', '>', '<=', '>=', '!=', '<>', '||'],
    );
    expect(values('a<=b')).toEqual(['A', '<=', 'B']);
  });

  it('skips --, // and /* */ comments', () => {
    expect(values('a -- c1\nb // c2\nc /* c3 \n c3 */ d')).toEqual(['A', 'B', 'C', 'D']);
    expect(values('a /* unterminated')).toEqual(['A']);
  });

  it('turns stray characters into error tokens', () => {
    expect(kinds('a @ # ! | : ?')).toEqual(['ident', 'error', 'error', 'error', 'error', 'error', 'error', 'eof']);
    expect(tokenize('$1')[0]).toMatchObject({ kind: 'error', text: '$' });
  });
});

describe('tokenize: positions', () => {
  it('tracks line, 0-based column and offsets over \\n, \\r\\n and \\r', () => {
    const ts = tokenize("a\n  bb\r\n'x\ny' c\rd");
    expect(ts.map((t) => [t.kind, t.line, t.column, t.offset, t.end])).toEqual([
      ['ident', 1, 0, 0, 1],
      ['ident', 2, 2, 4, 6],
      ['string', 3, 0, 8, 13],
      ['ident', 4, 3, 14, 15],
      ['ident', 5, 0, 16, 17],
      ['eof', 5, 1, 17, 17],
    ]);
    expect(ts[2]).toMatchObject({ endLine: 4, endColumn: 2 });
  });

  it('accepts non-ASCII letters in unquoted names', () => {
    expect(only('Zürich_Ω').value).toBe('ZÜRICH_Ω');
  });
});
