import type { Root as MdastRoot, RootContent } from "mdast";
import type { Root as NlcstRoot } from "nlcst";
import { toNlcst } from "mdast-util-to-nlcst";
import { ParseEnglish } from "parse-english";
import { VFile } from "vfile";

/**
 * The prose model the unified way (mdast to nlcst, as remark-retext builds it), for retext
 * plugins: code, HTML, tables and headings are not prose and are left out; inline code stays in
 * a sentence as a source node. `filler` runs retext-intensify and retext-simplify over it. Rules
 * that only need sentences or text use the cheaper readers beside it (sentences.ts, proseRuns.ts).
 * Pure: the text and the tree come in, nothing is read.
 */

/** Node types that are not prose; tables are always skipped by mdast-util-to-nlcst. */
const NOT_PROSE = ["code", "html", "heading", "yaml", "definition", "footnoteDefinition"];

/** The nlcst tree of some top-level nodes of `text` (a section's, or a whole document's). */
export function proseTree(nodes: readonly RootContent[], text: string): NlcstRoot {
  const root: MdastRoot = { type: "root", children: [...nodes], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } } };
  return toNlcst(root, new VFile(text), ParseEnglish, { ignore: NOT_PROSE }) as NlcstRoot;
}

/** A retext-style plugin: reads the nlcst tree and reports through the file, as retext plugins do. */
export type ProsePlugin = () => (tree: NlcstRoot, file: VFile) => void;

export interface ProseFinding {
  message: string;
  /** The plugin's rule name (e.g. retext-intensify's "hedge"), when it gives one. */
  ruleId: string | undefined;
  start: number;
  end: number;
}

/**
 * Runs retext-style plugins (retext-intensify, retext-simplify: pure JavaScript, imported by the
 * rule that runs them) over some nodes' prose and returns their findings at Markdown offsets.
 */
export function runProsePlugins(nodes: readonly RootContent[], text: string, plugins: readonly ProsePlugin[]): ProseFinding[] {
  const tree = proseTree(nodes, text);
  const file = new VFile(text);
  for (const plugin of plugins) plugin()(tree, file);
  return file.messages.flatMap((message) => {
    const start = message.place && "start" in message.place ? message.place.start.offset : undefined;
    const end = message.place && "end" in message.place ? message.place.end.offset : undefined;
    return start === undefined || end === undefined ? [] : [{ message: message.reason, ruleId: message.ruleId ?? undefined, start, end }];
  });
}
