import type { RootContent } from "mdast";
import { visit } from "unist-util-visit";
import { codeBlocksIn } from "../code/codeBlocks";
import { capitalize, sectionLabel } from "../engine/describe";
import { TEMPLATE, type ContentRequirement } from "../template/template";
import type { SectionRule } from "../engine/types";

interface Options {
  skip: string[];
}

/** Every requirement's configuration key: "<section number>.<requirement id>". */
export const CONTENT_REQUIREMENT_KEYS: readonly string[] = TEMPLATE.flatMap((section) =>
  section.contentRequirements.map((requirement) => `${section.number}.${requirement.id}`),
);

/**
 * The section's prose: the text of every node except code blocks, HTML and subheadings. Text
 * pieces are joined with spaces, so table cells and list items never run into each other
 * ("Users" + "120 M" must not read "Users120 M").
 */
function proseOf(nodes: readonly RootContent[]): string {
  const pieces: string[] = [];
  for (const root of nodes) {
    if (root.type === "code" || root.type === "html" || root.type === "heading") continue;
    visit(root, (node) => {
      if (node.type === "text" || node.type === "inlineCode") pieces.push(node.value);
    });
  }
  return pieces.join(" ");
}

function satisfied(requirement: ContentRequirement, nodes: readonly RootContent[], text: string): boolean {
  const check = requirement.check;
  switch (check.kind) {
    case "text":
      return check.pattern.test(proseOf(nodes));
    case "prose":
      return proseOf(nodes).trim().length > 0;
    case "code":
      return codeBlocksIn(nodes, text).some((block) => block.fenced && check.languages.includes(block.language) && check.pattern.test(block.node.value));
  }
}

/**
 * What the seed requires inside a section beyond its heading: scale numbers in the problem
 * statement, availability and latency targets, SQL DDL in the data model, commented Ruby, a
 * Ruby test. The requirements are data in the template (`contentRequirements`); this rule only
 * evaluates them. Empty sections are left to `empty-section`.
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "section-content",
    description: "Each section contains what the template requires of it (scale numbers, targets, SQL DDL, commented Ruby, a Ruby test).",
    defaultSeverity: "error",
    optionsSchema: {
      type: "object",
      properties: {
        skip: {
          type: "array",
          items: { enum: [...CONTENT_REQUIREMENT_KEYS] },
          description: 'Requirements not to check, as "<section number>.<requirement id>".',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { skip: [] },
  },
  scope: "section",
  check({ section, options, report }) {
    const template = section.summary.template;
    if (section.isTitle || !template || !template.contentRequirements.length) return;
    // A repeated section is `duplicate-section`'s business; only the first occurrence is checked.
    if (!section.summary.isFirstOccurrence) return;
    // An empty section already gets one clear message from `empty-section`; listing each missing
    // detail adds noise. "Empty" is the engine's one definition, shared with that rule.
    if (!section.facts.hasContent) return;
    for (const requirement of template.contentRequirements) {
      if (options.skip.includes(`${template.number}.${requirement.id}`)) continue;
      if (satisfied(requirement, section.nodes, section.text)) continue;
      report({
        message: `${capitalize(sectionLabel(template))} does not ${requirement.missing}: add e.g. ${requirement.example} to this section (${template.number}.${requirement.id}).`,
        range: section.summary.headingRange,
      });
    }
  },
};

export default rule;
