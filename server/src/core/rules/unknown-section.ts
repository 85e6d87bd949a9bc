import { closestSection } from "../template/template";
import type { DocumentRule } from "../engine/types";

/** A section-level heading the template does not know: usually a subsection at the wrong depth or a typo. */
const rule: DocumentRule = {
  meta: {
    id: "unknown-section",
    description: "Every section-level heading names one of the template's sections.",
    defaultSeverity: "warn",
  },
  scope: "document",
  check({ outline, report }) {
    const marks = "#".repeat(outline.sectionDepth + 1);
    for (const section of outline.sections) {
      if (section.template) continue;
      const suggestion = closestSection(section.headingText);
      const hint = suggestion
        ? `did you mean '${suggestion.number}. ${suggestion.title}'?`
        : `if it belongs to a section, make it a subsection ('${marks} ${section.titleText}').`;
      report({
        message: `Unknown section '${section.headingText}': not one of the template's 17 sections; ${hint}`,
        range: section.headingRange,
      });
    }
  },
};

export default rule;
