/**
 * Tokenizer for Snowflake SQL (the subset snowglobe parses, but lexically complete enough that any
 * input yields tokens). It never throws: a lexical problem — an unterminated string, a stray
 * character — becomes an `error` token, which no grammar rule accepts, so the parser reports it as
 * `syntax error ... unexpected '<text>'` at the right place.
 *
 * Lexical rules follow spec/snowflake-sql.md §4 (identifiers, string literals, `$$` strings).
 */

/** The kinds of token. `quoted` is a double-quoted identifier; `error` is a lexical error. */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'error' | 'eof';

/** Punctuation and operators the tokenizer recognises. */
export type Operator =
  | '='
  | ','
  | ';'
  | '('
  | ')'
  | '.'
  | '=>'
  | '-'
  | '+'
  | '*'
  | '/'
  | '<'
  | '>'
  | '<='
  | '>='
  | '!='
  | '<>'
  | '||';

/** One token with its place in the source. Lines are 1-based, columns 0-based (as Snowflake prints them). */
export interface Token {
  readonly kind: TokenKind;
  /**
   * The token as Snowflake would quote it in `unexpected '...'`: the source text for ordinary
   * tokens, the opening quote alone for an unterminated string, `''` for end of input.
   */
  readonly text: string;
  /**
   * The token's meaning: upper-cased name for `ident`, the name verbatim (with `""` undone) for
   * `quoted`, the decoded content for `string`, the digits for `number`, the operator for `op`.
   */
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** Offset of the first character (UTF-16 code units). */
  readonly offset: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Line and column just past the last character (a string may span lines). */
  readonly endLine: number;
  readonly endColumn: number;
}

const TWO_CHAR_OPS: ReadonlySet<string> = new Set(['=>', '<=', '>=', '!=', '<>', '||']);
const ONE_CHAR_OPS: ReadonlySet<string> = new Set(['=', ',', ';', '(', ')', '.', '-', '+', '*', '/', '<', '>']);

const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
// Non-ASCII letters are accepted in unquoted names; Snowflake documents A-Z but resolves others.
const UNICODE_LETTER = /^\p{L}$/u;
const UNICODE_IDENT_PART = /^[\p{L}\p{M}\p{Nd}]$/u;

function isIdentStart(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) < 128) return isAsciiLetter(ch) || ch === '_';
  return UNICODE_LETTER.test(ch);
}

function isIdentPart(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) < 128) return isAsciiLetter(ch) || isDigit(ch) || ch === '_' || ch === '$';
  return UNICODE_IDENT_PART.test(ch);
}

/** The code point at `i` as a string (one or two UTF-16 units). */
function charAt(src: string, i: number): string {
  const cp = src.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Split `src` into tokens. Whitespace and comments (`--`, `//`, `/* *\/`) are dropped. The last
 * token is always `eof`, placed at the end of the input.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  /** Move the cursor to `j`, counting the line breaks passed over (\n, \r\n and lone \r). */
  const advanceTo = (j: number): void => {
    for (let k = i; k < j; k++) {
      const c = src[k];
      if (c === '\n' || (c === '\r' && src[k + 1] !== '\n')) {
        line++;
        lineStart = k + 1;
      }
    }
    i = j;
  };

  const push = (kind: TokenKind, start: number, end: number, text: string, value: string): void => {
    const startLine = line;
    const startColumn = start - lineStart;
    advanceTo(end);
    out.push({
      kind,
      text,
      value,
      line: startLine,
      column: startColumn,
      offset: start,
      end,
      endLine: line,
      endColumn: i - lineStart,
    });
  };

  while (i < n) {
    const c = src[i] as string;
    const c1 = src[i + 1];

    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      advanceTo(i + 1);
      continue;
    }

    // Line comments run to the end of the line; the break itself is whitespace.
    if ((c === '-' && c1 === '-') || (c === '/' && c1 === '/')) {
      let j = i + 2;
      while (j < n && src[j] !== '\n' && src[j] !== '\r') j++;
      advanceTo(j);
      continue;
    }

    if (c === '/' && c1 === '*') {
      const close = src.indexOf('*/', i + 2);
      // An unterminated block comment swallows the rest of the input, as in other SQL lexers.
      advanceTo(close === -1 ? n : close + 2);
      continue;
    }

    if (c === "'") {
      lexString(i);
      continue;
    }

    if (c === '"') {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const d = src[j];
        if (d === '"') {
          if (src[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += d;
        j++;
      }
      if (closed) push('quoted', i, j, src.slice(i, j), value);
      else push('error', i, n, '"', '"');
      continue;
    }

    if (c === '$' && c1 === '$') {
      const close = src.indexOf('$$', i + 2);
      if (close === -1) push('error', i, n, '$$', '$$');
      else push('string', i, close + 2, src.slice(i, close + 2), src.slice(i + 2, close));
      continue;
    }

    if (isDigit(c)) {
      let j = i;
      while (isDigit(src[j])) j++;
      if (src[j] === '.') {
        j++;
        while (isDigit(src[j])) j++;
      }
      if ((src[j] === 'e' || src[j] === 'E') && (isDigit(src[j + 1]) || ((src[j + 1] === '+' || src[j + 1] === '-') && isDigit(src[j + 2])))) {
        j += 2;
        while (isDigit(src[j])) j++;
      }
      const text = src.slice(i, j);
      push('number', i, j, text, text);
      continue;
    }

    const ch = charAt(src, i);
    if (isIdentStart(ch)) {
      let j = i + ch.length;
      while (j < n) {
        const d = charAt(src, j);
        if (!isIdentPart(d)) break;
        j += d.length;
      }
      const text = src.slice(i, j);
      push('ident', i, j, text, text.toUpperCase());
      continue;
    }

    const two = src.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      push('op', i, i + 2, two, two);
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      push('op', i, i + 1, c, c);
      continue;
    }

    push('error', i, i + ch.length, ch, ch);
  }

  out.push({
    kind: 'eof',
    text: '',
    value: '',
    line,
    column: i - lineStart,
    offset: n,
    end: n,
    endLine: line,
    endColumn: i - lineStart,
  });
  return out;

  /** A single-quoted literal with Snowflake's backslash escapes and `''`. */
  function lexString(start: number): void {
    let j = start + 1;
    let value = '';
    while (j < n) {
      const d = src[j] as string;
      if (d === "'") {
        if (src[j + 1] === "'") {
          value += "'";
          j += 2;
          continue;
        }
        push('string', start, j + 1, src.slice(start, j + 1), value);
        return;
      }
      if (d === '\\') {
        const e = src[j + 1];
        if (e === undefined) break;
        if (isOctal(e) && isOctal(src[j + 2]) && isOctal(src[j + 3])) {
          value += String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8));
          j += 4;
        } else if (e === '0') {
          value += '\0';
          j += 2;
        } else if (e === 'x' && isHex(src[j + 2]) && isHex(src[j + 3])) {
          value += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
          j += 4;
        } else if (e === 'u' && isHex(src[j + 2]) && isHex(src[j + 3]) && isHex(src[j + 4]) && isHex(src[j + 5])) {
          value += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
          j += 6;
        } else {
          // \' \" \\ and any other \c yield the character itself; b f n r t are control characters.
          value += SIMPLE_ESCAPES[e] ?? e;
          j += 2;
        }
        continue;
      }
      value += d;
      j++;
    }
    // Unterminated: the literal runs to the end of the input; Snowflake reports the opening quote.
    push('error', start, n, "'", "'");
  }
}
