/**
 * The data-driven rule tests. Every folder under test/fixtures is named after a rule id and
 * holds `valid-*.md` files, which must produce no message from any rule, and `invalid-*.md`
 * files, whose complete output (every rule, so interactions show) is pinned by the golden
 * file next to them (`<name>.golden`). Refresh goldens with UPDATE_GOLDENS=1 and review the diff.
 * Code blocks are checked with the real parsers, as in the CLI and the server.
 *
 * A fixture may carry its configuration (`<name>.config.json`, a `.scenariolintrc.json`'s
 * contents) and its expected fixed output (`<name>.fixed.md`, in the manner of markdownlint's
 * `{ errors, fixed }`): "fix all" must turn the fixture into exactly that text, and the fixed
 * text must have no fixable message left.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { existsSync } from "node:fs";
import { lint, lintDocument } from "../server/src/core/lint";
import { resolveConfig } from "../server/src/core/engine/config";
import { fixAllText } from "../server/src/core/features/fixes";
import { RULES } from "../server/src/core/rules";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { cliService } from "../server/src/cli/lintFile";
import { golden, renderMessages } from "./helpers/golden";

const FIXTURES = join(__dirname, "fixtures");
// The real parsers (Prism, libpg-query), loaded once for all fixtures.
const codeParsers = new CodeParserHost();

for (const folder of readdirSync(FIXTURES).sort()) {
  describe(`fixtures/${folder}`, () => {
    for (const entry of readdirSync(join(FIXTURES, folder), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // A fixture is a Markdown file, or a folder holding an index (README.md) and the scenarios beside it.
      const isLibrary = entry.isDirectory();
      if (!isLibrary && (!entry.name.endsWith(".md") || entry.name.endsWith(".fixed.md"))) continue;
      const file = entry.name;
      const path = isLibrary ? join(FIXTURES, folder, file, "README.md") : join(FIXTURES, folder, file);
      const text = readFileSync(path, "utf8");
      test(file, async () => {
        const input = isLibrary ? { path, text, library: cliService().library(path) } : { path, text };
        const base = path.replace(/\.md$/, "");
        const configFile = isLibrary ? join(FIXTURES, folder, `${file}.config.json`) : `${base}.config.json`;
        let config;
        if (existsSync(configFile)) {
          const resolved = resolveConfig(JSON.parse(readFileSync(configFile, "utf8")), RULES, configFile);
          assert.deepEqual(resolved.errors, [], `${configFile} is not a valid configuration`);
          config = resolved.config;
        }
        const parsers = await codeParsers.parsersFor(text);
        const messages = lint(input, config, { parsers });
        const fixedFile = `${base}.fixed.md`;
        if (!isLibrary && existsSync(fixedFile)) {
          const fixed = fixAllText(lintDocument(input, config, { parsers }), text);
          assert.equal(fixed, readFileSync(fixedFile, "utf8"), `fix all does not give ${fixedFile}`);
          const left = lint({ path, text: fixed! }, config, { parsers }).filter((message) => message.fixes?.some((fix) => fix.kind === "edit"));
          assert.deepEqual(left.map((message) => message.message), [], "fixable messages are left after fix all");
        }
        if (file.startsWith("valid-")) {
          assert.equal(renderMessages(messages), "", `${file} should produce no messages`);
          return;
        }
        assert.ok(file.startsWith("invalid-"), `fixture ${file} must start with valid- or invalid-`);
        const actual = renderMessages(messages);
        const expected = golden(isLibrary ? join(FIXTURES, folder, `${file}.golden`) : path.replace(/\.md$/, ".golden"), actual);
        assert.notEqual(expected, undefined, `missing golden file for ${file}; run with UPDATE_GOLDENS=1 and review it`);
        assert.equal(actual, expected);
        assert.ok(
          messages.some((message) => message.ruleId === folder),
          `${file} is a fixture of '${folder}' but produces no '${folder}' message`,
        );
      });
    }
  });
}
