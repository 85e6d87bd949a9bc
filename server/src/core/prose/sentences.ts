import type { RootContent } from "mdast";
import { inlinePieces } from "./inline";

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
      splitParagraph(paragraphPieces(node.children, text), sentences);
      return;
    }
    if ("children" in node) for (const child of node.children as RootContent[]) visitBlock(child);
  };
  for (const node of nodes) visitBlock(node);
  return sentences;
}

/** The text and code pieces of a paragraph, with where each lies in the text. */
function paragraphPieces(children: readonly RootContent[], text: string): Piece[] {
  return inlinePieces(children, text).flatMap((piece): Piece[] => {
    if (piece.kind === "text") return [{ value: piece.value, code: false, offsetOf: piece.offsetOf }];
    if (piece.kind === "code") return [{ value: piece.value, code: true, offsetOf: (position) => (position === 0 ? piece.start : piece.end) }];
    return [];
  });
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
