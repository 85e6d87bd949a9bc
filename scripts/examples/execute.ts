import { basename } from "node:path";
import type { ExampleService } from "../../server/src/core/code/codeBlocks";
import type { BlockKind, ExampleBlock } from "./extract";
import { lastLines, run, type RunResult } from "./process";
import { cleanEnv, Interrupted, type Servers } from "./servers";

/** How many lines of a failed block's output the report shows. */
export const OUTPUT_LINES = 15;

export interface BlockResult {
  kind: BlockKind;
  /** First code line of the block in the Markdown file. */
  line: number;
  info: string;
  needs: ExampleService[];
  status: "passed" | "failed" | "applied" | "not run";
  durationMs?: number;
}

export interface Failure {
  /** The Markdown file, as given on the command line (relative to the working directory). */
  file: string;
  /** First code line of the block. */
  line: number;
  /** The line inside the block where the error was raised, when the output names one. */
  errorLine?: number;
  kind: "ruby" | "sql" | "unmarked";
  info: string;
  reason: string;
  /** The last lines of the block's output, with psql's line numbers turned into Markdown ones. */
  output: string[];
}

export interface Counts {
  runnable: number;
  passed: number;
  failed: number;
  illustrative: number;
  unmarked: number;
  sqlApplied: number;
  sqlFailed: number;
  sqlIllustrative: number;
}

export interface ScenarioResult {
  file: string;
  counts: Counts;
  blocks: BlockResult[];
  failures: Failure[];
}

export interface Scenario {
  /** Display path: relative to the working directory, as Ruby's backtraces and the report show it. */
  file: string;
  blocks: ExampleBlock[];
}

export interface RunContext {
  servers: Servers;
  signal: AbortSignal;
  timeoutMs: number;
  /** Position of the scenario in the run, which keeps database names unique. */
  index: number;
  progress: (text: string) => void;
}

export function emptyResult(file: string): ScenarioResult {
  const counts: Counts = { runnable: 0, passed: 0, failed: 0, illustrative: 0, unmarked: 0, sqlApplied: 0, sqlFailed: 0, sqlIllustrative: 0 };
  return { file, counts, blocks: [], failures: [] };
}

/** Whether a scenario needs a database: it has SQL to apply, or a block asks for PostgreSQL. */
export function needsDatabase(scenario: Scenario): boolean {
  return scenario.blocks.some((block) => block.kind === "sql" || (block.kind === "runnable" && block.needs.includes("postgres")));
}

/**
 * The Ruby program that runs a block: it evaluates the code read from stdin as if it were the
 * Markdown file at the block's first line, so that assertion failures and backtraces read
 * `scenarios/x.md:149`. It takes its two arguments off ARGV first, because minitest reads
 * ARGV as its own options; and it reads the code as UTF-8 whatever the locale, because in a
 * C locale a non-ASCII string literal would otherwise be a syntax error.
 */
const RUBY_RUNNER = "file, line = ARGV.shift(2); eval(STDIN.binmode.read.force_encoding(Encoding::UTF_8), TOPLEVEL_BINDING, file, Integer(line))";

/**
 * Applies the scenario's SQL to a fresh database, then runs its runnable blocks one by one,
 * filling `result` as it goes so that an interrupted run still reports what it did.
 */
export async function runScenario(scenario: Scenario, result: ScenarioResult, context: RunContext): Promise<void> {
  const { counts } = result;
  for (const block of scenario.blocks) {
    if (block.kind === "illustrative") counts.illustrative++;
    if (block.kind === "sql-illustrative") counts.sqlIllustrative++;
    if (block.kind === "runnable") counts.runnable++;
    if (block.kind === "unmarked") {
      counts.unmarked++;
      result.failures.push({ file: scenario.file, line: block.line, kind: "unmarked", info: block.info, reason: `unmarked ruby block: ${block.problem}`, output: [] });
    }
    if (block.kind !== "sql" && block.kind !== "runnable") result.blocks.push({ kind: block.kind, line: block.line, info: block.info, needs: block.needs, status: "not run" });
  }

  const database = databaseName(context.index, scenario.file);
  if (needsDatabase(scenario)) await context.servers.createDatabase(database, context.signal);

  // All of the SQL first, in document order: a runnable block may use any table of the
  // scenario, including one defined further down (a migration in a later section).
  for (const block of scenario.blocks.filter((candidate) => candidate.kind === "sql")) {
    context.progress(`  ${scenario.file}:${block.line}  sql `);
    const outcome = await context.servers.psql(database, block.code, { timeoutMs: context.timeoutMs, signal: context.signal });
    if (outcome.aborted) throw interrupted(context);
    const failed = outcome.code !== 0;
    context.progress(`${!failed ? "applied" : outcome.timedOut ? "TIMED OUT" : "FAILED"} (${seconds(outcome.durationMs)})\n`);
    result.blocks.push({ kind: "sql", line: block.line, info: block.info, needs: [], status: failed ? "failed" : "applied", durationMs: outcome.durationMs });
    if (!failed) {
      counts.sqlApplied++;
      continue;
    }
    counts.sqlFailed++;
    const output = lastLines(outcome.output, OUTPUT_LINES).map((line) => mapPsqlLines(line, scenario.file, block.line));
    const failure: Failure = { file: scenario.file, line: block.line, kind: "sql", info: block.info, reason: describeExit("psql", outcome, context.timeoutMs), output };
    const errorLine = firstPsqlErrorLine(outcome.output, block);
    if (errorLine !== undefined) failure.errorLine = errorLine;
    result.failures.push(failure);
  }

  for (const block of scenario.blocks.filter((candidate) => candidate.kind === "runnable")) {
    context.progress(`  ${scenario.file}:${block.line}  ruby ${block.needs.length ? `needs=${block.needs.join(",")} ` : ""}`);
    // Each block starts from an empty Redis: blocks are independent programs, and a key left
    // by one must not make the next pass or fail.
    await context.servers.flushRedis();
    const env: Record<string, string> = {};
    // Only the servers a block declares are in its environment, so that a block using one it
    // did not declare fails here (ENV.fetch raises) rather than later on a machine without it.
    if (block.needs.includes("redis")) env.REDIS_URL = context.servers.redisUrl!;
    if (block.needs.includes("postgres")) env.DATABASE_URL = context.servers.databaseUrl(database)!;
    const outcome = await runRuby(block, scenario.file, env, context);
    if (outcome.aborted) throw interrupted(context);
    const passed = outcome.code === 0;
    context.progress(`${passed ? "passed" : outcome.timedOut ? "TIMED OUT" : "FAILED"} (${seconds(outcome.durationMs)})\n`);
    result.blocks.push({ kind: "runnable", line: block.line, info: block.info, needs: block.needs, status: passed ? "passed" : "failed", durationMs: outcome.durationMs });
    if (passed) {
      counts.passed++;
      continue;
    }
    counts.failed++;
    const failure: Failure = { file: scenario.file, line: block.line, kind: "ruby", info: block.info, reason: describeExit("ruby", outcome, context.timeoutMs), output: lastLines(outcome.output, OUTPUT_LINES) };
    const errorLine = firstRubyErrorLine(outcome.output, scenario.file, block);
    if (errorLine !== undefined) failure.errorLine = errorLine;
    result.failures.push(failure);
  }
}

/** Closes the block's progress line before the run unwinds. */
function interrupted(context: RunContext): Interrupted {
  context.progress("interrupted\n");
  return new Interrupted();
}

function runRuby(block: ExampleBlock, file: string, env: Record<string, string>, context: RunContext): Promise<RunResult> {
  return run("ruby", {
    // -E UTF-8: blocks see the same default encoding on a C-locale CI machine as on a laptop.
    args: ["-E", "UTF-8", "-e", RUBY_RUNNER, file, String(block.line)],
    input: block.code,
    env: cleanEnv(env),
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    // Its own process group: a timeout kills whatever the block started, too.
    ownProcessGroup: true,
  });
}

function describeExit(command: string, outcome: RunResult, timeoutMs: number): string {
  if (outcome.startError !== undefined) return `${command} could not start: ${outcome.startError.message}`;
  if (outcome.timedOut) return `timed out after ${timeoutMs / 1000} s and was killed`;
  if (outcome.code === null) return `${command} was killed by ${outcome.signal}`;
  return `${command} exited with status ${outcome.code}`;
}

/** `psql:<stdin>:3: ERROR: ...` becomes `scenarios/x.md:42: ERROR: ...`: the line in the Markdown. */
function mapPsqlLines(line: string, file: string, firstLine: number): string {
  return line.replace(/^psql:<stdin>:(\d+):/, (_, number: string) => `${file}:${firstLine + Number(number) - 1}:`);
}

function firstPsqlErrorLine(output: string, block: ExampleBlock): number | undefined {
  const match = /^psql:<stdin>:(\d+):/m.exec(output);
  return match ? block.line + Number(match[1]) - 1 : undefined;
}

/**
 * The first `file:line` in Ruby's output that falls inside the block: minitest prints the
 * failed assertion's location first (`[scenarios/x.md:149]`), and a backtrace starts at the
 * innermost frame.
 */
function firstRubyErrorLine(output: string, file: string, block: ExampleBlock): number | undefined {
  const pattern = new RegExp(`${escapeRegExp(file)}:(\\d+)`, "g");
  for (const match of output.matchAll(pattern)) {
    const line = Number(match[1]);
    if (line >= block.line && line < block.line + Math.max(block.lineCount, 1)) return line;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A PostgreSQL identifier (at most 63 bytes) unique to the scenario within the run. */
function databaseName(index: number, file: string): string {
  const slug = basename(file, ".md").toLowerCase().replace(/[^a-z0-9]+/g, "_");
  return `examples_${index}_${slug}`.slice(0, 63);
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
