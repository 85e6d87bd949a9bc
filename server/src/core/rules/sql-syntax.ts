import { codeSyntaxRule } from "../code/codeSyntaxRule";

/**
 * Every ```sql block parses with PostgreSQL's own parser (libpg-query, pinned to the major
 * version the scenarios target). Statements are split first, so every failing statement is
 * reported, each at the position the server's parser names.
 */
export default codeSyntaxRule({
  id: "sql-syntax",
  description: "Every sql code block is valid PostgreSQL, checked statement by statement with PostgreSQL's own parser.",
  parser: "sql",
  label: "SQL",
});
