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
    const lineStart = offsetOfLine(edit.startLine);
    const lineEnd = offsetOfLine(edit.endLine);
    const needsBreak = edit.text !== "" && lineStart === text.length && text.length > 0 && !/[\r\n]$/.test(text);
    const replacement = needsBreak ? eol + edit.text : edit.text;
    // An editor receives only what changes, so a fix that rewrites one figure in a line moves no
    // cursor, mark or diagnostic elsewhere on it.
    const [prefix, suffix] = commonEnds(text.slice(lineStart, lineEnd), replacement);
    const startOffset = lineStart + prefix;
    const endOffset = lineEnd - suffix;
    return { range: index.rangeAt(startOffset, endOffset), startOffset, endOffset, newText: replacement.slice(prefix, replacement.length - suffix) };
  });
}

/** Whether a cut between these two code units would split a surrogate pair or a CRLF. */
function splits(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

/** The lengths of the longest common prefix and suffix of two texts, never overlapping and never splitting a character or a CRLF. */
function commonEnds(old: string, replacement: string): [number, number] {
  const limit = Math.min(old.length, replacement.length);
  let prefix = 0;
  while (prefix < limit && old.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && (splits(old.charCodeAt(prefix - 1), old.charCodeAt(prefix)) || splits(replacement.charCodeAt(prefix - 1), replacement.charCodeAt(prefix)))) prefix--;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) suffix++;
  const at = (value: string, offset: number): number | undefined => (offset >= 0 && offset < value.length ? value.charCodeAt(offset) : undefined);
  while (suffix > 0 && (splits(at(old, old.length - suffix - 1), at(old, old.length - suffix)) || splits(at(replacement, replacement.length - suffix - 1), at(replacement, replacement.length - suffix)))) suffix--;
  return [prefix, suffix];
}

/** Applies line edits to a text (the CLI's --fix and the tests); edits must not overlap. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const resolved = resolveLineEdits(text, edits).sort((a, b) => b.startOffset - a.startOffset || b.endOffset - a.endOffset);
  let result = text;
  for (const edit of resolved) result = result.slice(0, edit.startOffset) + edit.newText + result.slice(edit.endOffset);
  return result;
}

