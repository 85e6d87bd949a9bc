import { describeNodeType } from "../engine/describe";
import type { DocumentRule } from "../engine/types";

/**
 * The document opens with a non-empty H1, the scenario's title; in the canonical form no other
 * H1 may stand outside the sections (in the seed's all-H1 form the numbered H1s are sections).
 */
const rule: DocumentRule = {
  meta: {
    id: "title",
    description: "The document opens with a non-empty H1 title and has no other H1 outside the sections.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, report }) {
    const { title, firstContent } = outline;
    if (!firstContent) {
      report({
        message: "Expected an H1 title ('# Your Scenario Title'); found an empty document.",
        range: outline.endRange,
      });
      return;
    }
    if (!title) {
      report({
        message: `Expected the document to open with an H1 title ('# Your Scenario Title'); found ${describeNodeType(firstContent.type, firstContent.depth)}.`,
        range: firstContent.range,
      });
    } else if (firstContent.range.start.line !== title.range.start.line) {
      report({
        message: `Expected the document to open with its H1 title; found ${describeNodeType(firstContent.type, firstContent.depth)} before '# ${title.text}'.`,
        range: firstContent.range,
      });
    }
    if (title && title.text.trim() === "") {
      report({
        message: "The H1 title is empty; expected the scenario's title, e.g. '# Flash Sale System for 5M Concurrent Shoppers'.",
        range: title.range,
      });
    }
    for (const stray of outline.strayH1s) {
      report({
        message: `Unexpected H1 '${stray.text}': only the title is an H1 when sections are H2; make it '## ${stray.text}' or a subsection ('### ${stray.text}').`,
        range: stray.range,
      });
    }
  },
};

export default rule;
