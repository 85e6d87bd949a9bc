import type { PhrasingContent, RootContent } from "mdast";
import { visit } from "unist-util-visit";

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
  /** Pieces of the run whose characters map one to one onto the Markdown. */
  segments: Array<{ runStart: number; runEnd: number; sourceStart: number }>;
}

/** The Markdown offset of a run offset; inside an escape or entity it falls on the piece's start. */
export function sourceOffset(run: ProseRun, offset: number): number {
  let best = 0;
  for (const segment of run.segments) {
    if (offset >= segment.runStart && offset <= segment.runEnd) return segment.sourceStart + (offset - segment.runStart);
    if (segment.runStart <= offset) best = segment.sourceStart + (segment.runEnd - segment.runStart);
  }
  return best;
}

const NOT_PROSE = new Set(["code", "html", "heading", "yaml", "definition", "toml"]);

export function proseRuns(nodes: readonly RootContent[], source: string): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const root of nodes) {
    if (NOT_PROSE.has(root.type)) continue;
    visit(root, (node) => {
      if (node.type === "code" || node.type === "html" || node.type === "heading") return "skip";
      if (node.type !== "paragraph" && node.type !== "tableCell") return undefined;
      const run: ProseRun = { text: "", segments: [] };
      appendInline(run, (node as { children: PhrasingContent[] }).children, source);
      if (run.text.trim()) runs.push(run);
      return "skip";
    });
  }
  return runs;
}

function appendInline(run: ProseRun, children: readonly PhrasingContent[], source: string): void {
  for (const child of children) {
    if (child.type === "text") appendText(run, child.value, child.position?.start.offset, child.position?.end.offset, source);
    else if (child.type === "break") run.text += "\n";
    else if ("children" in child) appendInline(run, child.children as PhrasingContent[], source);
    else run.text += RUN_BREAK;
  }
}

/**
 * A text node's value differs from its source where Markdown escaped or indented it; each line
 * of the value is found in the source from where the previous one ended, and a line that is not
 * found verbatim maps to where it starts.
 */
function appendText(run: ProseRun, value: string, start: number | undefined, end: number | undefined, source: string): void {
  if (start === undefined || end === undefined) {
    run.text += value;
    return;
  }
  let cursor = start;
  const lines = value.split("\n");
  lines.forEach((line, index) => {
    if (index > 0) run.text += "\n";
    const found = source.indexOf(line, cursor);
    const runStart = run.text.length;
    run.text += line;
    if (found >= 0 && found + line.length <= end) {
      run.segments.push({ runStart, runEnd: runStart + line.length, sourceStart: found });
      cursor = found + line.length;
    } else {
      run.segments.push({ runStart, runEnd: runStart, sourceStart: cursor });
    }
  });
}
