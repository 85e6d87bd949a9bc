/**
 * Every rule is documented and tested: its file is named after its id, it has a doc page with
 * the required headings, and a fixture folder with valid and invalid cases.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { RULES } from "../server/src/core/rules";

const ROOT = join(__dirname, "..");
const REQUIRED_DOC_HEADINGS = ["## What it checks", "## Why", "## Failing example", "## Passing example", "## Options"];

test("rule ids are unique and each rule lives in a file named after its id", () => {
  const ids = RULES.map((rule) => rule.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  const files = readdirSync(join(ROOT, "server/src/core/rules")).filter((file) => file.endsWith(".ts") && file !== "index.ts").map((file) => file.replace(/\.ts$/, ""));
  assert.deepEqual([...files].sort(), [...ids].sort());
  for (const id of ids) {
    const source = readFileSync(join(ROOT, "server/src/core/rules", `${id}.ts`), "utf8");
    assert.match(source, new RegExp(`id: "${id}"`), `${id}.ts declares another id`);
  }
});

for (const rule of RULES) {
  test(`rule '${rule.meta.id}' has a doc page with the required headings and its options`, () => {
    const path = join(ROOT, "docs/rules", `${rule.meta.id}.md`);
    assert.ok(existsSync(path), `missing docs/rules/${rule.meta.id}.md`);
    const doc = readFileSync(path, "utf8");
    assert.ok(doc.startsWith(`# ${rule.meta.id}\n`), `docs/rules/${rule.meta.id}.md must start with '# ${rule.meta.id}'`);
    for (const heading of REQUIRED_DOC_HEADINGS) assert.ok(doc.includes(`\n${heading}\n`), `docs/rules/${rule.meta.id}.md lacks '${heading}'`);
    const optionNames = Object.keys((rule.meta.optionsSchema?.["properties"] as object | undefined) ?? {});
    for (const option of optionNames) assert.ok(doc.includes(`\`${option}\``), `docs/rules/${rule.meta.id}.md does not document option '${option}'`);
    // Pages are written for authors: how to configure or silence the rule, and nothing about this repository's source.
    assert.ok(doc.includes(`<!-- scenario-lint-disable-next-line ${rule.meta.id} -->`), `docs/rules/${rule.meta.id}.md does not say how to disable the rule`);
    assert.doesNotMatch(doc, /server\/src|npm run|test\/fixtures/, `docs/rules/${rule.meta.id}.md talks about the repository, not to authors`);
  });

  test(`rule '${rule.meta.id}' has valid and invalid fixtures`, () => {
    const folder = join(ROOT, "test/fixtures", rule.meta.id);
    assert.ok(existsSync(folder), `missing test/fixtures/${rule.meta.id}/`);
    const files = readdirSync(folder);
    const isFixture = (file: string) => file.endsWith(".md") || existsSync(join(folder, file, "README.md"));
    assert.ok(files.some((file) => file.startsWith("valid-") && isFixture(file)), "no valid-* fixture");
    assert.ok(files.some((file) => file.startsWith("invalid-") && isFixture(file)), "no invalid-* fixture");
  });
}

test("the README's rule table lists every rule with a link to its doc page", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  for (const rule of RULES) assert.ok(readme.includes(`[\`${rule.meta.id}\`](docs/rules/${rule.meta.id}.md)`), `README lacks ${rule.meta.id}`);
});
