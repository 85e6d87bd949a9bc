import { TEMPLATE, TITLE_SECTION_NUMBER } from "../template/template";
import { splitLines } from "../engine/lineEdits";
import { firstSection } from "../engine/outline";
import type { DocumentRule } from "../engine/types";
import { insertAllMissingSectionsFix, insertMissingSectionFix, misspeltSections, renameHeadingFix } from "./shared/structuralFixes";

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
  check({ outline, text, report }) {
    // An empty document gets one message, from `title`, instead of sixteen from here.
    if (!outline.firstContent) return;
    // A fence left open at the end swallows anything inserted after it: no insertion is offered
    // until it is closed (the message still says what is missing).
    const openFence = outline.endsInOpenFence;
    const lines = splitLines(text);
    const present = (number: number) => firstSection(outline, number) !== undefined;
    // "All at once" is offered on every missing-section problem, wherever the cursor is.
    const all = openFence ? undefined : insertAllMissingSectionsFix(outline, lines);
    const misspelt = misspeltSections(outline);
    for (const expected of TEMPLATE) {
      if (expected.number === TITLE_SECTION_NUMBER || present(expected.number)) continue;
      const previous = [...TEMPLATE].reverse().find((candidate) => candidate.number < expected.number && present(candidate.number));
      const following = TEMPLATE.find((candidate) => candidate.number > expected.number && present(candidate.number));
      const after = previous ? `'${previous.title}'` : "the title";
      // Point at the heading the missing section should precede, or at the end of the document;
      // the message is about the missing section, not the one whose heading it points at.
      const anchor = following ? firstSection(outline, following.number)!.headingRange : outline.endRange;
      // A misspelt heading that names this section is fixed by renaming it; inserting the
      // section as well would leave two of it.
      const lookalike = misspelt.get(expected.number);
      if (lookalike) {
        report({
          message: `Missing section ${expected.number} '${expected.title}' (expected after ${after}); the heading '${lookalike.heading.headingText}' on line ${lookalike.heading.startLine} looks like it: rename it.`,
          range: lookalike.heading.headingRange,
          section: expected.number,
          fixes: [renameHeadingFix(lines, lookalike.heading, lookalike.section)],
        });
        continue;
      }
      report({
        message: `Missing section ${expected.number} '${expected.title}' (expected after ${after}).`,
        range: anchor,
        section: expected.number,
        ...(openFence ? {} : { fixes: [insertMissingSectionFix(outline, lines, expected.number), ...(all ? [all] : [])] }),
      });
    }
  },
};

export default rule;
