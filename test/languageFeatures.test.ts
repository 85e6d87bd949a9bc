/**
 * The editor features answer every document without breaking LSP's rules. VS Code rejects a
 * document symbol whose selection range (its heading) is not inside its full range with
 * "selectionRange must be contained in fullRange", and then drops the whole outline; that
 * happened when a heading was the last line of its section (a title directly followed by
 * `## 2. ...`). Checked over the fixtures, the rule docs, the library and generated documents
 * whose headings touch each other, end the file, or carry trailing text.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { foldingRanges, outlineSymbols, sectionHover, type OutlineSymbol } from "../server/src/core/features/languageFeatures";
import { lintDocument } from "../server/src/core/lint";
import { TEMPLATE } from "../server/src/core/template/template";
import type { Range } from "../server/src/core/engine/types";
import { seededRandom } from "../bench/corpus";
import { ROOT } from "./helpers/cli";

const before = (a: Range["start"], b: Range["start"]) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function insideDocument(range: Range, lines: string[]): boolean {
  const valid = (point: Range["start"]) => point.line >= 1 && point.line <= lines.length && point.column >= 1 && point.column <= lines[point.line - 1]!.length + 1;
  return valid(range.start) && valid(range.end) && before(range.start, range.end);
}

function checkFeatures(name: string, text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  const result = lintDocument({ path: name.endsWith("README.md") ? name : `scenarios/${name.replace(/^.*\//, "")}`, text }, undefined);
  const symbols = outlineSymbols(result, text);
  const [title, ...sections] = symbols as [OutlineSymbol, ...OutlineSymbol[]];
  for (const symbol of symbols) {
    assert.ok(contains(symbol.range, symbol.selectionRange), `${name}: '${symbol.name}' selection ${JSON.stringify(symbol.selectionRange)} outside ${JSON.stringify(symbol.range)}`);
    assert.ok(insideDocument(symbol.range, lines), `${name}: '${symbol.name}' range ${JSON.stringify(symbol.range)} outside the document`);
  }
  for (const section of sections) assert.ok(contains(title.range, section.range), `${name}: '${section.name}' lies outside its parent, the title`);
  for (const fold of foldingRanges(result, text)) assert.ok(fold.startLine < fold.endLine && fold.endLine <= lines.length, `${name}: folding ${JSON.stringify(fold)}`);
  for (let line = 1; line <= lines.length; line++) {
    const hover = sectionHover(result, line);
    if (hover) assert.ok(insideDocument(hover.range, lines), `${name}: hover range on line ${line}`);
  }
  return symbols.length;
}

/** Documents whose headings sit as close together as Markdown allows. */
function tightDocument(seed: number): string {
  const random = seededRandom(seed);
  const eol = random() < 0.3 ? "\r\n" : "\n";
  const parts: string[] = [random() < 0.8 ? `# Tight ${seed}` : "Intro without a title"];
  for (const section of TEMPLATE.slice(1)) {
    if (random() < 0.3) continue;
    parts.push(random() < 0.1 ? `## ${section.number}. ${section.title} ##` : `## ${section.number}. ${section.title}`);
    const shape = random();
    if (shape < 0.3) continue; // the heading is its section's only line
    if (shape < 0.5) parts.push("Setext heading below", "---");
    else if (shape < 0.7) parts.push("```text", "## fenced", "```");
    else parts.push(`Body ${seed}`);
  }
  return parts.join(eol) + (random() < 0.5 ? eol : "");
}

test("a title directly followed by a section heading gives a valid outline", () => {
  assert.equal(checkFeatures("tight.md", "# Title\n## 2. Problem Statement\nText.\n## 3. Functional Requirements"), 17);
});

test("a scenario whose last line is a section heading gives a valid outline", () => {
  assert.equal(checkFeatures("last.md", "# Title\n\n## 2. Problem Statement"), 17);
});

test("every fixture, rule doc page and scenario gives valid symbols, folding ranges and hovers", () => {
  const files: string[] = [];
  for (const rule of readdirSync(join(ROOT, "test/fixtures"))) for (const file of readdirSync(join(ROOT, "test/fixtures", rule))) if (file.endsWith(".md")) files.push(join("test/fixtures", rule, file));
  for (const file of readdirSync(join(ROOT, "docs/rules"))) files.push(join("docs/rules", file));
  for (const file of readdirSync(join(ROOT, "scenarios"))) files.push(join("scenarios", file));
  for (const file of files) checkFeatures(file, readFileSync(join(ROOT, file), "utf8"));
  assert.ok(files.length > 60, `only ${files.length} files checked`);
});

test("300 generated documents with touching headings give valid symbols, folding ranges and hovers", () => {
  for (let seed = 1; seed <= 300; seed++) checkFeatures(`tight-${seed}.md`, tightDocument(seed));
});
