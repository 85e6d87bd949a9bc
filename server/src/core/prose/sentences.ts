import type { RootContent } from "mdast";

/**
 * A light sentence split of the same prose the prose model reads (paragraphs, list items and
 * block quotes; not code, HTML, tables or headings), for rules that run on the whole document on
 * every keystroke: it walks the mdast text nodes and splits them with two regular expressions,
 * about a tenth of the cost of `proseSentences` (mdast to nlcst) on a whole scenario. A sentence
 * never spans two paragraphs; inline code counts as words but never ends a sentence.
 * Pure: the nodes and the text they were parsed from come in, nothing is read.
 */

export interface PlainWord {
  /** The word as written (inline code keeps its own spelling). */
  text: string;
  /** Offset of the word in the text, or of its inline-code node when the word is inside one. */
  start: number;
  end: number;
}

export interface PlainSentence {
  /** Offsets into the text, end exclusive: from the first word to the sentence's final stop. */
  start: number;
  end: number;
  words: PlainWord[];
}

/** Node types that are not prose. */
const NOT_PROSE: ReadonlySet<string> = new Set(["code", "html", "heading", "table", "yaml", "definition", "footnoteDefinition", "thematicBreak"]);

/** A word: letters and digits, joined by inner hyphens, apostrophes, dots, slashes or underscores ("over-admit", "2.5", "e.g", "SKIP_LOCKED"). */
const WORD = /[\p{L}\p{N}]+(?:['’._/-][\p{L}\p{N}]+)*/gu;

/**
 * A stop that ends a sentence, matched where a word ends: ".", "!" or "?" with closing marks on
 * either side ("(10.2).", "decides.**"), then white space or the end of the piece.
 */
const STOP = /^[)\]"'’”*_]*[.!?]+[)\]"'’”*_]*(?=\s|$)/u;

/** How far past a word a stop is looked for (a slice, not the rest of a long paragraph). */
const STOP_WINDOW = 16;

/** The characters a stop can start with: a cheap test before the regular expression runs. */
const STOP_START = /[.!?)\]"'’”*_]/u;

/** Words that a dot follows without ending the sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(["e.g", "i.e", "vs", "etc", "cf", "approx", "incl", "fig", "no", "mr", "ms", "dr", "st"]);

interface Piece {
  value: string;
  code: boolean;
  /** The offset in the text of a position in `value` (for inline code, of the node's start or end). */
  offsetOf(position: number): number;
}

/** The sentences of some top-level nodes, in document order. */
export function plainSentences(nodes: readonly RootContent[], text: string): PlainSentence[] {
  const sentences: PlainSentence[] = [];
  const visitBlock = (node: RootContent): void => {
    if (NOT_PROSE.has(node.type)) return;
    if (node.type === "paragraph") {
      splitParagraph(inlinePieces(node.children, text), sentences);
      return;
    }
    if ("children" in node) for (const child of node.children as RootContent[]) visitBlock(child);
  };
  for (const node of nodes) visitBlock(node);
  return sentences;
}

/** The text of a paragraph's inline nodes, piece by piece, with where each piece lies in the text. */
function inlinePieces(children: readonly RootContent[], text: string): Piece[] {
  const pieces: Piece[] = [];
  const visit = (node: RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === "text" || node.type === "inlineCode") {
      if (start === undefined || end === undefined) return;
      if (node.type === "inlineCode") {
        pieces.push({ value: node.value, code: true, offsetOf: (position) => (position === 0 ? start : end) });
        return;
      }
      const source = text.slice(start, end);
      // A text node's value is its source unless it holds escapes or character references.
      const offsets = source === node.value ? undefined : alignOffsets(source, node.value);
      pieces.push({ value: node.value, code: false, offsetOf: (position) => start + (offsets ? offsets[position]! : position) });
      return;
    }
    if (node.type === "break" || node.type === "html" || node.type === "image" || node.type === "imageReference") return;
    if ("children" in node) for (const child of node.children as RootContent[]) visit(child);
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

function splitParagraph(pieces: readonly Piece[], sentences: PlainSentence[]): void {
  let words: PlainWord[] = [];
  const close = (end: number): void => {
    if (words.length) sentences.push({ start: words[0]!.start, end: Math.max(end, words[words.length - 1]!.end), words });
    words = [];
  };
  for (const [index, piece] of pieces.entries()) {
    // A stop after the last word: ".", "!" or "?", unless that word is an abbreviation ("e.g.").
    // At the end of a piece, the next piece must start with white space (or there is none).
    const stopAt = (position: number): void => {
      const last = words[words.length - 1];
      if (!last || piece.code || !STOP_START.test(piece.value.charAt(position)) || ABBREVIATIONS.has(last.text.toLowerCase())) return;
      const window = piece.value.slice(position, position + STOP_WINDOW);
      const stop = STOP.exec(window);
      if (!stop || (stop[0].length === window.length && position + STOP_WINDOW < piece.value.length)) return;
      const stopEnd = position + stop[0].length;
      const next = pieces[index + 1];
      if (stopEnd === piece.value.length && next && !/^\s/.test(next.value)) return;
      close(piece.offsetOf(stopEnd));
    };
    // The stop may open a piece: "run `make`. Then", "[the link](url). Then".
    stopAt(0);
    for (const match of piece.value.matchAll(WORD)) {
      const wordEnd = match.index + match[0].length;
      // A word of inline code spans the whole code span, backticks included.
      words.push({ text: match[0], start: piece.offsetOf(piece.code ? 0 : match.index), end: piece.offsetOf(piece.code ? piece.value.length : wordEnd) });
      stopAt(wordEnd);
    }
  }
  close(0);
}
