import type { CodeBlock } from "./codeBlocks";
import type { CodeSyntaxError, Range, TextPositions } from "../engine/types";

export type { CodeParsers, CodeParserState, CodeSyntaxError } from "../engine/types";

/** The languages whose blocks need a parser; hosts load a parser only when a document has its blocks. */
export const PARSED_LANGUAGES = { ruby: ["ruby", "rb"], sql: ["sql", "postgresql", "pgsql"] } as const;

/**
 * Maps a position inside a code block's value to the Markdown file. Each value line is the
 * source line minus the container's prefix (list indentation, "> " of a block quote, the
 * fence's own indentation), so the prefix length is what the source line has in front of it.
 */
export function codePositionToMarkdown(block: CodeBlock, index: TextPositions, line: number, column: number): { line: number; column: number } {
  const fenceLine = block.node.position!.start.line;
  const markdownLine = fenceLine + line;
  const valueLine = valueLines(block.node.value)[line - 1] ?? "";
  const sourceLine = index.lineText(markdownLine);
  let prefix = sourceLine.endsWith(valueLine) ? sourceLine.length - valueLine.length : -1;
  if (prefix < 0) {
    // Tabs in a container's indentation can be expanded in the value; align on the visible text.
    const visible = valueLine.trimStart();
    const leading = valueLine.length - visible.length;
    const start = visible ? sourceLine.lastIndexOf(visible) : sourceLine.length;
    if (start >= 0) return { line: markdownLine, column: column <= leading ? start + 1 : start + 1 + (column - 1 - leading) };
    prefix = 0;
  }
  return { line: markdownLine, column: prefix + column };
}

// A block with many errors maps each of them; its lines are split once, not once per error.
let lastValue: { value: string; lines: string[] } | undefined;
function valueLines(value: string): string[] {
  if (lastValue?.value !== value) lastValue = { value, lines: value.split(/\r\n|\r|\n/) };
  return lastValue.lines;
}

export function codeRangeToMarkdown(block: CodeBlock, index: TextPositions, error: CodeSyntaxError): Range {
  return {
    start: codePositionToMarkdown(block, index, error.line, error.column),
    end: codePositionToMarkdown(block, index, error.endLine, error.endColumn),
  };
}

// A parser can report thousands of errors in one block. Each conversion below continues from
// where the last one on the same code stopped, when it asks for a later offset, so mapping the
// errors of a block in order costs one pass over it, not one pass per error.
let linePass: { code: string; index: number; line: number; lineStart: number } | undefined;

/** 1-based line/column (UTF-16) of an offset (UTF-16) within a code string. */
export function pointInCode(code: string, offset: number): { line: number; column: number } {
  if (!linePass || linePass.code !== code || linePass.index > offset) linePass = { code, index: 0, line: 1, lineStart: 0 };
  const pass = linePass;
  for (; pass.index < offset && pass.index < code.length; pass.index++) {
    const character = code.charCodeAt(pass.index);
    if (character === 10 || (character === 13 && code.charCodeAt(pass.index + 1) !== 10)) {
      pass.line++;
      pass.lineStart = pass.index + 1;
    }
  }
  return { line: pass.line, column: Math.min(offset, code.length) - pass.lineStart + 1 };
}

/** Sorts errors by position and keeps the first per line: parsers cascade after the first mistake. */
export function firstErrorPerLine(errors: readonly CodeSyntaxError[]): CodeSyntaxError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  const seen = new Set<number>();
  return sorted.filter((error) => (seen.has(error.line) ? false : (seen.add(error.line), true)));
}

let bytePass: { code: string; index: number; bytes: number } | undefined;

/** Converts a UTF-8 byte offset into `code` to a UTF-16 offset (Prism reports bytes). */
export function utf8OffsetToUtf16(code: string, byteOffset: number): number {
  if (!bytePass || bytePass.code !== code || bytePass.bytes > byteOffset) bytePass = { code, index: 0, bytes: 0 };
  const pass = bytePass;
  while (pass.index < code.length && pass.bytes < byteOffset) {
    const point = code.codePointAt(pass.index)!;
    pass.bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    pass.index += point > 0xffff ? 2 : 1;
  }
  return pass.index;
}

/** A syntax error spanning [startOffset, endOffset) of `code` (UTF-16 offsets), as a code-relative error. */
export function codeSyntaxError(code: string, message: string, startOffset: number, endOffset: number): CodeSyntaxError {
  const start = pointInCode(code, startOffset);
  let end = pointInCode(code, Math.max(endOffset, startOffset));
  // A zero-width error (e.g. "unexpected end of input") still needs one visible character.
  if (end.line === start.line && end.column <= start.column) end = { line: start.line, column: start.column + 1 };
  if (end.line !== start.line) end = { line: start.line, column: start.column + 1 };
  return { message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
