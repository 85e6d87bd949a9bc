import type { Point, Range, TextPositions } from "./types";

/**
 * Maps string offsets to 1-based line/column points for one text. Columns count UTF-16 code
 * units, like remark's positions; "\r\n", "\r" and "\n" each end one line, as in remark.
 */
export class LineIndex implements TextPositions {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    if (!text.includes("\r")) {
      // The common case, found with indexOf (a fast scan) rather than character by character.
      for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) this.lineStarts.push(index + 1);
      return;
    }
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(index + 1) === 10) index++;
        this.lineStarts.push(index + 1);
      } else if (code === 10 /* \n */) {
        this.lineStarts.push(index + 1);
      }
    }
  }

  /** How many lines the text has (a final line break starts an empty last line, as in remark). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  pointAt(offset: number): Point {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  rangeAt(startOffset: number, endOffset: number): Range {
    return { start: this.pointAt(startOffset), end: this.pointAt(endOffset) };
  }

  /** The offset where a 1-based line starts; a line past the last one starts at the end of the text. */
  offsetOfLine(line: number): number {
    return line >= 1 && line <= this.lineStarts.length ? this.lineStarts[line - 1]! : line < 1 ? 0 : this.text.length;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return "";
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next).replace(/\r?\n$|\r$/, "");
  }
}

/** The lines of a text, "\r\n", "\r" and "\n" each ending one (as remark counts them). */
export function textLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}
