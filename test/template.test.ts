import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lint } from "../server/src/core/lint";
import { resolveConfig } from "../server/src/core/engine/config";
import { RULES } from "../server/src/core/rules";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { buildSnippets } from "../server/src/core/features/snippets";
import { matchSection, normalizeHeading, PLACEHOLDER_MARKER, renderScaffold, stripNumberPrefix, TEMPLATE } from "../server/src/core/template/template";
import { generatedFiles } from "../scripts/generated";
import { extractBlocks } from "../scripts/examples/extract";

const ROOT = join(__dirname, "..");

test("the template has sections 1-17 in order, each with a requirement", () => {
  assert.deepEqual(
    TEMPLATE.map((section) => section.number),
    Array.from({ length: 17 }, (_, index) => index + 1),
  );
  for (const section of TEMPLATE) assert.ok(section.requirement.length > 20, `section ${section.number} lacks a requirement`);
});

test("generated files (snippets, config schema) are in sync with the template and rules", () => {
  for (const [path, contents] of Object.entries(generatedFiles())) {
    assert.equal(readFileSync(join(ROOT, path), "utf8"), contents, `${path} is stale: run npm run generate`);
  }
});

test("the snippets are the fenced blocks the examples harness knows, each marked as its name says, and none inserts a section", () => {
  const snippets = buildSnippets();
  const expected: Record<string, string> = {
    "Scenario: runnable Ruby example": "runnable",
    "Scenario: illustrative Ruby": "illustrative",
    "Scenario: SQL schema": "sql",
    "Scenario: illustrative SQL": "sql-illustrative",
  };
  for (const [name, snippet] of Object.entries(snippets)) {
    assert.ok(!snippet.body.some((line) => /^#{1,2} /.test(line)), `${name} inserts a heading: sections come from the server's completions`);
    // Every choice a snippet offers must be a marking the harness accepts as meant.
    const choices = /\$\{1\|(.*)\|\}/.exec(snippet.body[0]!)?.[1]?.split(/(?<!\\),/) ?? [""];
    for (const choice of choices) {
      const info = snippet.body[0]!.replace(/\$\{1\|.*\|\}/, choice.replace(/\\,/g, ","));
      const blocks = extractBlocks(`${info}\nputs 1\n\`\`\`\n`);
      if (expected[name]) assert.equal(blocks[0]?.kind, expected[name], `${name} with ${info}`);
      else assert.deepEqual(blocks, [], `${name} is neither Ruby nor SQL`);
    }
  }
  const runnable = snippets["Scenario: runnable Ruby example"]!.body[0]!;
  assert.equal(runnable, "```ruby runnable needs=${1|redis,postgres,redis\\,postgres|}");
  assert.deepEqual(Object.keys(snippets).filter((name) => !expected[name]), ["Scenario: ASCII diagram"]);
});

test("a fresh scaffold reads as a checklist: one unwritten-section to-do per section 2-17 and nothing else", async () => {
  const scaffold = renderScaffold("Flash Sale System for 5M Concurrent Shoppers");
  const all = lint({ path: "scenarios/flash-sale-system.md", text: scaffold }, undefined, { parsers: await new CodeParserHost().parsersFor(scaffold) });
  assert.deepEqual([...new Set(all.map((message) => message.ruleId))], ["unwritten-section"]);
  assert.deepEqual(all.map((message) => Number(message.message.match(/section (\d+)/)?.[1])), TEMPLATE.slice(1).map((section) => section.number));
  assert.ok(all.every((message) => message.severity === "warn"), "a to-do must still fail a CI run with --max-warnings 0");
  // With the to-do rule off, every placeholder is reported instead, so none is left silently unfilled.
  const config = resolveConfig({ rules: { "unwritten-section": "off" } }, RULES).config;
  const placeholders = lint({ path: "scenarios/flash-sale-system.md", text: scaffold }, config, { parsers: await new CodeParserHost().parsersFor(scaffold) }).filter((message) => message.ruleId === "placeholder");
  assert.equal(placeholders.length, scaffold.split("\n").filter((line) => line.includes(PLACEHOLDER_MARKER)).length);
});

test("heading matching: case, '&' vs 'and', trailing colon, number prefix, parenthetical", () => {
  const cases: Array<[string, number | undefined]> = [
    ["9. Concurrency & Consistency Strategy", 9],
    ["concurrency and consistency strategy:", 9],
    ["9) CONCURRENCY & CONSISTENCY STRATEGY", 9],
    ["High-Level Architecture (ASCII Diagram Required)", 6],
    ["High Level Architecture", 6],
    ["Tradeoffs and Alternatives", 17],
    ["Zero-Downtime Deployment Strategy", 14],
    ["Appendix", undefined],
    ["Title", undefined],
  ];
  for (const [heading, number] of cases) assert.equal(matchSection(heading)?.number, number, heading);
  assert.equal(normalizeHeading("Trade-offs & Alternatives"), normalizeHeading("trade offs and alternatives"));
  assert.deepEqual(stripNumberPrefix("12. High Availability"), { number: 12, text: "High Availability" });
  assert.deepEqual(stripNumberPrefix("3D Printing Farm"), { number: undefined, text: "3D Printing Farm" });
});

test("the README's section list is the template's", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /## The scenario structure[\s\S]*?```markdown\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, "README lacks the structure block");
  assert.deepEqual(block.trim().split("\n").slice(1), TEMPLATE.slice(1).map((section) => `## ${section.number}. ${section.title}`));
});
