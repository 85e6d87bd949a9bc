import type { Root } from "mdast";
import { LineIndex } from "./positions";
import type { LintMessage } from "./types";

/**
 * How much input the linter takes on, so that no file can hang it or exhaust its memory. A file
 * past a limit is declined with one message that names the limit and where to raise it
 * (`limits` in `.scenariolintrc.json`); nothing else is reported for it. A real scenario is
 * about 100,000 characters and 1,500 lines, nested a few levels deep, so the defaults leave a
 * wide margin; test/limits.test.ts times each limit's worst case.
 */
export interface InputLimits {
  /** Characters (UTF-16 code units) in the file. */
  maxCharacters: number;
  /** Lines in the file. */
  maxLines: number;
  /** Levels of nested block quotes and lists. */
  maxNesting: number;
  /**
   * Brackets, asterisks and underscores in one paragraph (a run of lines without a blank line,
   * outside fenced code). The Markdown parser matches these inline markers with a backward
   * search, so its time grows with the square of their number in one paragraph: 2,000 take
   * about a second, 8,000 take a minute and a half.
   */
  maxInlineMarkers: number;
}

export const DEFAULT_LIMITS: Readonly<InputLimits> = { maxCharacters: 2_000_000, maxLines: 10_000, maxNesting: 100, maxInlineMarkers: 2_000 };

/** The pseudo rule id of a declined file, documented in docs/rules/input-limits.md like inline-config. */
export const INPUT_LIMITS_ID = "input-limits";

function declined(message: string, line = 1, column = 1, endColumn = column): LintMessage {
  return { ruleId: INPUT_LIMITS_ID, severity: "error", message, line, column, endLine: line, endColumn };
}

const format = (value: number): string => value.toLocaleString("en-US");
const raise = (key: keyof InputLimits): string => `raise "limits": { "${key}": ... } in .scenariolintrc.json to check it`;

const FENCE = /^ {0,3}(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?(`{3,}|~{3,})/;
const CONTAINER_MARKER = /^[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]?/;

/**
 * An upper estimate of how deeply a line nests: the block quote and list markers it opens, and
 * its indentation (a nested list needs at least two columns a level; four are counted, so only
 * indentation far beyond any real document counts). The parser's time grows with the square of
 * nesting, so a file that would nest far too deeply is declined before it is parsed; the exact
 * depth is checked after parsing (limitProblemAfterParse).
 */
function nestingEstimate(line: string): number {
  let markers = 0;
  let rest = line;
  for (let match = CONTAINER_MARKER.exec(rest); match && markers <= 10_000; match = CONTAINER_MARKER.exec(rest)) {
    markers++;
    rest = rest.slice(match[0].length);
  }
  let columns = 0;
  for (const character of line) {
    if (character === " ") columns++;
    else if (character === "\t") columns += 4;
    else break;
  }
  return markers + Math.floor(columns / 4);
}
const MARKERS = /[[\]*_]/g;

/** What can be judged before parsing: size, lines, and inline markers per paragraph. */
export function limitProblemBeforeParse(text: string, limits: InputLimits): LintMessage | undefined {
  if (text.length > limits.maxCharacters) {
    return declined(`This file has ${format(text.length)} characters, more than the limit of ${format(limits.maxCharacters)}, so it was not checked; ${raise("maxCharacters")}.`);
  }
  const index = new LineIndex(text);
  const lineCount = index.lineCount;
  if (lineCount > limits.maxLines) {
    return declined(`This file has ${format(lineCount)} lines, more than the limit of ${format(limits.maxLines)}, so it was not checked; ${raise("maxLines")}.`);
  }
  // The parser's inline time grows with the square of the markers in each paragraph, so the
  // squares are summed over the file as well: many paragraphs just under the limit cost no more
  // than one paragraph at it.
  const budget = limits.maxInlineMarkers * limits.maxInlineMarkers;
  let spent = 0;
  let fence: string | undefined;
  let runStart = 0;
  let markers = 0;
  const endParagraph = (): LintMessage | undefined => {
    spent += markers * markers;
    markers = 0;
    return spent > budget
      ? declined(
          `The paragraphs up to here hold so many brackets, asterisks and underscores that parsing them would take too long (the parser's time grows with the square of their number per paragraph), so this file was not checked; ${raise("maxInlineMarkers")}.`,
          runStart,
        )
      : undefined;
  };
  for (let line = 1; line <= lineCount; line++) {
    const content = index.lineText(line);
    const opening = FENCE.exec(content)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      continue;
    }
    if (opening || content.trim() === "") {
      if (opening) fence = opening;
      const problem = endParagraph();
      if (problem) return problem;
      continue;
    }
    if (nestingEstimate(content) > limits.maxNesting) {
      return declined(`Block quotes and lists would nest more than ${format(limits.maxNesting)} levels deep here, so this file was not checked; ${raise("maxNesting")}.`, line);
    }
    if (markers === 0) runStart = line;
    markers += content.match(MARKERS)?.length ?? 0;
    if (markers > limits.maxInlineMarkers) {
      return declined(
        `The paragraph starting here has more than ${format(limits.maxInlineMarkers)} brackets, asterisks and underscores; the Markdown parser's time grows with the square of their number, so this file was not checked; ${raise("maxInlineMarkers")}.`,
        runStart,
      );
    }
  }
  return endParagraph();
  return undefined;
}

/** How deeply block quotes and lists nest, found without recursion (the tree can be deeper than the stack). */
export function limitProblemAfterParse(tree: Root, limits: InputLimits): LintMessage | undefined {
  const stack: Array<{ node: { type: string; children?: unknown[]; position?: { start: { line: number; column: number } } }; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const level = node.type === "blockquote" || node.type === "list" ? depth + 1 : depth;
    if (level > limits.maxNesting) {
      const start = node.position?.start ?? { line: 1, column: 1 };
      return declined(`Block quotes and lists nest more than ${format(limits.maxNesting)} levels deep here, so this file was not checked; ${raise("maxNesting")}.`, start.line, start.column, start.column + 1);
    }
    for (const child of (node.children ?? []) as Array<typeof node>) stack.push({ node: child, depth: level });
  }
  return undefined;
}

/** For a parse that overflowed the stack on nesting beyond any limit. */
export function unparsableNesting(limits: InputLimits): LintMessage {
  return declined(`This file nests blocks too deeply for the Markdown parser (beyond ${format(limits.maxNesting)} levels), so it was not checked; ${raise("maxNesting")}.`);
}
