/**
 * Hostile input (engine/limits.ts): every file past a limit is declined with one message naming
 * the limit and how to raise it; the worst files inside the limits are checked in full; deeply
 * nested code is reported, never lost to a stack overflow; no pattern the rules match prose with
 * backtracks catastrophically. How long these take is measured by the benchmark, not here; the
 * tests' timeouts only turn a hang into a failure.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { defaultConfig, resolveConfig } from "../server/src/core/engine/config";
import { DEFAULT_LIMITS } from "../server/src/core/engine/limits";
import { lintDocument } from "../server/src/core/lint";
import { RULES } from "../server/src/core/rules";
import { TEMPLATE } from "../server/src/core/template/template";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { runCli } from "./helpers/cli";
import { LspTestClient } from "./helpers/lspClient";

const HANG_GUARD = { timeout: 120_000 };

/** Files just past each limit, and what the message must name. */
const PAST_LIMITS: Array<{ name: string; text: () => string; names: RegExp }> = [
  { name: "characters", text: () => `# Big\n\n${"Ledger writes at 4,000 req/s. ".repeat(Math.ceil(DEFAULT_LIMITS.maxCharacters / 30) + 1)}\n`, names: /characters, more than the limit of 2,000,000.*"maxCharacters"/ },
  { name: "lines (a million-item list)", text: () => `# Long\n\n${Array.from({ length: 1_000_000 }, (_, index) => `- ${index}`).join("\n")}\n`, names: /characters|lines, more than the limit/ },
  { name: "lines", text: () => `# Long\n\n${"- item\n".repeat(DEFAULT_LIMITS.maxLines)}`, names: /lines, more than the limit of 10,000.*"maxLines"/ },
  { name: "nested lists on one line", text: () => `# Deep\n\n${"- ".repeat(10_000)}x\n`, names: /nest more than 100 levels.*"maxNesting"/ },
  { name: "nested block quotes", text: () => `# Deep\n\n${"> ".repeat(10_000)}x\n`, names: /nest more than 100 levels.*"maxNesting"/ },
  { name: "nested lists by indentation", text: () => `# Deep\n\n${Array.from({ length: 1_000 }, (_, depth) => `${"  ".repeat(depth)}- level`).join("\n")}\n`, names: /nest more than 100 levels.*"maxNesting"/ },
  { name: "101 levels, found after parsing", text: () => `# Deep\n\n${"> ".repeat(101)}x\n`, names: /nest more than 100 levels deep here/ },
  { name: "inline markers in one paragraph", text: () => `# Ticks\n\n${"![".repeat(8_000)}x${"](u)".repeat(8_000)}\n`, names: /more than 2,000 brackets, asterisks and underscores.*"maxInlineMarkers"/ },
  { name: "inline markers over many paragraphs", text: () => `# Ticks\n\n${`${"*a ".repeat(750)}b${" a*".repeat(750)}\n\n`.repeat(2)}`, names: /so many brackets, asterisks and underscores.*"maxInlineMarkers"/ },
];

for (const { name, text, names } of PAST_LIMITS) {
  test(`past a limit (${name}): one message, naming the limit, and nothing else`, HANG_GUARD, () => {
    const { messages } = lintDocument({ path: "scenarios/hostile.md", text: text() });
    assert.equal(messages.length, 1, JSON.stringify(messages.slice(0, 3)));
    assert.equal(messages[0]!.ruleId, "input-limits");
    assert.equal(messages[0]!.severity, "error");
    assert.match(messages[0]!.message, names);
  });
}

test("the worst files inside the limits are checked in full", HANG_GUARD, () => {
  const inside = [
    `# List\n\n${"- item\n".repeat(DEFAULT_LIMITS.maxLines - 10)}`,
    `# Quotes\n\n${"> ".repeat(99)}x\n`,
    `# Markers\n\n${"*a ".repeat(999)}b${" a*".repeat(999)}\n`,
    `# Prose\n\n${"Ledger writes at 4,000 req/s. ".repeat(Math.floor(DEFAULT_LIMITS.maxCharacters / 31))}\n`,
  ];
  for (const text of inside) {
    const { messages } = lintDocument({ path: "scenarios/inside.md", text });
    assert.ok(messages.every((message) => message.ruleId !== "input-limits"), messages[0]?.message);
    // Checked: the missing sections are found.
    assert.ok(messages.some((message) => message.ruleId === "missing-section"));
  }
});

test("limits are raised in .scenariolintrc.json, and a wrong limit is a configuration error", () => {
  const raised = resolveConfig({ limits: { maxLines: 20_000 } }, RULES);
  assert.deepEqual(raised.errors, []);
  const text = `# List\n\n${"- item\n".repeat(15_000)}`;
  assert.equal(lintDocument({ path: "scenarios/x.md", text }, defaultConfig(RULES)).messages[0]!.ruleId, "input-limits");
  assert.ok(lintDocument({ path: "scenarios/x.md", text }, raised.config).messages.every((message) => message.ruleId !== "input-limits"));
  const wrong = resolveConfig({ limits: { maxLines: 0, maxWidth: 3 } }, RULES);
  assert.deepEqual(wrong.errors, [
    ".scenariolintrc.json: limit 'maxLines' must be a whole number of at least 1, not 0.",
    ".scenariolintrc.json: unknown limit 'maxWidth'; known limits: maxCharacters, maxLines, maxNesting, maxInlineMarkers.",
  ]);
});

test("deeply nested Ruby gets a clear error, and the blocks after it are still checked", HANG_GUARD, async () => {
  const text = ["# Code", "", "```ruby", "begin\n".repeat(2_000) + "end\n".repeat(1_999), "```", "", "```ruby", "def broken(", "```", "", "```ruby", "[".repeat(20_000) + "]".repeat(20_000), "```", ""].join("\n");
  const parsers = await new CodeParserHost().parsersFor(text);
  const ruby = lintDocument({ path: "scenarios/deep.md", text }, undefined, { parsers }).messages.filter((message) => message.ruleId === "ruby-syntax");
  assert.equal(ruby.length, 3, JSON.stringify(ruby));
  assert.match(ruby[0]!.message, /nests too deeply for the Ruby parser/);
  assert.match(ruby[1]!.message, /unexpected end-of-input|expected/);
  assert.doesNotMatch(ruby[1]!.message, /nests too deeply/);
  assert.match(ruby[2]!.message, /nests too deeply for the Ruby parser/);
});

test("no prose pattern of the template backtracks catastrophically on adversarial text", HANG_GUARD, () => {
  const patterns = TEMPLATE.flatMap((section) => section.contentRequirements.map((requirement) => requirement.check)).flatMap((check) => ("pattern" in check ? [check.pattern] : []));
  assert.ok(patterns.length >= 5);
  const adversarial = ["1,".repeat(20_000), "1 ".repeat(20_000), `${"9".repeat(40_000)}x`, "a-".repeat(20_000), "p99 ".repeat(10_000), `${"1.".repeat(20_000)}%`, "users ".repeat(8_000) + "1", "1 a ".repeat(10_000)];
  let matched = 0;
  for (const pattern of patterns) for (const input of adversarial) if (new RegExp(pattern.source, pattern.flags.replace("g", "")).test(input)) matched++;
  assert.ok(matched > 0, "the inputs reach the patterns' matching paths");
  // The whole rule set over the same text, in every section, where every rule's patterns run.
  const body = adversarial.join("\n\n");
  const text = ["# Adversarial", "", ...TEMPLATE.slice(1).flatMap((section) => [`## ${section.number}. ${section.title}`, "", body.slice(0, 60_000), ""])].join("\n");
  assert.ok(lintDocument({ path: "scenarios/adversarial.md", text }).messages.length > 0);
});

test("the CLI declines each hostile file with its message and exit 1", HANG_GUARD, () => {
  const folder = mkdtempSync(join(tmpdir(), "scenario-lint-hostile-"));
  mkdirSync(join(folder, "scenarios"));
  for (const [index, { text }] of PAST_LIMITS.entries()) writeFileSync(join(folder, "scenarios", `hostile-${index}.md`), text());
  // To a file: the report carries each file's text, more than a pipe's buffer here.
  const run = runCli(["--format", "json", "--concurrency", "off", "-o", "report.json", "scenarios"], folder);
  assert.equal(run.status, 1, run.stderr);
  const reports = JSON.parse(readFileSync(join(folder, "report.json"), "utf8")) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
  const hostile = reports.filter((report) => /hostile-\d+\.md$/.test(report.filePath));
  assert.equal(hostile.length, PAST_LIMITS.length);
  for (const report of hostile) assert.deepEqual(report.messages.map((message) => message.ruleId), ["input-limits"], report.filePath);
});

test("the server declines every hostile document and keeps answering for another one meanwhile", HANG_GUARD, async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-hostile-"));
  mkdirSync(join(workspace, "scenarios"));
  const normalUri = pathToFileURL(join(workspace, "scenarios", "normal.md")).href;
  const client = new LspTestClient();
  try {
    await client.initialize(pathToFileURL(workspace).href);
    let version = 1;
    const opened = client.nextDiagnostics(normalUri, () => true, 60_000);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: normalUri, languageId: "markdown", version, text: "# Normal\n\n## 2. Problem Statement\n\nText.\n" } });
    assert.ok((await opened).diagnostics.some((diagnostic) => diagnostic.code === "missing-section"));
    for (const [index, { text }] of PAST_LIMITS.entries()) {
      const hostileUri = pathToFileURL(join(workspace, "scenarios", `hostile-${index}.md`)).href;
      const hostile = client.nextDiagnostics(hostileUri, () => true, 60_000);
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: hostileUri, languageId: "markdown", version: 1, text: text() } });
      // The other document is edited meanwhile and still gets its diagnostics.
      version++;
      const normal = client.nextDiagnostics(normalUri, (params) => params.version === version, 60_000);
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: normalUri, version }, contentChanges: [{ text: `# Normal ${version}\n\n## 2. Problem Statement\n\nText.\n` }] });
      assert.deepEqual((await hostile).diagnostics.map((diagnostic) => diagnostic.code), ["input-limits"], `hostile input ${index}`);
      assert.ok((await normal).diagnostics.some((diagnostic) => diagnostic.code === "missing-section"));
    }
  } finally {
    await client.shutdown();
  }
});
