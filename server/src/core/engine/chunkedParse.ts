import type { Root, RootContent } from "mdast";
import { parseMarkdown } from "./parse";

/**
 * Parsing a document in pieces, so that an edit re-parses only the piece it touched.
 *
 * The document is cut before every line that starts, in column 1, an ATX heading of level 1
 * or 2 (`# ` or `## `): the section headings. Each piece is parsed alone and cached by its
 * text; the pieces' trees, shifted to their place, are joined into one root. The result is the
 * tree `parseMarkdown` gives for the whole text (test/chunkedParse.test.ts compares them over
 * generated documents and edit sequences), because a cut is kept only where the whole-document
 * parse has a block boundary with nothing left open:
 *
 * - An ATX heading in column 1 closes every open list item and block quote (it is never a lazy
 *   continuation line) and interrupts a paragraph, so the previous piece's containers end there.
 * - What a heading does not close is a fenced code block without its closing fence and an HTML
 *   block (types 1-5 run to their end marker, 6-7 to a blank line). A piece whose last top-level
 *   block is one of these, reaching the piece's end, is merged with the next piece and the two are
 *   parsed together; so a `## ` line inside a code block never splits anything.
 * - Front matter may hold `# ` lines (YAML comments): no cut is made inside it.
 * - A link reference definition in one piece changes how another piece's inline text parses,
 *   so a document with any definition is parsed whole.
 */
export interface ChunkedParser {
  parse(text: string): Root;
  /** Pieces parsed (cache misses) and whole-document parses so far; for tests and the benchmark. */
  readonly stats: { piecesParsed: number; wholeParses: number };
}

interface Piece {
  start: number;
  /** The 0-based line the piece starts on. */
  line: number;
  text: string;
}

const SECTION_HEADING_START = /^#{1,6}(?:[ \t]|$)/;
const LINE_BREAK = /\r\n|\r|\n/g;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

/** The offsets and 0-based line numbers of every line start in the text. */
function lineStarts(text: string): Array<{ offset: number; line: number }> {
  const starts = [{ offset: 0, line: 0 }];
  if (!text.includes("\r")) {
    for (let index = text.indexOf("\n"), line = 1; index !== -1; index = text.indexOf("\n", index + 1), line++) starts.push({ offset: index + 1, line });
    return starts;
  }
  LINE_BREAK.lastIndex = 0;
  for (let match = LINE_BREAK.exec(text), line = 1; match; match = LINE_BREAK.exec(text), line++) {
    starts.push({ offset: match.index + match[0].length, line });
  }
  return starts;
}

/** Where front matter ends (the offset after its closing line), or 0 when there is none. */
function frontMatterEnd(text: string, starts: ReadonlyArray<{ offset: number }>): number {
  if (!/^---[ \t]*(?:\r\n|\r|\n)/.test(text)) return 0;
  for (let index = 1; index < starts.length; index++) {
    const lineStart = starts[index]!.offset;
    const lineEnd = starts[index + 1]?.offset ?? text.length;
    if (/^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n)?$/.test(text.slice(lineStart, lineEnd))) return lineEnd;
  }
  // Unclosed: not front matter, but nothing is lost by not cutting anywhere in the document.
  return text.length;
}

function cut(text: string): Piece[] {
  const starts = lineStarts(text);
  const protectedUntil = frontMatterEnd(text, starts);
  const pieces: Piece[] = [];
  let current = { start: 0, line: 0 };
  for (const start of starts) {
    if (start.offset === 0 || start.offset < protectedUntil) continue;
    if (!SECTION_HEADING_START.test(text.slice(start.offset, start.offset + 7))) continue;
    pieces.push({ ...current, text: text.slice(current.start, start.offset) });
    current = { start: start.offset, line: start.line };
  }
  pieces.push({ ...current, text: text.slice(current.start) });
  return pieces;
}

/**
 * Whether the next piece's first line could belong to this piece's last block in the whole
 * document: a fenced code block left open, or an HTML block running to the piece's end.
 */
function leavesBlockOpen(tree: Root, text: string): boolean {
  const last = tree.children[tree.children.length - 1];
  if (!last?.position) return false;
  if (last.type === "html") return text.slice(last.position.end.offset).trim() === "";
  if (last.type !== "code") return false;
  const source = text.slice(last.position.start.offset, last.position.end.offset);
  const opening = FENCE_LINE.exec(source);
  if (!opening) return false; // indented code: closed by any non-indented line
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return true;
  const closing = FENCE_LINE.exec(lines[lines.length - 1]!);
  const fence = opening[1]!;
  return !(closing && closing[1]![0] === fence[0] && closing[1]!.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(lines[lines.length - 1]!));
}

function hasDefinition(nodes: readonly RootContent[]): boolean {
  return nodes.some((node) => node.type === "definition" || ("children" in node && hasDefinition(node.children as RootContent[])));
}

type Point = { line: number; column: number; offset?: number };

/** A copy of the node with every position moved down by `lines` lines and `offset` characters. */
function shifted<T extends object>(node: T, lines: number, offset: number): T {
  if (lines === 0 && offset === 0) return node;
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  const position = (node as { position?: { start: Point; end: Point } }).position;
  if (position) {
    const move = (point: Point): Point => ({ line: point.line + lines, column: point.column, offset: (point.offset ?? 0) + offset });
    copy["position"] = { start: move(position.start), end: move(position.end) };
  }
  const children = (node as { children?: unknown[] }).children;
  if (Array.isArray(children)) copy["children"] = children.map((child) => shifted(child as object, lines, offset));
  return copy as T;
}

export function createChunkedParser(): ChunkedParser {
  // The pieces of the last parse; a parse keeps only the pieces it used, so the cache holds one
  // version of the document, however many edits came before.
  let cache = new Map<string, Root>();
  let used = new Map<string, Root>();
  const definitions = new WeakMap<Root, boolean>();
  // A piece's children moved to where the piece last stood: a piece that did not move (every
  // piece before the edit) is not copied again.
  const placed = new WeakMap<Root, { line: number; start: number; children: RootContent[] }>();
  const place = (tree: Root, piece: Piece): RootContent[] => {
    const last = placed.get(tree);
    if (last && last.line === piece.line && last.start === piece.start) return last.children;
    const children = tree.children.map((child) => shifted(child, piece.line, piece.start));
    placed.set(tree, { line: piece.line, start: piece.start, children });
    return children;
  };
  const stats = { piecesParsed: 0, wholeParses: 0 };

  const parsePiece = (text: string): Root => {
    let tree = used.get(text) ?? cache.get(text);
    if (!tree) {
      stats.piecesParsed++;
      tree = parseMarkdown(text);
    }
    used.set(text, tree);
    return tree;
  };

  const parse = (text: string): Root => {
    used = new Map();
    const pieces = cut(text);
    const parsed: Array<{ piece: Piece; tree: Root }> = [];
    for (let index = 0; index < pieces.length; index++) {
      let piece = pieces[index]!;
      let tree = parsePiece(piece.text);
      while (index + 1 < pieces.length && leavesBlockOpen(tree, piece.text)) {
        const next = pieces[++index]!;
        piece = { start: piece.start, line: piece.line, text: piece.text + next.text };
        tree = parsePiece(piece.text);
      }
      parsed.push({ piece, tree });
    }
    const holdsDefinition = (tree: Root): boolean => {
      let found = definitions.get(tree);
      if (found === undefined) definitions.set(tree, (found = hasDefinition(tree.children)));
      return found;
    };
    cache = used;
    if (parsed.some(({ tree }) => holdsDefinition(tree))) {
      stats.wholeParses++;
      return parseMarkdown(text);
    }
    const children = parsed.flatMap(({ piece, tree }) => place(tree, piece));
    const last = parsed[parsed.length - 1]!;
    return {
      type: "root",
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: shifted({ position: last.tree.position }, last.piece.line, last.piece.start).position!.end },
    };
  };

  return { parse, stats };
}
