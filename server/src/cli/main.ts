import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { RULES } from "../core/rules";
import { DEFAULT_SCENARIO_FOLDER, DEFAULT_SETTINGS } from "../shared/settings";
import { loadConfigFile } from "../node/configFile";
import { defaultDocsBaseUrl } from "../node/docsUrl";
import { expandPaths, readScenarioFile } from "../node/readScenario";
import { writeFileAtomically } from "../node/writeFile";
import { errorsOnly, FORMATTERS, type FileReport } from "./formatters";
import { cliService, lintFile, lintText, type LintFileOutcome } from "./lintFile";
import { OPTIONS, parseArgsOptions, usageText } from "./options";
import { lintInWorkers, workerCount, type LintWorkerData } from "./workerPool";
import { ScenarioScope } from "../node/scope";
import { CONFIG_FILE_NAME } from "../core/engine/config";
import { DEFAULT_CACHE_FILE, linterBuild, ResultCache } from "../node/resultCache";
import { isIndexPath } from "../core/template/fileName";

declare const SCENARIO_LINT_VERSION: string;
const VERSION = typeof SCENARIO_LINT_VERSION === "string" ? SCENARIO_LINT_VERSION : "0.0.0-dev";

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input, for the file '-'. */
  readStdin?(): Promise<string>;
  /** Whether output goes to a terminal that should get colour (a TTY, and NO_COLOR unset). */
  colorByDefault?: boolean;
}

/**
 * `--max-warnings -1`: a negative number after an option that takes a value is that value, not
 * an option (util.parseArgs would refuse it as ambiguous); it is joined as `--max-warnings=-1`.
 */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const takesValue = new Set(OPTIONS.filter((option) => option.type === "string").flatMap((option) => [`--${option.name}`, ...(option.short ? [`-${option.short}`] : [])]));
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const next = argv[index + 1];
    if (takesValue.has(argument) && next !== undefined && /^-\d/.test(next)) {
      joined.push(argument.startsWith("--") ? `${argument}=${next}` : `${argument}${next}`);
      index++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

/** The nearest known option to a mistyped one, when it is close enough to be the one meant. */
function nearestOption(typed: string): string | undefined {
  const name = typed.replace(/^-+/, "");
  let best: { option: string; distance: number } | undefined;
  for (const option of OPTIONS) {
    const distance = editDistance(name, option.name);
    if (!best || distance < best.distance) best = { option: `--${option.name}`, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.option : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The folder holding .git above `start` (code scanning resolves paths against it), else `start`. */
function repositoryRootOf(start: string): string {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    if (existsSync(join(folder, ".git"))) return folder;
    if (dirname(folder) === folder) return resolve(start);
  }
}

/** Each rule's page shipped beside the bundle (docs/rules/<id>.md), for SARIF's help text. */
function rulePages(bundleDirectory: string, rulesMeta: ReadonlyArray<{ id: string }>): Map<string, string> {
  const pages = new Map<string, string>();
  for (const { id } of rulesMeta) {
    const path = join(bundleDirectory, "..", "docs", "rules", `${id}.md`);
    if (existsSync(path)) pages.set(id, readFileSync(path, "utf8"));
  }
  return pages;
}

/** The files to lint plus the index (README.md) of every scenario folder one of them lies in. */
function withIndexes(files: readonly string[], isScenarioFolder: (folder: string, file: string) => boolean): string[] {
  const all = new Set(files);
  for (const file of files) {
    const folder = dirname(file);
    const index = join(folder, "README.md");
    if (isScenarioFolder(folder, file) && existsSync(index)) all.add(index);
  }
  return [...all];
}


/** Runs the CLI and returns its exit code; all output goes through `io`. */
export async function runCli(argv: readonly string[], io: CliIo, bundleDirectory: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      options: parseArgsOptions(),
    });
  } catch (error) {
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message)?.[1];
    const nearest = unknown ? nearestOption(unknown) : undefined;
    io.stderr(`scenario-lint: ${(error as Error).message}${nearest ? ` Did you mean '${nearest}'?` : ""}\n\n${usageText()}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${usageText()}\n`);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const format = String(values.format);
  const formatter = FORMATTERS[format]?.formatter;
  if (!formatter) {
    io.stderr(`scenario-lint: unknown format '${format}'; expected one of ${Object.keys(FORMATTERS).join(", ")}.\n`);
    return EXIT_USAGE;
  }
  let maxWarnings = Infinity;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      io.stderr(`scenario-lint: --max-warnings expects a whole number >= -1, not '${values["max-warnings"]}'.\n`);
      return EXIT_USAGE;
    }
    if (maxWarnings === -1) maxWarnings = Infinity;
  }

  const usingDefaultFolder = positionals.length === 0;
  const fromStdin = positionals.includes("-");
  const searched = usingDefaultFolder ? [DEFAULT_SCENARIO_FOLDER] : positionals.filter((path) => path !== "-");
  if (values["regenerate-index"]) {
    const clash = ["fix", "fix-dry-run"].find((option) => values[option as "fix"]);
    if (clash) {
      io.stderr(`scenario-lint: --regenerate-index rewrites the index only; run --${clash} separately.\n`);
      return EXIT_USAGE;
    }
    if (format !== "stylish") {
      io.stderr(`scenario-lint: --regenerate-index prints what it did as text; --format ${format} does not apply to it.\n`);
      return EXIT_USAGE;
    }
    return regenerateIndexes(searched, io);
  }
  if (fromStdin && values.fix) {
    io.stderr("scenario-lint: --fix cannot write back to standard input; lint the file itself to fix it.\n");
    return EXIT_USAGE;
  }
  const expanded = fromStdin && !searched.length ? { files: [], missing: [] } : expandPaths(searched);
  const { missing } = expanded;

  if (missing.length && !values["no-error-on-unmatched-pattern"] && !(usingDefaultFolder && format === "summary")) {
    for (const path of missing) io.stderr(`scenario-lint: no such file or directory: ${path}\n`);
    return EXIT_USAGE;
  }

  const concurrencySetting = values.concurrency === undefined ? undefined : String(values.concurrency);
  const concurrencyCheck = workerCount(concurrencySetting, 0);
  if (typeof concurrencyCheck === "object") {
    io.stderr(`scenario-lint: ${concurrencyCheck.error}.\n`);
    return EXIT_USAGE;
  }
  const explicitConfig = values.config ? loadConfigFile(resolve(String(values.config))) : undefined;
  if (explicitConfig?.errors.length) {
    for (const error of explicitConfig.errors) io.stderr(`scenario-lint: configuration error: ${error}\n`);
    return EXIT_USAGE;
  }
  const cwd = process.cwd();
  const service = cliService(explicitConfig);
  // Only scenarios are linted, as in the editor: Markdown outside the scenario folders (a hook's
  // CHANGELOG.md) and files the configuration ignores are skipped, and said so.
  const scope = new ScenarioScope(cwd);
  const skipped = { outside: [] as string[], ignored: [] as string[] };
  const scoped = values["all-files"]
    ? expanded.files
    : expanded.files.filter((file) => {
        const verdict = scope.verdict(file, service.configuration(file));
        if (verdict !== "scenario") skipped[verdict].push(file);
        return verdict === "scenario";
      });
  const shown = (paths: string[]) => `${paths.slice(0, 5).map((path) => relative(cwd, path) || path).join(", ")}${paths.length > 5 ? `, and ${paths.length - 5} more` : ""}`;
  if (skipped.outside.length) io.stderr(`scenario-lint: skipped ${skipped.outside.length} file(s) outside the scenario folders (${shown(skipped.outside)}); the folders are "scenarioFolders" in ${CONFIG_FILE_NAME} (default: ${DEFAULT_SETTINGS.scenarioFolders.join(", ")}); --all-files lints them anyway.\n`);
  if (skipped.ignored.length) io.stderr(`scenario-lint: skipped ${skipped.ignored.length} file(s) matched by "ignores" (${shown(skipped.ignored)}).\n`);
  // The index is checked whenever a scenario of its folder is: a hook that passes only the
  // changed scenario must still catch an index that does not list it.
  const files = withIndexes(scoped, (folder, file) => scope.isScenarioFolder(folder, service.configuration(file)));
  const concurrency = workerCount(concurrencySetting, files.length) as number;
  const configErrors = new Set<string>();
  const reports: FileReport[] = [];
  let unwrittenSections = 0;
  const outcomes: LintFileOutcome[] = [];
  if (fromStdin) {
    const stdinPath = values["stdin-filename"] ? resolve(String(values["stdin-filename"])) : "<stdin>";
    outcomes.push(await lintText(stdinPath, (await io.readStdin?.()) ?? "", service, { explicitConfig, cwd }));
  }
  const fileOptions = { explicitConfig, fix: values.fix === true, fixDryRun: values["fix-dry-run"] === true, cwd };
  // Results kept from earlier runs serve the files that did not change; a fix always lints afresh.
  const cache = values.cache && !fileOptions.fix && !fileOptions.fixDryRun ? ResultCache.open<LintFileOutcome>(resolve(String(values["cache-location"] ?? DEFAULT_CACHE_FILE)), linterBuild(VERSION, join(bundleDirectory, "cli.js"))) : undefined;
  const fromCache: Array<LintFileOutcome | undefined> = new Array(files.length);
  const cacheKeys: Array<string | undefined> = new Array(files.length);
  if (cache) {
    files.forEach((file, index) => {
      if (isIndexPath(file)) return; // the index depends on the files beside it
      const read = readScenarioFile(file);
      if (!read.ok) return;
      cacheKeys[index] = cache.keyOf(file, JSON.stringify(service.configuration(file)), read.text);
      const hit = cache.get(file, cacheKeys[index]!);
      // The cache does not keep the text (the json format's `source`): it is the text just read.
      if (hit && "report" in hit) fromCache[index] = { ...hit, report: { ...hit.report, source: read.text } };
    });
  }
  const toLint = files.filter((_, index) => !fromCache[index]);
  // Workers start the way this process did (through bin/scenario-lint.js and its code cache, or
  // the bundle itself), so they load the same code the same way.
  const workerScript = require.main?.filename ?? join(bundleDirectory, "cli.js");
  const workers = existsSync(workerScript) ? Math.min(concurrency, toLint.length) : 0;
  const linted: LintFileOutcome[] = [];
  if (workers > 1) {
    const data: LintWorkerData = { scenarioLintWorker: true, configPath: values.config === undefined ? undefined : String(values.config), fix: fileOptions.fix, fixDryRun: fileOptions.fixDryRun, cwd };
    linted.push(...(await lintInWorkers(workerScript, data, toLint, workers)));
  } else {
    // One file at a time: only one file's text and tree are in memory at once.
    for (const file of toLint) linted.push(await lintFile(file, service, fileOptions));
  }
  let next = 0;
  files.forEach((file, index) => {
    const outcome = fromCache[index] ?? linted[next++]!;
    if (fromCache[index]) {
      outcomes.push(outcome);
      return;
    }
    if (cache && cacheKeys[index] && "report" in outcome && outcome.cacheable) {
      const { source: _source, ...report } = outcome.report;
      cache.set(file, cacheKeys[index]!, { ...outcome, report });
    }
    outcomes.push(outcome);
  });
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      io.stderr(`scenario-lint: could not write the cache ${cache.file} (${(error as Error).message}); the next run lints every file.\n`);
    }
  }
  for (const outcome of outcomes) {
    if ("configErrors" in outcome) {
      outcome.configErrors.forEach((error) => configErrors.add(error));
      continue;
    }
    for (const note of outcome.notes) io.stderr(`scenario-lint: ${note}\n`);
    unwrittenSections += outcome.unwrittenSections;
    reports.push(values.quiet ? errorsOnly(outcome.report) : outcome.report);
  }
  if (configErrors.size) {
    for (const error of configErrors) io.stderr(`scenario-lint: configuration error: ${error}\n`);
    return EXIT_USAGE;
  }

  const color = values["no-color"] ? false : values.color ? true : io.colorByDefault === true;
  const rulesMeta = RULES.map((rule) => rule.meta);
  const report = formatter(reports, { cwd, repositoryRoot: repositoryRootOf(cwd), rulesMeta, rulesHelp: rulePages(bundleDirectory, rulesMeta), docsBaseUrl: defaultDocsBaseUrl(bundleDirectory), version: VERSION, searched, color: color && !values["output-file"] });
  if (values["output-file"]) {
    const target = resolve(String(values["output-file"]));
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomically(target, `${report}\n`);
    } catch (error) {
      io.stderr(`scenario-lint: could not write the report to ${target} (${(error as Error).message}).\n`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout(`${report}\n`);
  }
  const errors = reports.reduce((sum, report) => sum + report.errorCount, 0);
  const warnings = reports.reduce((sum, report) => sum + report.warningCount, 0);
  if (errors > 0) return EXIT_PROBLEMS;
  // --fix inserts scaffolds; a scaffold is work not done, so the run fails while any is left,
  // however the rules' severities are set.
  if (values.fix && unwrittenSections > 0) {
    io.stderr(`scenario-lint: ${unwrittenSections} section(s) still hold only their scaffold; write them before this run can pass.\n`);
    return EXIT_PROBLEMS;
  }
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
    // An index belongs to a scenario folder: never create a README.md in a folder that has no
    // scenarios and no index (a mistyped path, the repository root).
    const hasIndex = existsSync(join(folder, "README.md"));
    const hasScenarios = readdirSync(folder).some((name) => name.endsWith(".md") && name !== "README.md");
    if (!hasIndex && !hasScenarios) {
      io.stderr(`scenario-lint: '${folder}' holds no scenario and no index; no README.md was created there.\n`);
      return EXIT_USAGE;
    }
  }
  const service = cliService();
  for (const folder of folders) {
    const indexPath = join(folder, "README.md");
    const before = existsSync(indexPath) ? readFileSync(indexPath, "utf8") : undefined;
    const update = service.regenerateIndex(folder);
    if (!update) {
      io.stdout(`${indexPath}: up to date\n`);
      continue;
    }
    try {
      writeFileAtomically(indexPath, update.after);
    } catch (error) {
      io.stderr(`scenario-lint: could not write ${indexPath} (${(error as Error).message}); it is unchanged.\n`);
      return EXIT_PROBLEMS;
    }
    io.stdout(`${indexPath}: ${before === undefined ? "created" : "catalogue regenerated"}\n`);
  }
  return EXIT_OK;
}
