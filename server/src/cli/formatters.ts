import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../core/rules";
import { completeCount, type SectionStatus } from "../core/summary";
import { TEMPLATE } from "../core/template";
import type { LintMessage } from "../core/types";
import { ruleDocUrl } from "../node/docsUrl";

/** One linted file, in the shape of ESLint's JSON formatter (plus the section statuses for the summary). */
export interface FileReport {
  filePath: string;
  messages: Array<{
    ruleId: string | null;
    severity: 1 | 2;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fatal?: true;
  }>;
  errorCount: number;
  warningCount: number;
  /** Absent for files that could not be read and for the index. */
  sections?: SectionStatus[];
  isIndex?: boolean;
}

export function toFileReport(filePath: string, messages: readonly LintMessage[], sections?: SectionStatus[], isIndex = false): FileReport {
  const converted = messages.map((message) => ({
    ruleId: message.ruleId,
    severity: (message.severity === "error" ? 2 : 1) as 1 | 2,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
  }));
  return {
    filePath,
    messages: converted,
    errorCount: converted.filter((message) => message.severity === 2).length,
    warningCount: converted.filter((message) => message.severity === 1).length,
    ...(sections ? { sections } : {}),
    ...(isIndex ? { isIndex } : {}),
  };
}

/** A file that could not be linted at all: one fatal message, as ESLint reports parse failures. */
export function fatalReport(filePath: string, reason: string): FileReport {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 2, message: `${relative(process.cwd(), filePath) || filePath} ${reason}.`, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
    errorCount: 1,
    warningCount: 0,
  };
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map(({ filePath, messages, errorCount, warningCount }) => ({ filePath, messages, errorCount, warningCount })),
  );
}

function displayPath(filePath: string): string {
  return relative(process.cwd(), filePath) || filePath;
}

function messageLines(report: FileReport): string[] {
  return report.messages.map((message) => {
    const where = `${message.line}:${message.column}`.padEnd(8);
    const severity = (message.severity === 2 ? "error" : "warning").padEnd(8);
    return `  ${where}${severity}${message.message}  ${message.ruleId ?? ""}`.trimEnd();
  });
}

function totals(reports: readonly FileReport[]): { errors: number; warnings: number } {
  return {
    errors: reports.reduce((sum, report) => sum + report.errorCount, 0),
    warnings: reports.reduce((sum, report) => sum + report.warningCount, 0),
  };
}

/** The default human-readable report, one block per file with problems. */
export function formatStylish(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    if (!report.messages.length) continue;
    out.push(displayPath(report.filePath), ...messageLines(report), "");
  }
  const { errors, warnings } = totals(reports);
  out.push(
    errors + warnings === 0
      ? `${reports.length} file(s) checked, no problems.`
      : `${errors + warnings} problem(s) (${errors} error(s), ${warnings} warning(s)) in ${reports.length} file(s) checked.`,
  );
  return out.join("\n");
}

/**
 * The main job's report: per scenario, how many of the 17 sections are complete and which
 * checks fail, followed by the messages themselves.
 */
export function formatSummary(reports: readonly FileReport[], searched: readonly string[]): string {
  const scenarios = reports.filter((report) => !report.isIndex);
  const where = searched.join(", ");
  if (!scenarios.length) return `No scenarios found in ${where}: the library is empty.`;
  const out = [`Scenario library (${where}): ${scenarios.length} scenario(s)`, ""];
  const width = Math.max(...scenarios.map((report) => displayPath(report.filePath).length));
  for (const report of scenarios) {
    const name = displayPath(report.filePath).padEnd(width);
    const complete = report.sections ? `${completeCount(report.sections)}/${TEMPLATE.length} sections complete` : "not readable";
    const failing = new Map<string, number>();
    for (const message of report.messages) failing.set(message.ruleId ?? "fatal", (failing.get(message.ruleId ?? "fatal") ?? 0) + 1);
    const checks = failing.size
      ? `failing: ${[...failing].map(([ruleId, count]) => (count > 1 ? `${ruleId} x${count}` : ruleId)).join(", ")}`
      : "all checks pass";
    out.push(`${name}  ${complete.padEnd(24)}  ${checks}`);
    if (report.messages.length) out.push(...messageLines(report).map((line) => `  ${line}`));
  }
  for (const report of reports.filter((candidate) => candidate.isIndex)) {
    out.push("", `Index ${displayPath(report.filePath)}: ${report.messages.length ? "out of sync" : "lists every scenario"}`);
    if (report.messages.length) out.push(...messageLines(report).map((line) => `  ${line}`));
  }
  const { errors, warnings } = totals(reports);
  out.push("", `${errors} error(s), ${warnings} warning(s).`);
  return out.join("\n");
}

/** Files under the working directory are given relative to %SRCROOT%, others as absolute file URLs. */
function artifactLocation(filePath: string): { uri: string; uriBaseId?: string } {
  const relativePath = relative(process.cwd(), filePath);
  if (relativePath && !relativePath.startsWith("..") && !isAbsolute(relativePath)) {
    return { uri: relativePath.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  return { uri: pathToFileURL(filePath).href };
}

/** SARIF 2.1.0, the format code-scanning services ingest. */
export function formatSarif(reports: readonly FileReport[], docsBaseUrl: string, version: string): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const results = reports.flatMap((report) =>
    report.messages.map((message) => ({
      ...(message.ruleId && ruleIndex.has(message.ruleId) ? { ruleId: message.ruleId, ruleIndex: ruleIndex.get(message.ruleId) } : {}),
      level: message.severity === 2 ? "error" : "warning",
      message: { text: message.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(report.filePath),
            region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn },
          },
        },
      ],
    })),
  );
  const sarif = {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: {
          driver: {
            name: "scenario-lint",
            version,
            informationUri: docsBaseUrl,
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              helpUri: ruleDocUrl(docsBaseUrl, rule.meta.id),
              defaultConfiguration: { level: rule.meta.defaultSeverity === "error" ? "error" : "warning" },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(process.cwd()).href}/` } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
