import { sectionLabel, summaryLabel } from "../engine/describe";
import { splitLines } from "../engine/lineEdits";
import type { DocumentRule, SectionSummary } from "../engine/types";
import { TITLE_SECTION_NUMBER } from "../template/template";
import { moveSectionFix } from "./shared/structuralFixes";

/**
 * Aligns the document's sections with the template and reports each one that is out of place.
 *
 * The longest run of sections already in template order (a longest increasing subsequence of
 * their numbers) stays put; every other section is reported with where it belongs and where it
 * was found, so two swapped sections give one message naming both.
 */
const rule: DocumentRule = {
  meta: {
    id: "section-order",
    description: "The template's sections appear in template order; each misplaced section is reported with where it belongs.",
    defaultSeverity: "error",
  },
  scope: "document",
  check({ outline, text, report }) {
    // Duplicates are `duplicate-section`'s business; only the first occurrence is placed.
    const ordered: SectionSummary[] = outline.sections.filter((section) => section.template && section.isFirstOccurrence);
    const kept = longestIncreasingRun(ordered.map((section) => section.template!.number));
    const lines = splitLines(text);
    ordered.forEach((section, position) => {
      if (kept.has(position)) return;
      const template = section.template!;
      const expectedAfter = ordered
        .filter((other, index) => kept.has(index) && other.template!.number < template.number)
        .pop();
      const foundAfter = ordered[position - 1];
      const expected = expectedAfter ? `after ${sectionLabel(expectedAfter.template!)}` : "right after the title";
      const found = foundAfter ? `after ${summaryLabel(foundAfter)}` : "right after the title";
      report({
        message: `Section ${template.number} '${template.title}' is out of order: expected ${expected}, found ${found}.`,
        range: section.headingRange,
        fixes: [moveSectionFix(outline, lines, section, expectedAfter?.template!.number ?? TITLE_SECTION_NUMBER)],
      });
    });
  },
};

/**
 * Indexes of one longest strictly increasing subsequence. Among equally long choices it keeps
 * the later element as predecessor, so when two neighbours are swapped the one that moved
 * down (the larger number found first) is the one reported.
 */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  values.forEach((value, index) => {
    length[index] = 1;
    previous[index] = -1;
    for (let before = 0; before < index; before++) {
      if (values[before]! < value && length[before]! + 1 >= length[index]!) {
        length[index] = length[before]! + 1;
        previous[index] = before;
      }
    }
  });
  let end = -1;
  values.forEach((_, index) => {
    if (end === -1 || length[index]! >= length[end]!) end = index;
  });
  const kept = new Set<number>();
  for (let index = end; index !== -1; index = previous[index]!) kept.add(index);
  return kept;
}

export default rule;
