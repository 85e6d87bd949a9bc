import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { RuleMeta } from "../core/engine/types";
import { completeCount, type SectionStatus } from "../core/features/summary";
import { TEMPLATE } from "../core/template/template";
import type { LintMessage } from "../core/engine/types";
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
export function fatalReport(filePath: string, reason: string, cwd: string): FileReport {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 2, message: `${relative(cwd, filePath) || filePath} ${reason}.`, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
    errorCount: 1,
    warningCount: 0,
  };
}

/**
 * What a formatter may know besides the reports, in the manner of ESLint's formatter context:
 * the folder paths are relative to, the rules' metadata, where their docs live, the version and
 * what was searched. Formatters never read the process themselves.
 */
export interface FormatterContext {
  cwd: string;
  rulesMeta: readonly RuleMeta[];
  docsBaseUrl: string;
  version: string;
  searched: readonly string[];
}

export type Formatter = (reports: readonly FileReport[], context: FormatterContext) => string;

function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    reports.map(({ filePath, messages, errorCount, warningCount }) => ({ filePath, messages, errorCount, warningCount })),
  );
}

function displayPath(filePath: string, cwd: string): string {
  return relative(cwd, filePath) || filePath;
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
function formatStylish(reports: readonly FileReport[], { cwd }: FormatterContext): string {
  const out: string[] = [];
  for (const report of reports) {
    if (!report.messages.length) continue;
    out.push(displayPath(report.filePath, cwd), ...messageLines(report), "");
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
function formatSummary(reports: readonly FileReport[], { cwd, searched }: FormatterContext): string {
  const scenarios = reports.filter((report) => !report.isIndex);
  const where = searched.join(", ");
  if (!scenarios.length) return `No scenarios found in ${where}: the library is empty.`;
  const out = [`Scenario library (${where}): ${scenarios.length} scenario(s)`, ""];
  const width = Math.max(...scenarios.map((report) => displayPath(report.filePath, cwd).length));
  for (const report of scenarios) {
    const name = displayPath(report.filePath, cwd).padEnd(width);
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
    out.push("", `Index ${displayPath(report.filePath, cwd)}: ${report.messages.length ? "out of sync" : "lists every scenario"}`);
    if (report.messages.length) out.push(...messageLines(report).map((line) => `  ${line}`));
  }
  const { errors, warnings } = totals(reports);
  out.push("", `${errors} error(s), ${warnings} warning(s).`);
  return out.join("\n");
}

/** Files under the working directory are given relative to %SRCROOT%, others as absolute file URLs. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relativePath = relative(cwd, filePath);
  if (relativePath && !relativePath.startsWith("..") && !isAbsolute(relativePath)) {
    return { uri: relativePath.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  return { uri: pathToFileURL(filePath).href };
}

/** SARIF 2.1.0, the format code-scanning services ingest. */
function formatSarif(reports: readonly FileReport[], { cwd, rulesMeta, docsBaseUrl, version }: FormatterContext): string {
  const ruleIndex = new Map(rulesMeta.map((meta, index) => [meta.id, index]));
  const results = reports.flatMap((report) =>
    report.messages.map((message) => ({
      ...(message.ruleId && ruleIndex.has(message.ruleId) ? { ruleId: message.ruleId, ruleIndex: ruleIndex.get(message.ruleId) } : {}),
      level: message.severity === 2 ? "error" : "warning",
      message: { text: message.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(report.filePath, cwd),
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
            rules: rulesMeta.map((meta) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              helpUri: ruleDocUrl(docsBaseUrl, meta.id),
              defaultConfiguration: { level: meta.defaultSeverity === "error" ? "error" : "warning" },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(cwd).href}/` } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** The output formats by name; `--format` and the usage text both read this one registry. */
export const FORMATTERS: Readonly<Record<string, { formatter: Formatter; description: string }>> = {
  stylish: { formatter: formatStylish, description: "one block per file with problems (the default)" },
  summary: { formatter: formatSummary, description: "per scenario: sections complete and failing checks" },
  json: { formatter: formatJson, description: "ESLint's JSON formatter shape" },
  sarif: { formatter: formatSarif, description: "SARIF 2.1.0 for code scanning" },
};
