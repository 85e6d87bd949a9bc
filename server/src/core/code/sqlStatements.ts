/**
 * Splits SQL text into statements at top-level semicolons, so that the parser (which stops at
 * the first error) can report an error in every failing statement. Quotes, quoted identifiers,
 * dollar-quoted bodies ($$ ... $$, $tag$ ... $tag$), line comments and nested block comments
 * are skipped, so a semicolon inside them never splits. A psql meta-command line (`\gexec`)
 * ends a statement too, and is left out.
 */
export interface SqlStatement {
  /** UTF-16 offset of the statement's first character in the whole text. */
  offset: number;
  text: string;
}

export function splitSqlStatements(sql: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let index = 0;
  const push = (end: number): void => {
    const text = sql.slice(start, end);
    if (hasCode(text)) statements.push({ offset: start, text });
  };
  while (index < sql.length) {
    const character = sql[index]!;
    const next = sql[index + 1];
    if (character === "-" && next === "-") {
      const end = sql.indexOf("\n", index);
      index = end === -1 ? sql.length : end + 1;
    } else if (character === "/" && next === "*") {
      index = skipBlockComment(sql, index);
    } else if (character === "'" || character === '"') {
      index = skipQuoted(sql, index, character);
    } else if (character === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index));
      if (tag && !/[A-Za-z0-9_]/.test(sql[index - 1] ?? "")) {
        const end = sql.indexOf(tag[0], index + tag[0].length);
        index = end === -1 ? sql.length : end + tag[0].length;
      } else {
        index++;
      }
    } else if (character === "\\" && /(?:^|\n)[ \t]*$/.test(sql.slice(Math.max(0, index - 200), index))) {
      // A psql meta-command (\gexec, \g, \set ...) at the start of a line ends the statement
      // before it, like a semicolon, and is not SQL itself: scenarios are applied with psql.
      push(index);
      const end = sql.indexOf("\n", index);
      index = end === -1 ? sql.length : end + 1;
      start = index;
    } else if (character === ";") {
      push(index + 1);
      start = index + 1;
      index++;
    } else {
      index++;
    }
  }
  push(sql.length);
  return statements;
}

function skipQuoted(sql: string, index: number, quote: string): number {
  let position = index + 1;
  while (position < sql.length) {
    if (sql[position] === quote) {
      if (sql[position + 1] === quote) position += 2; // a doubled quote is an escaped quote
      else return position + 1;
    } else if (sql[position] === "\\" && quote === "'" && /[Ee]/.test(sql[index - 1] ?? "")) {
      position += 2; // E'...' strings allow backslash escapes
    } else {
      position++;
    }
  }
  return position;
}

function skipBlockComment(sql: string, index: number): number {
  let depth = 0;
  let position = index;
  while (position < sql.length) {
    if (sql[position] === "/" && sql[position + 1] === "*") {
      depth++;
      position += 2;
    } else if (sql[position] === "*" && sql[position + 1] === "/") {
      depth--;
      position += 2;
      if (depth === 0) return position;
    } else {
      position++;
    }
  }
  return position;
}

/** True when the text holds something other than whitespace, comments and semicolons. */
function hasCode(text: string): boolean {
  return text.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "").replace(/[\s;]/g, "") !== "";
}

/** What a statement parser reports for one failing statement: the message and a code-point cursor (0-based). */
export interface StatementFailure {
  message: string;
  cursorPosition: number;
}

/**
 * Checks each statement with `parseStatement` and positions every failure in the whole text.
 * PostgreSQL's cursor counts code points from the start of the statement, not UTF-16 units.
 */
export function checkSqlStatements(
  sql: string,
  parseStatement: (statement: string) => StatementFailure | undefined,
): Array<{ message: string; offset: number }> {
  const failures: Array<{ message: string; offset: number }> = [];
  for (const statement of splitSqlStatements(sql)) {
    const failure = parseStatement(statement.text);
    if (!failure) continue;
    const codePoints = Array.from(statement.text);
    const cursor = Math.max(0, Math.min(failure.cursorPosition, codePoints.length));
    const utf16 = codePoints.slice(0, cursor).join("").length;
    failures.push({ message: failure.message, offset: statement.offset + utf16 });
  }
  return failures;
}
