/**
 * Quick fixes never lose or duplicate text. A property test over generated documents applies
 * every fix offered (and "fix all") and checks that each non-heading line of the original is
 * still there exactly once, under the same section; plus exact-text tests of each fix.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixAllText, fixesFor } from "../server/src/core/features/fixes";
import { applyLineEdits } from "../server/src/core/engine/lineEdits";
import { renumberHeadingLine } from "../server/src/core/rules/shared/structuralFixes";
import type { LintResult } from "../server/src/core/lint";
import type { LineEdit } from "../server/src/core/engine/types";

/** The text-edit fixes the rules offer, flattened with their rule ids. */
function editFixes(result: LintResult): Array<{ title: string; ruleId: string; edits: LineEdit[] }> {
  return fixesFor(result).flatMap(({ fix, ruleId }) => (fix.kind === "edit" ? [{ title: fix.title, ruleId, edits: fix.edits }] : []));
}
import { lintDocument } from "../server/src/core/lint";
import { buildStructure } from "../server/src/core/engine/outline";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { TEMPLATE } from "../server/src/core/template/template";
import { seededRandom } from "../bench/corpus";

const DOCUMENTS = Number(process.env["FIX_PROPERTY_RUNS"] ?? 400);

interface Generated {
  text: string;
  /** Every content line (unique), with the key of the section it belongs to. */
  owners: Map<string, string>;
}

export function generate(seed: number): Generated {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let unique = 0;
  const line = (prefix: string) => `${prefix} line ${seed}-${unique++}`;
  const blocks: Array<{ key: string; heading: string; body: string[] }> = [];
  let numbers = TEMPLATE.slice(1).map((section) => section.number).filter(() => random() > 0.2);
  if (random() < 0.5 && numbers.length > 2) {
    const a = Math.floor(random() * numbers.length);
    const b = Math.floor(random() * numbers.length);
    [numbers[a], numbers[b]] = [numbers[b]!, numbers[a]!];
  }
  if (random() < 0.2 && numbers.length) numbers.push(pick(numbers));
  for (const number of numbers) {
    const template = TEMPLATE[number - 1]!;
    const style = random();
    const shown = style < 0.1 ? pick([number + 1, number - 1, 99]) : number;
    const heading = style < 0.8 ? `## ${shown}. ${template.title}` : `## ${template.title}`;
    const body: string[] = [];
    const lines = 1 + Math.floor(random() * 3);
    for (let index = 0; index < lines; index++) body.push(line("Body"));
    if (random() < 0.3) body.push("", `### ${line("Sub")}`, "", line("Under sub"));
    if (random() < 0.2) body.push("", "```markdown", `## ${line("Fenced heading")}`, "```");
    blocks.push({ key: String(number), heading, body });
    if (random() < 0.1) blocks.push({ key: "unknown", heading: `## ${line("Appendix")}`, body: [line("Appendix body")] });
  }
  const eol = random() < 0.2 ? "\r\n" : "\n";
  const parts = [`# Generated ${seed}`, "", line("Intro")];
  const owners = new Map<string, string>();
  owners.set(parts[2]!, "title");
  for (const block of blocks) {
    parts.push("", block.heading, "", ...block.body);
    for (const body of block.body) if (body.trim() !== "" && !body.startsWith("```")) owners.set(body, block.key === "unknown" ? block.heading : block.key);
  }
  const finalEol = random() < 0.8;
  return { text: parts.join(eol) + (finalEol ? eol : ""), owners };
}

/** Content line -> key of the section it stands in, read from the linter's own outline. */
function ownersIn(text: string): Map<string, string[]> {
  const { outline } = buildStructure(parseMarkdown(text), text);
  const lines = text.split(/\r\n|\r|\n/);
  const result = new Map<string, string[]>();
  lines.forEach((content, index) => {
    const number = index + 1;
    const section = [...outline.sections].reverse().find((candidate) => candidate.startLine <= number);
    if (section?.startLine === number || number === outline.title?.range.start.line) return;
    const key = section ? (section.template ? String(section.template.number) : `## ${section.headingText}`) : "title";
    result.set(content, [...(result.get(content) ?? []), key]);
  });
  return result;
}

function assertKeepsContent(original: Generated, fixed: string, label: string): void {
  const after = ownersIn(fixed);
  for (const [content, owner] of original.owners) {
    assert.deepEqual(after.get(content), [owner], `${label}: '${content}' should appear once, in section ${owner}`);
  }
}

test(`property: every fix keeps each line of ${DOCUMENTS} generated documents exactly once, in its section`, () => {
  let fixesApplied = 0;
  for (let seed = 1; seed <= DOCUMENTS; seed++) {
    const generated = generate(seed);
    const result = lintDocument({ path: "x.md", text: generated.text });
    for (const fix of editFixes(result)) {
      assertKeepsContent(generated, applyLineEdits(generated.text, fix.edits), `seed ${seed}, '${fix.title}'`);
      fixesApplied++;
    }
    const all = fixAllText(result, generated.text);
    if (all !== undefined) {
      assertKeepsContent(generated, all, `seed ${seed}, fix all`);
      const remaining = lintDocument({ path: "x.md", text: all }).messages.filter((message) =>
        ["missing-section", "section-order", "section-number", "title"].includes(message.ruleId),
      );
      assert.deepEqual(remaining, [], `seed ${seed}: fix all left structural problems`);
      assert.equal(fixAllText(lintDocument({ path: "x.md", text: all }), all), undefined, `seed ${seed}: fix all is not idempotent`);
      fixesApplied++;
    }
  }
  assert.ok(fixesApplied > DOCUMENTS, `only ${fixesApplied} fixes were exercised`);
});

const SMALL = ["# Seats", "", "Intro.", "", "## 2. Problem Statement", "", "Scale.", "", "## 4. Non-Functional Requirements", "", "99.9%.", ""].join("\n");

test("insert missing section: the scaffold lands right after its predecessor", () => {
  const result = lintDocument({ path: "x.md", text: SMALL });
  const fix = editFixes(result).find((candidate) => candidate.title === "Insert missing section 3 'Functional Requirements'");
  assert.ok(fix);
  assert.equal(
    applyLineEdits(SMALL, fix.edits),
    ["# Seats", "", "Intro.", "", "## 2. Problem Statement", "", "Scale.", "", "## 3. Functional Requirements", "", "- TODO: First required feature.", "- TODO: Second required feature.", "", "## 4. Non-Functional Requirements", "", "99.9%.", ""].join("\n"),
  );
});

test("move section: a swapped section moves with its whole body", () => {
  const text = ["# T", "", "## 3. Functional Requirements", "", "F.", "", "## 2. Problem Statement", "", "P1.", "", "### Sub", "", "P2.", ""].join("\n");
  const result = lintDocument({ path: "x.md", text });
  const fix = editFixes(result).find((candidate) => candidate.ruleId === "section-order");
  assert.ok(fix);
  assert.equal(applyLineEdits(text, fix.edits), ["# T", "", "## 2. Problem Statement", "", "P1.", "", "### Sub", "", "P2.", "", "## 3. Functional Requirements", "", "F.", ""].join("\n"));
});

test("fix a number, and renumber headings in every accepted form", () => {
  assert.equal(renumberHeadingLine("## 7. Data Model Design", 8), "## 8. Data Model Design");
  assert.equal(renumberHeadingLine("## 7) Data Model Design", 8), "## 8) Data Model Design");
  assert.equal(renumberHeadingLine("## Data Model Design", 8), "## 8. Data Model Design");
  assert.equal(renumberHeadingLine("# 12 - High Availability Strategy", 12), "# 12 - High Availability Strategy");
  const text = "# T\n\n## 2. Problem Statement\n\nP.\n\n## 7. Functional Requirements\n\nF.\n";
  const result = lintDocument({ path: "x.md", text });
  const fix = editFixes(result).find((candidate) => candidate.ruleId === "section-number");
  assert.ok(fix);
  assert.equal(applyLineEdits(text, fix.edits), "# T\n\n## 2. Problem Statement\n\nP.\n\n## 3. Functional Requirements\n\nF.\n");
});

test("inserting at the end of a file without a final line break adds one first", () => {
  const text = "# T\n\n## 2. Problem Statement\n\nP.";
  const result = lintDocument({ path: "x.md", text });
  const fix = editFixes(result).find((candidate) => candidate.title.startsWith("Insert missing section 3"));
  assert.ok(fix);
  assert.ok(applyLineEdits(text, fix.edits).startsWith("# T\n\n## 2. Problem Statement\n\nP.\n\n## 3. Functional Requirements\n"));
});

test("a line edit reaches the editor as only what changes: one figure, not the whole line; CRLF and surrogate pairs are never split", async () => {
  const { resolveLineEdits, applyLineEdits } = await import("../server/src/core/engine/lineEdits");
  const cases: Array<[string, { startLine: number; endLine: number; text: string }, string]> = [
    ["# T\nA retry waits 20 s here.\nNext.\n", { startLine: 2, endLine: 3, text: "A retry waits 24 s here.\n" }, "4"],
    ["# T\r\nIn order to scale.\r\n", { startLine: 2, endLine: 3, text: "To scale.\r\n" }, "T"],
    ["a 𝔘 b\n", { startLine: 1, endLine: 2, text: "a 𝔙 b\n" }, "𝔙"],
    ["one\n", { startLine: 2, endLine: 2, text: "two\n" }, "two\n"],
  ];
  for (const [text, edit, newText] of cases) {
    const [resolved] = resolveLineEdits(text, [edit]);
    assert.equal(resolved!.newText, newText, JSON.stringify(text));
    assert.equal(text.slice(0, resolved!.startOffset) + resolved!.newText + text.slice(resolved!.endOffset), applyLineEdits(text, [edit]));
    // Never inside a surrogate pair or between CR and LF.
    for (const offset of [resolved!.startOffset, resolved!.endOffset]) {
      const before = text.charCodeAt(offset - 1);
      const after = text.charCodeAt(offset);
      assert.ok(!(before >= 0xd800 && before <= 0xdbff) && !(before === 13 && after === 10), `cut at ${offset} in ${JSON.stringify(text)}`);
    }
  }
});

test("a misspelt heading of a missing section is renamed, never doubled: both messages offer only the rename, and it leaves one section 5", () => {
  const valid = readFileSync(join(__dirname, "fixtures/missing-section/valid-all-sections.md"), "utf8");
  const text = valid.replace("## 5. Core Engineering Challenges", "## 5. Core Enginering Chalenges");
  const result = lintDocument({ path: "scenarios/seat-booking.md", text }, undefined);
  const about5 = result.messages.filter((message) => message.ruleId === "unknown-section" || (message.ruleId === "missing-section" && message.section === 5));
  assert.deepEqual(about5.map((message) => message.ruleId).sort(), ["missing-section", "unknown-section"]);
  for (const message of about5) {
    assert.deepEqual(message.fixes?.map((fix) => fix.title), ["Rename the heading to '5. Core Engineering Challenges'"], message.message);
    const fix = message.fixes![0]!;
    assert.equal(fix.kind === "edit" && applyLineEdits(text, fix.edits), valid);
  }
  // A heading close to a section the document already has gets the hint but no rename: it would make a duplicate.
  const twice = `${valid}\n## Core Enginering Chalenges\n\nMore.\n`;
  const unknown = lintDocument({ path: "scenarios/seat-booking.md", text: twice }, undefined).messages.find((message) => message.ruleId === "unknown-section")!;
  assert.match(unknown.message, /did you mean '5\. Core Engineering Challenges'/);
  assert.equal(unknown.fixes, undefined);
});
