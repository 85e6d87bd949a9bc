import { codeSyntaxRule } from "../code/codeSyntaxRule";

/**
 * Every ```ruby block parses with Prism, Ruby's own parser, run in-process as WebAssembly, so
 * no Ruby installation is needed in the editor. Errors point at the Markdown line and column.
 */
export default codeSyntaxRule({
  id: "ruby-syntax",
  description: "Every ruby code block is valid Ruby, checked with the Prism parser.",
  parser: "ruby",
  label: "Ruby",
});
