import type { RootContent } from "mdast";

/**
 * The inline content of one paragraph or table cell as the prose readers take it: its pieces in
 * order, each text piece with the way back from a position in its value to an offset in the
 * Markdown. Emphasis, links and other containers are flattened ("**2,400** ext/s" is the pieces
 * "2,400" and " ext/s"); inline code keeps its own spelling and the place of its whole span.
 * Pure: the nodes and the text they were parsed from come in, nothing is read.
 */
export type InlinePiece =
  | { kind: "text"; value: string; offsetOf(position: number): number }
  | { kind: "code"; value: string; start: number; end: number }
  /** A hard line break. */
  | { kind: "break" }
  /** HTML or an image: nothing a reader reads as prose. */
  | { kind: "opaque" };

export function inlinePieces(children: readonly RootContent[], text: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  const visit = (node: RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    switch (node.type) {
      case "text": {
        if (start === undefined || end === undefined) return;
        const source = text.slice(start, end);
        // A text node's value is its source unless it holds escapes, character references or
        // the indentation of a continuation line.
        const offsets = source === node.value ? undefined : alignOffsets(source, node.value);
        pieces.push({ kind: "text", value: node.value, offsetOf: (position) => start + (offsets ? offsets[position]! : position) });
        return;
      }
      case "inlineCode":
        if (start !== undefined && end !== undefined) pieces.push({ kind: "code", value: node.value, start, end });
        return;
      case "break":
        pieces.push({ kind: "break" });
        return;
      case "html":
      case "image":
      case "imageReference":
        pieces.push({ kind: "opaque" });
        return;
      default:
        if ("children" in node) for (const child of node.children as RootContent[]) visit(child);
        else pieces.push({ kind: "opaque" });
    }
  };
  for (const child of children) visit(child);
  return pieces;
}

/** A character reference as CommonMark reads it: named, decimal or hexadecimal. */
const CHARACTER_REFERENCE = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * For each position of a text node's value (and one past its end), the offset in its source:
 * a backslash escape is two source characters for one, a character reference several, and a
 * continuation line's indentation or "> " is not in the value at all.
 */
function alignOffsets(source: string, value: string): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (let position = 0; position < value.length; position++) {
    // Indentation and block-quote markers the parser dropped from a continuation line.
    while ((source[at] === " " || source[at] === "\t" || source[at] === ">") && source[at] !== value[position]) at++;
    offsets.push(Math.min(at, source.length));
    if (source[at] === "\\" && source[at + 1] === value[position]) {
      at += 2;
      continue;
    }
    // A reference the parser decoded (an unknown name such as "&foo;" stays as written).
    const reference = source[at] === "&" ? CHARACTER_REFERENCE.exec(source.slice(at, at + 40)) : null;
    if (reference && !value.startsWith(reference[0], position)) {
      at += reference[0].length;
      // A reference can decode to two UTF-16 units; the second maps to the same place.
      if (value.codePointAt(position)! > 0xffff) {
        position++;
        offsets.push(Math.min(at, source.length));
      }
    } else at += 1;
  }
  offsets.push(Math.min(at, source.length));
  return offsets;
}
