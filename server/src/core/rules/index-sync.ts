import { blockSpan, indexBlockIsCurrent, localMarkdownLinks, regenerateIndex } from "../template/indexFile";
import { splitLines } from "../engine/lineEdits";
import type { DocumentRule, Fix, LibraryEntry } from "../engine/types";

/** The index with its catalogue regenerated, as one edit of the whole text. */
function regenerateFix(text: string, library: readonly LibraryEntry[]): Fix {
  return { kind: "edit", title: "Regenerate the index's catalogue", edits: [{ startLine: 1, endLine: splitLines(text).lines.length + 1, text: regenerateIndex(text, library) }] };
}

/**
 * The index (`README.md` beside the scenarios) lists every scenario, links no scenario that
 * does not exist, and its generated catalogue is current. The host supplies the scenarios it
 * found beside the index (`library`); the rule itself reads no files.
 */
const rule: DocumentRule = {
  meta: {
    id: "index-sync",
    description: "The library index links every scenario beside it, no missing file, and its generated catalogue is current.",
    defaultSeverity: "error",
    appliesTo: "index",
  },
  scope: "document",
  check({ text, library, outline, lineIndex, report }) {
    const start = { line: 1, column: 1 };
    if (!library) {
      report({ message: "The index could not be checked: this host did not list the scenario files beside it.", range: { start, end: start } });
      return;
    }
    const index = lineIndex();
    // Built once, however many unlisted scenarios offer it.
    let regenerate: Fix | undefined;
    const regenerateOnce = (): Fix => (regenerate ??= regenerateFix(text, library));
    const links = localMarkdownLinks(text);
    const linked = new Set(links.map((link) => link.target));
    const files = new Set(library.map((entry) => entry.fileName));
    for (const link of links) {
      if (files.has(link.target)) continue;
      report({
        message: `Link to '${link.target}', which is not a scenario in this folder; fix the link or remove it.`,
        range: index.rangeAt(link.offset, link.offset + link.target.length),
      });
    }
    for (const entry of library) {
      if (linked.has(entry.fileName)) continue;
      report({
        message: `Scenario '${entry.fileName}' ('${entry.title}') is not listed in the index; run 'Scenario: Regenerate Index' or add a link to it.`,
        range: outline.title?.range ?? { start, end: start },
        // Regenerating adds the missing entry to the catalogue, which links it.
        fixes: [regenerateOnce()],
      });
    }
    if (indexBlockIsCurrent(text, library) === false) {
      // The marker as written, whatever its spacing (`<!--scenario-index:start -->` too).
      const span = blockSpan(text)!;
      const markerEnd = text.indexOf("-->", span.start) + "-->".length;
      report({
        message: "The generated catalogue is out of date with the scenario files; run 'Scenario: Regenerate Index' (or scenario-lint --regenerate-index).",
        range: index.rangeAt(span.start, markerEnd),
        fixes: [regenerateOnce()],
      });
    }
  },
};

export default rule;
