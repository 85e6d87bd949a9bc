import { codeBlocksIn, DEFAULT_DIAGRAM_LANGUAGES, diagramLanguagesSchema } from "../code/codeBlocks";
import { capitalize, sectionLabel } from "../engine/describe";
import { DIAGRAM_SECTION_NUMBER } from "../template/template";
import type { SectionRule } from "../engine/types";

interface Options {
  languages: string[];
}

/** The architecture section carries its ASCII diagram in a fenced block. */
const rule: SectionRule<Options> = {
  meta: {
    id: "missing-diagram",
    description: "Section 6 'High-Level Architecture' contains a fenced ASCII diagram block.",
    defaultSeverity: "error",
    optionsSchema: diagramLanguagesSchema,
    defaultOptions: { languages: [...DEFAULT_DIAGRAM_LANGUAGES] },
  },
  scope: "section",
  check({ section, options, report }) {
    const template = section.summary.template;
    if (section.isTitle || template?.number !== DIAGRAM_SECTION_NUMBER) return;
    const languages = options.languages.map((language) => language.toLowerCase());
    const blocks = codeBlocksIn(section.nodes, section.text).filter((block) => block.fenced);
    if (blocks.some((block) => languages.includes(block.language))) return;
    const found = blocks.length
      ? `found only ${blocks.map((block) => `\`\`\`${block.language || "(untagged)"}`).join(", ")}`
      : "found no fenced block";
    report({
      message: `${capitalize(sectionLabel(template))} has no diagram: expected a fenced \`\`\`text block with the ASCII architecture diagram; ${found}.`,
      range: section.summary.headingRange,
    });
  },
};

export default rule;
