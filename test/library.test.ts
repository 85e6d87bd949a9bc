/** The scenario library itself: the index lists exactly the scenarios present, and every scenario lints clean. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./helpers/cli";

const SCENARIOS = join(ROOT, "scenarios");

test("scenarios/README.md links every scenario file, and only files that exist", () => {
  const files = readdirSync(SCENARIOS).filter((name) => name.endsWith(".md") && name !== "README.md").sort();
  assert.ok(files.length >= 6, `expected at least six scenarios, found ${files.length}`);
  const index = readFileSync(join(SCENARIOS, "README.md"), "utf8");
  const linked = [...new Set([...index.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)].map((match) => match[1]!))].sort();
  assert.deepEqual(linked, files);
});

test("every scenario passes the linter with no errors and no warnings", () => {
  const run = runCli(["--format", "json", "--max-warnings", "0", "scenarios"]);
  const reports = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
  const problems = reports.flatMap((report) => report.messages.map((message) => `${report.filePath}:${message.line} ${message.ruleId} ${message.message}`));
  assert.deepEqual(problems, []);
  assert.equal(run.status, 0);
});
