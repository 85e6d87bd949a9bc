/**
 * A peer's test suite: every example of the CommonMark specification (npm `commonmark-spec`)
 * goes through the linter. None may throw, and the headings the linter can take as section
 * headings (the top-level headings of the document) must be exactly the reference parser's
 * (npm `commonmark`, the spec authors' own implementation): a heading inside a list, a block
 * quote, a code block or HTML is never a section, and a setext or ATX heading at top level
 * always is.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Parser, type Node } from "commonmark";
import { lintDocument } from "../server/src/core/lint";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { foldingRanges, outlineSymbols, sectionHover } from "../server/src/core/features/languageFeatures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const spec = require("commonmark-spec") as { tests: Array<{ markdown: string; number: number; section: string }> };

/** The spec writes tabs as "→" so that they show. */
const markdownOf = (example: { markdown: string }) => example.markdown.replace(/→/g, "\t");

/** YAML front matter, which the linter supports on purpose (CommonMark reads it as a rule and a heading). */
const isFrontMatter = (text: string) => /^---\r?\n[\s\S]*?\r?\n(---|\.\.\.)\r?\n?/.test(text);

function referenceHeadings(text: string): string[] {
  const document = new Parser().parse(text);
  const headings: string[] = [];
  for (let child: Node | null = document.firstChild; child; child = child.next) {
    if (child.type === "heading") headings.push(`h${child.level}@${child.sourcepos[0][0]}`);
  }
  return headings;
}

function ourHeadings(text: string): string[] {
  return parseMarkdown(text)
    .children.filter((node) => node.type === "heading")
    .map((node) => `h${(node as { depth: number }).depth}@${node.position!.start.line}`);
}

test("every CommonMark spec example lints without throwing, with the reference parser's top-level headings", () => {
  let checked = 0;
  let frontMatter = 0;
  const mismatches: string[] = [];
  for (const example of spec.tests) {
    const text = markdownOf(example);
    const result = lintDocument({ path: `scenarios/spec-example-${example.number}.md`, text });
    assert.ok(Array.isArray(result.messages), `example ${example.number}`);
    // The editor features answer every example too.
    for (const symbol of outlineSymbols(result, text)) assert.ok(symbol.selectionRange.start.line >= symbol.range.start.line && symbol.selectionRange.end.line <= symbol.range.end.line, `example ${example.number}: symbol '${symbol.name}'`);
    foldingRanges(result, text);
    for (let line = 1; line <= text.split("\n").length; line++) sectionHover(result, line);
    // The outline's section headings are top-level headings, so they are among those compared.
    const top = new Set(ourHeadings(text));
    for (const section of result.outline.sections) assert.ok(top.has(`h${section.depth}@${section.startLine}`), `example ${example.number}: a section heading that is not a top-level heading`);
    if (isFrontMatter(text)) {
      frontMatter++;
      continue;
    }
    checked++;
    const ours = ourHeadings(text).join(" ");
    const reference = referenceHeadings(text).join(" ");
    if (ours !== reference) mismatches.push(`example ${example.number} (${example.section}): ours [${ours}], reference [${reference}]`);
  }
  assert.deepEqual(mismatches, []);
  assert.equal(checked + frontMatter, spec.tests.length);
  assert.ok(spec.tests.length >= 650, `only ${spec.tests.length} spec examples`);
  console.log(`CommonMark spec: ${spec.tests.length} examples linted; headings identical to the reference parser on ${checked} (${frontMatter} read as YAML front matter, by design)`);
});
