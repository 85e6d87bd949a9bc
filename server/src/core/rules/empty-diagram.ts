import { codeBlocksIn, DEFAULT_DIAGRAM_LANGUAGES, diagramLanguagesSchema } from "../code/codeBlocks";
import { rangeOf } from "../engine/outline";
import { DIAGRAM_SECTION_NUMBER } from "../template/template";
import type { SectionRule } from "../engine/types";

interface Options {
  languages: string[];
}

/**
 * A diagram fence that holds nothing but whitespace. A fence counts as a diagram when it is in
 * section 6 (whatever its language) or tagged with a diagram language anywhere.
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "empty-diagram",
    description: "A diagram block (any fence in section 6, or a text/ascii/txt/untagged fence anywhere) is not empty.",
    defaultSeverity: "error",
    optionsSchema: diagramLanguagesSchema,
    defaultOptions: { languages: [...DEFAULT_DIAGRAM_LANGUAGES] },
  },
  scope: "section",
  check({ section, options, report }) {
    const inDiagramSection = section.summary.template?.number === DIAGRAM_SECTION_NUMBER && !section.isTitle;
    const languages = options.languages.map((language) => language.toLowerCase());
    for (const block of codeBlocksIn(section.nodes, section.text)) {
      if (!block.fenced || block.node.value.trim() !== "") continue;
      if (!inDiagramSection && !languages.includes(block.language)) continue;
      const fence = block.language ? `\`\`\`${block.language}` : "untagged";
      report({
        message: `Empty diagram block: the ${fence} fence holds only whitespace; draw the ASCII diagram or remove the fence.`,
        range: rangeOf(block.node),
      });
    }
  },
};

export default rule;
