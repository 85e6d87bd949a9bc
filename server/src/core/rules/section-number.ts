import type { DocumentRule } from "../types";

/** A number written in front of a section heading must be the template's number for it. */
const rule: DocumentRule = {
  meta: {
    id: "section-number",
    description: "A numbered section heading carries the template's number for that section.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, report }) {
    for (const section of outline.sections) {
      const template = section.template;
      if (!template || section.declaredNumber === undefined || section.declaredNumber === template.number) continue;
      report({
        message: `Section '${template.title}' is numbered ${section.declaredNumber}; the template numbers it ${template.number} (expected '${template.number}. ${template.title}').`,
        range: section.headingRange,
        data: { number: template.number, found: section.declaredNumber },
      });
    }
  },
};

export default rule;
