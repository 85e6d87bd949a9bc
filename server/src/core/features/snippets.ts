import { renderScaffold } from "../template/template";

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
 * The contents of `snippets/scenario.code-snippets`, derived from the template: the whole
 * skeleton (`scenario`). Single sections (`scn-9`, `scn-data-model`) are completions from the
 * language server instead (`sectionCompletions`), because only the server knows which sections
 * a document already has, and a static snippet would insert a duplicate section.
 */
export function buildSnippets(): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  const skeleton = escapeSnippet(renderScaffold("\u0000")).replace("\u0000", "${1:Scenario Title}");
  snippets["Scenario: whole skeleton"] = {
    prefix: ["scenario", "scn-skeleton"],
    body: `${skeleton}$0`.split("\n"),
    description: "A new scenario with all 17 sections of the template and their placeholders.",
  };
  return snippets;
}
