import { sectionLabel } from "../engine/describe";
import type { DocumentRule, SectionSummary } from "../engine/types";

/** Each template section appears once; every repeat is reported with the line of the first. */
const rule: DocumentRule = {
  meta: {
    id: "duplicate-section",
    description: "No template section appears twice.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, report }) {
    const first = new Map<number, SectionSummary>();
    for (const section of outline.sections) {
      if (!section.template) continue;
      const earlier = first.get(section.template.number);
      if (!earlier) {
        first.set(section.template.number, section);
        continue;
      }
      report({
        message: `Duplicate ${sectionLabel(section.template)}: already defined at line ${earlier.startLine}; merge the two or turn this one into a subsection.`,
        range: section.headingRange,
      });
    }
  },
};

export default rule;
