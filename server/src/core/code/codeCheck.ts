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
export function codePositionToMarkdown(block: CodeBlock, valueLines: readonly string[], index: TextPositions, line: number, column: number): { line: number; column: number } {
  const fenceLine = block.node.position!.start.line;
  const markdownLine = fenceLine + line;
  const valueLine = valueLines[line - 1] ?? "";
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

/** A code error's range in the Markdown file; `valueLines` is the block's value split into lines, once per block. */
export function codeRangeToMarkdown(block: CodeBlock, valueLines: readonly string[], index: TextPositions, error: CodeSyntaxError): Range {
  return {
    start: codePositionToMarkdown(block, valueLines, index, error.line, error.column),
    end: codePositionToMarkdown(block, valueLines, index, error.endLine, error.endColumn),
  };
}

/**
 * Positions inside one code string: UTF-16 line/column points and UTF-8 byte offsets (Prism
 * reports bytes). A parser can report thousands of errors in one block, so each conversion
 * continues from where the previous one stopped when it asks for a later offset: mapping a
 * block's errors in order costs one pass over it, not one pass per error.
 */
export class CodeOffsets {
  private line = { index: 0, line: 1, lineStart: 0 };
  private bytes = { index: 0, bytes: 0 };

  constructor(readonly code: string) {}

  /** 1-based line/column (UTF-16) of an offset (UTF-16). */
  point(offset: number): { line: number; column: number } {
    const code = this.code;
    if (this.line.index > offset) this.line = { index: 0, line: 1, lineStart: 0 };
    const pass = this.line;
    for (; pass.index < offset && pass.index < code.length; pass.index++) {
      const character = code.charCodeAt(pass.index);
      if (character === 10 || (character === 13 && code.charCodeAt(pass.index + 1) !== 10)) {
        pass.line++;
        pass.lineStart = pass.index + 1;
      }
    }
    return { line: pass.line, column: Math.min(offset, code.length) - pass.lineStart + 1 };
  }

  /** The UTF-16 offset of a UTF-8 byte offset. */
  fromUtf8(byteOffset: number): number {
    const code = this.code;
    if (this.bytes.bytes > byteOffset) this.bytes = { index: 0, bytes: 0 };
    const pass = this.bytes;
    while (pass.index < code.length && pass.bytes < byteOffset) {
      const point = code.codePointAt(pass.index)!;
      pass.bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
      pass.index += point > 0xffff ? 2 : 1;
    }
    return pass.index;
  }
}

/** Sorts errors by position and keeps the first per line: parsers cascade after the first mistake. */
export function firstErrorPerLine(errors: readonly CodeSyntaxError[]): CodeSyntaxError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  const seen = new Set<number>();
  return sorted.filter((error) => (seen.has(error.line) ? false : (seen.add(error.line), true)));
}

/** A syntax error spanning [startOffset, endOffset) of the code (UTF-16 offsets), as a code-relative error. */
export function codeSyntaxError(offsets: CodeOffsets, message: string, startOffset: number, endOffset: number): CodeSyntaxError {
  const start = offsets.point(startOffset);
  let end = offsets.point(Math.max(endOffset, startOffset));
  // A zero-width error (e.g. "unexpected end of input") still needs one visible character.
  if (end.line === start.line && end.column <= start.column) end = { line: start.line, column: start.column + 1 };
  if (end.line !== start.line) end = { line: start.line, column: start.column + 1 };
  return { message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
