/**
 * `npm run bench`: this project against markdownlint-cli2 (all its rules) and against
 * remark-parse alone, side by side in one run, on generated scenarios that all differ from one
 * another (so no cache can serve one file from another). It measures; it asserts nothing (these
 * machines are noisy), and prints each figure beside its target.
 *
 * 1. Whole process, cold: four shapes of input, each command run in turn with the other, medians
 *    of wall time and of peak memory (the largest resident set of the process and its threads).
 *    Then this project warm, with --cache, where the cache was filled by a first run.
 * 2. In process: a full lint (all rules, Ruby and SQL parsed) of a ~4,000-line scenario against
 *    parsing it with remark-parse alone (the options shipped), each run on another document;
 *    and one scenario against ten in one document, to show the cost grows linearly.
 * 3. The language server over stdio: an edit in one section of the ~4,000-line scenario, timed
 *    from didChange to the publishDiagnostics of that version (p50, p95), then the server's
 *    resident memory across BENCH_EDITS edits (10,000 by default) after a warm-up.
 *
 * Results go to standard output and, as JSON, to .bench/results.json. BENCH_ONLY=process,lint,server
 * picks parts; BENCH_EDITS sets the number of server edits; --quick runs fewer files and runs.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { lintDocument } from "../server/src/core/lint";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { LspTestClient } from "../test/helpers/lspClient";
import { generateScenario } from "./corpus";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "bin/scenario-lint.js");
const MARKDOWNLINT = join(ROOT, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
const EDITS = Number(process.env["BENCH_EDITS"] ?? 10_000);
const QUICK = process.argv.includes("--quick");
/** BENCH_ONLY=process,lint,server (any of them) runs only those parts. */
const PARTS = new Set((process.env["BENCH_ONLY"] ?? "process,lint,server").split(","));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/**
 * Runs a command to its end and returns its wall time and peak memory. Python's getrusage of
 * the children gives the peak resident set the kernel accounted, which Node cannot read for a
 * child; the wall time is taken around the child in the same place.
 */
function measureProcess(command: readonly string[], cwd: string): { seconds: number; peakMiB: number } {
  const script = [
    "import resource, subprocess, sys, time",
    "start = time.monotonic()",
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)",
    "seconds = time.monotonic() - start",
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
  ].join("\n");
  const run = spawnSync("python3", ["-c", script, ...command], { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`could not measure ${command.join(" ")}: ${run.stderr}`);
  const [seconds, maxRssKiB] = run.stdout.trim().split(" ").map(Number);
  return { seconds: seconds!, peakMiB: maxRssKiB! / 1024 };
}

interface Shape {
  name: string;
  files: string[];
  runs: number;
}

/** Writes the four shapes of the issue: every file generated with its own seed. */
function writeShapes(root: string): Shape[] {
  const write = (folder: string, count: number, lines: number, firstSeed: number): { files: string[]; lines: number } => {
    const directory = join(root, folder, "scenarios");
    mkdirSync(directory, { recursive: true });
    let total = 0;
    const files = Array.from({ length: count }, (_, index) => {
      const text = generateScenario(lines, firstSeed + index);
      total += text.split("\n").length;
      const file = join(directory, `scenario-${String(index).padStart(4, "0")}.md`);
      writeFileSync(file, text);
      return file;
    });
    return { files, lines: total };
  };
  const one = write("one", 1, 1308, 11);
  const large = write("large", 1, 3630, 23);
  const hundred = write("hundred", QUICK ? 20 : 100, 1308, 1_000);
  const thousand = write("thousand", QUICK ? 100 : 1000, 147, 10_000);
  return [
    { name: `1 real-size scenario, ${one.lines} lines`, files: one.files, runs: QUICK ? 3 : 9 },
    { name: `1 large scenario, ${large.lines} lines`, files: large.files, runs: QUICK ? 3 : 7 },
    { name: `${hundred.files.length} real-size scenarios, ${hundred.lines} lines`, files: hundred.files, runs: 3 },
    { name: `${thousand.files.length} small scenarios, ${thousand.lines} lines`, files: thousand.files, runs: 3 },
  ];
}

interface ProcessRow {
  shape: string;
  scenarioLint: { seconds: number; peakMiB: number };
  markdownlint: { seconds: number; peakMiB: number };
  warm: { seconds: number; peakMiB: number };
  speedup: number;
  warmSpeedup: number;
}

function wholeProcess(shapes: readonly Shape[], scratch: string): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const shape of shapes) {
    // One folder (or one file) per shape, named as a user would: markdownlint-cli2 gets a glob.
    const target = shape.files.length === 1 ? shape.files[0]! : join(shape.files[0]!, "..");
    const glob = shape.files.length === 1 ? shape.files[0]! : `${target}/*.md`;
    const ours: Array<{ seconds: number; peakMiB: number }> = [];
    const theirs: Array<{ seconds: number; peakMiB: number }> = [];
    for (let run = 0; run < shape.runs; run++) {
      ours.push(measureProcess([process.execPath, CLI, "--format", "summary", target], scratch));
      theirs.push(measureProcess([process.execPath, MARKDOWNLINT, glob], scratch));
    }
    const cacheFile = join(scratch, `cache-${rows.length}.json`);
    measureProcess([process.execPath, CLI, "--cache", "--cache-location", cacheFile, "--format", "summary", target], scratch);
    const warm = Array.from({ length: shape.runs }, () => measureProcess([process.execPath, CLI, "--cache", "--cache-location", cacheFile, "--format", "summary", target], scratch));
    const summary = (runs: Array<{ seconds: number; peakMiB: number }>) => ({ seconds: median(runs.map((run) => run.seconds)), peakMiB: median(runs.map((run) => run.peakMiB)) });
    const row = { shape: shape.name, scenarioLint: summary(ours), markdownlint: summary(theirs), warm: summary(warm) };
    rows.push({ ...row, speedup: row.markdownlint.seconds / row.scenarioLint.seconds, warmSpeedup: row.markdownlint.seconds / row.warm.seconds });
  }
  return rows;
}

/** remark-parse alone against the full lint, on `count` different documents of `lines` lines. */
async function inProcess(lines: number, count: number): Promise<{ lines: number; parseMs: number; lintMs: number; ratio: number }> {
  const documents = Array.from({ length: count + 1 }, (_, index) => generateScenario(lines, 50_000 + lines + index));
  const host = new CodeParserHost();
  const parsers = await host.parsersFor(documents[0]!);
  // Warm-up on the first document: JIT compilation is not what is measured.
  parseMarkdown(documents[0]!);
  lintDocument({ path: "scenarios/warm-up.md", text: documents[0]! }, undefined, { parsers });
  const parseTimes: number[] = [];
  const lintTimes: number[] = [];
  for (const text of documents.slice(1)) {
    let start = performance.now();
    parseMarkdown(text);
    parseTimes.push(performance.now() - start);
    start = performance.now();
    const messages = lintDocument({ path: "scenarios/benchmark.md", text }, undefined, { parsers }).messages;
    lintTimes.push(performance.now() - start);
    if (messages.length) throw new Error(`a benchmark scenario is not clean: ${JSON.stringify(messages[0])}`);
  }
  const parseMs = median(parseTimes);
  const lintMs = median(lintTimes);
  return { lines: documents[1]!.split("\n").length, parseMs, lintMs, ratio: lintMs / parseMs };
}

/**
 * Whether cost grows linearly: one ~470-line scenario against ten different ones in one
 * document (ten times the input, with the same mix of prose, tables and code), each run on
 * documents no other run saw, after a warm-up at each size.
 */
async function linearity(count: number): Promise<{ smallLines: number; bigLines: number; smallMs: number; bigMs: number; ratio: number }> {
  const small = (seed: number) => generateScenario(400, seed);
  const big = (seed: number) => Array.from({ length: 10 }, (_, index) => small(seed * 100 + index)).join("\n\n");
  const host = new CodeParserHost();
  const parsers = await host.parsersFor(big(1));
  const time = (text: string): number => {
    const start = performance.now();
    lintDocument({ path: "scenarios/scaling.md", text }, undefined, { parsers });
    return performance.now() - start;
  };
  time(small(70_000));
  time(big(70_001));
  const smallTimes: number[] = [];
  const bigTimes: number[] = [];
  for (let run = 0; run < count; run++) {
    smallTimes.push(time(small(80_000 + run)));
    bigTimes.push(time(big(90_000 + run)));
  }
  const smallMs = median(smallTimes);
  const bigMs = median(bigTimes);
  return { smallLines: small(1).split("\n").length, bigLines: big(1).split("\n").length, smallMs, bigMs, ratio: bigMs / smallMs };
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Edits in one section of the large scenario through the real server, one version at a time. */
async function serverEdits(scratch: string): Promise<{ edits: number; p50Ms: number; p95Ms: number; warmMiB: number; endMiB: number; growthMiB: number }> {
  const folder = join(scratch, "server", "scenarios");
  mkdirSync(folder, { recursive: true });
  const text = generateScenario(3630, 77);
  const file = join(folder, "edited.md");
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = new LspTestClient();
  await client.initialize(pathToFileURL(join(scratch, "server")).href);
  const pid = client.pid;
  let version = 1;
  const opened = client.nextDiagnostics(uri, (params) => params.version === version, 60_000);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version, text } });
  await opened;
  // The edit point: the end of the first prose line of section 9, where an author types.
  const lines = text.split("\n");
  const sectionLine = lines.findIndex((line) => line.startsWith("## 9."));
  const editLine = lines.findIndex((line, index) => index > sectionLine && /^[a-z]/.test(line));
  const latencies: number[] = [];
  const warmUp = Math.min(500, Math.floor(EDITS / 10));
  let warmMiB = 0;
  for (let edit = 0; edit < EDITS; edit++) {
    version++;
    const character = lines[editLine]!.length + (edit % 200);
    // Typing: one character at a time; every 200 characters the typed text is deleted again.
    const change = edit % 200 === 199 ? { range: { start: { line: editLine, character: lines[editLine]!.length }, end: { line: editLine, character: character } }, text: "" } : { range: { start: { line: editLine, character }, end: { line: editLine, character } }, text: "abcdefghij"[edit % 10]! };
    const published = client.nextDiagnostics(uri, (params) => params.version === version, 60_000);
    const start = performance.now();
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    if (edit >= warmUp) latencies.push(performance.now() - start);
    if (edit === warmUp) warmMiB = residentMiB(pid);
  }
  const endMiB = residentMiB(pid);
  await client.shutdown();
  return { edits: EDITS, p50Ms: percentile(latencies, 0.5), p95Ms: percentile(latencies, 0.95), warmMiB, endMiB, growthMiB: endMiB - warmMiB };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "scenario-lint-bench-"));
  try {
    const markdownlintVersion = JSON.parse(readFileSync(join(ROOT, "node_modules/markdownlint-cli2/package.json"), "utf8")).version as string;
    console.log(`scenario-lint benchmark, Node ${process.version}, markdownlint-cli2 ${markdownlintVersion}${QUICK ? " (quick: fewer files and runs)" : ""}\n`);

    const results: Record<string, unknown> = { node: process.version, markdownlintCli2: markdownlintVersion, quick: QUICK };
    if (PARTS.has("process")) {
    const shapes = writeShapes(scratch);
    const processRows = wholeProcess(shapes, scratch);
    results["wholeProcess"] = processRows;
    const targets = [2, 2, 4, 5];
    console.log("Whole process, medians (seconds; peak MiB). Cold: no cache. Warm: --cache, filled by a previous run.");
    console.log(
      table(
        ["input", "scenario-lint", "markdownlint-cli2", "speed-up", "target", "warm", "warm speed-up", "peak", "peak mdl"],
        processRows.map((row, index) => [row.shape, row.scenarioLint.seconds.toFixed(2), row.markdownlint.seconds.toFixed(2), `${row.speedup.toFixed(2)}x`, `>= ${targets[index]}x`, row.warm.seconds.toFixed(2), `${row.warmSpeedup.toFixed(2)}x`, row.scenarioLint.peakMiB.toFixed(0), row.markdownlint.peakMiB.toFixed(0)]),
      ),
    );

    }
    if (PARTS.has("lint")) {
    const large = await inProcess(4000, QUICK ? 5 : 15);
    console.log("\nIn process, medians (ms): remark-parse alone against the full lint (all rules, Ruby and SQL parsed).");
    console.log(
      table(
        ["document", "remark-parse", "full lint", "lint/parse", "target"],
        [[`${large.lines} lines`, large.parseMs.toFixed(1), large.lintMs.toFixed(1), `${large.ratio.toFixed(2)}x`, "<= 1.3x"]],
      ),
    );
    const scaling = await linearity(QUICK ? 5 : 9);
    console.log(`Scaling: a document of 10 scenarios (${scaling.bigLines} lines) took ${scaling.ratio.toFixed(1)}x the time of one (${scaling.smallLines} lines): ${scaling.bigMs.toFixed(1)} ms against ${scaling.smallMs.toFixed(1)} ms (target: at most about 12x).`);

    results["inProcess"] = { large, scaling };
    }
    if (PARTS.has("server")) {
    const server = await serverEdits(scratch);
    console.log(`\nLanguage server over stdio, ${server.edits} edits in one section of a ${3630}-line scenario:`);
    console.log(`  didChange to publishDiagnostics: p50 ${server.p50Ms.toFixed(1)} ms, p95 ${server.p95Ms.toFixed(1)} ms (target: p95 <= 30 ms)`);
    console.log(`  resident memory: ${server.warmMiB.toFixed(1)} MiB after warm-up, ${server.endMiB.toFixed(1)} MiB at the end, growth ${server.growthMiB.toFixed(1)} MiB (target: < 20 MiB)`);

    results["server"] = server;
    }
    mkdirSync(join(ROOT, ".bench"), { recursive: true });
    writeFileSync(join(ROOT, ".bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log("\nWritten to .bench/results.json");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
