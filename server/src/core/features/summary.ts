import { TEMPLATE, TITLE_SECTION_NUMBER } from "../template/template";
import type { LintResult } from "../lint";
import type { LintMessage } from "../engine/types";

export type SectionState = "complete" | "missing" | "incomplete";

export interface SectionStatus {
  number: number;
  title: string;
  state: SectionState;
  /** Messages that fall inside the section (its heading through its last line). */
  messages: LintMessage[];
}

/**
 * Per template section: missing, incomplete (some message falls inside it) or complete.
 * Used by the CLI's summary and, through the same function, by editor status displays.
 */
export function sectionStatuses(result: LintResult): SectionStatus[] {
  return TEMPLATE.map((template) => {
    const body =
      template.number === TITLE_SECTION_NUMBER
        ? result.outline.title && result.bodies[0]
        : result.bodies.find((candidate) => !candidate.isTitle && candidate.summary.template?.number === template.number);
    if (!body) return { number: template.number, title: template.title, state: "missing", messages: [] };
    const { startLine, endLine } = body.summary;
    // A message that names the section it is about (a missing section, reported at the heading
    // it should precede) belongs to that section, not to the one whose lines it points at.
    const inside = result.messages.filter((message) => (message.section === undefined ? message.line >= startLine && message.line <= endLine : message.section === template.number));
    return {
      number: template.number,
      title: template.title,
      state: inside.length ? "incomplete" : "complete",
      messages: inside,
    };
  });
}

export function completeCount(statuses: readonly SectionStatus[]): number {
  return statuses.filter((status) => status.state === "complete").length;
}

export interface DocumentSize {
  /** Words as `wc -w` counts them: runs of non-space characters, code included. */
  words: number;
  /** Of those, the words inside fenced code blocks. */
  codeWords: number;
}

/**
 * How long a scenario is and how much of it is code: the length bar is "about 10,000 words, code
 * included". Fences are found line by line (an opening ``` or ~~~ with up to three spaces of
 * indentation, closed by the same character at least as long), which is all a count needs.
 */
export function documentSize(text: string): DocumentSize {
  let words = 0;
  let codeWords = 0;
  let fence: { char: string; length: number } | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const count = line.split(/\s+/).filter(Boolean).length;
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && !marker[2]!.trim()) fence = undefined;
      codeWords += count;
    } else if (marker && !(marker[1]![0] === "`" && marker[2]!.includes("`"))) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      codeWords += count;
    }
    words += count;
  }
  return { words, codeWords };
}
