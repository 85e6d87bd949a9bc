import type { PhrasingContent, RootContent } from "mdast";
import { visit } from "unist-util-visit";
import { inlinePieces } from "./inline";

/**
 * Runs of prose as a reader sees them: the text of one paragraph, list item paragraph or table
 * cell, with emphasis and links flattened ("**2,400** ext/s" reads "2,400 ext/s"), and a map back
 * to offsets in the Markdown. Inline code, HTML and images become a break character, so a
 * calculation never runs through code. Code blocks, HTML blocks and headings are not prose.
 */

/** Stands where inline code, HTML or an image was: no expression runs across it. */
export const RUN_BREAK = "\u0000";

export interface ProseRun {
  text: string;
  /** The run's text pieces, in order: where each starts in the run and the way back to the Markdown. */
  pieces: Array<{ runStart: number; length: number; offsetOf(position: number): number }>;
}

/**
 * The Markdown offset of a run offset. Past the end of a text piece (on a break character) it
 * falls on the end of the piece before.
 */
export function sourceOffset(run: ProseRun, offset: number): number {
  let before: ProseRun["pieces"][number] | undefined;
  for (const piece of run.pieces) {
    if (piece.runStart > offset) break;
    before = piece;
  }
  if (!before) return run.pieces[0]?.offsetOf(0) ?? 0;
  return before.offsetOf(Math.min(offset - before.runStart, before.length));
}

const NOT_PROSE = new Set(["code", "html", "heading", "yaml", "definition", "toml"]);

export function proseRuns(nodes: readonly RootContent[], source: string): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const root of nodes) {
    if (NOT_PROSE.has(root.type)) continue;
    visit(root, (node) => {
      if (node.type === "code" || node.type === "html" || node.type === "heading") return "skip";
      if (node.type !== "paragraph" && node.type !== "tableCell") return undefined;
      const run: ProseRun = { text: "", pieces: [] };
      for (const piece of inlinePieces((node as { children: PhrasingContent[] }).children, source)) {
        if (piece.kind === "text") {
          run.pieces.push({ runStart: run.text.length, length: piece.value.length, offsetOf: piece.offsetOf });
          run.text += piece.value;
        } else run.text += piece.kind === "break" ? "\n" : RUN_BREAK;
      }
      if (run.text.trim()) runs.push(run);
      return "skip";
    });
  }
  return runs;
}
