import type { LintResult } from "./lint";
import { renderSection, templateSection, TEMPLATE, TITLE_SECTION_NUMBER } from "./template";
import { LineIndex } from "./positions";
import type { Range, SectionSummary } from "./types";

/**
 * Structural fixes, computed as text edits on whole lines. They never drop or duplicate a line
 * of the author's text: a section moves with its whole body, an inserted section brings only
 * the template's scaffold, a renumbering touches only the digits of a heading.
 */

/** A replacement of the lines [startLine, endLine) (1-based) with `text`; startLine === endLine inserts. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  text: string;
}

export interface Fix {
  title: string;
  /** The rule whose problem this fixes; code actions attach it to that diagnostic. */
  ruleId: string;
  /** The line of the diagnostic it fixes, to match the fix with its diagnostic. */
  line: number;
  edits: LineEdit[];
  /** Marks the fix an editor may apply on its own when it is the single obvious one. */
  isPreferred?: boolean;
}

interface Lines {
  lines: string[];
  eol: string;
  /** Whether the text ends with a line break. */
  finalEol: boolean;
}

function splitLines(text: string): Lines {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r\n|\r|\n/);
  const finalEol = lines.length > 1 && lines[lines.length - 1] === "";
  if (finalEol) lines.pop();
  return { lines, eol, finalEol };
}

/** A contiguous run of lines: the title part, or one section with its body. */
interface Chunk {
  startLine: number;
  endLine: number;
  section: SectionSummary | undefined;
}

function chunksOf(result: LintResult, lineCount: number): Chunk[] {
  const sections = result.outline.sections;
  const chunks: Chunk[] = [];
  const firstStart = sections[0]?.startLine ?? lineCount + 1;
  if (firstStart > 1) chunks.push({ startLine: 1, endLine: firstStart - 1, section: undefined });
  for (const section of sections) chunks.push({ startLine: section.startLine, endLine: Math.min(section.endLine, lineCount), section });
  return chunks;
}

/** The chunk's lines, ending with a blank line so the next heading never sticks to its text. */
function chunkLines(lines: readonly string[], chunk: Chunk): string[] {
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

function firstByNumber(result: LintResult): Map<number, SectionSummary> {
  const map = new Map<number, SectionSummary>();
  for (const section of result.outline.sections) {
    if (section.template && !map.has(section.template.number)) map.set(section.template.number, section);
  }
  return map;
}

/** Where a section belongs: the line before which it should stand (after its nearest present predecessor). */
function insertionLine(result: LintResult, number: number, lineCount: number): number {
  const present = firstByNumber(result);
  for (let previous = number - 1; previous > TITLE_SECTION_NUMBER; previous--) {
    const section = present.get(previous);
    if (section) return Math.min(section.endLine, lineCount) + 1;
  }
  // No earlier section: right after the title and its introduction, before the first section.
  return result.outline.sections[0]?.startLine ?? lineCount + 1;
}

function missingNumbers(result: LintResult): number[] {
  const present = firstByNumber(result);
  return TEMPLATE.filter((section) => section.number !== TITLE_SECTION_NUMBER && !present.has(section.number)).map((section) => section.number);
}

/** Text to insert before line `at`, making sure it is separated from the text before it. */
function insertionText(split: Lines, at: number, blockLines: string[]): string {
  const before = at > 1 ? split.lines[at - 2] : undefined;
  const lead = before !== undefined && before.trim() !== "" ? [""] : [];
  const block = [...blockLines];
  // At the end of the document the separating blank line would only leave a trailing blank line.
  if (at > split.lines.length) while (block.length && block[block.length - 1]!.trim() === "") block.pop();
  return [...lead, ...block].map((line) => line + split.eol).join("");
}

export function insertMissingSectionFix(result: LintResult, text: string, number: number, diagnosticLine: number): Fix {
  const split = splitLines(text);
  const at = insertionLine(result, number, split.lines.length);
  const section = templateSection(number);
  return {
    title: `Insert missing section ${number} '${section.title}'`,
    ruleId: "missing-section",
    line: diagnosticLine,
    isPreferred: true,
    edits: [{ startLine: at, endLine: at, text: insertionText(split, at, scaffoldLines(number)) }],
  };
}

export function insertAllMissingSectionsFix(result: LintResult, text: string, diagnosticLine: number): Fix | undefined {
  const numbers = missingNumbers(result);
  if (numbers.length < 2) return undefined;
  const split = splitLines(text);
  // Sections that share an insertion point are inserted together, in template order.
  const byLine = new Map<number, string[]>();
  for (const number of numbers) {
    const at = insertionLine(result, number, split.lines.length);
    byLine.set(at, [...(byLine.get(at) ?? []), ...scaffoldLines(number)]);
  }
  return {
    title: `Insert all ${numbers.length} missing sections`,
    ruleId: "missing-section",
    line: diagnosticLine,
    edits: [...byLine].map(([at, blockLines]) => ({ startLine: at, endLine: at, text: insertionText(split, at, blockLines) })),
  };
}

export function moveSectionFix(result: LintResult, text: string, section: SectionSummary, afterNumber: number): Fix {
  const split = splitLines(text);
  const lineCount = split.lines.length;
  const chunk: Chunk = { startLine: section.startLine, endLine: Math.min(section.endLine, lineCount), section };
  const present = firstByNumber(result);
  const anchor = afterNumber > TITLE_SECTION_NUMBER ? present.get(afterNumber) : undefined;
  const target = anchor ? Math.min(anchor.endLine, lineCount) + 1 : (result.outline.sections[0]?.startLine ?? lineCount + 1);
  const moved = chunkLines(split.lines, chunk);
  const template = section.template!;
  return {
    title: `Move section ${template.number} '${template.title}' to its template position`,
    ruleId: "section-order",
    line: section.startLine,
    isPreferred: true,
    edits: [
      { startLine: target, endLine: target, text: insertionText(split, target, moved) },
      { startLine: chunk.startLine, endLine: chunk.endLine + 1, text: "" },
    ],
  };
}

export function fixSectionNumberFix(text: string, section: SectionSummary): Fix {
  const split = splitLines(text);
  const number = section.template!.number;
  return {
    title: `Change the number to ${number} ('${number}. ${section.template!.title}')`,
    ruleId: "section-number",
    line: section.startLine,
    isPreferred: true,
    edits: [{ startLine: section.startLine, endLine: section.startLine + 1, text: renumberHeadingLine(split.lines[section.startLine - 1]!, number) + split.eol }],
  };
}

/** Gives every recognised section heading its template number. */
export function renumberAllFix(result: LintResult, text: string, diagnosticLine: number, ruleId: string): Fix | undefined {
  const split = splitLines(text);
  const edits: LineEdit[] = [];
  for (const section of result.outline.sections) {
    if (!section.template || section.declaredNumber === section.template.number) continue;
    const line = split.lines[section.startLine - 1]!;
    edits.push({ startLine: section.startLine, endLine: section.startLine + 1, text: renumberHeadingLine(line, section.template.number) + split.eol });
  }
  return edits.length ? { title: "Renumber all sections as the template numbers them", ruleId, line: diagnosticLine, edits } : undefined;
}

/**
 * The whole document with every structural problem fixed: sections in template order (each
 * moving with its body; unknown and repeated sections stay behind the section they followed),
 * missing sections inserted with their scaffold, and wrong numbers corrected. Returns the new
 * text, or undefined when nothing changes.
 */
export function fixAllText(result: LintResult, text: string): string | undefined {
  const split = splitLines(text);
  const chunks = chunksOf(result, split.lines.length);
  const present = firstByNumber(result);

  // Each recognised section leads a group. A repeat joins its section's group (so it can never
  // end up before the first occurrence); an unknown section stays behind the section before it.
  const lead: Chunk[] = [];
  const groups = new Map<number, Chunk[]>();
  for (const chunk of chunks) {
    const number = chunk.section?.template?.number;
    if (number !== undefined && present.get(number) === chunk.section) groups.set(number, [chunk]);
  }
  let current: Chunk[] = lead;
  for (const chunk of chunks) {
    const number = chunk.section?.template?.number;
    if (number !== undefined) {
      current = groups.get(number)!;
      if (current[0] !== chunk) current.push(chunk);
    } else {
      current.push(chunk);
    }
  }

  const out: string[] = [];
  for (const chunk of lead) out.push(...chunkLines(split.lines, chunk));
  for (const template of TEMPLATE) {
    if (template.number === TITLE_SECTION_NUMBER) continue;
    const group = groups.get(template.number);
    if (!group) {
      if (out.length && out[out.length - 1]!.trim() !== "") out.push("");
      out.push(...renderSection(template).split("\n"));
      continue;
    }
    group.forEach((chunk) => {
      const lines = chunkLines(split.lines, chunk);
      const section = chunk.section;
      if (section?.template && section.declaredNumber !== undefined && section.declaredNumber !== section.template.number) {
        lines[0] = renumberHeadingLine(lines[0]!, section.template.number);
      }
      out.push(...lines);
    });
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  const fixed = out.join(split.eol) + (split.finalEol || out.length ? split.eol : "");
  return fixed === text ? undefined : fixed;
}

/** A line edit resolved to exact positions in one text: 1-based range (end exclusive) and offsets. */
export interface ResolvedEdit {
  range: Range;
  startOffset: number;
  endOffset: number;
  newText: string;
}

/**
 * Resolves line edits against a text. Lines past the end mean "at the end"; when the text does
 * not end with a line break, one is added before the inserted lines so they never glue on.
 */
export function resolveLineEdits(text: string, edits: readonly LineEdit[]): ResolvedEdit[] {
  const index = new LineIndex(text);
  const starts: number[] = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index! + match[0].length);
  const lineCount = text.endsWith("\n") || text.endsWith("\r") ? starts.length - 1 : starts.length;
  const offsetOfLine = (line: number): number => (line <= lineCount ? starts[line - 1]! : text.length);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return edits.map((edit) => {
    const startOffset = offsetOfLine(edit.startLine);
    const endOffset = offsetOfLine(edit.endLine);
    const needsBreak = edit.text !== "" && startOffset === text.length && text.length > 0 && !/[\r\n]$/.test(text);
    return {
      range: index.rangeAt(startOffset, endOffset),
      startOffset,
      endOffset,
      newText: needsBreak ? eol + edit.text : edit.text,
    };
  });
}

/** Applies line edits to a text (the CLI's --fix and the tests); edits must not overlap. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  const resolved = resolveLineEdits(text, edits).sort((a, b) => b.startOffset - a.startOffset || b.endOffset - a.endOffset);
  let result = text;
  for (const edit of resolved) result = result.slice(0, edit.startOffset) + edit.newText + result.slice(edit.endOffset);
  return result;
}

/**
 * Every quick fix for the problems in a lint result: insert a missing section (and all of
 * them), move a misplaced section, correct a number (and all numbers). Renaming a file needs
 * the workspace, so the host adds that one.
 */
export function fixesFor(result: LintResult, text: string): Fix[] {
  const fixes: Fix[] = [];
  const present = firstByNumber(result);
  for (const message of result.messages) {
    const number = typeof message.data?.["number"] === "number" ? (message.data["number"] as number) : undefined;
    if (number === undefined) continue;
    if (message.ruleId === "missing-section") {
      fixes.push(insertMissingSectionFix(result, text, number, message.line));
      // "All at once" is offered on every missing-section problem, wherever the cursor is.
      const all = insertAllMissingSectionsFix(result, text, message.line);
      if (all) fixes.push(all);
    } else if (message.ruleId === "section-order") {
      const section = present.get(number);
      const after = typeof message.data?.["after"] === "number" ? (message.data["after"] as number) : TITLE_SECTION_NUMBER;
      if (section) fixes.push(moveSectionFix(result, text, section, after));
    } else if (message.ruleId === "section-number") {
      const section = result.outline.sections.find((candidate) => candidate.startLine === message.line);
      if (section?.template) fixes.push(fixSectionNumberFix(text, section));
      const all = renumberAllFix(result, text, message.line, "section-number");
      if (all && all.edits.length > 1) fixes.push(all);
    }
  }
  return fixes;
}
