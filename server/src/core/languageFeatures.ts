import type { LintResult } from "./lint";
import { sectionStatuses, type SectionStatus } from "./summary";
import { canonicalHeading, TEMPLATE, TITLE_SECTION_NUMBER, type TemplateSection } from "./template";
import type { Range } from "./types";

/**
 * Editor features computed from a lint result, free of any editor API (the language server
 * converts them to LSP): outline symbols, folding ranges, hovers and heading completions.
 */

export interface OutlineSymbol {
  name: string;
  /** "complete", "missing" or "incomplete: N problems". */
  detail: string;
  state: SectionStatus["state"];
  range: Range;
  selectionRange: Range;
}

function lineRange(startLine: number, endLine: number): Range {
  return { start: { line: startLine, column: 1 }, end: { line: endLine, column: 1 } };
}

function detailOf(status: SectionStatus): string {
  if (status.state === "incomplete") return `incomplete: ${status.messages.length} problem${status.messages.length === 1 ? "" : "s"}`;
  return status.state;
}

/** The title and the 17 sections in template order, each marked complete, incomplete or missing. */
export function outlineSymbols(result: LintResult): OutlineSymbol[] {
  const statuses = sectionStatuses(result);
  return statuses.map((status) => {
    if (status.number === TITLE_SECTION_NUMBER) {
      const title = result.outline.title;
      const range = title?.range ?? lineRange(1, 1);
      return { name: title?.text || "(no title)", detail: detailOf(status), state: status.state, range: lineRange(1, result.bodies[0]?.summary.endLine ?? 1), selectionRange: range };
    }
    const body = result.bodies.find((candidate) => !candidate.isTitle && candidate.summary.template?.number === status.number);
    const name = `${status.number}. ${status.title}`;
    if (!body) {
      // A missing section still shows in the outline, at the place it belongs, so the gap is visible.
      const anchor = result.messages.find((message) => message.ruleId === "missing-section" && message.data?.["number"] === status.number);
      const point = anchor ? { line: anchor.line, column: 1 } : result.outline.endRange.start;
      return { name: `${name} (missing)`, detail: "missing", state: "missing", range: { start: point, end: point }, selectionRange: { start: point, end: point } };
    }
    return {
      name,
      detail: detailOf(status),
      state: status.state,
      range: lineRange(body.summary.startLine, body.summary.endLine),
      selectionRange: body.summary.headingRange,
    };
  });
}

/** One folding range per section, from its heading to its last non-blank line. */
export function foldingRanges(result: LintResult, text: string): Array<{ startLine: number; endLine: number }> {
  const lines = text.split(/\r\n|\r|\n/);
  const ranges: Array<{ startLine: number; endLine: number }> = [];
  for (const body of result.bodies) {
    if (body.isTitle && !result.outline.title) continue;
    const start = body.isTitle ? result.outline.title!.range.start.line : body.summary.startLine;
    let end = body.summary.endLine;
    while (end > start && (lines[end - 1] ?? "").trim() === "") end--;
    if (end > start) ranges.push({ startLine: start, endLine: end });
  }
  return ranges;
}

/** What a section must contain, as Markdown for a hover on its heading. */
export function sectionHover(result: LintResult, line: number): { markdown: string; range: Range } | undefined {
  const section = result.outline.sections.find((candidate) => candidate.startLine === line);
  const title = result.outline.title;
  let template: TemplateSection | undefined;
  let range: Range;
  if (section) {
    if (!section.template) return undefined;
    template = section.template;
    range = section.headingRange;
  } else if (title && title.range.start.line === line) {
    template = TEMPLATE[0];
    range = title.range;
  } else {
    return undefined;
  }
  const status = sectionStatuses(result).find((candidate) => candidate.number === template!.number)!;
  const checks = template!.contentRequirements.map((requirement) => `- ${requirement.missing.replace(/^./, (first) => first.toUpperCase())} (\`${template!.number}.${requirement.id}\`)`);
  const parts = [
    `**Section ${template!.number} of 17: ${template!.title}**`,
    template!.requirement,
    ...(checks.length ? ["Checked by `section-content`:", checks.join("\n")] : []),
    status.state === "complete" ? "Status: complete." : `Status: ${detailOf(status)}.`,
  ];
  return { markdown: parts.join("\n\n"), range };
}

/**
 * Completions for a section heading being typed on `line`: the sections the document lacks,
 * in template order, the next expected one first.
 */
export function headingCompletions(result: LintResult, lineText: string): Array<{ label: string; insertText: string; detail: string; sortText: string }> {
  if (!/^\s{0,3}#{1,2}(\s.*)?$/.test(lineText) && lineText.trim() !== "") return [];
  const present = new Set(result.outline.sections.map((section) => section.template?.number).filter((number) => number !== undefined));
  const marks = "#".repeat(result.outline.sectionDepth);
  return TEMPLATE.filter((section) => section.number !== TITLE_SECTION_NUMBER && !present.has(section.number)).map((section, index) => {
    const heading = result.outline.form === "h1" ? `# ${section.number}. ${section.title}` : canonicalHeading(section);
    return {
      label: heading.replace(/^#+\s*/, `${marks} `),
      insertText: heading.replace(/^#+\s*/, `${marks} `),
      detail: section.requirement,
      sortText: String(index).padStart(2, "0"),
    };
  });
}
