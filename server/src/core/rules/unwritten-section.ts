import { summaryLabel } from "../engine/describe";
import type { SectionRule } from "../engine/types";

/**
 * A section that still holds only the scaffold New Scenario wrote. One message per section, on
 * its heading: a to-do list for the author rather than a wall of placeholder and content
 * problems (the engine holds the other section rules back on such a section; see unwritten.ts).
 */
const rule: SectionRule = {
  meta: {
    id: "unwritten-section",
    description: "No section still holds only its scaffold (reported once per section, as a to-do).",
    defaultSeverity: "warn",
    presentation: "todo",
    claimsUnwrittenSections: true,
  },
  scope: "section",
  check({ section, report }) {
    if (!section.facts.isUnwritten) return;
    const { summary } = section;
    report({
      message: `To do: ${summaryLabel(summary)} is not written yet; it still holds only its scaffold. Expected: ${summary.template!.requirement}`,
      range: summary.headingRange,
    });
  },
};

export default rule;
