import { indexBlockIsCurrent, localMarkdownLinks } from "../indexFile";
import type { DocumentRule } from "../types";

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
    const links = localMarkdownLinks(text);
    const linked = new Set(links.map((link) => link.target));
    const files = new Set(library.map((entry) => entry.fileName));
    for (const link of links) {
      if (files.has(link.target)) continue;
      report({
        message: `Link to '${link.target}', which is not a scenario in this folder; fix the link or remove it.`,
        range: index.rangeAt(link.offset, link.offset + link.target.length),
        data: { target: link.target },
      });
    }
    for (const entry of library) {
      if (linked.has(entry.fileName)) continue;
      report({
        message: `Scenario '${entry.fileName}' ('${entry.title}') is not listed in the index; run 'Scenario: Regenerate Index' or add a link to it.`,
        range: outline.title?.range ?? { start, end: start },
        data: { fileName: entry.fileName },
      });
    }
    if (indexBlockIsCurrent(text, library) === false) {
      const offset = text.indexOf("<!-- scenario-index:start");
      report({
        message: "The generated catalogue is out of date with the scenario files; run 'Scenario: Regenerate Index' (or scenario-lint --regenerate-index).",
        range: index.rangeAt(offset, offset + "<!-- scenario-index:start".length),
      });
    }
  },
};

export default rule;
