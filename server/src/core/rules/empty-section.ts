import { capitalize, summaryLabel } from "../engine/describe";
import type { SectionRule } from "../engine/types";

/** A section whose body holds nothing but subheadings, thematic breaks, comments or whitespace. */
const rule: SectionRule = {
  meta: {
    id: "empty-section",
    description: "Every section has content of its own, not only subheadings or whitespace.",
    defaultSeverity: "error",
  },
  scope: "section",
  check({ section, report }) {
    if (section.isTitle) return;
    if (section.facts.hasContent) return;
    const { summary } = section;
    const expected = summary.template ? ` Expected: ${summary.template.requirement}` : "";
    const found = section.nodes.some((node) => node.type === "heading") ? "only subheadings" : "nothing";
    report({
      message: `${capitalize(summaryLabel(summary))} is empty: found ${found} under its heading.${expected}`,
      range: summary.headingRange,
    });
  },
};

export default rule;
