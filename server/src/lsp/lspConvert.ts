import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from "vscode-languageserver";
import type { LintMessage, Range } from "../core/engine/types";
import { ruleDocUrl } from "../node/docsUrl";
import { RULES } from "../core/rules";

export const DIAGNOSTIC_SOURCE = "scenario-lint";

/** Rules whose warnings are to-dos (see RuleMeta.presentation): shown as information in editors. */
const TODO_RULES: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.meta.presentation === "todo").map((rule) => rule.meta.id));

/**
 * With `fromLspLine` below, the only place where the core's 1-based lines and columns and LSP's
 * 0-based positions are converted into each other.
 * Both count columns in UTF-16 code units, so only the base changes.
 */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** The inverse, for positions the client sends: LSP's 0-based line to the core's 1-based one. */
export function fromLspLine(line: number): number {
  return line + 1;
}

export function toLspDiagnostic(message: LintMessage, docsBaseUrl: string, uri?: string): Diagnostic {
  return {
    // Earlier statements of a repeated claim, clickable in the Problems panel and the hover.
    ...(message.related?.length && uri ? { relatedInformation: message.related.map((place) => ({ location: { uri, range: toLspRange(place.range) }, message: place.message })) } : {}),
    range: toLspRange({
      start: { line: message.line, column: message.column },
      end: { line: message.endLine, column: message.endColumn },
    }),
    severity: message.severity === "error" ? DiagnosticSeverity.Error : TODO_RULES.has(message.ruleId) ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
    code: message.ruleId,
    codeDescription: { href: ruleDocUrl(docsBaseUrl, message.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
  };
}

const FIRST_LINE = toLspRange({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });

/** A broken `.scenariolintrc.json` is shown on every document it governs, never ignored. */
export function configProblemDiagnostic(error: string, configFile: string, docsBaseUrl: string): Diagnostic {
  return {
    range: FIRST_LINE,
    severity: DiagnosticSeverity.Error,
    code: "config",
    codeDescription: { href: ruleDocUrl(docsBaseUrl, "config") },
    source: DIAGNOSTIC_SOURCE,
    message: `Invalid configuration (${configFile}): ${error} The invalid entries are ignored until it is fixed.`,
  };
}

export function internalFailureDiagnostic(error: unknown): Diagnostic {
  return {
    range: FIRST_LINE,
    severity: DiagnosticSeverity.Error,
    code: "internal",
    source: DIAGNOSTIC_SOURCE,
    message: `scenario-lint could not check this document (${error instanceof Error ? error.message : String(error)}). This is a bug; please report it with the document.`,
  };
}
