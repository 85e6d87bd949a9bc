import type { LintResult } from "../lint";
import { textLines } from "../engine/positions";
import { sectionStatuses, type SectionStatus } from "./summary";
import { canonicalHeading, PLACEHOLDER_MARKER, TEMPLATE, TITLE_SECTION_NUMBER, type TemplateSection } from "../template/template";
import type { Range } from "../engine/types";
import { slugify } from "../template/fileName";
import sectionContent from "../rules/section-content";

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

/**
 * The full range of lines `startLine`..`endLine`, ending after the last character of the last
 * line. LSP requires a symbol's selection range (its heading) to lie inside its full range, so
 * the full range must reach the heading's end even when the heading is the section's only line.
 */
function lineRange(startLine: number, endLine: number, lineLength: (line: number) => number): Range {
  return { start: { line: startLine, column: 1 }, end: { line: endLine, column: lineLength(endLine) + 1 } };
}

/** `range` widened, if needed, to contain `inner`: the invariant LSP clients enforce on symbols. */
function enclosing(range: Range, inner: Range): Range {
  const before = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return { start: before(range.start, inner.start) ? range.start : inner.start, end: before(inner.end, range.end) ? range.end : inner.end };
}

function detailOf(status: SectionStatus): string {
  if (status.state === "incomplete") return `incomplete: ${status.messages.length} problem${status.messages.length === 1 ? "" : "s"}`;
  return status.state;
}

/** The title and the 17 sections in template order, each marked complete, incomplete or missing. */
export function outlineSymbols(result: LintResult, text: string): OutlineSymbol[] {
  const statuses = sectionStatuses(result);
  const lines = textLines(text);
  const lineLength = (line: number) => (lines[line - 1] ?? "").length;
  return statuses.map((status) => {
    if (status.number === TITLE_SECTION_NUMBER) {
      const title = result.outline.title;
      const range = title?.range ?? lineRange(1, 1, lineLength);
      // The title is the parent of the sections in the outline, so its range is the whole document.
      const full = enclosing(lineRange(1, Math.max(1, lines.length), lineLength), range);
      return { name: title?.text || "(no title)", detail: detailOf(status), state: status.state, range: full, selectionRange: range };
    }
    const body = result.bodies.find((candidate) => !candidate.isTitle && candidate.summary.template?.number === status.number);
    const name = `${status.number}. ${status.title}`;
    if (!body) {
      // A missing section still shows in the outline, at the place it belongs, so the gap is visible.
      const anchor = result.messages.find((message) => message.section === status.number);
      const point = anchor ? { line: anchor.line, column: 1 } : result.outline.endRange.start;
      return { name: `${name} (missing)`, detail: "missing", state: "missing", range: { start: point, end: point }, selectionRange: { start: point, end: point } };
    }
    return {
      name,
      detail: detailOf(status),
      state: status.state,
      range: enclosing(lineRange(body.summary.startLine, body.summary.endLine, lineLength), body.summary.headingRange),
      selectionRange: body.summary.headingRange,
    };
  });
}

/** One folding range per section, from its heading to its last non-blank line. */
export function foldingRanges(result: LintResult, text: string): Array<{ startLine: number; endLine: number }> {
  const lines = textLines(text);
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
    ...(checks.length ? [`Checked by \`${sectionContent.meta.id}\`:`, checks.join("\n")] : []),
    status.state === "complete" ? "Status: complete." : `Status: ${detailOf(status)}.`,
  ];
  return { markdown: parts.join("\n\n"), range };
}

const SECTION_PREFIX = /^\s{0,3}s(c(n(-[\w-]*)?)?)?$/i;
/** `sce`, `scen`, ... `scenario`: the skeleton's own prefix, typed past the point where it parts from `scn-`. */
const SKELETON_PREFIX = /^\s{0,3}sce(n(a(r(io?)?)?)?)?$/i;
const SECTION_HEADING = /^\s{0,3}#{1,2}(\s.*)?$/;

/** True when the text before the cursor could be the start of a section: empty, `#`, `## ...`, `scn-...` or `scenario`. */
export function startsSection(lineText: string): boolean {
  return lineText.trim() === "" || SECTION_PREFIX.test(lineText) || SKELETON_PREFIX.test(lineText) || SECTION_HEADING.test(lineText);
}

/** Text inserted as an LSP snippet must escape the snippet syntax's own characters. */
function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/**
 * A section's heading and scaffold as an LSP snippet: each line the author must replace (the
 * scaffold's `TODO:` lines) is a tab stop, so Tab walks from one to the next.
 */
export function sectionSnippet(section: TemplateSection, heading: string): string {
  return `${sectionSnippetBody(section, heading, { next: 1 })}$0`;
}

/** A section's heading and scaffold with tab stops numbered on from `stops.next`, which it advances. */
function sectionSnippetBody(section: TemplateSection, heading: string, stops: { next: number }): string {
  const body = section.scaffold
    .split("\n")
    .map((line) => {
      const at = line.indexOf(PLACEHOLDER_MARKER);
      if (at < 0) return escapeSnippetText(line);
      return `${escapeSnippetText(line.slice(0, at))}\${${stops.next++}:${escapeSnippetText(line.slice(at))}}`;
    })
    .join("\n");
  return section.scaffold ? `${escapeSnippetText(heading)}\n\n${body}\n` : `${escapeSnippetText(heading)}\n`;
}

/**
 * The whole scenario as New Scenario writes it, as an LSP snippet: the title is the first tab
 * stop and every TODO line after it one more, so Tab walks the skeleton top to bottom.
 */
export function skeletonSnippet(): string {
  const stops = { next: 2 };
  const sections = TEMPLATE.map((section) =>
    section.number === TITLE_SECTION_NUMBER ? `# \${1:Scenario Title}\n` : sectionSnippetBody(section, canonicalHeading(section), stops),
  );
  return `${sections.join("\n")}$0`;
}

export interface SectionCompletion {
  label: string;
  /** An LSP snippet: the heading, a blank line and the scaffold with a tab stop on each TODO. */
  snippet: string;
  filterText: string;
  detail: string;
  sortText: string;
}

/**
 * Completions for a section being started on `lineText` (the text before the cursor): a
 * heading (`#`, `## `, `## Sca...`) or a section prefix (`scn-`, `scn-9`, `scn-data-model`). Only
 * the sections the document lacks are offered, in template order, so a section can never be
 * inserted twice; each inserts its heading with the scaffold, never a bare heading that would
 * at once be an empty section.
 */
export function sectionCompletions(result: LintResult, lineText: string): SectionCompletion[] {
  if (!startsSection(lineText)) return [];
  const present = new Set(result.outline.sections.map((section) => section.template?.number).filter((number) => number !== undefined));
  // The whole skeleton only where it cannot duplicate anything: a document with no heading yet,
  // not even a title. Elsewhere the missing sections are offered one by one.
  const { outline } = result;
  const headingless = outline.title === undefined && outline.sections.length === 0 && outline.strayH1s.length === 0;
  const skeleton: SectionCompletion[] =
    headingless && !SECTION_HEADING.test(lineText)
      ? [
          {
            label: "Scenario: whole skeleton",
            snippet: skeletonSnippet(),
            // VS Code filters what the user typed against this, favouring a match from its start:
            // "scn-" must keep the skeleton among the sections, and "scenario" must find it alone.
            filterText: SKELETON_PREFIX.test(lineText) ? "scenario" : "scn-skeleton",
            detail: `A new scenario: the title and all ${TEMPLATE.length} sections of the template with their placeholders.`,
            sortText: "00",
          },
        ]
      : [];
  if (SKELETON_PREFIX.test(lineText)) return skeleton;
  const prefixTyped = SECTION_PREFIX.test(lineText);
  const marks = "#".repeat(result.outline.sectionDepth);
  return [...skeleton, ...TEMPLATE.filter((section) => section.number !== TITLE_SECTION_NUMBER && !present.has(section.number)).map((section) => {
    const canonical = result.outline.form === "h1" ? `# ${section.number}. ${section.title}` : canonicalHeading(section);
    const heading = canonical.replace(/^#+\s*/, `${marks} `);
    return {
      label: heading,
      snippet: sectionSnippet(section, heading),
      // What the user typed is matched against this: the heading itself, or the section's prefixes.
      filterText: prefixTyped ? `scn-${section.number}-${slugify(section.title)}` : heading,
      detail: section.requirement,
      sortText: String(section.number).padStart(2, "0"),
    };
  })];
}
