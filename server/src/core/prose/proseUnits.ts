import type { PhrasingContent, RootContent } from "mdast";

/**
 * A section's prose cut into the units a reader takes in one go: each sentence of a paragraph,
 * each list item, each table row, each subheading. Code blocks and HTML are not prose. Every
 * word keeps whether it was set in bold or italics, since an author who writes "the **relay**"
 * is naming a component. Pure: the nodes come in, nothing is read.
 */

export interface UnitWord {
  /** The word as written. */
  text: string;
  emphasized: boolean;
}

export type ProseUnit = UnitWord[];

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[.!?](?=\s|$)/gu;

/** The words of some inline content, with sentence-ending punctuation kept as its own token. */
function wordsOf(nodes: readonly PhrasingContent[], emphasized: boolean, into: UnitWord[]): void {
  for (const node of nodes) {
    if (node.type === "text") {
      for (const match of node.value.matchAll(WORD)) into.push({ text: match[0], emphasized });
    } else if (node.type === "inlineCode") {
      // Code names a thing only when it is a plain word (`PgBouncer`), not an identifier (`pg_timezone_names`).
      for (const token of node.value.split(/\s+/)) if (/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u.test(token)) into.push(...[...token.matchAll(WORD)].map((match) => ({ text: match[0], emphasized })));
    } else if (node.type === "strong" || node.type === "emphasis") {
      wordsOf(node.children, true, into);
    } else if ("children" in node) {
      wordsOf(node.children as PhrasingContent[], emphasized, into);
    }
  }
}

/** Cuts a paragraph's words into sentences: a `.`, `!` or `?` followed by a capitalised word ends one. */
function sentences(words: readonly UnitWord[]): ProseUnit[] {
  const units: ProseUnit[] = [];
  let current: UnitWord[] = [];
  words.forEach((word, index) => {
    const isEnd = /^[.!?]$/.test(word.text);
    if (!isEnd) current.push(word);
    const next = words[index + 1];
    if (isEnd && (!next || /^[\p{Lu}\p{N}]/u.test(next.text))) {
      if (current.length) units.push(current);
      current = [];
    }
  });
  if (current.length) units.push(current);
  return units;
}

/** Every prose unit of some top-level nodes, in document order. */
export function proseUnits(nodes: readonly RootContent[]): ProseUnit[] {
  const units: ProseUnit[] = [];
  const inline = (children: readonly PhrasingContent[]): UnitWord[] => {
    const words: UnitWord[] = [];
    wordsOf(children, false, words);
    return words;
  };
  const strip = (words: UnitWord[]): UnitWord[] => words.filter((word) => !/^[.!?]$/.test(word.text));
  const visit = (node: RootContent): void => {
    switch (node.type) {
      case "paragraph":
        units.push(...sentences(inline(node.children)));
        return;
      case "heading":
        units.push(strip(inline(node.children)));
        return;
      case "listItem": {
        // The item's own paragraphs are one unit; a nested list's items are units of their own.
        const words: UnitWord[] = [];
        for (const child of node.children) {
          if (child.type === "paragraph") words.push(...inline(child.children));
          else visit(child);
        }
        units.push(strip(words));
        return;
      }
      case "table":
        for (const row of node.children) units.push(strip(row.children.flatMap((cell) => inline(cell.children))));
        return;
      case "list":
      case "blockquote":
        for (const child of node.children) visit(child);
        return;
      default:
        return;
    }
  };
  for (const node of nodes) visit(node);
  return units.filter((unit) => unit.length > 0);
}
