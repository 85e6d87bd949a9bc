import type { Root as MdastRoot, RootContent } from "mdast";
import type { Root as NlcstRoot, Sentence as NlcstSentence, Word } from "nlcst";
import { toNlcst } from "mdast-util-to-nlcst";
import { toString as nlcstToString } from "nlcst-to-string";
import { ParseEnglish } from "parse-english";
import { VFile } from "vfile";

/**
 * The prose model: sentences and words with their offsets in the Markdown text, the unified
 * way (mdast to nlcst). Code, HTML, tables and headings are not prose and are left out; inline
 * code stays in a sentence as a source node, so "run `make`" is one sentence. Rules that read
 * sentences (repetition, filler, arithmetic) use this instead of flattening text themselves.
 * Pure: the text and the tree come in, nothing is read.
 */

export interface ProseWord {
  text: string;
  start: number;
  end: number;
}

export interface ProseSentence {
  text: string;
  /** Offsets into the text the nodes were parsed from, end exclusive. */
  start: number;
  end: number;
  words: ProseWord[];
}

/** Node types that are not prose; tables are always skipped by mdast-util-to-nlcst. */
const NOT_PROSE = ["code", "html", "heading", "yaml", "definition", "footnoteDefinition"];

/** The nlcst tree of some top-level nodes of `text` (a section's, or a whole document's). */
export function proseTree(nodes: readonly RootContent[], text: string): NlcstRoot {
  const root: MdastRoot = { type: "root", children: [...nodes], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } } };
  return toNlcst(root, new VFile(text), ParseEnglish, { ignore: NOT_PROSE }) as NlcstRoot;
}

/** The sentences of some top-level nodes, each with its words, in document order. */
export function proseSentences(nodes: readonly RootContent[], text: string): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === "SentenceNode") {
      const sentence = node as unknown as NlcstSentence;
      const start = sentence.position?.start.offset;
      const end = sentence.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const words = sentence.children
        .filter((child): child is Word => child.type === "WordNode")
        .flatMap((word) => (word.position?.start.offset === undefined || word.position.end.offset === undefined ? [] : [{ text: nlcstToString(word), start: word.position.start.offset, end: word.position.end.offset }]));
      sentences.push({ text: nlcstToString(sentence), start, end, words });
      return;
    }
    for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) visit(child);
  };
  visit(proseTree(nodes, text));
  return sentences;
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
 * Runs prose plugins (retext-intensify, retext-simplify, ... chosen and loaded by the host, as
 * the code parsers are) over some nodes' prose and returns their findings at Markdown offsets.
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
