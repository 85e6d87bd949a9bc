import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { ROOT, runCli } from "./helpers/cli";

const fixture = (path: string) => join(ROOT, "test/fixtures", path);
const MISSING_TEXT = () => readFileSync(fixture("missing-section/invalid-middle-missing.md"), "utf8");
const VALID_TEXT = () => readFileSync(fixture("title/valid-canonical.md"), "utf8");

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; fix?: { range: [number, number]; text: string } }>;
  errorCount: number;
  warningCount: number;
}

function lintJson(...files: string[]): { status: number | null; reports: JsonFile[] } {
  const run = runCli(["--format", "json", ...files]);
  return { status: run.status, reports: JSON.parse(run.stdout) as JsonFile[] };
}

/** A fresh `scenarios` folder in the system's temporary folder: the CLI lints scenario folders. */
function scratchScenarioFolder(): string {
  const directory = join(mkdtempSync(join(tmpdir(), "scenario-lint-")), "scenarios");
  mkdirSync(directory);
  return directory;
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
    const keys = ["column", "endColumn", "endLine", "line", "message", "ruleId", "severity"];
    // Messages whose rule offers a text fix carry it, in ESLint's { range, text } shape.
    assert.deepEqual(Object.keys(message).sort(), "fix" in message ? [...keys, "fix"].sort() : keys);
    assert.equal(message.severity, 2);
    assert.equal(reports[0]!.errorCount, expected.length);
  }
});

test("a CRLF + BOM file lints exactly like its LF twin", () => {
  const directory = scratchScenarioFolder();
  const lf = readFileSync(fixture("missing-section/invalid-middle-missing.md"), "utf8");
  writeFileSync(join(directory, "lf-twin.md"), lf);
  writeFileSync(join(directory, "crlf-twin.md"), `\uFEFF${lf.replace(/\n/g, "\r\n")}`);
  const { reports } = lintJson(join(directory, "lf-twin.md"), join(directory, "crlf-twin.md"));
  assert.equal(reports[0]!.messages.length, 3);
  // Positions are identical; fixes differ only by the twin's own line breaks (and the BOM's offset).
  const withoutFixes = (report: JsonFile) => report.messages.map(({ fix: _fix, ...message }) => message);
  assert.deepEqual(withoutFixes(reports[1]!), withoutFixes(reports[0]!));
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
  const rule = driver.rules.find((candidate: { id: string }) => candidate.id === "section-order");
  assert.equal(rule.name, "SectionOrder");
  assert.match(rule.help.markdown, /^# section-order\n/);
  assert.ok(rule.fullDescription.text.length > 20);
  // The docs live on this machine's disk: no helpUri that would point at the CI runner's files.
  assert.equal(rule.helpUri, undefined);
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
  assert.match(run.stdout, /valid-in-order\.md\s+17\/17 sections complete\s+[\d,]+ words, \d+ % code\s+all checks pass/);
  assert.match(run.stdout, /invalid-two-swapped\.md\s+16\/17 sections complete\s+[\d,]+ words, \d+ % code\s+failing: section-order/);
});

test("the summary gives each scenario's words, code share and the reviewer's checks' findings", () => {
  const run = runCli(["--format", "summary", fixture("arithmetic")]);
  const file = readFileSync(fixture("arithmetic/invalid-wrong-results.md"), "utf8");
  const words = file.split(/\s+/).filter(Boolean).length;
  const line = run.stdout.split("\n").find((candidate) => candidate.includes("invalid-wrong-results.md"))!;
  assert.match(line, new RegExp(`${words.toLocaleString("en-US")} words, \\d+ % code`));
  assert.match(line, /\(review: [^)]*arithmetic 5[,)]/);
  assert.match(line, /filler 0/);
});

test("an empty library says so plainly", () => {
  const directory = scratchScenarioFolder();
  mkdirSync(join(directory, "scenarios"));
  const run = runCli(["--format", "summary"], directory);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /No scenarios found in scenarios: the library is empty\./);
});

test("bad input gets a clear message, not a stack trace", () => {
  const directory = scratchScenarioFolder();
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

  const directory = scratchScenarioFolder();
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
  const directory = scratchScenarioFolder();
  mkdirSync(join(directory, "nested", "deeper"), { recursive: true });
  writeFileSync(join(directory, ".scenariolintrc.json"), JSON.stringify({ rules: { "missing-section": "off", "file-name": "warn" } }));
  writeFileSync(join(directory, "nested", "deeper", "Bad_Name.md"), "# Title only\n\nText.\n");
  const { status, reports } = lintJson(join(directory, "nested", "deeper", "Bad_Name.md"));
  assert.equal(status, 0);
  assert.deepEqual(ruleLines(reports[0]!), ["file-name@1"]);
  assert.equal(reports[0]!.messages[0]!.severity, 1);
});

test("an unclosed Ruby `do` and a `CREAT TABLE` each give one diagnostic at the Markdown position", () => {
  const directory = scratchScenarioFolder();
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
  const directory = scratchScenarioFolder();
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

/** The stylish output read as VS Code's problem matchers read it ($eslint-stylish, and this package's $scenario-lint). */
function problemMatcher(output: string): Array<{ file: string; line: number; column: number; severity: string; message: string; code: string }> {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const [filePattern, messagePattern] = manifest.contributes.problemMatchers.find((matcher: { name: string }) => matcher.name === "scenario-lint").pattern as Array<{ regexp: string }>;
  const found: ReturnType<typeof problemMatcher> = [];
  let file: string | undefined;
  for (const line of output.split("\n")) {
    const problem = new RegExp(messagePattern!.regexp).exec(line);
    if (problem && file) {
      found.push({ file, line: Number(problem[1]), column: Number(problem[2]), severity: problem[3]!, message: problem[4]!, code: problem[5]! });
      continue;
    }
    const start = new RegExp(filePattern!.regexp).exec(line);
    file = start ? start[1] : undefined;
  }
  return found;
}

test("stylish output fills a problem matcher: absolute file, line, column, severity, message and rule id", () => {
  const run = runCli(["--no-color", fixture("missing-section/invalid-middle-missing.md")]);
  const problems = problemMatcher(run.stdout);
  assert.equal(problems.length, 3);
  assert.deepEqual(problems[0], { file: fixture("missing-section/invalid-middle-missing.md"), line: 33, column: 1, severity: "error", message: "Missing section 8 'Data Model Design' (expected after 'Step-by-Step Request Flow').", code: "missing-section" });
});

test("colour: off when not a terminal or with --no-color, on with --color", () => {
  assert.doesNotMatch(runCli([fixture("missing-section/invalid-middle-missing.md")]).stdout, /\u001b\[/);
  assert.match(runCli(["--color", fixture("missing-section/invalid-middle-missing.md")]).stdout, /\u001b\[31m/);
  assert.doesNotMatch(runCli(["--color", "--no-color", fixture("missing-section/invalid-middle-missing.md")]).stdout, /\u001b\[/);
});

test("ESLint's flags: --quiet, -o, -f, --max-warnings -1, --no-error-on-unmatched-pattern, and a suggestion for a mistyped flag", () => {
  const quiet = JSON.parse(runCli(["-f", "json", "--quiet", fixture("placeholder/invalid-todo.md")]).stdout) as JsonFile[];
  assert.deepEqual(quiet[0]!.messages, []);
  const dir = mkdtempSync(join(tmpdir(), "scenario-out-"));
  const written = runCli(["-f", "json", "-o", join(dir, "report", "lint.json"), fixture("missing-section/invalid-middle-missing.md")]);
  assert.equal(written.status, 1);
  assert.equal(written.stdout, "");
  assert.equal((JSON.parse(readFileSync(join(dir, "report", "lint.json"), "utf8")) as JsonFile[])[0]!.errorCount, 3);
  assert.equal(runCli(["--max-warnings", "-1", fixture("placeholder/invalid-todo.md")]).status, 0);
  assert.equal(runCli(["--max-warnings", "-2", fixture("placeholder/invalid-todo.md")]).status, 2);
  assert.equal(runCli(["no-such-file.md"]).status, 2);
  assert.equal(runCli(["--no-error-on-unmatched-pattern", "no-such-file.md"]).status, 0);
  const typo = runCli(["--qiet"]);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /Did you mean '--quiet'\?/);
});

test("JSON has ESLint's whole result: fatal and fixable counts, fixes that apply, output after --fix-dry-run, nothing written", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-dry-"));
  mkdirSync(join(dir, "scenarios"));
  const file = join(dir, "scenarios", "seat-booking.md");
  const original = readFileSync(fixture("section-order/invalid-two-swapped.md"), "utf8");
  writeFileSync(file, original);
  writeFileSync(join(dir, "scenarios", "binary.md"), Buffer.from([0, 1, 2, 3]));
  const run = runCli(["-f", "json", "--fix-dry-run", "scenarios/seat-booking.md", "scenarios/binary.md"], dir);
  const [report, binary] = JSON.parse(run.stdout) as Array<JsonFile & { fatalErrorCount: number; fixableErrorCount: number; fixableWarningCount: number; suppressedMessages: unknown[]; usedDeprecatedRules: unknown[]; output?: string; source?: string }>;
  assert.equal(readFileSync(file, "utf8"), original, "--fix-dry-run wrote the file");
  assert.equal(report!.output, readFileSync(fixture("section-order/invalid-two-swapped.fixed.md"), "utf8"));
  assert.deepEqual([report!.fatalErrorCount, report!.suppressedMessages, report!.usedDeprecatedRules], [0, [], []]);
  assert.equal(binary!.fatalErrorCount, 1);
  // Without a fix, each fixable message's fix applies to the source and removes its problem.
  const plain = (JSON.parse(runCli(["-f", "json", "scenarios/seat-booking.md"], dir).stdout) as Array<JsonFile & { fixableErrorCount: number; source: string }>)[0]!;
  assert.equal(plain.fixableErrorCount, 1);
  const fix = plain.messages[0]!.fix!;
  assert.equal(plain.source.slice(0, fix.range[0]) + fix.text + plain.source.slice(fix.range[1]), report!.output);
});

test("--format github prints workflow commands GitHub turns into annotations", () => {
  const run = runCli(["-f", "github", fixture("section-order/invalid-two-swapped.md")]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^::error file=test\/fixtures\/section-order\/invalid-two-swapped\.md,line=12,col=1,endLine=12,endColumn=34,title=section-order::Section 5 'Core Engineering Challenges' is out of order/m);
});

test("SARIF for code scanning: URIs relative to the repository root, fingerprints, a rule for every result", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-sarif-"));
  mkdirSync(join(dir, ".git"));
  mkdirSync(join(dir, "docs", "scenarios"), { recursive: true });
  writeFileSync(join(dir, "docs", "scenarios", "seat-booking.md"), readFileSync(fixture("section-order/invalid-two-swapped.md")));
  writeFileSync(join(dir, "docs", "scenarios", "binary.md"), Buffer.from([0, 1, 2]));
  // Run from a subfolder: paths must still be relative to the repository root.
  const sarif = JSON.parse(runCli(["-f", "sarif", "scenarios"], join(dir, "docs")).stdout);
  const run = sarif.runs[0];
  assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, `${pathToFileURL(dir).href}/`);
  const uris = run.results.map((result: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => result.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes("docs/scenarios/seat-booking.md"), uris.join(", "));
  for (const result of run.results) {
    assert.ok(result.ruleId, "a result without a ruleId");
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.match(result.partialFingerprints["scenarioLintMessage/v1"], /^[0-9a-f]{32}$/);
  }
  assert.ok(run.results.some((result: { ruleId: string }) => result.ruleId === "unreadable-file"));
});

test("small points: a missing --config, a FIFO, --regenerate-index with --fix or --format json, in a folder without scenarios, beside binary and empty files", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-small-"));
  const missingConfig = runCli(["-c", "missing.json", fixture("title/valid-canonical.md")], dir);
  assert.equal(missingConfig.status, 2);
  assert.match(missingConfig.stderr, /missing\.json: no such configuration file\./);
  assert.doesNotMatch(missingConfig.stderr, /not valid JSON/);

  mkdirSync(join(dir, "scenarios"));
  const fifo = join(dir, "scenarios", "pipe.md");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  const piped = runCli(["-f", "json", fifo], dir);
  assert.equal(piped.status, 1, "a FIFO must be refused, not waited on");
  assert.match(piped.stdout, /not a regular file/);

  writeFileSync(join(dir, "scenarios", "real-one.md"), VALID_TEXT());
  writeFileSync(join(dir, "scenarios", "binary.md"), Buffer.from([0, 1, 2]));
  writeFileSync(join(dir, "scenarios", "empty.md"), "");
  assert.equal(runCli(["--regenerate-index", "--fix", "scenarios"], dir).status, 2);
  assert.equal(runCli(["--regenerate-index", "-f", "json", "scenarios"], dir).status, 2);
  assert.equal(runCli(["--regenerate-index", "scenarios"], dir).status, 0);
  const index = readFileSync(join(dir, "scenarios", "README.md"), "utf8");
  assert.match(index, /\(real-one\.md\)/);
  assert.doesNotMatch(index, /binary\.md|empty\.md/, "unreadable and empty files are not scenarios");

  mkdirSync(join(dir, "elsewhere"));
  const stray = runCli(["--regenerate-index", "elsewhere"], dir);
  assert.equal(stray.status, 2);
  assert.ok(!existsSync(join(dir, "elsewhere", "README.md")), "a README.md was created in a folder without scenarios");
});

test("only scenarios are linted, as in the editor: Markdown outside the scenario folders and ignored files are skipped with a note", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-scope-"));
  mkdirSync(join(dir, "scenarios", "drafts"), { recursive: true });
  writeFileSync(join(dir, "CHANGELOG.md"), "Not a scenario.\n");
  writeFileSync(join(dir, "scenarios", "seat-booking.md"), VALID_TEXT());
  writeFileSync(join(dir, "scenarios", "drafts", "half-done.md"), "# Half\n");
  // lint-staged's `*.md` hands over every changed Markdown file.
  const hook = runCli(["--format", "json", "CHANGELOG.md", "scenarios/seat-booking.md", "scenarios/drafts/half-done.md"], dir);
  assert.match(hook.stderr, /skipped 1 file\(s\) outside the scenario folders \(CHANGELOG\.md\); the folders are "scenarioFolders" in \.scenariolintrc\.json \(default: scenarios\); --all-files lints them anyway\./);
  const linted = (JSON.parse(hook.stdout) as JsonFile[]).map((report) => report.filePath.slice(dir.length + 1));
  assert.deepEqual(linted.sort(), ["scenarios/drafts/half-done.md", "scenarios/seat-booking.md"]);
  assert.equal(hook.status, 1, "the half-done draft has problems");

  // Ignored by the configuration, relative to the configuration file's folder.
  writeFileSync(join(dir, ".scenariolintrc.json"), JSON.stringify({ ignores: ["scenarios/drafts/**"] }));
  const ignoring = runCli(["--format", "json", "CHANGELOG.md", "scenarios/seat-booking.md", "scenarios/drafts/half-done.md"], dir);
  assert.match(ignoring.stderr, /skipped 1 file\(s\) matched by "ignores" \(scenarios\/drafts\/half-done\.md\)/);
  assert.deepEqual((JSON.parse(ignoring.stdout) as JsonFile[]).map((report) => report.filePath.slice(dir.length + 1)), ["scenarios/seat-booking.md"]);
  assert.equal(ignoring.status, 0);

  // Only CHANGELOG.md staged: nothing to lint, and the commit is not blocked.
  const onlyChangelog = runCli(["CHANGELOG.md"], dir);
  assert.equal(onlyChangelog.status, 0, onlyChangelog.stdout);

  // Other folder names, and --all-files.
  writeFileSync(join(dir, ".scenariolintrc.json"), JSON.stringify({ scenarioFolders: ["designs"] }));
  mkdirSync(join(dir, "designs"));
  writeFileSync(join(dir, "designs", "seat-booking.md"), VALID_TEXT());
  const renamed = runCli(["--format", "json", "designs/seat-booking.md", "scenarios/seat-booking.md"], dir);
  assert.deepEqual((JSON.parse(renamed.stdout) as JsonFile[]).map((report) => report.filePath.slice(dir.length + 1)), ["designs/seat-booking.md"]);
  const everything = runCli(["--all-files", "--format", "json", "CHANGELOG.md"], dir);
  assert.equal((JSON.parse(everything.stdout) as JsonFile[]).length, 1);
  assert.equal(everything.status, 1, "CHANGELOG.md is linted as a scenario when asked to");

  writeFileSync(join(dir, ".scenariolintrc.json"), JSON.stringify({ scenarioFolders: ["a/b"], ignores: "x" }));
  const wrong = runCli(["scenarios/seat-booking.md"], dir);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /"scenarioFolders" names folders, not paths: "a\/b" contains a slash/);
  assert.match(wrong.stderr, /"ignores" must be an array of non-empty strings/);
});
