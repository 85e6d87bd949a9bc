import type { DocumentRule } from "../engine/types";
import { splitLines } from "../engine/lineEdits";
import { fixSectionNumberFix, renumberAllFix } from "./shared/structuralFixes";

/** A number written in front of a section heading must be the template's number for it. */
const rule: DocumentRule = {
  meta: {
    id: "section-number",
    description: "A numbered section heading carries the template's number for that section.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, text, report }) {
    const lines = splitLines(text);
    const all = renumberAllFix(outline, lines);
    for (const section of outline.sections) {
      const template = section.template;
      if (!template || section.declaredNumber === undefined || section.declaredNumber === template.number) continue;
      report({
        message: `Section '${template.title}' is numbered ${section.declaredNumber}; the template numbers it ${template.number} (expected '${template.number}. ${template.title}').`,
        range: section.headingRange,
        fixes: [fixSectionNumberFix(lines, section), ...(all ? [all] : [])],
      });
    }
  },
};

export default rule;
