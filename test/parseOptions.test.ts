/**
 * The shipped parser reads CommonMark, GFM tables and front matter, and skips the rest of GFM
 * (autolink literals, strikethrough, footnotes, task lists) because no rule reads them. This
 * proves it: with full GFM, the library and every fixture get exactly the same messages.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { Root } from "mdast";
import { lintDocument } from "../server/src/core/lint";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { ROOT } from "./helpers/cli";

const fullGfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

function documents(): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(join(ROOT, "scenarios"))) if (name.endsWith(".md")) found.push({ path: `scenarios/${name}`, text: readFileSync(join(ROOT, "scenarios", name), "utf8") });
  for (const folder of readdirSync(join(ROOT, "test/fixtures"))) {
    for (const name of readdirSync(join(ROOT, "test/fixtures", folder))) {
      if (name.endsWith(".md")) found.push({ path: `scenarios/${name}`, text: readFileSync(join(ROOT, "test/fixtures", folder, name), "utf8") });
    }
  }
  // What the trimmed parser reads differently, so the comparison is not vacuous.
  found.push({ path: "scenarios/gfm-extras.md", text: "# T\n\n## 2. Problem Statement\n\nSee www.example.com, ~~old~~ 5,000 req/s[^1] and 2 TB.\n\n- [ ] TODO: 3 M users\n\n[^1]: measured\n" });
  return found;
}

test("full GFM and the shipped parser give the same messages on the library and every fixture", async () => {
  const host = new CodeParserHost();
  let compared = 0;
  for (const { path, text } of documents()) {
    const parsers = await host.parsersFor(text);
    const shipped = lintDocument({ path, text }, undefined, { parsers }).messages;
    const withFullGfm = lintDocument({ path, text }, undefined, { parsers, parse: (input) => fullGfm.parse(input) as Root }).messages;
    assert.deepEqual(shipped, withFullGfm, path);
    compared++;
  }
  assert.ok(compared > 50, `${compared} documents compared`);
});
