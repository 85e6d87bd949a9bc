import type { TemplateSection } from "../template/template";
import type { SectionSummary } from "./types";

/** "section 9 'Concurrency & Consistency Strategy'", the way every message names a template section. */
export function sectionLabel(section: TemplateSection): string {
  return `section ${section.number} '${section.title}'`;
}

/** Names a section of the document as written, falling back to its heading text when unknown. */
export function summaryLabel(summary: SectionSummary): string {
  return summary.template ? sectionLabel(summary.template) : `section '${summary.headingText}'`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Describes a node type for "found ..." in messages. */
export function describeNodeType(type: string, depth?: number): string {
  switch (type) {
    case "heading":
      return `an H${depth ?? "?"} heading`;
    case "paragraph":
      return "a paragraph";
    case "code":
      return "a code block";
    case "list":
      return "a list";
    case "table":
      return "a table";
    case "blockquote":
      return "a block quote";
    case "html":
      return "HTML";
    case "thematicBreak":
      return "a thematic break (---)";
    default:
      return `a ${type} node`;
  }
}
