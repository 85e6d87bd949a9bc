import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { LintMessage } from "./types";

/**
 * Inline configuration comments:
 *   <!-- scenario-lint-disable [rule-id ...] -->            from here on (all rules without ids)
 *   <!-- scenario-lint-enable [rule-id ...] -->             undoes a disable
 *   <!-- scenario-lint-disable-next-line [rule-id ...] -->  only the line after the comment
 * Comments are read from HTML nodes, so text inside code blocks never counts as a directive.
 */
const DIRECTIVE = /<!--\s*scenario-lint-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

interface Directive {
  kind: "disable" | "enable" | "disable-next-line";
  /** Empty means every rule. */
  ruleIds: string[];
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
}

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
  /** Directives naming rules that do not exist, reported so a typo never disables silently. */
  problems: LintMessage[];
}

export function readDirectives(tree: Root, text: string, knownRuleIds: ReadonlySet<string>): Suppressions {
  const directives: Directive[] = [];
  const problems: LintMessage[] = [];
  // Most documents hold no directive; the text search spares them a walk of the whole tree.
  if (text.includes("scenario-lint-")) visit(tree, "html", (node) => {
    const start = node.position?.start;
    if (!start) return;
    for (const match of node.value.matchAll(DIRECTIVE)) {
      const before = node.value.slice(0, match.index);
      const line = start.line + (before.match(/\n/g)?.length ?? 0);
      const lineStart = before.lastIndexOf("\n");
      const column = lineStart === -1 ? start.column + before.length : before.length - lineStart;
      const endLine = line + (match[0].match(/\n/g)?.length ?? 0);
      const ruleIds = match[2]!.split(/[\s,]+/).filter(Boolean);
      const directive: Directive = {
        kind: match[1] as Directive["kind"],
        ruleIds,
        line,
        endLine,
        column,
        endColumn: column + match[0].length,
      };
      for (const ruleId of ruleIds) {
        if (!knownRuleIds.has(ruleId)) {
          problems.push({
            ruleId: "inline-config",
            severity: "error",
            message: `Unknown rule '${ruleId}' in a scenario-lint-${directive.kind} comment; known rules: ${[...knownRuleIds].join(", ")}.`,
            line,
            column,
            endLine: line,
            endColumn: endLine === line ? directive.endColumn : column + 1,
          });
        }
      }
      directives.push(directive);
    }
  });
  directives.sort((a, b) => a.line - b.line);

  return {
    problems,
    isSuppressed(ruleId, line) {
      let disabled = false;
      for (const directive of directives) {
        const applies = directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
        if (!applies) continue;
        if (directive.kind === "disable-next-line") {
          if (line === directive.endLine + 1) return true;
          continue;
        }
        if (directive.line > line) break;
        disabled = directive.kind === "disable";
      }
      return disabled;
    },
  };
}
