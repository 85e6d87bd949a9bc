import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { lintDocument } from "../core/lint";
import { sectionStatuses } from "../core/summary";
import { CodeParserHost } from "../node/codeParsers";
import { ConfigCache, loadConfigFile } from "../node/configFile";
import { defaultDocsBaseUrl } from "../node/docsUrl";
import { expandPaths, readScenarioFile } from "../node/readScenario";
import { fatalReport, formatJson, formatSarif, formatStylish, formatSummary, toFileReport, type FileReport } from "./formatters";

declare const SCENARIO_LINT_VERSION: string;
const VERSION = typeof SCENARIO_LINT_VERSION === "string" ? SCENARIO_LINT_VERSION : "0.0.0-dev";

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: scenario-lint [options] [files or folders...]

Checks scenario Markdown files against the 17-section template.
Folders are searched for .md files; the default is ./scenarios.

Options:
  --format <name>      stylish (default), summary, json (ESLint's shape) or sarif (SARIF 2.1.0)
  --config <file>      use this .scenariolintrc.json instead of looking for one above each file
  --max-warnings <n>   exit 1 when there are more than n warnings
  -h, --help           show this help
  -v, --version        print the version

Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const FORMATS = ["stylish", "summary", "json", "sarif"] as const;

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo, bundleDirectory: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "stylish" },
        config: { type: "string" },
        "max-warnings": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    io.stderr(`scenario-lint: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    io.stderr(`scenario-lint: unknown format '${values.format}'; expected one of ${FORMATS.join(", ")}.\n`);
    return EXIT_USAGE;
  }
  let maxWarnings = Infinity;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.stderr(`scenario-lint: --max-warnings expects a whole number >= 0, not '${values["max-warnings"]}'.\n`);
      return EXIT_USAGE;
    }
  }

  const usingDefaultFolder = positionals.length === 0;
  const searched = usingDefaultFolder ? ["scenarios"] : positionals;
  const { files, missing } = expandPaths(searched);
  if (missing.length && !(usingDefaultFolder && format === "summary")) {
    for (const path of missing) io.stderr(`scenario-lint: no such file or directory: ${path}\n`);
    return EXIT_USAGE;
  }

  const explicitConfig = values.config ? loadConfigFile(resolve(values.config)) : undefined;
  const cache = new ConfigCache();
  const configErrors = new Set<string>();
  const reports: FileReport[] = [];
  const codeParsers = new CodeParserHost();
  for (const file of files) {
    const configResult = explicitConfig ?? cache.forDirectory(dirname(file)).result;
    configResult.errors.forEach((error) => configErrors.add(error));
    if (configResult.errors.length) continue;
    const read = readScenarioFile(file);
    if (!read.ok) {
      reports.push(fatalReport(file, read.reason));
      continue;
    }
    const parsers = await codeParsers.parsersFor(read.text);
    const result = lintDocument({ path: file, text: read.text }, configResult.config, { parsers });
    reports.push(toFileReport(file, result.messages, result.isIndex ? undefined : sectionStatuses(result), result.isIndex));
  }
  if (explicitConfig?.errors.length) explicitConfig.errors.forEach((error) => configErrors.add(error));
  if (configErrors.size) {
    for (const error of configErrors) io.stderr(`scenario-lint: configuration error: ${error}\n`);
    return EXIT_USAGE;
  }

  const docsBaseUrl = defaultDocsBaseUrl(bundleDirectory);
  switch (format) {
    case "json":
      io.stdout(`${formatJson(reports)}\n`);
      break;
    case "sarif":
      io.stdout(`${formatSarif(reports, docsBaseUrl, VERSION)}\n`);
      break;
    case "summary":
      io.stdout(`${formatSummary(reports, searched)}\n`);
      break;
    default:
      io.stdout(`${formatStylish(reports)}\n`);
  }
  const errors = reports.reduce((sum, report) => sum + report.errorCount, 0);
  const warnings = reports.reduce((sum, report) => sum + report.warningCount, 0);
  if (errors > 0) return EXIT_PROBLEMS;
  if (warnings > maxWarnings) {
    io.stderr(`scenario-lint: ${warnings} warning(s), more than --max-warnings ${maxWarnings}.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
