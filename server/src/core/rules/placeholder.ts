import type { RootContent } from "mdast";
import { visit } from "unist-util-visit";
import { summaryLabel } from "../engine/describe";
import { PLACEHOLDER_MARKER } from "../template/template";
import type { SectionRule } from "../engine/types";

interface Options {
  patterns: string[];
}

function patternRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const before = /^\w/.test(pattern) ? "\\b" : "";
  const after = /\w$/.test(pattern) ? "\\b" : "";
  return new RegExp(`${before}${escaped}${after}`, "g");
}

/**
 * Scaffold text left unfilled. The scaffold marks every line the author must replace with
 * "TODO:"; the other default patterns catch the usual stand-ins for missing content.
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "placeholder",
    description: "No scaffold placeholder (TODO:, TBD, FIXME, lorem ipsum) is left in the text or code.",
    defaultSeverity: "warn",
    optionsSchema: {
      type: "object",
      properties: {
        patterns: {
          type: "array",
          items: { type: "string", minLength: 1 },
          description: "Case-sensitive strings that mark unfilled text.",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { patterns: [PLACEHOLDER_MARKER, "TBD", "FIXME", "Lorem ipsum", "lorem ipsum"] },
  },
  scope: "section",
  check({ section, options, lineIndex, report }) {
    const regexes = options.patterns.map(patternRegex);
    const reportedLines = new Set<number>();
    const where = section.isTitle ? "before the first section" : `in ${summaryLabel(section.summary)}`;
    for (const root of section.nodes as RootContent[]) {
      visit(root, (node) => {
        if (!("value" in node) || typeof node.value !== "string") return;
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start === undefined || end === undefined) return;
        // Search the source, not the node's value, so positions stay exact across escapes and fences.
        const source = section.text.slice(start, end);
        for (const regex of regexes) {
          for (const match of source.matchAll(regex)) {
            const from = start + match.index!;
            const range = lineIndex().rangeAt(from, from + match[0].length);
            if (reportedLines.has(range.start.line)) continue;
            reportedLines.add(range.start.line);
            report({
              message: `Placeholder '${match[0]}' left unfilled ${where}; replace it with real content.`,
              range,
            });
          }
        }
      });
    }
  },
};

export default rule;
