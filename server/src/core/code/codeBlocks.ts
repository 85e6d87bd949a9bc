import type { Code, RootContent } from "mdast";
import { visit } from "unist-util-visit";

/** A code block found in a section, with what its info string says. */
export interface CodeBlock {
  node: Code;
  /** Lowercased language of the info string, "" when untagged. */
  language: string;
  /** The words after the language, e.g. ["runnable", "needs=redis"]. */
  meta: string[];
  /** True for ``` or ~~~ fences, false for indented code. */
  fenced: boolean;
}

/** Every code block inside the given nodes, at any depth (lists, block quotes included). */
export function codeBlocksIn(nodes: readonly RootContent[], text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const root of nodes) {
    visit(root, "code", (node: Code) => {
      const offset = node.position?.start.offset;
      const first = offset === undefined ? "" : text.slice(offset, offset + 3);
      blocks.push({
        node,
        language: (node.lang ?? "").toLowerCase(),
        meta: (node.meta ?? "").split(/\s+/).filter(Boolean),
        fenced: first.startsWith("```") || first.startsWith("~~~"),
      });
    });
  }
  return blocks;
}

/**
 * The servers a ```ruby runnable block can ask for with `needs=`: what `npm run examples`
 * starts for it. The harness and the snippets both read this list.
 */
export const EXAMPLE_SERVICES = ["redis", "postgres"] as const;
export type ExampleService = (typeof EXAMPLE_SERVICES)[number];

/** Info-string languages that mark a block as an ASCII diagram; "" is an untagged fence. */
export const DEFAULT_DIAGRAM_LANGUAGES: readonly string[] = ["", "text", "ascii", "txt", "plain", "plaintext"];

export const diagramLanguagesSchema = {
  type: "object",
  properties: {
    languages: {
      type: "array",
      items: { type: "string" },
      description: 'Info-string languages that mark a fence as an ASCII diagram; "" is an untagged fence.',
    },
  },
  additionalProperties: false,
} as const;
