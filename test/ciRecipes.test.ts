/**
 * The README's pre-commit recipe, run as a CI engineer would adopt it: a scratch git repository
 * with lint-staged configured exactly as the README says, commits staged through it. A broken
 * scenario blocks the commit, a scenario missing from the index blocks it too (the index is
 * checked with any scenario of its folder), a fixed one passes, and Markdown outside the
 * scenarios (CHANGELOG.md) is never handed to the linter.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./helpers/cli";

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("the README's lint-staged recipe blocks a broken scenario and an index that misses one, passes a good one, and ignores other Markdown", { timeout: 120_000 }, () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const recipe = /"lint-staged": (\{ "scenarios\/\*\.md": "scenario-lint --max-warnings 0" \})/.exec(readme);
  assert.ok(recipe, "the README states the recipe this test runs");

  const repository = mkdtempSync(join(tmpdir(), "scenario-lint-hook-"));
  const git = (...args: string[]) => run("git", ["-c", "user.name=CI", "-c", "user.email=ci@example.com", ...args], repository);
  assert.equal(git("init", "-q").status, 0);
  // The recipe as written; `scenario-lint` is this checkout's CLI, put on PATH as npm would.
  const bin = join(repository, "node_modules", ".bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "scenario-lint"), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin/scenario-lint.js")}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(repository, "package.json"), JSON.stringify({ name: "adopter", private: true, "lint-staged": JSON.parse(recipe[1]!) }, null, 2));
  mkdirSync(join(repository, "scenarios"));
  const good = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");
  writeFileSync(join(repository, "scenarios", "seat-booking.md"), good);
  writeFileSync(join(repository, "scenarios", "README.md"), "# Scenarios\n\n- [Seat booking](seat-booking.md)\n");
  writeFileSync(join(repository, "CHANGELOG.md"), "Not a scenario: no sections at all.\n");
  const lintStaged = () => run(process.execPath, [join(ROOT, "node_modules/lint-staged/bin/lint-staged.js"), "--no-stash"], repository, { PATH: `${bin}:${process.env["PATH"]}` });

  // A good scenario and other Markdown: the hook passes, and CHANGELOG.md is not linted.
  git("add", "-A");
  const clean = lintStaged();
  assert.equal(clean.status, 0, clean.output);
  assert.doesNotMatch(clean.output, /CHANGELOG/);

  // A broken scenario: the hook fails and names the problem.
  git("commit", "-q", "-m", "start");
  writeFileSync(join(repository, "scenarios", "seat-booking.md"), good.replace("## 12. High Availability Strategy", "## 12. Something Else Entirely"));
  git("add", "-A");
  const broken = lintStaged();
  assert.notEqual(broken.status, 0, broken.output);
  assert.match(broken.output, /seat-booking\.md/);
  assert.match(broken.output, /Missing section 12/);

  // A new scenario missing from the index: only the scenario is staged, yet the index is checked.
  git("checkout", "-q", "--", ".");
  git("reset", "-q");
  writeFileSync(join(repository, "scenarios", "seat-booking.md"), good);
  writeFileSync(join(repository, "scenarios", "flash-sale.md"), good.replace(/^# .*$/m, "# Flash Sale"));
  git("add", "scenarios/flash-sale.md");
  const unindexed = lintStaged();
  assert.notEqual(unindexed.status, 0, unindexed.output);
  assert.match(unindexed.output, /index-sync/);
});
