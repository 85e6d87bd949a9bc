import { closestSection } from "../template/template";
import { splitLines } from "../engine/lineEdits";
import type { DocumentRule } from "../engine/types";
import { misspeltSections, renameHeadingFix } from "./shared/structuralFixes";

/** A section-level heading the template does not know: usually a subsection at the wrong depth or a typo. */
const rule: DocumentRule = {
  meta: {
    id: "unknown-section",
    description: "Every section-level heading names one of the template's sections.",
    defaultSeverity: "warn",
  },
  scope: "document",
  check({ outline, text, report }) {
    const marks = "#".repeat(outline.sectionDepth + 1);
    const misspelt = misspeltSections(outline);
    // Lines are split only for a rename, so a document without misspellings costs nothing more.
    const lines = misspelt.size ? splitLines(text) : undefined;
    for (const section of outline.sections) {
      if (section.template) continue;
      const suggestion = closestSection(section.headingText);
      const hint = suggestion
        ? `did you mean '${suggestion.number}. ${suggestion.title}'?`
        : `if it belongs to a section, make it a subsection ('${marks} ${section.titleText}').`;
      // A rename is offered only while the section it names is missing: renaming to a section
      // the document has would make a duplicate.
      const claimed = suggestion && misspelt.get(suggestion.number)?.heading === section;
      report({
        message: `Unknown section '${section.headingText}': not one of the template's 17 sections; ${hint}`,
        range: section.headingRange,
        ...(claimed && lines ? { fixes: [renameHeadingFix(lines, section, suggestion)] } : {}),
      });
    }
  },
};

export default rule;
