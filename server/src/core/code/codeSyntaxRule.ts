import { codeBlocksIn } from "./codeBlocks";
import { codeRangeToMarkdown, firstErrorPerLine, PARSED_LANGUAGES, type CodeParsers } from "./codeCheck";
import { rangeOf } from "../engine/outline";
import type { SectionRule } from "../engine/types";

/**
 * Builds a rule that checks every fenced block of one language with the parser the host
 * provides for it. Each syntax error is reported at its exact Markdown line and column, one
 * per line (parsers cascade after the first mistake). A parser that could not be loaded is
 * reported once per document, at its first block of that language, never silently skipped.
 */
export function codeSyntaxRule(settings: { id: string; description: string; parser: keyof CodeParsers; label: string }): SectionRule {
  const languages: readonly string[] = PARSED_LANGUAGES[settings.parser];
  return {
    meta: { id: settings.id, description: settings.description, defaultSeverity: "error" },
    scope: "section",
    check({ section, parsers, lineIndex, report }) {
      const blocks = codeBlocksIn(section.nodes, section.text).filter((block) => block.fenced && languages.includes(block.language));
      if (!blocks.length) return;
      const parser = parsers[settings.parser];
      if (parser?.status !== "ready") {
        // Said once per document: at the first block of the language, which the engine locates.
        if (!section.facts.firstBlockOf.includes(settings.parser)) return;
        const reason = parser?.status === "failed" ? parser.reason : "this host did not provide a parser";
        report({ message: `${settings.label} syntax checking is unavailable, so these blocks were not checked: ${reason}.`, range: rangeOf(blocks[0]!.node) });
        return;
      }
      const index = lineIndex();
      for (const block of blocks) {
        const errors = firstErrorPerLine(parser.parse(block.node.value));
        const valueLines = errors.length ? block.node.value.split(/\r\n|\r|\n/) : [];
        for (const error of errors) {
          report({
            message: `${settings.label} syntax error: ${error.message} (line ${error.line} of the block).`,
            range: codeRangeToMarkdown(block, valueLines, index, error),
          });
        }
      }
    },
  };
}
