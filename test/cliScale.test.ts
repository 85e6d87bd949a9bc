/**
 * The CLI at library scale: worker threads (`--concurrency`) and the result cache (`--cache`).
 * Both must be invisible in the report: the same bytes, in the same order, as one thread with
 * no cache; and a cached result must never outlive a change to the file or its configuration.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./helpers/cli";

/** A scratch library: every fixture with a problem, each under its own name, plus an index. */
function scratchLibrary(): { root: string; folder: string; names: string[] } {
  const root = mkdtempSync(join(tmpdir(), "scenario-lint-scale-"));
  const folder = join(root, "scenarios");
  mkdirSync(folder);
  const names: string[] = [];
  for (const rule of readdirSync(join(ROOT, "test/fixtures"))) {
    for (const name of readdirSync(join(ROOT, "test/fixtures", rule)).filter((file) => file.startsWith("invalid-") && file.endsWith(".md"))) {
      const target = `${rule}-${name}`.toLowerCase();
      copyFileSync(join(ROOT, "test/fixtures", rule, name), join(folder, target));
      names.push(target);
    }
  }
  writeFileSync(join(folder, "README.md"), "# Scenarios\n\nThe library.\n");
  return { root, folder, names };
}

test("worker threads give byte-for-byte the report of one thread, in the same order (json and stylish)", () => {
  const { root, names } = scratchLibrary();
  assert.ok(names.length >= 20, `${names.length} files`);
  for (const format of ["json", "stylish"]) {
    const single = runCli(["--concurrency", "off", "--format", format, "scenarios"], root);
    const parallel = runCli(["--concurrency", "3", "--format", format, "scenarios"], root);
    assert.equal(single.status, 1);
    assert.equal(parallel.status, single.status);
    assert.equal(parallel.stdout, single.stdout, format);
    assert.equal(parallel.stderr, single.stderr);
  }
  const reports = JSON.parse(runCli(["--concurrency", "3", "--format", "json", "scenarios"], root).stdout) as Array<{ filePath: string; messages: unknown[] }>;
  // In the order the folder was expanded (sorted by name), whichever worker finished first.
  const paths = reports.map((report) => report.filePath);
  assert.deepEqual(paths, [...paths].sort((a, b) => a.localeCompare(b)));
  assert.ok(reports.filter((report) => report.messages.length > 0).length >= 15, "the files have problems to report");
});

test("--concurrency refuses what is not a number, auto or off", () => {
  const run = runCli(["--concurrency", "0", "test/fixtures/title/valid-canonical.md"]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--concurrency expects a whole number >= 1, 'auto' or 'off', not '0'/);
});

test("--cache serves unchanged files from the cache and lints again what changed: the text, the configuration, or the build", () => {
  const { root, folder, names } = scratchLibrary();
  const cacheFile = join(root, "lint-cache.json");
  const lint = () => runCli(["--cache", "--cache-location", cacheFile, "--format", "json", "scenarios"], root);
  const fresh = runCli(["--format", "json", "scenarios"], root);
  const first = lint();
  assert.equal(first.stdout, fresh.stdout, "a cold cached run reports what an uncached run reports");
  // The cache holds no copy of the text (json's `source` comes from the file).
  assert.ok(!readFileSync(cacheFile, "utf8").includes(readFileSync(join(folder, names[0]!), "utf8").slice(0, 200)));

  // Proof that results come from the cache: a result planted in it is what the next run reports.
  const stored = JSON.parse(readFileSync(cacheFile, "utf8")) as { entries: Record<string, { value: { report: { messages: Array<{ message: string }> } } }> };
  // (A fixture whose problem needs its own .config.json has none here; plant in one that has.)
  const planted = join(folder, names.find((name) => stored.entries[join(folder, name)]?.value.report.messages.length)!);
  stored.entries[planted]!.value.report.messages[0]!.message = "PLANTED";
  writeFileSync(cacheFile, JSON.stringify(stored));
  assert.match(lint().stdout, /PLANTED/);
  // The same run from a second process agrees (a warm run), and json's source is the file's text.
  const warm = JSON.parse(lint().stdout) as Array<{ filePath: string; source?: string }>;
  assert.equal(warm.find((report) => report.filePath === planted)!.source, readFileSync(planted, "utf8"));

  // A change to the file's text drops its entry.
  writeFileSync(planted, `${readFileSync(planted, "utf8")}\nOne more line.\n`);
  assert.doesNotMatch(lint().stdout, /PLANTED/);

  // A change to the configuration drops every entry it governs.
  const stored2 = JSON.parse(readFileSync(cacheFile, "utf8")) as typeof stored;
  stored2.entries[planted]!.value.report.messages[0]!.message = "PLANTED AGAIN";
  writeFileSync(cacheFile, JSON.stringify(stored2));
  assert.match(lint().stdout, /PLANTED AGAIN/);
  writeFileSync(join(root, ".scenariolintrc.json"), JSON.stringify({ rules: { placeholder: "off" } }));
  assert.doesNotMatch(lint().stdout, /PLANTED AGAIN/);
});

test("--cache survives a cache file that is not JSON, and --fix never reads it", () => {
  const { root, folder, names } = scratchLibrary();
  const cacheFile = join(root, ".scenariolintcache");
  writeFileSync(cacheFile, "{ not json");
  const run = runCli(["--cache", "--format", "json", "scenarios"], root);
  assert.equal(run.stdout, runCli(["--format", "json", "scenarios"], root).stdout);
  assert.equal(run.stderr, "");
  JSON.parse(readFileSync(cacheFile, "utf8"));

  const stored = JSON.parse(readFileSync(cacheFile, "utf8")) as { entries: Record<string, { value: { report: { messages: Array<{ message: string }> } } }> };
  const target = join(folder, names.find((name) => name.startsWith("missing-section"))!);
  stored.entries[target]!.value.report.messages[0]!.message = "PLANTED";
  writeFileSync(cacheFile, JSON.stringify(stored));
  const dryRun = runCli(["--cache", "--fix-dry-run", "--format", "json", "scenarios"], root);
  assert.doesNotMatch(dryRun.stdout, /PLANTED/);
});
