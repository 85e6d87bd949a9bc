import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { defaultConfig, resolveConfig } from "../server/src/core/config";
import { lint, lintDocument } from "../server/src/core/lint";
import { RULES } from "../server/src/core/rules";
import type { Rule } from "../server/src/core/types";

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
    assert.deepEqual(lint({ path: "x.md", text: crlfBom }), lint({ path: "x.md", text: lf }), file);
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

/**
 * The architecture invariant: the core never does I/O and never imports an editor API, so
 * the CLI, the server and tests all run the very same checks.
 */
test("the core imports no vscode*, no node: modules, and uses no console or process", () => {
  const walk = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(directory, entry.name)) : [join(directory, entry.name)],
    );
  const files = walk(join(ROOT, "server/src/core"));
  assert.ok(files.length > 10);
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]!);
    for (const specifier of imports) {
      assert.ok(!/^vscode/.test(specifier), `${file} imports ${specifier}`);
      assert.ok(!/^(node:|fs$|path$|child_process$|os$)/.test(specifier), `${file} imports ${specifier}`);
    }
    assert.ok(!/\bconsole\.|\bprocess\./.test(source), `${file} uses console or process`);
  }
});
