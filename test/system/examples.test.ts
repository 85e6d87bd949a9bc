/**
 * `npm run examples` end to end: the harness runs against the real redis-server and
 * PostgreSQL 15 it starts itself, on the fixture folders in test/examples-fixtures/. Each test
 * also checks that the servers (and any block process) are gone once the harness has exited.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import type { Counts } from "../../scripts/examples/execute";
import { ROOT } from "../helpers/cli";

const HARNESS = ["--import", "tsx", "scripts/examples/run.ts", "--format", "json"];
const FIXTURES = "test/examples-fixtures";

interface JsonReport {
  ok: boolean;
  error?: string;
  interrupted?: string;
  totals: Counts;
  scenarios: Array<Counts & { file: string; blocks: Array<{ kind: string; line: number; info: string; status: string }> }>;
  failures: Array<{ file: string; line: number; errorLine?: number; kind: string; reason: string; output: string[] }>;
  servers: Array<{ name: string; pid: number; port: number }>;
  temporaryDirectory?: string;
}

function runHarness(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; report: JsonReport; stderr: string } {
  const run = spawnSync(process.execPath, [...HARNESS, ...args], { cwd: ROOT, encoding: "utf8", env, timeout: 120_000 });
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    assert.fail(`the harness printed no JSON report (exit ${run.status}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return { status: run.status, report, stderr: run.stderr };
}

/**
 * The first code line of every ruby and sql fence in a fixture, found by a plain line scan:
 * an oracle independent of the Markdown parser the harness uses.
 */
function fences(relativePath: string): Array<{ line: number; info: string }> {
  const lines = readFileSync(join(ROOT, relativePath), "utf8").split("\n");
  return lines.flatMap((text, index) => {
    const match = /^\s*```((?:ruby|sql)\b.*)$/.exec(text);
    return match ? [{ line: index + 2, info: match[1]!.trim() }] : [];
  });
}

/** 1-based line of the first line of a fixture that contains `needle`. */
function lineOf(relativePath: string, needle: string): number {
  const index = readFileSync(join(ROOT, relativePath), "utf8").split("\n").findIndex((text) => text.includes(needle));
  assert.ok(index >= 0, `${needle} not found in ${relativePath}`);
  return index + 1;
}

/**
 * Whether a process still runs. A zombie does not count: a killed grandchild stays one until
 * init reaps it, which can take a moment after the harness has exited.
 */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
  } catch {
    return false;
  }
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(true));
  });
}

/** Every live process, with its command line and process group (from /proc). */
function processes(): Array<{ pid: number; ppid: number; pgrp: number; cmdline: string }> {
  const found: Array<{ pid: number; ppid: number; pgrp: number; cmdline: string }> = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      // The fields after the command name, which may itself hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      found.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp), cmdline });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** What must hold after every run: each server it reported is dead, its port closed, its folder gone. */
async function assertNothingLeft(report: JsonReport): Promise<void> {
  for (const server of report.servers) {
    assert.equal(isAlive(server.pid), false, `${server.name} (pid ${server.pid}) is still running`);
    assert.equal(await portIsClosed(server.port), true, `port ${server.port} of ${server.name} still accepts connections`);
  }
  assert.ok(report.temporaryDirectory, "the report names its temporary folder");
  assert.equal(existsSync(report.temporaryDirectory), false, `${report.temporaryDirectory} was not removed`);
  const leftovers = processes().filter((candidate) => candidate.cmdline.includes(report.temporaryDirectory!));
  assert.deepEqual(leftovers, [], "a process still uses the temporary folder");
}

test("a scenario whose sql applies and whose runnable blocks pass: exit 0, every block accounted for", async () => {
  const file = `${FIXTURES}/passing/inventory.md`;
  // A C locale, as on a bare CI image: the blocks (one holds a non-ASCII string literal) must
  // still be read as UTF-8.
  const { status, report, stderr } = runHarness([`${FIXTURES}/passing`], { ...process.env, LANG: "C", LC_ALL: "C" });
  assert.equal(status, 0, `${JSON.stringify(report.failures, null, 2)}\n${stderr}`);
  assert.equal(report.ok, true);
  // README.md (an index holding an unmarked block) is skipped.
  assert.deepEqual(report.scenarios.map((scenario) => scenario.file), [file]);
  assert.deepEqual(report.totals, { runnable: 3, passed: 3, failed: 0, illustrative: 1, unmarked: 0, sqlApplied: 2, sqlFailed: 0, sqlIllustrative: 1 });
  const statuses = ["applied", "not run", "passed", "passed", "not run", "applied", "passed"];
  assert.deepEqual(
    report.scenarios[0]!.blocks.map((block) => `${block.line} ${block.info}: ${block.status}`),
    fences(file).map((fence, index) => `${fence.line} ${fence.info}: ${statuses[index]}`),
  );
  assert.deepEqual(report.failures, []);
  assert.deepEqual(report.servers.map((server) => server.name), ["redis-server", "postgres"]);
  await assertNothingLeft(report);
});

test("a broken runnable block and sql the server rejects: exactly those fail, at their Markdown lines", async () => {
  const file = `${FIXTURES}/failing/broken.md`;
  const { status, report } = runHarness([`${FIXTURES}/failing`]);
  assert.equal(status, 1);
  assert.equal(report.ok, false);
  assert.deepEqual(report.totals, { runnable: 2, passed: 1, failed: 1, illustrative: 0, unmarked: 0, sqlApplied: 1, sqlFailed: 1, sqlIllustrative: 0 });

  const [, rejectedSql, brokenRuby] = fences(file);
  // psql reports an error at the line where the statement ends.
  const sqlErrorLine = lineOf(file, "REFERENCES orders (id)") + 1;
  const assertionLine = lineOf(file, '"SET NX acquired a held lock"');
  assert.deepEqual(
    report.failures.map((failure) => `${failure.kind} ${failure.file}:${failure.line} (error at ${failure.errorLine})`),
    [`sql ${file}:${rejectedSql!.line} (error at ${sqlErrorLine})`, `ruby ${file}:${brokenRuby!.line} (error at ${assertionLine})`],
  );
  const [sql, ruby] = report.failures;
  assert.ok(sql!.output.includes(`${file}:${sqlErrorLine}: ERROR:  relation "orders" does not exist`), sql!.output.join("\n"));
  // Minitest's own failure line points at the Markdown, not at a temporary .rb file.
  assert.ok(ruby!.output.some((line) => line.includes(`[${file}:${assertionLine}]`)), ruby!.output.join("\n"));
  assert.ok(ruby!.output.includes("SET NX acquired a held lock"));
  assert.match(ruby!.reason, /exited with status 1/);
  await assertNothingLeft(report);
});

test("unmarked ruby blocks fail the run and say how to mark them; nothing runnable starts no server", async () => {
  const file = `${FIXTURES}/unmarked/unmarked.md`;
  const { status, report } = runHarness([`${FIXTURES}/unmarked`]);
  assert.equal(status, 1);
  assert.deepEqual(report.totals, { runnable: 0, passed: 0, failed: 0, illustrative: 1, unmarked: 2, sqlApplied: 0, sqlFailed: 0, sqlIllustrative: 0 });
  const [noMarker, unknownServer] = fences(file);
  assert.deepEqual(
    report.failures.map((failure) => `${failure.kind} ${failure.file}:${failure.line}`),
    [`unmarked ${file}:${noMarker!.line}`, `unmarked ${file}:${unknownServer!.line}`],
  );
  assert.match(report.failures[0]!.reason, /no marker.*runnable needs=redis.*illustrative/);
  assert.match(report.failures[1]!.reason, /needs=kafka/);
  assert.deepEqual(report.servers, []);
  await assertNothingLeft(report);
});

test("a block that outlives --timeout is killed with what it started, and counted failed", async () => {
  const { status, report } = runHarness(["--timeout", "2", `${FIXTURES}/hanging`]);
  assert.equal(status, 1);
  assert.equal(report.totals.failed, 1);
  const failure = report.failures[0]!;
  assert.match(failure.reason, /timed out after 2 s/);
  const sleeper = Number(/sleeper pid (\d+)/.exec(failure.output.join("\n"))?.[1]);
  assert.ok(sleeper > 0, `the block's output names its child: ${failure.output.join("\n")}`);
  assert.equal(isAlive(sleeper), false, "the process the block spawned survived the timeout");
  await assertNothingLeft(report);
});

test("SIGINT (Ctrl-C) in the middle of a block stops the block, both servers, and exits 130", async () => {
  const child = spawn(process.execPath, [...HARNESS, `${FIXTURES}/hanging`], { cwd: ROOT });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  // Wait (by polling /proc) until the block runs and has started its own child, so that the
  // signal arrives while there is a block process group to stop.
  let group: Array<{ pid: number }> = [];
  try {
    const deadline = Date.now() + 30_000;
    while (group.length < 2) {
      assert.ok(Date.now() < deadline, `the hanging block never started.\nstderr:\n${stderr}`);
      const ruby = processes().find((candidate) => candidate.ppid === child.pid && candidate.cmdline.startsWith("ruby"));
      group = ruby ? processes().filter((candidate) => candidate.pgrp === ruby.pid) : [];
      await delay(50);
    }
  } finally {
    // Also when the wait failed: the harness must not go on running after this test.
    child.kill("SIGINT");
  }
  const code = await exited;

  assert.equal(code, 130, stderr);
  const report = JSON.parse(stdout) as JsonReport;
  assert.equal(report.interrupted, "SIGINT");
  assert.equal(report.ok, false);
  assert.deepEqual(report.servers.map((server) => server.name), ["redis-server", "postgres"]);
  for (const member of group) assert.equal(isAlive(member.pid), false, `block process ${member.pid} survived the interruption`);
  await assertNothingLeft(report);
});

test("a missing path is a usage error (exit 2), before anything starts", () => {
  const run = spawnSync(process.execPath, [...HARNESS, `${FIXTURES}/no-such-folder`], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no such file or folder: .*no-such-folder/);
});
