import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { defaultConfig, resolveConfig } from "../server/src/core/engine/config";
import { lint, lintDocument } from "../server/src/core/lint";
import { RULES } from "../server/src/core/rules";
import type { DocumentRule, Rule } from "../server/src/core/engine/types";

const ROOT = join(__dirname, "..");
const VALID = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");

test("a rule that throws becomes an error naming the rule, and the other rules still report", () => {
  const broken: Rule = {
    meta: { id: "exploding", description: "throws", defaultSeverity: "error" },
    scope: "section",
    check() {
      throw new Error("boom");
    },
  };
  const rules = [broken, ...RULES];
  const config = resolveConfig({}, rules).config;
  const text = VALID.replace("## 9. Concurrency & Consistency Strategy", "## 9. Concurrency");
  const { messages } = lintDocument({ path: "scenarios/x.md", text }, config, { rules });
  const failure = messages.find((message) => message.ruleId === "exploding");
  assert.ok(failure);
  assert.equal(failure.severity, "error");
  assert.match(failure.message, /Rule 'exploding' failed while checking this document \(boom\)/);
  assert.ok(messages.some((message) => message.ruleId === "missing-section"), "other rules must still run");
});

test("CRLF line endings and a BOM lint exactly like the LF twin", () => {
  for (const file of ["section-order/invalid-two-swapped.md", "placeholder/invalid-todo.md", "empty-diagram/invalid-empty-fences.md"]) {
    const lf = readFileSync(join(ROOT, "test/fixtures", file), "utf8");
    const crlfBom = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    assert.notEqual(lint({ path: "x.md", text: lf }).length, 0);
    // Fixes keep the document's own line breaks; apart from those, the results are identical.
    const withLf = (messages: ReturnType<typeof lint>) => JSON.parse(JSON.stringify(messages).replace(/\\r\\n/g, "\\n"));
    assert.deepEqual(withLf(lint({ path: "x.md", text: crlfBom })), lint({ path: "x.md", text: lf }), file);
    assert.ok(JSON.stringify(lint({ path: "x.md", text: crlfBom })).includes("\\r\\n") || !JSON.stringify(lint({ path: "x.md", text: lf })).includes("\\n"), `${file}: a fix of the CRLF text lost its line breaks`);
  }
});

test("the index (README.md) is not a scenario: only the index rules apply to it", () => {
  assert.deepEqual(lint({ path: "scenarios/README.md", text: "# Index\n\n- [A](a.md)\n", library: [{ fileName: "a.md", title: "A" }] }), []);
  assert.notEqual(lint({ path: "scenarios/notes.md", text: "# Index\n\n- [A](a.md)\n" }).length, 0);
});

test("positions: columns count UTF-16 code units after emoji and accents", () => {
  const text = VALID.replace("## 11. Scaling Strategy\n\n", "## 11. Scaling Strategy\n\nÉtat 🚀 TBD\n\n");
  const message = lint({ path: "x.md", text }).find((candidate) => candidate.ruleId === "placeholder");
  assert.ok(message);
  const line = text.split("\n")[message.line - 1]!;
  assert.equal(line.slice(message.column - 1, message.endColumn - 1), "TBD");
});

test("default configuration enables every rule at its declared severity", () => {
  const config = defaultConfig(RULES);
  for (const rule of RULES) assert.equal(config.rules[rule.meta.id]!.severity, rule.meta.defaultSeverity);
});


test("one definition of an empty section: a section holding only HTML has content, so its content is checked", () => {
  // A <div> used to pass both empty-section (HTML that is not a comment is content) and
  // section-content (any HTML counted as empty), so section 2's scale checks were skipped.
  const text = VALID.replace(/## 2\. Problem Statement\n[\s\S]*?(?=\n## 3\.)/, "## 2. Problem Statement\n\n<div>Context goes here.</div>\n");
  const messages = lint({ path: "x.md", text });
  assert.deepEqual(messages.filter((message) => message.ruleId === "empty-section"), []);
  assert.ok(messages.some((message) => message.ruleId === "section-content" && message.message.startsWith("Section 2 ")), JSON.stringify(messages.map((message) => message.message)));
  // A section holding only a comment is empty, and gets that one message, not the content checks.
  const commented = VALID.replace(/## 2\. Problem Statement\n[\s\S]*?(?=\n## 3\.)/, "## 2. Problem Statement\n\n<!-- later -->\n");
  const ruleIds = lint({ path: "x.md", text: commented }).filter((message) => message.line === commented.split("\n").indexOf("## 2. Problem Statement") + 1).map((message) => message.ruleId);
  assert.deepEqual(ruleIds, ["empty-section"]);
});

test("the index marker is found however it is spaced, and the out-of-date problem points at it", () => {
  const text = "# Index\n\n- [A](a.md)\n\n<!--scenario-index:start -->\n\n| # | Scenario | File |\n|---|---|---|\n\n<!-- scenario-index:end -->\n";
  const [message] = lint({ path: "scenarios/README.md", text, library: [{ fileName: "a.md", title: "A" }] });
  assert.ok(message, "no out-of-date problem");
  assert.deepEqual([message.line, message.column, message.endLine, message.endColumn], [5, 1, 5, "<!--scenario-index:start -->".length + 1]);
});

test("a rule the configuration does not mention runs with its defaults, never silently not at all", () => {
  const custom: DocumentRule = { meta: { id: "always", description: "reports once", defaultSeverity: "warn" }, scope: "document", check: ({ report }) => report({ message: "ran", range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }) };
  const messages = lint({ path: "x.md", text: "# T\n" }, defaultConfig(RULES), { rules: [custom] });
  assert.deepEqual(messages.map((message) => [message.ruleId, message.severity, message.message]), [["always", "warn", "ran"]]);
});
