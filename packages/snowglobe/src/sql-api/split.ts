/**
 * Splits a SQL script into statements at top-level `;`, the way Snowflake counts statements for
 * MULTI_STATEMENT_COUNT: semicolons inside '...' strings, "..." identifiers, $$...$$ blocks and
 * comments do not split, and pieces holding only whitespace or comments are not statements. Used
 * when the SQL layer offers no splitter of its own.
 */

/** The statements of `script`, trimmed, without their `;`. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const n = script.length;
  const push = (end: number): void => {
    if (hasCode) out.push(script.slice(start, end).trim());
    hasCode = false;
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === '/' && next === '/') {
      // Snowflake also accepts // line comments.
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      hasCode = true;
      i++;
      while (i < n) {
        if (script[i] === '\\' && c === "'") {
          i += 2;
        } else if (script[i] === c) {
          // A doubled quote is an escaped quote, not the end.
          if (script[i + 1] === c) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    } else if (c === '$' && next === '$') {
      hasCode = true;
      const end = script.indexOf('$$', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === ';') {
      push(i);
      i++;
      start = i;
    } else {
      if (c !== undefined && !/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  push(n);
  return out;
}
