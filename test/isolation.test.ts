/**
 * Section rules are section-local: each section's text, parsed on its own, with the facts the
 * engine derived from the document, gives exactly the messages the whole-document lint gives
 * for that section. This is what lets a host lint sections separately and cache them by text.
 * Checked over the library and every fixture.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lintDocument, runSectionRule, sectionViews } from "../server/src/core/lint";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { LineIndex } from "../server/src/core/engine/positions";
import { defaultConfig } from "../server/src/core/engine/config";
import { RULES } from "../server/src/core/rules";
import type { Report, SectionRule } from "../server/src/core/engine/types";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { ROOT } from "./helpers/cli";

const codeParsers = new CodeParserHost();
const SECTION_RULES = RULES.filter((rule): rule is SectionRule<unknown> => rule.scope === "section");

function files(): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(ROOT, "scenarios"))) if (name.endsWith(".md") && name !== "README.md") found.push(join(ROOT, "scenarios", name));
  for (const folder of readdirSync(join(ROOT, "test/fixtures"))) {
    for (const name of readdirSync(join(ROOT, "test/fixtures", folder))) if (name.endsWith(".md")) found.push(join(ROOT, "test/fixtures", folder, name));
  }
  return found;
}

test("linting each section in isolation and merging equals the whole-document lint (library and fixtures)", async () => {
  const config = defaultConfig(RULES);
  let sectionsChecked = 0;
  for (const path of files()) {
    const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    // Disable comments act on the merged result; the isolation property is about the rules.
    if (text.includes("scenario-lint-disable")) continue;
    const parsers = await codeParsers.parsersFor(text);
    const whole = lintDocument({ path: "scenarios/x.md", text }, config, { parsers });
    const sectionRuleIds = new Set(SECTION_RULES.map((rule) => rule.meta.id));
    const expected = whole.messages.filter((message) => sectionRuleIds.has(message.ruleId)).map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.message}`);

    const merged: string[] = [];
    for (const { view, lineShift } of sectionViews(text, whole.bodies, new LineIndex(text))) {
      // The section's own text, parsed alone: its first node is its heading (except the title part's).
      const alone = parseMarkdown(view.text).children;
      const nodes = view.isTitle ? alone : alone.slice(1);
      const isolated = { ...view, nodes };
      sectionsChecked++;
      for (const rule of SECTION_RULES) {
        if (view.facts.isUnwritten && !rule.meta.claimsUnwrittenSections) continue;
        for (const found of runSectionRule(rule, isolated, config.rules[rule.meta.id]!.options, parsers)) {
          assert.ok(!("failure" in found), `${rule.meta.id} threw on ${path}`);
          const report = found as Report;
          merged.push(`${report.range.start.line + lineShift}:${report.range.start.column}-${report.range.end.line + lineShift}:${report.range.end.column} ${rule.meta.id} ${report.message}`);
        }
      }
    }
    assert.deepEqual(merged.sort(), expected.sort(), path);
  }
  assert.ok(sectionsChecked > 500, `only ${sectionsChecked} sections checked`);
});

test("a section rule sees only its section: its context has no document text, tree or outline", () => {
  const seen: string[][] = [];
  const spy: SectionRule<unknown> = { meta: { id: "spy", description: "records its context", defaultSeverity: "warn" }, scope: "section", check: (context) => void seen.push(Object.keys(context).sort()) };
  lintDocument({ path: "scenarios/x.md", text: "# T\n\n## 2. Problem Statement\n\nText.\n" }, defaultConfig([spy]), { rules: [spy] });
  assert.ok(seen.length >= 2);
  for (const keys of seen) assert.deepEqual(keys, ["lineIndex", "memo", "options", "parsers", "report", "section"]);
});
