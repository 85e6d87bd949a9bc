/**
 * `npm run examples`: runs the code inside scenario Markdown for real. Each scenario's ```sql
 * blocks are applied to a fresh PostgreSQL 15 database and its ```ruby runnable blocks run,
 * one process each, against a scratch Redis and PostgreSQL that this harness starts on free
 * loopback ports and always stops. The conventions are in docs/examples.md.
 */
import { basename, relative } from "node:path";
import { parseArgs } from "node:util";
import { expandPaths, readScenarioFile } from "../../server/src/node/readScenario";
import { APT_PACKAGES, ensureDependencies, EnvironmentError, type Needs } from "./dependencies";
import { emptyResult, needsDatabase, runScenario, type Scenario } from "./execute";
import { extractBlocks } from "./extract";
import { killTrackedProcessesSync } from "./process";
import { formatJson, formatText, passed, type Report } from "./report";
import { Interrupted, Servers } from "./servers";

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_ENVIRONMENT = 2;
const EXIT_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
const DEFAULT_TIMEOUT_SECONDS = 60;

const USAGE = `Usage: node --import tsx scripts/examples/run.ts [options] [files or folders...]
       npm run examples -- [options] [files or folders...]

Applies each scenario's sql blocks to a fresh PostgreSQL 15 database and runs its
\`ruby runnable\` blocks against a scratch Redis and PostgreSQL started for the run.
Folders are searched for .md files (README.md, the index, is skipped); the default is
./scenarios. Conventions: docs/examples.md.

Options:
  --format <name>    text (default) or json
  --timeout <s>      seconds a block may run before it is killed and counted failed (default ${DEFAULT_TIMEOUT_SECONDS})
  --install-only     install what is missing (as root, with apt-get) and exit
  -h, --help         show this help

Missing packages are installed with apt-get when running as root:
  ${APT_PACKAGES.join(" ")}

Exit status: 0 all passed; 1 a block or a sql block failed, or a ruby block is unmarked;
2 usage or environment error; 130 (SIGINT) or 143 (SIGTERM) interrupted.`;

/** Progress goes to stderr, so that stdout holds only the report (and `--format json` stays parseable). */
let lineOpen = false;
const progress = (text: string): void => {
  process.stderr.write(text);
  lineOpen = !text.endsWith("\n");
};
/** A message on a line of its own, even when a block's progress line is still open. */
const log = (line: string): void => progress(`${lineOpen ? "\n" : ""}examples: ${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        timeout: { type: "string", default: String(DEFAULT_TIMEOUT_SECONDS) },
        "install-only": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`examples: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_ENVIRONMENT;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const format = values.format;
  if (format !== "text" && format !== "json") return usageError(`unknown format '${format}'; expected text or json.`);
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) return usageError(`--timeout expects a number of seconds > 0, not '${values.timeout}'.`);

  if (values["install-only"]) {
    try {
      await ensureDependencies({ ruby: true, redis: true, postgres: true }, log);
      log("Ruby, Redis and PostgreSQL 15 are installed.");
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      log(error.message);
      return EXIT_ENVIRONMENT;
    }
  }

  const loaded = loadScenarios(positionals.length > 0 ? positionals : ["scenarios"]);
  if (typeof loaded === "string") return usageError(loaded);
  return runAll(loaded, { format, timeoutMs: timeoutSeconds * 1000 });
}

function usageError(message: string): number {
  process.stderr.write(`examples: ${message}\n`);
  return EXIT_ENVIRONMENT;
}

/** Reads and extracts every scenario, or says (as a string) why the input cannot be used. */
function loadScenarios(paths: readonly string[]): Scenario[] | string {
  const { files, missing } = expandPaths(paths);
  if (missing.length > 0) return `no such file or folder: ${missing.join(", ")}`;
  const scenarios: Scenario[] = [];
  for (const path of files) {
    // README.md in a scenario folder is the library's index, not a scenario.
    if (basename(path).toLowerCase() === "readme.md") continue;
    const read = readScenarioFile(path);
    if (!read.ok) return `${path} ${read.reason}`;
    // Relative paths are what a person clicks on and what Ruby's backtraces print.
    scenarios.push({ file: relative(process.cwd(), path), blocks: extractBlocks(read.text) });
  }
  if (scenarios.length === 0) return `no scenario Markdown files in ${paths.join(", ")}`;
  return scenarios;
}

async function runAll(scenarios: Scenario[], options: { format: "text" | "json"; timeoutMs: number }): Promise<number> {
  // Start only what some block needs: no PostgreSQL for a library without SQL, no Ruby check
  // for one without runnable blocks.
  const runnable = scenarios.flatMap((scenario) => scenario.blocks.filter((block) => block.kind === "runnable"));
  const needs: Needs = {
    ruby: runnable.length > 0,
    redis: runnable.some((block) => block.needs.includes("redis")),
    postgres: scenarios.some(needsDatabase),
  };
  const report: Report = { scenarios: [], servers: [], temporaryDirectory: undefined };
  const controller = new AbortController();
  let servers: Servers | undefined;

  // Ctrl-C or a CI cancellation: kill the running block, then let the normal unwinding stop
  // the servers. Later signals are ignored because the cleanup is already under way and
  // bounded (npm forwards a Ctrl-C that the terminal has already delivered, so two arrive).
  const onSignal = (signal: NodeJS.Signals): void => {
    if (report.interrupted !== undefined) return;
    report.interrupted = signal;
    controller.abort();
  };
  // A bug that throws outside the main flow (in an event handler) must still stop the servers.
  const onUncaught = (error: unknown): void => {
    report.error ??= `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    controller.abort();
  };
  // The last resort when the process exits without unwinding (process.exit from a library):
  // nothing asynchronous can run any more, so it SIGKILLs what is left and removes the folder.
  const onExit = (): void => {
    killTrackedProcessesSync();
    servers?.removeDirectorySync();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  process.on("exit", onExit);

  try {
    await ensureDependencies(needs, log);
    if (controller.signal.aborted) throw new Interrupted();
    servers = new Servers(log);
    report.temporaryDirectory = servers.directory;
    if (needs.redis) await servers.startRedis(controller.signal);
    if (needs.postgres) await servers.startPostgres(controller.signal);
    for (const [index, scenario] of scenarios.entries()) {
      if (controller.signal.aborted) throw new Interrupted();
      const result = emptyResult(scenario.file);
      report.scenarios.push(result);
      progress(`${scenario.file}\n`);
      await runScenario(scenario, result, { servers, signal: controller.signal, timeoutMs: options.timeoutMs, index, progress });
    }
  } catch (error) {
    if (error instanceof EnvironmentError) report.error = error.message;
    else if (!(error instanceof Interrupted)) report.error ??= `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  } finally {
    if (report.interrupted !== undefined) log(`${report.interrupted} received: stopping.`);
    if (servers !== undefined) {
      report.servers = servers.info;
      try {
        await servers.close();
        if (report.servers.length > 0) log(`stopped ${report.servers.map((server) => `${server.name} (pid ${server.pid})`).join(" and ")}.`);
      } catch (error) {
        // The report must still come out; the failure to clean up is part of it.
        report.error ??= `could not stop the servers or remove ${servers.directory}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onUncaught);
  }

  process.stdout.write(options.format === "json" ? formatJson(report) : `\n${formatText(report)}`);
  if (report.interrupted !== undefined) return EXIT_SIGNAL[report.interrupted] ?? EXIT_FAILED;
  if (report.error !== undefined) return EXIT_ENVIRONMENT;
  return passed(report) ? EXIT_OK : EXIT_FAILED;
}

main(process.argv.slice(2)).then(
  (code) => {
    // exitCode rather than exit(): a large JSON report on a pipe is written asynchronously.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`examples: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_ENVIRONMENT;
  },
);
