import { buildStructure } from "./outline";
import { parseMarkdown, stripBom } from "./parse";

/** The H1 title of a scenario, or its file name when it has none (for the index's catalogue). */
export function scenarioTitle(text: string, fileName: string): string {
  const clean = stripBom(text);
  return buildStructure(parseMarkdown(clean), clean).outline.title?.text || fileName;
}
