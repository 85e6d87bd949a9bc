import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultConfig, resolveConfig } from "../server/src/core/engine/config";
import { lint } from "../server/src/core/lint";
import { RULES } from "../server/src/core/rules";
import { renderScaffold } from "../server/src/core/template/template";

test("severities and options are applied; unmentioned rules keep their defaults", () => {
  const { config, errors } = resolveConfig({ rules: { "unknown-section": "error", placeholder: ["warn", { patterns: ["XXX"] }], title: "off" } }, RULES);
  assert.deepEqual(errors, []);
  assert.equal(config.rules["unknown-section"]!.severity, "error");
  assert.deepEqual(config.rules["placeholder"]!.options, { patterns: ["XXX"] });
  assert.equal(config.rules["title"]!.severity, "off");
  assert.deepEqual(config.rules["missing-section"], defaultConfig(RULES).rules["missing-section"]);
});

test("configured options change what a rule reports, and 'off' silences it", () => {
  const text = renderScaffold("A Title");
  const quiet = { "section-content": "off", "ruby-syntax": "off", "sql-syntax": "off", "unwritten-section": "off" } as const;
  const custom = resolveConfig({ rules: { ...quiet, placeholder: ["error", { patterns: ["Real-world context"] }] } }, RULES).config;
  const messages = lint({ path: "a.md", text }, custom);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.severity, "error");
  assert.equal(messages[0]!.ruleId, "placeholder");
  const off = resolveConfig({ rules: { ...quiet, placeholder: "off" } }, RULES).config;
  assert.deepEqual(lint({ path: "a.md", text }, off), []);
});

test("bad configuration is an error that names the problem, never silently ignored", () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ rules: { "no-such-rule": "error" } }, /unknown rule 'no-such-rule'/],
    [{ rules: { title: "fatal" } }, /rule 'title': severity must be "off", "warn" or "error", not "fatal"/],
    [{ rules: { placeholder: ["warn", { pattern: ["x"] }] } }, /rule 'placeholder': unknown option 'pattern'/],
    [{ rules: { placeholder: ["warn", { patterns: "x" }] } }, /rule 'placeholder': 'patterns' must be array/],
    [{ rules: { title: ["warn", {}, 3] } }, /expected "severity" or \[severity, options\]/],
    [{ rule: {} }, /unknown top-level key 'rule'/],
    [[], /expected a JSON object/],
  ];
  for (const [raw, expected] of cases) {
    const { errors } = resolveConfig(raw, RULES, ".scenariolintrc.json");
    assert.equal(errors.length, 1, JSON.stringify(raw));
    assert.match(errors[0]!, expected);
  }
});
