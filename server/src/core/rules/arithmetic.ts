import { findCalculations } from "../prose/calculations";
import { proseRuns, sourceOffset } from "../prose/proseRuns";
import type { Fix, SectionRule } from "../engine/types";

interface Options {
  tolerance: number;
}

/**
 * Back-of-the-envelope arithmetic written in prose, lists and tables ("2,000,000 / 600 s =
 * 3,333 requests/s") is recomputed with units and exact decimals; a result that the left side
 * does not round to, or whose units do not match, is reported with the computed value. What the
 * recogniser cannot read it skips (see prose/calculations.ts).
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "arithmetic",
    description: "Calculations written in the prose (\"400 x 86,400 x 200 B = 6.9 GB\") are right, to the precision written and in matching units.",
    defaultSeverity: "error",
    reviewCheck: true,
    optionsSchema: {
      type: "object",
      properties: {
        tolerance: {
          type: "number",
          minimum: 0,
          maximum: 1,
          description: "How far a result written with 'about', '~' or '≈' may be from the computed value, as a fraction of it (0.1 is 10 %).",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { tolerance: 0.1 },
  },
  scope: "section",
  check({ section, options, lineIndex, report }) {
    for (const run of proseRuns(section.nodes, section.text)) {
      for (const calculation of findCalculations(run.text, { tolerance: options.tolerance })) {
        if (calculation.verdict !== "wrong" && calculation.verdict !== "units") continue;
        const range = lineIndex().rangeAt(sourceOffset(run, calculation.start), sourceOffset(run, calculation.end));
        const fixes: Fix[] = [];
        const replacement = calculation.replacement;
        if (replacement) {
          const start = sourceOffset(run, replacement.start);
          const end = sourceOffset(run, replacement.end);
          const from = lineIndex().pointAt(start);
          const to = lineIndex().pointAt(end);
          const written = section.text.slice(start, end);
          // Only when the written result sits on one line exactly as the run has it.
          if (from.line === to.line && written === run.text.slice(replacement.start, replacement.end)) {
            const line = lineIndex().lineText(from.line);
            const fixed = line.slice(0, from.column - 1) + replacement.text + line.slice(to.column - 1);
            fixes.push({ kind: "edit", title: `Replace '${written}' with the computed value '${replacement.text}'`, isPreferred: true, edits: [{ startLine: from.line, endLine: from.line + 1, text: fixed + lineBreakAfter(section.text, end) }] });
          }
        }
        report({ message: calculation.message!, range, ...(fixes.length ? { fixes } : {}) });
      }
    }
  },
};

/** The line break that ends the line holding `offset`, or "" on a last line without one. */
function lineBreakAfter(text: string, offset: number): string {
  const match = /\r\n|\r|\n/.exec(text.slice(offset));
  return match ? match[0] : "";
}

export default rule;
