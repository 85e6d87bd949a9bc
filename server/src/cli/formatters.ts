import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { completeCount, documentSize, type DocumentSize, type SectionStatus } from "../core/features/summary";
import { TEMPLATE } from "../core/template/template";
import { resolveLineEdits } from "../core/engine/lineEdits";
import type { LintMessage, RuleMeta } from "../core/engine/types";
import { ruleDocUrl } from "../node/docsUrl";

/** A fix in ESLint's shape: replace the characters [start, end) of the source with `text`. */
export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface ReportMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
  fix?: EslintFix;
}

/**
 * One linted file, in the shape of ESLint's JSON formatter (`LintResult`), plus the section
 * statuses for the summary.
 */
export interface FileReport {
  filePath: string;
  messages: ReportMessage[];
  suppressedMessages: ReportMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
  /** The text linted, when it was not fixed (as ESLint: absent once `output` is set). */
  source?: string;
  /** The text after --fix or --fix-dry-run, when a fix changed it. */
  output?: string;
  /** Absent for files that could not be read and for the index. */
  sections?: SectionStatus[];
  isIndex?: boolean;
}

/**
 * The first text fix a message offers, as one ESLint fix: a fix made of several line edits (a
 * section moved) becomes one replacement of the span they cover.
 */
function eslintFix(message: LintMessage, text: string): EslintFix | undefined {
  const fix = message.fixes?.find((candidate) => candidate.kind === "edit");
  if (!fix || fix.kind !== "edit" || !fix.edits.length) return undefined;
  const edits = resolveLineEdits(text, fix.edits).sort((a, b) => a.startOffset - b.startOffset);
  const start = edits[0]!.startOffset;
  const end = Math.max(...edits.map((edit) => edit.endOffset));
  let replaced = "";
  let at = start;
  for (const edit of edits) {
    replaced += text.slice(at, edit.startOffset) + edit.newText;
    at = Math.max(at, edit.endOffset);
  }
  replaced += text.slice(at, end);
  return { range: [start, end], text: replaced };
}

export function toFileReport(filePath: string, messages: readonly LintMessage[], text: string, options: { sections?: SectionStatus[]; isIndex?: boolean; output?: string } = {}): FileReport {
  const converted: ReportMessage[] = messages.map((message) => {
    const fix = eslintFix(message, text);
    return {
      ruleId: message.ruleId,
      severity: message.severity === "error" ? 2 : 1,
      message: message.message,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      ...(fix ? { fix } : {}),
    };
  });
  return {
    filePath,
    messages: converted,
    suppressedMessages: [],
    errorCount: converted.filter((message) => message.severity === 2).length,
    fatalErrorCount: 0,
    warningCount: converted.filter((message) => message.severity === 1).length,
    fixableErrorCount: converted.filter((message) => message.severity === 2 && message.fix).length,
    fixableWarningCount: converted.filter((message) => message.severity === 1 && message.fix).length,
    usedDeprecatedRules: [],
    ...(options.output !== undefined ? { output: options.output } : { source: text }),
    ...(options.sections ? { sections: options.sections } : {}),
    ...(options.isIndex ? { isIndex: true } : {}),
  };
}

/** A file that could not be linted at all: one fatal message, as ESLint reports parse failures. */
export function fatalReport(filePath: string, reason: string, cwd: string): FileReport {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 2, message: `${relative(cwd, filePath) || filePath} ${reason}.`, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** `--quiet`: the report without its warnings, as ESLint's `getErrorResults`. */
export function errorsOnly(report: FileReport): FileReport {
  const messages = report.messages.filter((message) => message.severity === 2);
  return { ...report, messages, warningCount: 0, fixableWarningCount: 0 };
}

/**
 * What a formatter may know besides the reports, in the manner of ESLint's formatter context:
 * the folder paths are relative to, the repository root code scanning resolves against, the
 * rules' metadata and help, where their docs live, the version, what was searched and whether
 * to colour. Formatters never read the process themselves.
 */
export interface FormatterContext {
  cwd: string;
  /** The repository's root (the folder holding .git), or the working folder outside one. */
  repositoryRoot: string;
  rulesMeta: readonly RuleMeta[];
  /** Each rule's page, as Markdown (for SARIF's `help`). */
  rulesHelp: ReadonlyMap<string, string>;
  docsBaseUrl: string;
  version: string;
  searched: readonly string[];
  color: boolean;
}

export type Formatter = (reports: readonly FileReport[], context: FormatterContext) => string;

function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map(({ sections: _sections, isIndex: _isIndex, ...result }) => result));
}

function displayPath(filePath: string, cwd: string): string {
  return relative(cwd, filePath) || filePath;
}

const paint = (color: boolean, code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

function messageLines(report: FileReport, color: boolean): string[] {
  return report.messages.map((message) => {
    const where = `${message.line}:${message.column}`.padEnd(8);
    const severity = message.severity === 2 ? paint(color, 31)("error".padEnd(8)) : paint(color, 33)("warning".padEnd(8));
    return `  ${paint(color, 2)(where)}${severity}${message.message}  ${paint(color, 2)(message.ruleId ?? "")}`.trimEnd();
  });
}

function totals(reports: readonly FileReport[]): { errors: number; warnings: number } {
  return {
    errors: reports.reduce((sum, report) => sum + report.errorCount, 0),
    warnings: reports.reduce((sum, report) => sum + report.warningCount, 0),
  };
}

/**
 * The default report, in ESLint's stylish layout: the file's absolute path on a line of its own,
 * then one indented line per problem, "line:column severity message  rule-id". That is what
 * VS Code's `$eslint-stylish` problem matcher (and this extension's `$scenario-lint`) reads.
 */
function formatStylish(reports: readonly FileReport[], { color }: FormatterContext): string {
  const out: string[] = [];
  for (const report of reports) {
    if (!report.messages.length) continue;
    out.push(paint(color, 4)(report.filePath), ...messageLines(report, color), "");
  }
  const { errors, warnings } = totals(reports);
  out.push(
    errors + warnings === 0
      ? `${reports.length} file(s) checked, no problems.`
      : paint(color, errors ? 31 : 33)(`✖ ${errors + warnings} problem(s) (${errors} error(s), ${warnings} warning(s)) in ${reports.length} file(s) checked.`),
  );
  return out.join("\n");
}

/**
 * The main job's report: per scenario, how many of the 17 sections are complete and which
 * checks fail, followed by the messages themselves.
 */
function formatSummary(reports: readonly FileReport[], { cwd, searched, color, rulesMeta }: FormatterContext): string {
  const scenarios = reports.filter((report) => !report.isIndex);
  const where = searched.join(", ");
  if (!scenarios.length) return `No scenarios found in ${where}: the library is empty.`;
  const out = [`Scenario library (${where}): ${scenarios.length} scenario(s)`, ""];
  const width = Math.max(...scenarios.map((report) => displayPath(report.filePath, cwd).length));
  // The reviewer's checks are counted on every line, zero included, so a clean library says so.
  const reviewIds = rulesMeta.filter((meta) => meta.reviewCheck).map((meta) => meta.id);
  for (const report of scenarios) {
    const name = displayPath(report.filePath, cwd).padEnd(width);
    const complete = report.sections ? `${completeCount(report.sections)}/${TEMPLATE.length} sections complete` : "not readable";
    const failing = new Map<string, number>();
    for (const message of report.messages) failing.set(message.ruleId ?? "fatal", (failing.get(message.ruleId ?? "fatal") ?? 0) + 1);
    const checks = failing.size
      ? `failing: ${[...failing].map(([ruleId, count]) => (count > 1 ? `${ruleId} x${count}` : ruleId)).join(", ")}`
      : "all checks pass";
    const text = report.source ?? report.output;
    const size = text === undefined ? "" : sizeText(documentSize(text));
    const review = reviewIds.map((ruleId) => `${ruleId} ${failing.get(ruleId) ?? 0}`).join(", ");
    out.push(`${name}  ${complete.padEnd(24)}  ${size.padEnd(26)}  ${checks}${reviewIds.length ? `  (review: ${review})` : ""}`);
    if (report.messages.length) out.push(...messageLines(report, color).map((line) => `  ${line}`));
  }
  for (const report of reports.filter((candidate) => candidate.isIndex)) {
    out.push("", `Index ${displayPath(report.filePath, cwd)}: ${report.messages.length ? "out of sync" : "lists every scenario"}`);
    if (report.messages.length) out.push(...messageLines(report, color).map((line) => `  ${line}`));
  }
  const { errors, warnings } = totals(reports);
  out.push("", `${errors} error(s), ${warnings} warning(s).`);
  return out.join("\n");
}

/** "10,099 words, 63 % code". */
function sizeText(size: DocumentSize): string {
  const share = size.words ? Math.round((100 * size.codeWords) / size.words) : 0;
  return `${size.words.toLocaleString("en-US")} words, ${share} % code`;
}

/** A workflow command property or message, escaped as GitHub Actions requires. */
function escapeWorkflow(text: string, isProperty: boolean): string {
  const escaped = text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  return isProperty ? escaped.replace(/:/g, "%3A").replace(/,/g, "%2C") : escaped;
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff. */
function formatGithub(reports: readonly FileReport[], { repositoryRoot }: FormatterContext): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = relative(repositoryRoot, report.filePath).split(sep).join("/");
    for (const message of report.messages) {
      const level = message.severity === 2 ? "error" : "warning";
      const where = `file=${escapeWorkflow(file, true)},line=${message.line},col=${message.column},endLine=${message.endLine},endColumn=${message.endColumn}`;
      lines.push(`::${level} ${where},title=${escapeWorkflow(message.ruleId ?? "fatal", true)}::${escapeWorkflow(message.message, false)}`);
    }
  }
  return lines.join("\n");
}

/** Paths under the repository root are given relative to %SRCROOT%; others as absolute file URLs. */
function artifactLocation(filePath: string, repositoryRoot: string): { uri: string; uriBaseId?: string } {
  const relativePath = relative(repositoryRoot, filePath);
  if (relativePath && !relativePath.startsWith("..") && !isAbsolute(relativePath)) {
    return { uri: relativePath.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  return { uri: pathToFileURL(filePath).href };
}

/** The rule a fatal (unreadable file) result is reported under, so every result has a rule. */
const FATAL_RULE = { id: "unreadable-file", description: "The file could be read as UTF-8 text (binary, non-UTF-8 and missing files cannot be checked)." };

/** "missing-section" → "MissingSection": SARIF's `name`, which code scanning shows. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

/** A public documentation base (http or https); a file: URL on the CI machine helps nobody. */
function isPublicUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** SARIF 2.1.0 as code-scanning services (GitHub's among them) ingest it. */
function formatSarif(reports: readonly FileReport[], { repositoryRoot, rulesMeta, rulesHelp, docsBaseUrl, version }: FormatterContext): string {
  const rules = [...rulesMeta.map((meta) => ({ id: meta.id, description: meta.description, level: meta.defaultSeverity === "error" ? "error" : "warning" })), { ...FATAL_RULE, level: "error" }];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap((report) =>
    report.messages.map((message) => {
      const ruleId = message.ruleId ?? FATAL_RULE.id;
      const location = artifactLocation(report.filePath, repositoryRoot);
      // Stable across runs and unrelated edits: the rule, the file and the message, not the line.
      const fingerprint = createHash("sha256").update(`${ruleId}\u0000${location.uri}\u0000${message.message}`).digest("hex").slice(0, 32);
      return {
        ruleId,
        ruleIndex: ruleIndex.get(ruleId),
        level: message.severity === 2 ? "error" : "warning",
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: message.line, startColumn: message.column, endLine: message.endLine, endColumn: message.endColumn } } }],
        partialFingerprints: { "scenarioLintMessage/v1": fingerprint },
      };
    }),
  );
  const publicDocs = isPublicUrl(docsBaseUrl);
  const sarif = {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: {
          driver: {
            name: "scenario-lint",
            version,
            semanticVersion: version,
            ...(publicDocs ? { informationUri: docsBaseUrl } : {}),
            rules: rules.map((rule) => {
              const help = rulesHelp.get(rule.id);
              return {
                id: rule.id,
                name: ruleName(rule.id),
                shortDescription: { text: rule.description },
                fullDescription: { text: rule.description },
                help: { text: help ? help.replace(/[`*#]/g, "") : rule.description, markdown: help ?? rule.description },
                ...(publicDocs ? { helpUri: ruleDocUrl(docsBaseUrl, rule.id) } : {}),
                defaultConfiguration: { level: rule.level },
              };
            }),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(repositoryRoot).href}/` } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** The output formats by name; `--format` and the usage text both read this one registry. */
export const FORMATTERS: Readonly<Record<string, { formatter: Formatter; description: string }>> = {
  stylish: { formatter: formatStylish, description: "one block per file with problems, as ESLint's (the default)" },
  summary: { formatter: formatSummary, description: "per scenario: sections complete and failing checks" },
  json: { formatter: formatJson, description: "ESLint's JSON result shape, fixes included" },
  sarif: { formatter: formatSarif, description: "SARIF 2.1.0 for code scanning" },
  github: { formatter: formatGithub, description: "GitHub Actions annotations (workflow commands)" },
};
