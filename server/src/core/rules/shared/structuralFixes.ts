import type { Lines } from "../../engine/lineEdits";
import { firstSection } from "../../engine/outline";
import { closestSection, renderSection, templateSection, TEMPLATE, TITLE_SECTION_NUMBER, type TemplateSection } from "../../template/template";
import type { Fix, LineEdit, Outline, SectionSummary } from "../../engine/types";

/**
 * The structural fixes, as whole-line edits. They never drop or duplicate a line of the
 * author's text: a section moves with its whole body, an inserted section brings only the
 * template's scaffold, a renumbering touches only the digits of a heading. The rules
 * `missing-section`, `section-order` and `section-number` attach them to their messages;
 * "fix all" (features/fixAll.ts) composes the same pieces for the whole document. Each takes
 * the document split once by its rule (`splitLines`), not the text: a rule reporting a problem
 * per section would otherwise split the whole document once per problem.
 */

/** A contiguous run of lines: the title part, or one section with its body. */
export interface Chunk {
  startLine: number;
  endLine: number;
  section: SectionSummary | undefined;
}

export function chunksOf(outline: Outline, lineCount: number): Chunk[] {
  const sections = outline.sections;
  const chunks: Chunk[] = [];
  const firstStart = sections[0]?.startLine ?? lineCount + 1;
  if (firstStart > 1) chunks.push({ startLine: 1, endLine: firstStart - 1, section: undefined });
  for (const section of sections) chunks.push({ startLine: section.startLine, endLine: Math.min(section.endLine, lineCount), section });
  return chunks;
}

/** The chunk's lines, ending with a blank line so the next heading never sticks to its text. */
export function chunkLines(lines: readonly string[], chunk: Chunk): string[] {
  const body = lines.slice(chunk.startLine - 1, chunk.endLine);
  if (body.length && body[body.length - 1]!.trim() !== "") body.push("");
  return body;
}

/** The scaffold of a section as lines: heading, blank line, placeholder body, trailing blank line. */
function scaffoldLines(number: number): string[] {
  return renderSection(templateSection(number)).split("\n");
}

/** The heading line with its number prefix set to `number` (added when the heading has none). */
export function renumberHeadingLine(line: string, number: number): string {
  const match = /^(\s{0,3}#{1,6}[ \t]+)(\d{1,3})(\s*[.):]|\s+-(?=\s))?(\s*)(.*)$/.exec(line);
  if (match) return `${match[1]}${number}${match[3] ?? "."}${match[4] || " "}${match[5]}`;
  const plain = /^(\s{0,3}#{1,6}[ \t]+)(.*)$/.exec(line);
  return plain ? `${plain[1]}${number}. ${plain[2]}` : line;
}

/** Where a section belongs: the line before which it should stand (after its nearest present predecessor). */
function insertionLine(outline: Outline, number: number, lineCount: number): number {
  for (let previous = number - 1; previous > TITLE_SECTION_NUMBER; previous--) {
    const section = firstSection(outline, previous);
    if (section) return Math.min(section.endLine, lineCount) + 1;
  }
  // No earlier section: right after the title and its introduction, before the first section.
  return outline.sections[0]?.startLine ?? lineCount + 1;
}

function missingNumbers(outline: Outline): number[] {
  const misspelt = misspeltSections(outline);
  return TEMPLATE.filter((section) => section.number !== TITLE_SECTION_NUMBER && !firstSection(outline, section.number) && !misspelt.has(section.number)).map(
    (section) => section.number,
  );
}

/**
 * The missing template sections that an unknown heading of the document looks like (a
 * misspelling the "did you mean" hint names), each with that heading. Such a section is fixed
 * by renaming the heading, never by inserting the section again beside it.
 */
export function misspeltSections(outline: Outline): Map<number, { heading: SectionSummary; section: TemplateSection }> {
  const found = new Map<number, { heading: SectionSummary; section: TemplateSection }>();
  for (const heading of outline.sections) {
    if (heading.template) continue;
    const section = closestSection(heading.headingText);
    if (section && !firstSection(outline, section.number) && !found.has(section.number)) found.set(section.number, { heading, section });
  }
  return found;
}

/** A heading line renamed to the template's heading for `section`, keeping its level. */
export function renamedHeadingLine(line: string, section: TemplateSection): string {
  const marks = /^\s{0,3}#{1,6}/.exec(line)?.[0] ?? "##";
  return `${marks} ${section.number}. ${section.title}`;
}

/** Renames a misspelt heading to the template's heading, keeping its level. */
export function renameHeadingFix(split: Readonly<Lines>, heading: SectionSummary, section: TemplateSection): Fix {
  const text = renamedHeadingLine(split.lines[heading.startLine - 1]!, section) + split.eol;
  return {
    kind: "edit",
    title: `Rename the heading to '${section.number}. ${section.title}'`,
    isPreferred: true,
    edits: [{ startLine: heading.startLine, endLine: heading.startLine + 1, text }],
  };
}

/** Text to insert before line `at`, making sure it is separated from the text before it. */
function insertionText(split: Readonly<Lines>, at: number, blockLines: string[]): string {
  const before = at > 1 ? split.lines[at - 2] : undefined;
  const lead = before !== undefined && before.trim() !== "" ? [""] : [];
  const block = [...blockLines];
  // At the end of the document the separating blank line would only leave a trailing blank line.
  if (at > split.lines.length) while (block.length && block[block.length - 1]!.trim() === "") block.pop();
  return [...lead, ...block].map((line) => line + split.eol).join("");
}

export function insertMissingSectionFix(outline: Outline, split: Readonly<Lines>, number: number): Fix {
  const at = insertionLine(outline, number, split.lines.length);
  const section = templateSection(number);
  return {
    kind: "edit",
    title: `Insert missing section ${number} '${section.title}'`,
    isPreferred: true,
    edits: [{ startLine: at, endLine: at, text: insertionText(split, at, scaffoldLines(number)) }],
  };
}

export function insertAllMissingSectionsFix(outline: Outline, split: Readonly<Lines>): Fix | undefined {
  const numbers = missingNumbers(outline);
  if (numbers.length < 2) return undefined;
  // Sections that share an insertion point are inserted together, in template order.
  const byLine = new Map<number, string[]>();
  for (const number of numbers) {
    const at = insertionLine(outline, number, split.lines.length);
    byLine.set(at, [...(byLine.get(at) ?? []), ...scaffoldLines(number)]);
  }
  return {
    kind: "edit",
    title: `Insert all ${numbers.length} missing sections`,
    edits: [...byLine].map(([at, blockLines]) => ({ startLine: at, endLine: at, text: insertionText(split, at, blockLines) })),
  };
}

export function moveSectionFix(outline: Outline, split: Readonly<Lines>, section: SectionSummary, afterNumber: number): Fix {
  const lineCount = split.lines.length;
  const chunk: Chunk = { startLine: section.startLine, endLine: Math.min(section.endLine, lineCount), section };
  const anchor = afterNumber > TITLE_SECTION_NUMBER ? firstSection(outline, afterNumber) : undefined;
  const target = anchor ? Math.min(anchor.endLine, lineCount) + 1 : (outline.sections[0]?.startLine ?? lineCount + 1);
  const moved = chunkLines(split.lines, chunk);
  const template = section.template!;
  return {
    kind: "edit",
    title: `Move section ${template.number} '${template.title}' to its template position`,
    isPreferred: true,
    edits: [
      { startLine: target, endLine: target, text: insertionText(split, target, moved) },
      { startLine: chunk.startLine, endLine: chunk.endLine + 1, text: "" },
    ],
  };
}

export function fixSectionNumberFix(split: Readonly<Lines>, section: SectionSummary): Fix {
  const number = section.template!.number;
  return {
    kind: "edit",
    title: `Change the number to ${number} ('${number}. ${section.template!.title}')`,
    isPreferred: true,
    edits: [{ startLine: section.startLine, endLine: section.startLine + 1, text: renumberHeadingLine(split.lines[section.startLine - 1]!, number) + split.eol }],
  };
}

/** Gives every recognised section heading its template number; undefined when fewer than two change. */
export function renumberAllFix(outline: Outline, split: Readonly<Lines>): Fix | undefined {
  const edits: LineEdit[] = [];
  for (const section of outline.sections) {
    if (!section.template || section.declaredNumber === section.template.number) continue;
    const line = split.lines[section.startLine - 1]!;
    edits.push({ startLine: section.startLine, endLine: section.startLine + 1, text: renumberHeadingLine(line, section.template.number) + split.eol });
  }
  return edits.length > 1 ? { kind: "edit", title: "Renumber all sections as the template numbers them", edits } : undefined;
}
