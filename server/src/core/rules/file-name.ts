import { baseName, isKebabCaseMarkdownName, kebabFileName, slugify } from "../template/fileName";
import type { DocumentRule } from "../engine/types";

/** Buffers that have no file name yet (untitled editors, standard input) cannot be misnamed. */
function hasFileName(path: string): boolean {
  return !/^untitled:/i.test(path) && !/^<.*>$/.test(path) && /\.[A-Za-z0-9]+$/.test(baseName(path));
}

/** A scenario's file name is lowercase kebab-case ending in .md, e.g. `flash-sale-system.md`. */
const rule: DocumentRule = {
  meta: {
    id: "file-name",
    description: "A scenario's file name is lowercase kebab-case ending in .md.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ path, outline, report }) {
    if (!hasFileName(path)) return;
    const name = decodeURIComponent(baseName(path));
    if (isKebabCaseMarkdownName(name)) return;
    // The title says what the scenario is; the old name may be a draft name. Fall back to the
    // old name's slug when the title gives none (no title, or only punctuation).
    const fromTitle = outline.title ? slugify(outline.title.text) : "";
    const expected = fromTitle ? `${fromTitle}.md` : kebabFileName(name);
    report({
      message: `File name '${name}' is not lowercase kebab-case; expected '${expected}'${fromTitle ? " (from the title)" : ""}.`,
      range: outline.title?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      fixes: [{ kind: "rename", title: `Rename file to '${expected}'`, newName: expected, isPreferred: true }],
    });
  },
};

export default rule;
