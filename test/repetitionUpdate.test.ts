/**
 * The `repetition` rule updates its comparison of a document's sentences after an edit instead
 * of redoing it (state carried between lints while the server keeps the document open). After
 * any edit sequence the update must report exactly what a fresh lint of the same text reports.
 * The documents are built so that the rule has a lot to say and every path of the update is
 * taken: sentences from a small vocabulary (so many pairs are similar), paragraphs written twice,
 * sentences moved across sections, headings inserted, and enough sentences that words cross the
 * subject-word bound (more than 64 sentences) in both directions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { createChunkedParser } from "../server/src/core/engine/chunkedParse";
import { lintDocument, SectionResultCache } from "../server/src/core/lint";
import { TEMPLATE } from "../server/src/core/template/template";

const VOCABULARY = "ledger shard lease fence token replica failover outbox relay inbox consumer partition quorum epoch snapshot".split(" ");

/** A sentence of 6 to 9 words drawn from the vocabulary: two of them are often similar. */
const sentence = fc.uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 6, maxLength: 9 }).map((words) => `The ${words.join(" and ")} decide it.`);

/** A document as its sections' paragraphs; section -1 is the summary under the title. */
type Shape = string[][];

const shape: fc.Arbitrary<Shape> = fc.array(fc.array(sentence, { maxLength: 6 }), { minLength: 17, maxLength: 17 });

function render(sections: Shape, extraHeadings: ReadonlySet<number>): string {
  const parts = ["# A Design", "", sections[0]!.join(" "), ""];
  sections.slice(1).forEach((paragraphs, index) => {
    const entry = TEMPLATE[index];
    parts.push(entry ? `## ${entry.number}. ${entry.title}` : "## Appendix", "");
    paragraphs.forEach((paragraph, at) => {
      if (extraHeadings.has(index * 10 + at)) parts.push("### Detail", "");
      parts.push(paragraph, "");
    });
  });
  return parts.join("\n");
}

type Edit =
  | { kind: "replace" | "insert"; section: number; at: number; text: string }
  | { kind: "delete" | "duplicate" | "type"; section: number; at: number }
  | { kind: "move"; section: number; at: number; to: number }
  | { kind: "heading"; section: number; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom("replace" as const, "insert" as const), section: fc.nat(16), at: fc.nat(7), text: sentence }),
  fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const, "type" as const), section: fc.nat(16), at: fc.nat(7) }),
  fc.record({ kind: fc.constant("move" as const), section: fc.nat(16), at: fc.nat(7), to: fc.nat(16) }),
  fc.record({ kind: fc.constant("heading" as const), section: fc.nat(16), at: fc.nat(7) }),
);

function apply(sections: Shape, headings: Set<number>, step: Edit): void {
  const paragraphs = sections[step.section]!;
  const at = paragraphs.length ? step.at % paragraphs.length : 0;
  switch (step.kind) {
    case "replace":
      if (paragraphs.length) paragraphs[at] = step.text;
      else paragraphs.push(step.text);
      break;
    case "insert":
      paragraphs.splice(at, 0, step.text);
      break;
    case "delete":
      paragraphs.splice(at, 1);
      break;
    case "duplicate":
      if (paragraphs.length) paragraphs.splice(at, 0, paragraphs[at]!);
      break;
    case "type":
      // Typing inside a word: the sentence's words change, the paragraph stays where it is.
      if (paragraphs.length) paragraphs[at] = paragraphs[at]!.replace(" and ", "x and ");
      break;
    case "move": {
      const [moved] = paragraphs.splice(at, 1);
      if (moved !== undefined) sections[step.to]!.push(moved);
      break;
    }
    case "heading":
      if (headings.has(step.section * 10 + at)) headings.delete(step.section * 10 + at);
      else headings.add(step.section * 10 + at);
      break;
  }
}

function repetitionMessages(text: string, state?: { parse: (text: string) => ReturnType<ReturnType<typeof createChunkedParser>["parse"]>; sectionCache: SectionResultCache }) {
  return lintDocument({ path: "scenarios/edited.md", text }, undefined, state ?? {}).messages.filter((message) => message.ruleId === "repetition");
}

test("after any edit sequence, the carried comparison reports exactly what a fresh lint reports", () => {
  let reports = 0;
  let edits = 0;
  fc.assert(
    fc.property(shape, fc.array(edit, { minLength: 1, maxLength: 12 }), (start, sequence) => {
      const sections = start.map((paragraphs) => [...paragraphs]);
      const headings = new Set<number>();
      const state = { parse: createChunkedParser().parse, sectionCache: new SectionResultCache() };
      for (const step of [undefined, ...sequence]) {
        if (step) apply(sections, headings, step);
        const text = render(sections, headings);
        const carried = repetitionMessages(text, state);
        assert.deepEqual(carried, repetitionMessages(text));
        reports += carried.length;
        edits++;
      }
    }),
    { numRuns: 60, seed: 2026 },
  );
  assert.ok(reports > 200, `only ${reports} repetition reports over ${edits} lints: the documents do not exercise the rule`);
});

test("a word that crosses the subject-word bound, in either direction, changes the report as in a fresh lint", () => {
  // Sentences with "ledger" and six words of their own (letters only: words with digits are
  // never compared), similar to nothing but each other's "ledger".
  const own = (index: number, slot: number) => `q${[...String(index * 10 + slot)].map((digit) => "bcdfghjklm"[Number(digit)]).join("")}x`;
  const filler = (index: number) => `The ledger ${[1, 2, 3, 4, 5, 6].map((slot) => own(index, slot)).join(" ")}.`;
  // Three statements of one claim: three shared words and "ledger" of ten in all, similarity 0.4,
  // at the default threshold; without "ledger" three of nine, 0.33, below it.
  const claims = ["alpha bravo charlie", "delta echo foxtrot", "golf hotel india"].map((words) => `The quorum epoch snapshot ledger ${words}.`);
  const sections: Shape = Array.from({ length: 17 }, () => []);
  for (let index = 0; index < 58; index++) sections[1 + (index % 16)]!.push(filler(index));
  sections[2]!.push(claims[0]!);
  sections[5]!.push(claims[1]!);
  sections[9]!.push(claims[2]!);
  const state = { parse: createChunkedParser().parse, sectionCache: new SectionResultCache() };
  const seen: number[] = [];
  const check = () => {
    const text = render(sections, new Set());
    const carried = repetitionMessages(text, state);
    assert.deepEqual(carried, repetitionMessages(text));
    seen.push(carried.length);
  };
  // 61 sentences hold "ledger"; the fourth added one takes it past 64, and removing them brings it back.
  for (let extra = 0; extra < 6; extra++) {
    check();
    sections[12]!.push(filler(100 + extra));
  }
  for (let extra = 0; extra < 6; extra++) {
    check();
    sections[12]!.pop();
  }
  check();
  assert.deepEqual(seen, [1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
});
