/**
 * The chunked parser (engine/chunkedParse.ts) must give exactly the tree of a whole-document
 * parse, and the lint exactly the same messages, for any document and after any sequence of
 * edits. Documents are generated from the constructs that could make a cut wrong: `#` and `##`
 * lines inside fences, HTML blocks, front matter, block quotes, lists and indented code;
 * unclosed fences; link reference definitions; setext headings; CRLF and lone CR.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { createChunkedParser } from "../server/src/core/engine/chunkedParse";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { lintDocument, SectionResultCache } from "../server/src/core/lint";
import { TEMPLATE } from "../server/src/core/template/template";
import { ROOT } from "./helpers/cli";

const RUNS = Number(process.env["CHUNK_RUNS"] ?? 300);

const sectionHeading = fc.constantFrom(...TEMPLATE.map((section) => `## ${section.number}. ${section.title}`), "# Title", "#", "##", "## Appendix", "#\tTabbed", "### Sub", "#NoSpace");
const prose = fc.constantFrom("Ledger writes at 4,000 req/s.", "p99 below 200 ms", "TODO: fill in", "a | b", "[ref]", "[ref]: https://example.com", "*emph* and `code`", "<span>inline</span>", "");
const block = fc.oneof(
  sectionHeading,
  prose,
  fc.tuple(fc.constantFrom("```", "~~~", "````", "  ```"), fc.constantFrom("ruby", "sql", "text", ""), fc.array(fc.oneof(sectionHeading, prose), { maxLength: 3 }), fc.constantFrom("```", "~~~", "````", "", "``")).map(([fence, language, body, close]) => [`${fence}${language}`, ...body, ...(close ? [close] : [])].join("\n")),
  fc.constantFrom("<!-- note", "-->", "<!-- scenario-lint-disable missing-section -->", "<div>", "</div>", "<script>", "</script>", "<details>\n## 9. Concurrency & Consistency Strategy\n</details>"),
  fc.tuple(fc.constantFrom("- ", "> ", "1. ", "    ", "  "), fc.oneof(sectionHeading, prose)).map(([prefix, text]) => `${prefix}${text}`),
  fc.constantFrom("Setext title\n===", "Setext section\n---", "---", "| a | b |\n|---|---|\n| 1 | 2 |", "---\ntitle: x\n# comment\n---"),
);
const documentText = fc
  .tuple(fc.array(block, { maxLength: 30 }), fc.array(fc.constantFrom("\n", "\n\n"), { minLength: 30, maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([blocks, gaps, eol]) => blocks.map((text, index) => text + gaps[index]).join("").replace(/\n/g, eol));

/** An edit: replace `length` characters at a relative position with a piece of Markdown. */
const edit = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }), fc.oneof(block.map((text) => `\n${text}\n`), fc.constantFrom("", "x", "\n", "`", "#", "## ", "```", "<!--", "-->", "\r\n")));

function applyEdit(text: string, [at, length, insert]: [number, number, string]): string {
  const start = Math.floor(at * text.length);
  return text.slice(0, start) + insert + text.slice(start + length);
}

const SCENARIOS = readdirSync(join(ROOT, "scenarios"))
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => readFileSync(join(ROOT, "scenarios", name), "utf8"));

/** What the server keeps per open document: a chunked parser and a cache of section results. */
function incremental(): { parser: ReturnType<typeof createChunkedParser>; sectionCache: SectionResultCache } {
  return { parser: createChunkedParser(), sectionCache: new SectionResultCache() };
}

function assertSameAsWhole({ parser, sectionCache }: ReturnType<typeof incremental>, text: string): void {
  assert.deepEqual(parser.parse(text), parseMarkdown(text));
  const path = "scenarios/edited.md";
  assert.deepEqual(lintDocument({ path, text }, undefined, { parse: parser.parse, sectionCache }).messages, lintDocument({ path, text }).messages);
}

test(`incremental linting (chunked parse, cached section results) gives the whole-document tree and messages for ${RUNS} generated edit sequences`, () => {
  let edits = 0;
  fc.assert(
    fc.property(documentText, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, sequence) => {
      const state = incremental();
      let text = start;
      assertSameAsWhole(state, text);
      for (const step of sequence) {
        text = applyEdit(text, step);
        assertSameAsWhole(state, text);
        edits++;
      }
    }),
    { numRuns: RUNS, seed: 4242 },
  );
  assert.ok(edits >= RUNS, `${edits} edits checked`);
});

test("edit sequences on every real scenario give the whole-document tree and messages, re-parsing only the touched pieces", () => {
  fc.assert(
    fc.property(fc.constantFrom(...SCENARIOS), fc.array(edit, { minLength: 1, maxLength: 3 }), (scenario, sequence) => {
      const state = incremental();
      let text = scenario;
      assertSameAsWhole(state, text);
      for (const step of sequence) {
        text = applyEdit(text, step);
        assertSameAsWhole(state, text);
      }
    }),
    { numRuns: 12, seed: 7 },
  );
});

test("an edit inside one section re-parses one piece; a fence opened there re-parses to the end", () => {
  const parser = createChunkedParser();
  const scenario = SCENARIOS[0]!;
  parser.parse(scenario);
  const before = parser.stats.piecesParsed;
  const edited = scenario.replace("## 5. Core Engineering Challenges\n", "## 5. Core Engineering Challenges\n\nOne more sentence.\n");
  assert.notEqual(edited, scenario);
  assert.deepEqual(parser.parse(edited), parseMarkdown(edited));
  assert.equal(parser.stats.piecesParsed - before, 1);
  const opened = edited.replace("One more sentence.\n", "```text\n");
  assert.deepEqual(parser.parse(opened), parseMarkdown(opened));
  assert.equal(parser.stats.wholeParses, 0);
});

test("a document with a link reference definition is parsed whole, so its references resolve", () => {
  const parser = createChunkedParser();
  const text = "# T\n\n## 2. Problem Statement\n\nSee [the spec].\n\n## 3. Requirements\n\n[the spec]: https://example.com\n";
  assert.deepEqual(parser.parse(text), parseMarkdown(text));
  assert.equal(parser.stats.wholeParses, 1);
});

/** Documents with findings of the rules that memoize per paragraph (repetition, filler) and of arithmetic. */
const REVIEW_FIXTURES = ["repetition", "filler", "arithmetic", "diagram-explained"].flatMap((rule) =>
  readdirSync(join(ROOT, "test/fixtures", rule))
    .filter((name) => name.startsWith("invalid-") && name.endsWith(".md"))
    .map((name) => readFileSync(join(ROOT, "test/fixtures", rule, name), "utf8")),
);

test("edits of documents with repeated claims and filler give the whole-document messages (rules' per-paragraph memo)", () => {
  let reported = 0;
  fc.assert(
    fc.property(fc.constantFrom(...REVIEW_FIXTURES), fc.array(edit, { minLength: 1, maxLength: 4 }), (fixture, sequence) => {
      const state = incremental();
      let text = fixture;
      assertSameAsWhole(state, text);
      reported += lintDocument({ path: "scenarios/edited.md", text }).messages.filter((message) => message.ruleId === "repetition" || message.ruleId === "filler").length;
      for (const step of sequence) {
        text = applyEdit(text, step);
        assertSameAsWhole(state, text);
      }
    }),
    { numRuns: 60, seed: 99 },
  );
  assert.ok(reported > 0, "the documents have findings to keep right");
});
