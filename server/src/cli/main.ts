import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isIndexPath } from "../core/fileName";
import { fixAllText } from "../core/fixes";
import { regenerateIndex } from "../core/indexFile";
import { writeFileAtomically } from "../node/writeFile";
import { lintDocument } from "../core/lint";
import { libraryBeside } from "../node/library";
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
  --fix                fix structural problems in place (insert missing sections,
                       move misplaced ones, correct numbers), then report the rest
  --regenerate-index   rewrite the generated catalogue of each folder's README.md
                       (only the part between its scenario-index markers)
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
        fix: { type: "boolean" },
        "regenerate-index": { type: "boolean" },
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
  if (values["regenerate-index"]) return regenerateIndexes(searched, io);
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
    const library = isIndexPath(file) ? libraryBeside(file) : undefined;
    let text = read.text;
    let result = lintDocument({ path: file, text, ...(library ? { library } : {}) }, configResult.config, { parsers });
    if (values.fix && !result.isIndex) {
      const fixed = fixAllText(result, text);
      if (fixed !== undefined) {
        try {
          writeFileAtomically(file, fixed);
          io.stderr(`scenario-lint: fixed ${relative(process.cwd(), file) || file}\n`);
          text = fixed;
          result = lintDocument({ path: file, text }, configResult.config, { parsers });
        } catch (error) {
          io.stderr(`scenario-lint: could not write ${file} (${(error as Error).message}); it is unchanged.\n`);
        }
      }
    }
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

/** `--regenerate-index`: rewrites only the generated catalogue of each folder's README.md. */
function regenerateIndexes(folders: readonly string[], io: CliIo): number {
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      io.stderr(`scenario-lint: --regenerate-index expects folders; '${folder}' is not one.\n`);
      return EXIT_USAGE;
    }
  }
  for (const folder of folders) {
    const indexPath = join(folder, "README.md");
    const before = existsSync(indexPath) ? readFileSync(indexPath, "utf8") : undefined;
    const after = regenerateIndex(before, libraryBeside(indexPath));
    if (after === before) {
      io.stdout(`${indexPath}: up to date\n`);
      continue;
    }
    try {
      writeFileAtomically(indexPath, after);
    } catch (error) {
      io.stderr(`scenario-lint: could not write ${indexPath} (${(error as Error).message}); it is unchanged.\n`);
      return EXIT_PROBLEMS;
    }
    io.stdout(`${indexPath}: ${before === undefined ? "created" : "catalogue regenerated"}\n`);
  }
  return EXIT_OK;
}
