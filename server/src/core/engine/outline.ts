import type { Heading, Root, RootContent } from "mdast";
import { textLines } from "./positions";
import { toString } from "mdast-util-to-string";
import { matchSection, stripNumberPrefix, TITLE_SECTION_NUMBER, templateSection } from "../template/template";
import type { Outline, Range, SectionBody, SectionSummary, TitleInfo } from "./types";

/** The range a node occupies; nodes from the parser always carry positions. */
export function rangeOf(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }): Range {
  const position = node.position;
  if (!position) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return {
    start: { line: position.start.line, column: position.start.column },
    end: { line: position.end.line, column: position.end.column },
  };
}

/** Front matter and HTML comments (disable directives) may stand before the title. */
function isInvisible(node: RootContent): boolean {
  return node.type === "yaml" || (node.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(node.value));
}

export interface Structure {
  outline: Outline;
  /** The title and the text under it, then one body per section, in document order. */
  bodies: SectionBody[];
}

/**
 * Finds the title and the section-level headings of a scenario.
 *
 * Only top-level headings count: a heading inside a code block, block quote, list or HTML
 * is never a section. The document is in the seed's form (sections as H1) when some H1
 * other than the title names a template section or carries a number; otherwise sections
 * are the H2 headings and deeper headings are subsections.
 */
export function buildStructure(tree: Root, text: string): Structure {
  const children = tree.children;
  const headings = children.filter((node): node is Heading => node.type === "heading");
  const h1s = headings.filter((heading) => heading.depth === 1);

  const firstH1 = h1s[0];
  const titleHeading = firstH1 && !matchSection(toString(firstH1)) ? firstH1 : undefined;
  const otherH1s = h1s.filter((heading) => heading !== titleHeading);
  const seedForm = otherH1s.some((heading) => {
    const text = toString(heading);
    return matchSection(text) !== undefined || stripNumberPrefix(text).number !== undefined;
  });
  const sectionDepth = seedForm ? 1 : 2;

  const lines = textLines(text);
  const lineCount = lines.length;
  const lastLine = lines[lineCount - 1] ?? "";
  const endRange: Range = {
    start: { line: lineCount, column: 1 },
    end: { line: lineCount, column: lastLine.length + 1 },
  };

  const sectionHeadings = headings.filter((heading) => heading.depth === sectionDepth && heading !== titleHeading);
  const seen = new Set<number>();
  const sections: SectionSummary[] = sectionHeadings.map((heading, index) => {
    const headingText = toString(heading).trim();
    const { number, text: titleText } = stripNumberPrefix(headingText);
    const headingRange = rangeOf(heading);
    const next = sectionHeadings[index + 1];
    const template = matchSection(headingText);
    const isFirstOccurrence = template === undefined || !seen.has(template.number);
    if (template) seen.add(template.number);
    return {
      index,
      template,
      isFirstOccurrence,
      headingText,
      titleText,
      declaredNumber: number,
      depth: heading.depth,
      headingRange,
      startLine: headingRange.start.line,
      endLine: next ? rangeOf(next).start.line - 1 : lineCount,
    };
  });

  const title: TitleInfo | undefined = titleHeading
    ? { text: titleText(titleHeading), range: rangeOf(titleHeading) }
    : undefined;
  const strayH1s: TitleInfo[] = seedForm
    ? []
    : otherH1s.map((heading) => ({ text: toString(heading).trim(), range: rangeOf(heading) }));

  const firstVisible = children.find((node) => !isInvisible(node));
  const firstContent = firstVisible
    ? {
        type: firstVisible.type,
        ...(firstVisible.type === "heading" ? { depth: firstVisible.depth } : {}),
        range: rangeOf(firstVisible),
      }
    : undefined;

  const outline: Outline = {
    form: seedForm ? "h1" : "h2",
    sectionDepth,
    title,
    firstContent,
    strayH1s,
    sections,
    lineCount,
    endsInOpenFence: endsInOpenFence(children, text),
    endRange,
  };
  return { outline, bodies: sectionBodies(children, sectionHeadings, sections, title, lineCount) };
}

function titleText(heading: Heading): string {
  const raw = toString(heading).trim();
  const { number, text } = stripNumberPrefix(raw);
  // The seed writes its title as "# 1. Title"; the "1." is the section number, not the title.
  return number === TITLE_SECTION_NUMBER ? text : raw;
}

function sectionBodies(
  children: RootContent[],
  sectionHeadings: Heading[],
  sections: SectionSummary[],
  title: TitleInfo | undefined,
  lineCount: number,
): SectionBody[] {
  const startIndexes = sectionHeadings.map((heading) => children.indexOf(heading));
  const firstSectionIndex = startIndexes[0] ?? children.length;
  const titleNodes = children.slice(0, firstSectionIndex);
  const titleSummary: SectionSummary = {
    index: -1,
    template: templateSection(TITLE_SECTION_NUMBER),
    headingText: title?.text ?? "",
    titleText: title?.text ?? "",
    declaredNumber: undefined,
    depth: 1,
    headingRange: title?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    startLine: 1,
    endLine: sections[0] ? sections[0].startLine - 1 : lineCount,
    isFirstOccurrence: true,
  };
  const bodies: SectionBody[] = [{ summary: titleSummary, isTitle: true, nodes: titleNodes }];
  sections.forEach((summary, index) => {
    const from = startIndexes[index]! + 1;
    const to = startIndexes[index + 1] ?? children.length;
    bodies.push({ summary, isTitle: false, nodes: children.slice(from, to) });
  });
  return bodies;
}

/** True when the last top-level node is a fenced code block whose closing fence is missing. */
function endsInOpenFence(children: readonly RootContent[], text: string): boolean {
  const last = children[children.length - 1];
  if (last?.type !== "code" || last.position?.start.offset === undefined || last.position.end.offset === undefined) return false;
  const lines = text.slice(last.position.start.offset, last.position.end.offset).split(/\r\n|\r|\n/);
  const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[0] ?? "")?.[1];
  if (!opening) return false; // indented code has no fence to close
  const closing = new RegExp(`^\\s{0,3}${opening[0] === "`" ? "`" : "~"}{${opening.length},}\\s*$`);
  return lines.length < 2 || !closing.test(lines[lines.length - 1]!);
}

/** The first section of the document that is template section `number`; repeats never count. */
export function firstSection(outline: Outline, number: number): SectionSummary | undefined {
  return outline.sections.find((section) => section.isFirstOccurrence && section.template?.number === number);
}

/** Nodes that give a section no content of its own. */
export function isContentless(node: RootContent): boolean {
  if (node.type === "heading" || node.type === "thematicBreak" || node.type === "yaml") return true;
  return node.type === "html" && /^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value);
}
