import { LineIndex, textLines } from "./positions";
import type { LineEdit, Range } from "./types";

/**
 * Edits on whole lines, the form every structural fix takes: resolved to exact positions for an
 * editor, or applied to a text for the CLI's --fix and the tests.
 */

export interface Lines {
  lines: string[];
  eol: string;
  /** Whether the text ends with a line break. */
  finalEol: boolean;
}

/** A text's lines, its line break and whether it ends with one. */
export function splitLines(text: string): Lines {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = textLines(text);
  const finalEol = lines.length > 1 && lines[lines.length - 1] === "";
  if (finalEol) lines.pop();
  return { lines, eol, finalEol };
}

/** A line edit resolved to exact positions in one text: 1-based range (end exclusive) and offsets. */
export interface ResolvedEdit {
  range: Range;
  startOffset: number;
  endOffset: number;
  newText: string;
}

/**
 * Resolves line edits against a text. Lines past the end mean "at the end"; when the text does
 * not end with a line break, one is added before the inserted lines so they never glue on.
 */
export function resolveLineEdits(text: string, edits: readonly LineEdit[]): ResolvedEdit[] {
  const index = new LineIndex(text);
  const starts: number[] = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index! + match[0].length);
  const lineCount = text.endsWith("\n") || text.endsWith("\r") ? starts.length - 1 : starts.length;
  const offsetOfLine = (line: number): number => (line <= lineCount ? starts[line - 1]! : text.length);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return edits.map((edit) => {
    const startOffset = offsetOfLine(edit.startLine);
    const endOffset = offsetOfLine(edit.endLine);
    const needsBreak = edit.text !== "" && startOffset === text.length && text.length > 0 && !/[\r\n]$/.test(text);
    return {
      range: index.rangeAt(startOffset, endOffset),
      startOffset,
      endOffset,
      newText: needsBreak ? eol + edit.text : edit.text,
    };
  });
}

/** Applies line edits to a text (the CLI's --fix and the tests); edits must not overlap. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const resolved = resolveLineEdits(text, edits).sort((a, b) => b.startOffset - a.startOffset || b.endOffset - a.endOffset);
  let result = text;
  for (const edit of resolved) result = result.slice(0, edit.startOffset) + edit.newText + result.slice(edit.endOffset);
  return result;
}

