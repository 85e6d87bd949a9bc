import { TEMPLATE, TITLE_SECTION_NUMBER } from "../template";
import type { DocumentRule, SectionSummary } from "../types";

/**
 * Reports every template section the document lacks, all at once, each with the place it
 * belongs. A section that is present but out of place is `section-order`'s business, not this.
 */
const rule: DocumentRule = {
  meta: {
    id: "missing-section",
    description: "Every one of the template's sections 2-17 is present; each missing one is reported with where it belongs.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, report }) {
    // An empty document gets one message, from `title`, instead of sixteen from here.
    if (!outline.firstContent) return;
    const firstByNumber = new Map<number, SectionSummary>();
    for (const section of outline.sections) {
      if (section.template && !firstByNumber.has(section.template.number)) firstByNumber.set(section.template.number, section);
    }
    for (const expected of TEMPLATE) {
      if (expected.number === TITLE_SECTION_NUMBER || firstByNumber.has(expected.number)) continue;
      const previous = [...TEMPLATE]
        .reverse()
        .find((candidate) => candidate.number < expected.number && firstByNumber.has(candidate.number));
      const following = TEMPLATE.find((candidate) => candidate.number > expected.number && firstByNumber.has(candidate.number));
      const after = previous ? `'${previous.title}'` : "the title";
      // Point at the heading the missing section should precede, or at the end of the document.
      const anchor = following ? firstByNumber.get(following.number)!.headingRange : outline.endRange;
      report({
        message: `Missing section ${expected.number} '${expected.title}' (expected after ${after}).`,
        range: anchor,
        data: { number: expected.number, after: previous?.number ?? TITLE_SECTION_NUMBER },
      });
    }
  },
};

export default rule;
