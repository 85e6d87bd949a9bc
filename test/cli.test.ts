import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./helpers/cli";

const fixture = (path: string) => join(ROOT, "test/fixtures", path);
const MISSING_TEXT = () => readFileSync(fixture("missing-section/invalid-middle-missing.md"), "utf8");
const VALID_TEXT = () => readFileSync(fixture("title/valid-canonical.md"), "utf8");

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }>;
  errorCount: number;
  warningCount: number;
}

function lintJson(...files: string[]): { status: number | null; reports: JsonFile[] } {
  const run = runCli(["--format", "json", ...files]);
  return { status: run.status, reports: JSON.parse(run.stdout) as JsonFile[] };
}

const ruleLines = (report: JsonFile) => report.messages.map((message) => `${message.ruleId}@${message.line}`);

test("a valid scenario gives nothing and exit 0", () => {
  const { status, reports } = lintJson(fixture("title/valid-canonical.md"));
  assert.equal(status, 0);
  assert.equal(reports.length, 1);
  assert.deepEqual(reports[0]!.messages, []);
  assert.equal(reports[0]!.errorCount, 0);
});

test("the done-when cases give the expected rule ids at the expected lines (JSON, ESLint's shape)", () => {
  const cases: Array<[string, string[]]> = [
    ["missing-section/invalid-middle-missing.md", ["missing-section@33", "missing-section@33", "missing-section@33"]],
    ["section-order/invalid-two-swapped.md", ["section-order@12"]],
    ["missing-section/invalid-heading-only-in-code-fence.md", ["missing-section@51"]],
    ["empty-diagram/invalid-empty-fences.md", ["empty-diagram@23", "empty-diagram@64"]],
    ["duplicate-section/invalid-duplicate.md", ["duplicate-section@39"]],
    ["section-number/invalid-wrong-number.md", ["section-number@33"]],
    ["file-name/invalid-Bad_Name.md", ["file-name@1"]],
  ];
  for (const [file, expected] of cases) {
    const { status, reports } = lintJson(fixture(file));
    assert.equal(status, 1, file);
    assert.deepEqual(ruleLines(reports[0]!), expected, file);
    const message = reports[0]!.messages[0]!;
    assert.deepEqual(Object.keys(message).sort(), ["column", "endColumn", "endLine", "line", "message", "ruleId", "severity"]);
    assert.equal(message.severity, 2);
    assert.equal(reports[0]!.errorCount, expected.length);
  }
});

test("a CRLF + BOM file lints exactly like its LF twin", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  const lf = readFileSync(fixture("missing-section/invalid-middle-missing.md"), "utf8");
  writeFileSync(join(directory, "lf-twin.md"), lf);
  writeFileSync(join(directory, "crlf-twin.md"), `\uFEFF${lf.replace(/\n/g, "\r\n")}`);
  const { reports } = lintJson(join(directory, "lf-twin.md"), join(directory, "crlf-twin.md"));
  assert.equal(reports[0]!.messages.length, 3);
  assert.deepEqual(reports[1]!.messages, reports[0]!.messages);
});

test("warnings alone exit 0, unless --max-warnings is exceeded", () => {
  assert.equal(runCli([fixture("placeholder/invalid-todo.md")]).status, 0);
  const strict = runCli(["--max-warnings", "0", fixture("placeholder/invalid-todo.md")]);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /3 warning\(s\), more than --max-warnings 0/);
});

test("SARIF 2.1.0 output names the rules and locates each result", () => {
  const run = runCli(["--format", "sarif", fixture("section-order/invalid-two-swapped.md")]);
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout);
  assert.equal(sarif.version, "2.1.0");
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.name, "scenario-lint");
  assert.ok(driver.rules.some((rule: { id: string; helpUri: string }) => rule.id === "section-order" && rule.helpUri.endsWith("docs/rules/section-order.md")));
  const [result] = sarif.runs[0].results;
  assert.equal(result.ruleId, "section-order");
  assert.equal(driver.rules[result.ruleIndex].id, "section-order");
  assert.equal(result.level, "error");
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, "test/fixtures/section-order/invalid-two-swapped.md");
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 12, startColumn: 1, endLine: 12, endColumn: 34 });
});

test("folders are searched for .md files; the summary counts complete sections", () => {
  const run = runCli(["--format", "summary", fixture("section-order")]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /valid-in-order\.md\s+17\/17 sections complete\s+all checks pass/);
  assert.match(run.stdout, /invalid-two-swapped\.md\s+16\/17 sections complete\s+failing: section-order/);
});

test("an empty library says so plainly", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  mkdirSync(join(directory, "scenarios"));
  const run = runCli(["--format", "summary"], directory);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /No scenarios found in scenarios: the library is empty\./);
});

test("bad input gets a clear message, not a stack trace", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  writeFileSync(join(directory, "binary.md"), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  writeFileSync(join(directory, "latin1.md"), Buffer.from("# Caf\xe9\n", "latin1"));
  writeFileSync(join(directory, "empty.md"), "");

  const missing = runCli([join(directory, "nope.md")]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file or directory: .*nope\.md/);

  const { status, reports } = lintJson(join(directory, "binary.md"), join(directory, "latin1.md"), join(directory, "empty.md"));
  assert.equal(status, 1);
  assert.match(reports[0]!.messages[0]!.message, /binary\.md looks binary/);
  assert.match(reports[1]!.messages[0]!.message, /latin1\.md is not valid UTF-8/);
  assert.deepEqual(ruleLines(reports[2]!), ["title@1"]);
  for (const report of reports) assert.doesNotMatch(JSON.stringify(report), /at .*\.js:\d+/);
});

test("usage and configuration errors exit 2 with a message", () => {
  const badFormat = runCli(["--format", "xml", fixture("title/valid-canonical.md")]);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /unknown format 'xml'/);
  assert.equal(runCli(["--no-such-flag"]).status, 2);

  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  writeFileSync(join(directory, ".scenariolintrc.json"), JSON.stringify({ rules: { "section-ordr": "off" } }));
  writeFileSync(join(directory, "a.md"), "# A\n");
  const badRule = runCli([join(directory, "a.md")]);
  assert.equal(badRule.status, 2);
  assert.match(badRule.stderr, /configuration error: .*unknown rule 'section-ordr'/);

  writeFileSync(join(directory, ".scenariolintrc.json"), "{ rules: ");
  const badJson = runCli([join(directory, "a.md")]);
  assert.equal(badJson.status, 2);
  assert.match(badJson.stderr, /not valid JSON/);
});

test("the nearest .scenariolintrc.json above a file applies", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  mkdirSync(join(directory, "nested", "deeper"), { recursive: true });
  writeFileSync(join(directory, ".scenariolintrc.json"), JSON.stringify({ rules: { "missing-section": "off", "file-name": "warn" } }));
  writeFileSync(join(directory, "nested", "deeper", "Bad_Name.md"), "# Title only\n\nText.\n");
  const { status, reports } = lintJson(join(directory, "nested", "deeper", "Bad_Name.md"));
  assert.equal(status, 0);
  assert.deepEqual(ruleLines(reports[0]!), ["file-name@1"]);
  assert.equal(reports[0]!.messages[0]!.severity, 1);
});

test("an unclosed Ruby `do` and a `CREAT TABLE` each give one diagnostic at the Markdown position", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  const file = join(directory, "code-errors.md");
  writeFileSync(file, "# Code\n\n```ruby\n[1].each do |x|\n  puts x\n```\n\nText é🚀.\n\n```sql\nCREAT TABLE t (id int);\n```\n");
  const run = runCli(["--format", "json", "--config", join(ROOT, "test/helpers/code-only.scenariolintrc.json"), file]);
  assert.equal(run.status, 1, run.stderr);
  const [report] = JSON.parse(run.stdout) as JsonFile[];
  assert.deepEqual(
    report!.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`),
    ["ruby-syntax@4:10", "sql-syntax@11:1"],
  );
});

test("--fix repairs the structure in place and keeps every line; --regenerate-index rewrites only the generated block", () => {
  const directory = mkdtempSync(join(tmpdir(), "scenario-lint-"));
  const file = join(directory, "swapped.md");
  const original = readFileSync(fixture("section-order/invalid-two-swapped.md"), "utf8").replace("## 12. High Availability Strategy", "## 12. High Availability Strategy\n\n<!-- keep me -->");
  writeFileSync(file, original);
  const run = runCli(["--fix", "--format", "json", file]);
  const [report] = JSON.parse(run.stdout) as JsonFile[];
  assert.deepEqual(report!.messages, []);
  assert.equal(run.status, 0);
  const fixed = readFileSync(file, "utf8");
  for (const line of original.split("\n")) assert.ok(fixed.includes(line), `--fix lost '${line}'`);
  assert.ok(fixed.indexOf("## 4. Non-Functional Requirements") < fixed.indexOf("## 5. Core Engineering Challenges"));

  const library = join(directory, "library");
  mkdirSync(library);
  writeFileSync(join(library, "seat-booking.md"), "# Seat Booking\n");
  const handWritten = "# My library\n\nHand-written intro.\n\n<!-- scenario-index:start -->\nold\n<!-- scenario-index:end -->\n\nHand-written footer.\n";
  writeFileSync(join(library, "README.md"), handWritten);
  const regenerate = runCli(["--regenerate-index", library]);
  assert.equal(regenerate.status, 0, regenerate.stderr);
  const index = readFileSync(join(library, "README.md"), "utf8");
  assert.ok(index.startsWith("# My library\n\nHand-written intro.\n\n<!-- scenario-index:start"));
  assert.ok(index.endsWith("<!-- scenario-index:end -->\n\nHand-written footer.\n"));
  assert.match(index, /\| 1 \| \[Seat Booking\]\(seat-booking\.md\) \| `seat-booking\.md` \|/);
  assert.equal(runCli(["--format", "json", join(library, "README.md")]).status, 0, "a regenerated index is in sync");
  writeFileSync(join(library, "rate-limiter.md"), "# Rate Limiter\n");
  const stale = JSON.parse(runCli(["--format", "json", join(library, "README.md")]).stdout) as JsonFile[];
  assert.deepEqual(stale[0]!.messages.map((message) => message.ruleId), ["index-sync", "index-sync"]);
});

test("globs, quoted as npm scripts and Windows shells pass them, expand to the Markdown files they match", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-glob-"));
  mkdirSync(join(dir, "scenarios"));
  writeFileSync(join(dir, "scenarios", "a-scenario.md"), MISSING_TEXT());
  writeFileSync(join(dir, "scenarios", "b-scenario.md"), MISSING_TEXT());
  writeFileSync(join(dir, "scenarios", "notes.txt"), "not markdown");
  const run = runCli(["--format", "json", "scenarios/*.md"], dir);
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as Array<{ filePath: string }>).map((report) => basename(report.filePath)).sort(), ["a-scenario.md", "b-scenario.md"]);
  const none = runCli(["scenarios/*.nothing"], dir);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no such file or directory: scenarios\/\*\.nothing/);
});

test("'-' lints standard input as the file --stdin-filename names", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-stdin-"));
  const run = runCli(["--format", "json", "--stdin-filename", "scenarios/Draft_Name.md", "-"], dir, MISSING_TEXT());
  assert.equal(run.status, 1, run.stderr);
  const [report] = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
  assert.equal(report!.filePath, join(dir, "scenarios", "Draft_Name.md"));
  assert.deepEqual([...new Set(report!.messages.map((message) => message.ruleId))].sort(), ["file-name", "missing-section"]);
  assert.equal(runCli(["--fix", "-"], dir, MISSING_TEXT()).status, 2, "--fix on standard input is refused");
});

test("a hook that passes only the changed scenario still checks the index of its folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-hook-"));
  mkdirSync(join(dir, "scenarios"));
  writeFileSync(join(dir, "scenarios", "README.md"), "# Scenario library\n\n- [Old](old.md)\n");
  writeFileSync(join(dir, "scenarios", "old.md"), VALID_TEXT());
  writeFileSync(join(dir, "scenarios", "new-one.md"), VALID_TEXT());
  const run = runCli(["--format", "json", "scenarios/new-one.md"], dir);
  assert.equal(run.status, 1, run.stdout);
  const reports = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
  const index = reports.find((report) => report.filePath.endsWith("README.md"));
  assert.ok(index, "the index was not checked");
  assert.ok(index.messages.some((message) => message.ruleId === "index-sync" && message.message.includes("'new-one.md'")), JSON.stringify(index.messages));
});

test("--fix never turns a failing run green: inserted scaffolds keep it failing, whatever the severities", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-fixgreen-"));
  mkdirSync(join(dir, "scenarios"));
  const file = join(dir, "scenarios", "seat-booking.md");
  writeFileSync(file, MISSING_TEXT());
  // Even with every to-do and placeholder rule off, a scaffold is work not done.
  writeFileSync(join(dir, ".scenariolintrc.json"), JSON.stringify({ rules: { "unwritten-section": "off", placeholder: "off", "section-content": "off" } }));
  assert.equal(runCli(["scenarios/seat-booking.md"], dir).status, 1);
  const fixed = runCli(["--fix", "scenarios/seat-booking.md"], dir);
  assert.equal(fixed.status, 1, fixed.stderr);
  assert.match(fixed.stderr, /3 section\(s\) still hold only their scaffold/);
  assert.ok(readFileSync(file, "utf8").includes("## 9. Concurrency & Consistency Strategy"), "the fix was not written");
});
