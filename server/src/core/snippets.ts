import { renderScaffold, renderSection, TEMPLATE, TITLE_SECTION_NUMBER } from "./template";
import { slugify } from "./fileName";

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

/** Text inserted by a snippet must escape the snippet syntax's own characters. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/**
 * The contents of `snippets/scenario.code-snippets`, derived from the template: one snippet per
 * section (prefixes `scn-<number>` and `scn-<title-slug>`) and the whole skeleton (`scenario`).
 */
export function buildSnippets(): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  const skeleton = escapeSnippet(renderScaffold("\u0000")).replace("\u0000", "${1:Scenario Title}");
  snippets["Scenario: whole skeleton"] = {
    prefix: ["scenario", "scn-skeleton"],
    body: `${skeleton}$0`.split("\n"),
    description: "A new scenario with all 17 sections of the template and their placeholders.",
  };
  for (const section of TEMPLATE) {
    if (section.number === TITLE_SECTION_NUMBER) continue;
    const body = `${escapeSnippet(renderSection(section))}$0`;
    snippets[`Scenario section ${section.number}: ${section.title}`] = {
      prefix: [`scn-${section.number}`, `scn-${slugify(section.title)}`],
      body: body.split("\n"),
      description: section.requirement,
    };
  }
  return snippets;
}
