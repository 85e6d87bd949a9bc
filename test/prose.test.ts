/** The prose model: sentences and words at their exact offsets, outside code, tables and headings. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { plainSentences } from "../server/src/core/prose/sentences";

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

test("sentences and words carry offsets that slice the Markdown back to their text; code, tables, HTML and headings are not prose", () => {
  const sentences = plainSentences(parseMarkdown(TEXT).children, TEXT);
  // Markup stays out of the words but inside the sentence's span.
  assert.deepEqual(sentences.map((sentence) => TEXT.slice(sentence.start, sentence.end)), ["Redis is a shield.", "PostgreSQL **decides** who wins; run `make test` first.", "A list item counts too."]);
  const words = sentences.flatMap((sentence) => sentence.words);
  for (const word of words) if (!TEXT.slice(word.start, word.end).startsWith("`")) assert.equal(TEXT.slice(word.start, word.end), word.text);
  for (const absent of ["Title", "Tier", "writes", "puts"]) assert.ok(!words.some((word) => word.text === absent), `'${absent}' was read as prose`);
});

test("retext-style plugins run over the nlcst model report at Markdown offsets", async () => {
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

/**
 * The light sentence split (sentences.ts): each case is a Markdown text and the sentences it
 * holds, as spans of the text (markup inside a sentence included, none before its first word).
 */
const SPLITS: Array<[string, string[]]> = [
  ["Use e.g. this one. Then (10.2). Next one here.", ["Use e.g. this one.", "Then (10.2).", "Next one here."]],
  ["**Bold label.** Next sentence `SET NX`. After [the link](https://example.com). End", ["Bold label.", "Next sentence `SET NX`.", "After [the link](https://example.com).", "End"]],
  ["It is 99.99 % available. Decides.\nNext line? Yes! \"Quoted.\" Done.", ["It is 99.99 % available.", "Decides.", "Next line?", "Yes!", 'Quoted."', "Done."]],
  ["Escaped \\*star\\* here. And &amp; entity here. Last.", ["Escaped \\*star\\* here.", "And &amp; entity here.", "Last."]],
  ["- first item line\n  continues here. Next\n  \\*ends\\* here.\n- item two", ["first item line\n  continues here.", "Next\n  \\*ends\\* here.", "item two"]],
  ["> quoted first line\n> continues here. Next one.", ["quoted first line\n> continues here.", "Next one."]],
  ["# Heading. Not prose\n\n| a | b |\n|---|---|\n| cell. | x |\n\n```\ncode. here\n```\n\n<p>html. here</p>", []],
];

test("the light split finds the sentences of paragraphs, list items and quotes, at their spans", async () => {
  const { plainSentences } = await import("../server/src/core/prose/sentences");
  for (const [text, expected] of SPLITS) {
    const sentences = plainSentences(parseMarkdown(text).children, text);
    assert.deepEqual(sentences.map((sentence) => text.slice(sentence.start, sentence.end)), expected, JSON.stringify(text));
  }
});

test("every word of the light split slices the Markdown back to its text, over the library", async () => {
  const { plainSentences } = await import("../server/src/core/prose/sentences");
  const { readdirSync, readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const folder = join(__dirname, "..", "scenarios");
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".md"))) {
    const text = readFileSync(join(folder, file), "utf8");
    for (const sentence of plainSentences(parseMarkdown(text).children, text)) {
      for (const word of sentence.words) {
        const source = text.slice(word.start, word.end);
        // A word of inline code spans its whole code span.
        if (source.startsWith("`")) assert.ok(source.includes(word.text), `${file}: ${word.text} not in ${source}`);
        else assert.equal(source, word.text, `${file} at offset ${word.start}`);
      }
    }
  }
});

test("prose runs map every character of their text back to the Markdown, through escapes, references, emphasis and continuation lines", async () => {
  const { proseRuns, sourceOffset, RUN_BREAK } = await import("../server/src/core/prose/proseRuns");
  const text = [
    "# T",
    "",
    "A \\*literal\\* &amp; **2,400** ext/s x 2 = 4,800 ext/s,",
    "   continued with `code` and <br> then 7.",
    "",
    "> Quoted 3 x 3 = 9",
    "> on two lines.",
    "",
    "| a | b |",
    "|---|---|",
    "| 1 \\| 2 | 5 GB |",
  ].join("\n");
  const runs = proseRuns(parseMarkdown(text).children, text);
  assert.deepEqual(
    runs.map((run) => run.text),
    [`A *literal* & 2,400 ext/s x 2 = 4,800 ext/s,\ncontinued with ${RUN_BREAK} and ${RUN_BREAK} then 7.`, "Quoted 3 x 3 = 9\non two lines.", "a", "b", "1 | 2", "5 GB"],
  );
  for (const run of runs) {
    for (let offset = 0; offset < run.text.length; offset++) {
      const character = run.text[offset]!;
      if (character === RUN_BREAK || character === "\n") continue;
      const at = sourceOffset(run, offset);
      // An escape maps to its backslash and a reference to its "&"; every other character to itself.
      const expected = character === "*" || character === "|" ? "\\" : character === "&" ? "&" : character;
      assert.equal(text[at], expected, `${JSON.stringify(run.text)} at ${offset}`);
    }
  }
});
