/** The prose model: sentences and words at their exact offsets, outside code, tables and headings. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { proseSentences } from "../server/src/core/prose/prose";

const TEXT = [
  "# Title",
  "",
  "Redis is a shield. PostgreSQL **decides** who wins; run `make test` first.",
  "",
  "| Tier | Rate |",
  "|---|---|",
  "| API | 400 writes/s |",
  "",
  "```ruby",
  "puts 'not prose'",
  "```",
  "",
  "- A list item counts too.",
].join("\n");

test("sentences and words carry offsets that slice the Markdown back to their text", () => {
  const sentences = proseSentences(parseMarkdown(TEXT).children, TEXT);
  assert.deepEqual(sentences.map((sentence) => sentence.text), ["Redis is a shield.", "PostgreSQL decides who wins; run `make test` first.", "A list item counts too."]);
  for (const sentence of sentences) {
    for (const word of sentence.words) assert.equal(TEXT.slice(word.start, word.end), word.text);
  }
  // Markup stays out of the words but inside the sentence's span.
  assert.equal(TEXT.slice(sentences[1]!.start, sentences[1]!.end), "PostgreSQL **decides** who wins; run `make test` first.");
});

test("code, tables, HTML and headings are not prose", () => {
  const words = proseSentences(parseMarkdown(TEXT).children, TEXT).flatMap((sentence) => sentence.words.map((word) => word.text));
  for (const absent of ["Title", "Tier", "writes", "puts"]) assert.ok(!words.includes(absent), `'${absent}' was read as prose`);
});

test("prose plugins injected by the host report at Markdown offsets", async () => {
  const { runProsePlugins } = await import("../server/src/core/prose/prose");
  // A stand-in for a retext plugin: flags the word "shield" where it stands.
  const flagShield = () => (tree: import("nlcst").Root, file: import("vfile").VFile) => {
    const visit = (node: { type: string; children?: unknown[]; position?: import("unist").Position }): void => {
      if (node.type === "WordNode" && JSON.stringify(node).includes('"shield"')) file.message("Metaphor", { place: node.position!, ruleId: "metaphor" });
      for (const child of (node.children ?? []) as Array<typeof node>) visit(child);
    };
    visit(tree);
  };
  const findings = runProsePlugins(parseMarkdown(TEXT).children, TEXT, [flagShield]);
  assert.equal(findings.length, 1);
  assert.equal(TEXT.slice(findings[0]!.start, findings[0]!.end), "shield");
  assert.equal(findings[0]!.ruleId, "metaphor");
});
