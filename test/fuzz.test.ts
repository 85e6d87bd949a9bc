/**
 * Property-based fuzzing (fast-check): generated scenario-like documents with every hostile
 * construct Markdown allows, and mutations of the real scenarios. Properties: the lint never
 * fails internally; every range lies inside the document on valid UTF-16 positions; the same
 * input gives the same result; "fix all" and every quick fix apply cleanly, fix all is
 * idempotent, and no fix loses a line of the author's text. `FUZZ_RUNS` sets the case count
 * (the suite runs a few thousand; `npm run fuzz` runs a longer campaign).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { lintDocument } from "../server/src/core/lint";
import { applyLineEdits } from "../server/src/core/engine/lineEdits";
import { fixAllText, fixesFor } from "../server/src/core/features/fixes";
import { TEMPLATE } from "../server/src/core/template/template";
import { foldingRanges, outlineSymbols, sectionHover } from "../server/src/core/features/languageFeatures";
import { ROOT } from "./helpers/cli";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 2000);

const word = fc.constantFrom("ledger", "quorum", "𝔘nicode", "é", "\u0000", "\t", "\ud800", "a|b", "`code`", "<div>", "TODO:", "**bold**", "[link](x.md)", "1,000 req/s", "99.99%");
const line = fc.array(word, { minLength: 0, maxLength: 6 }).map((words) => words.join(" "));
const sectionTitle = fc.constantFrom(...TEMPLATE.map((section) => `${section.number}. ${section.title}`), "Appendix", "", "1. Title");

/** One block of Markdown, hostile ones included. */
const block = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), sectionTitle).map(([depth, title]) => `${"#".repeat(depth)} ${title}`),
  fc.tuple(sectionTitle, fc.constantFrom("===", "---")).map(([title, underline]) => `${title}\n${underline}`),
  line,
  fc.tuple(fc.constantFrom("```", "~~~", "````"), fc.constantFrom("ruby", "sql", "text", ""), fc.array(line, { maxLength: 4 }), fc.boolean()).map(([fence, language, body, closed]) => [`${fence}${language}`, ...body, ...(closed ? [fence] : [])].join("\n")),
  fc.tuple(fc.integer({ min: 0, max: 12 }), line).map(([depth, text]) => `${"  ".repeat(depth)}- ${text}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), line).map(([depth, text]) => `${"> ".repeat(depth)}${text}`),
  fc.constantFrom("<details>\n## 9. Concurrency & Consistency Strategy\n</details>", "<!-- scenario-lint-disable missing-section -->", "<!-- scenario-lint-enable -->", "| a | b |\n|---|---|\n| 1 | 2 |", "---", "***", "    indented code", "```sql\nCREAT TABLE t (id int);\n```", "```ruby\ndef x(\n```"),
);

/** A scenario-like document: optional BOM and front matter, blocks, CRLF or LF. */
const documentText = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(block, { maxLength: 25 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([bom, frontMatter, blocks, eol, finalEol]) => `${bom ? "\uFEFF" : ""}${frontMatter ? "---\ntitle: x\n---\n" : ""}${blocks.join("\n\n")}${finalEol ? "\n" : ""}`.replace(/\n/g, eol));

function validPoint(lines: string[], line: number, column: number): boolean {
  if (line < 1 || line > lines.length) return false;
  const text = lines[line - 1]!;
  if (column < 1 || column > text.length + 1) return false;
  // A position must not split a surrogate pair.
  const before = text.charCodeAt(column - 2);
  const at = text.charCodeAt(column - 1);
  return !(before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff);
}

/**
 * The author's lines that are not headings, blank lines included, counted: no fix may lose one,
 * nor one copy of a line written twice (a fix may add lines, and may renumber headings).
 */
function authorLines(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) continue;
    const key = line.trim() === "" ? "" : line;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function assertKept(before: Map<string, number>, fixedText: string, what: string): void {
  const after = authorLines(fixedText);
  for (const [line, count] of before) assert.ok((after.get(line) ?? 0) >= count, `${what} lost ${line === "" ? "a blank line" : `the line '${line}'`} (${count} before, ${after.get(line) ?? 0} after)`);
}

function checkProperties(text: string): void {
  const result = lintDocument({ path: "scenarios/fuzzed.md", text });
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (const message of result.messages) {
    assert.doesNotMatch(message.message, /failed while checking this document/, "a rule threw");
    assert.ok(validPoint(lines, message.line, message.column) && validPoint(lines, message.endLine, message.endColumn), `${message.ruleId} range ${message.line}:${message.column}-${message.endLine}:${message.endColumn} outside the document`);
  }
  assert.deepEqual(lintDocument({ path: "scenarios/fuzzed.md", text }).messages, result.messages, "the same input gave another result");
  // The editor features answer every document: symbols keep their selection inside their range.
  const clean0 = text.replace(/^\uFEFF/, "");
  for (const symbol of outlineSymbols(result, clean0)) {
    const inside = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column <= b.column);
    assert.ok(inside(symbol.range.start, symbol.selectionRange.start) && inside(symbol.selectionRange.end, symbol.range.end), `symbol '${symbol.name}'`);
  }
  for (const fold of foldingRanges(result, clean0)) assert.ok(fold.startLine < fold.endLine && fold.endLine <= lines.length, "folding range");
  for (let line = 1; line <= Math.min(lines.length, 200); line++) sectionHover(result, line);
  const clean = text.replace(/^\uFEFF/, "");
  const kept = authorLines(clean);
  for (const { fix } of fixesFor(result)) {
    if (fix.kind !== "edit") continue;
    // A fix that rewrites words inside one line (a computed figure, a plainer phrase) changes
    // that line by design; every other line must still be there.
    const [only] = fix.edits;
    const inLine = fix.edits.length === 1 && only!.endLine === only!.startLine + 1 && only!.text.replace(/\r?\n$|\r$/, "").split(/\r\n|\r|\n/).length === 1;
    const expected = new Map(kept);
    if (inLine) {
      const rewritten = lines[only!.startLine - 1]!;
      const key = rewritten.trim() === "" ? "" : rewritten;
      expected.set(key, (expected.get(key) ?? 1) - 1);
    }
    assertKept(expected, applyLineEdits(clean, fix.edits), `'${fix.title}'`);
  }
  const all = fixAllText(result, clean);
  if (all !== undefined) {
    assertKept(kept, all, "fix all");
    assert.equal(fixAllText(lintDocument({ path: "scenarios/fuzzed.md", text: all }), all), undefined, "fix all is not idempotent");
  }
}

test(`generated hostile documents (${RUNS} cases): no internal failure, ranges inside the text, deterministic, fixes lose nothing`, () => {
  fc.assert(fc.property(documentText, checkProperties), { numRuns: RUNS, seed: Number(process.env["FUZZ_SEED"] ?? 20261207) });
});

test("mutations of the real scenarios keep the same properties", () => {
  const scenarios = readdirSync(join(ROOT, "scenarios")).filter((name) => name.endsWith(".md") && name !== "README.md").map((name) => readFileSync(join(ROOT, "scenarios", name), "utf8").split("\n"));
  const mutation = fc.tuple(fc.integer({ min: 0, max: scenarios.length - 1 }), fc.array(fc.tuple(fc.constantFrom("delete", "duplicate", "swap", "truncate"), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }));
  fc.assert(
    fc.property(mutation, ([index, edits]) => {
      const lines = [...scenarios[index]!];
      for (const [kind, a, b] of edits) {
        const i = a % lines.length;
        const j = b % lines.length;
        if (kind === "delete") lines.splice(i, 1);
        else if (kind === "duplicate") lines.splice(i, 0, lines[i]!);
        else if (kind === "swap") [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        else lines[i] = lines[i]!.slice(0, j % (lines[i]!.length + 1));
      }
      checkProperties(lines.join("\n"));
    }),
    { numRuns: Math.max(20, Math.round(RUNS / 40)), seed: 7 },
  );
});
