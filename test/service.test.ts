/**
 * The lint service in-process, against an in-memory workspace (no server, no disk): the same
 * pipeline the language server and the CLI use, with the editor features on its results.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { applyLineEdits } from "../server/src/core/engine/lineEdits";
import { defaultConfig } from "../server/src/core/engine/config";
import { RULES } from "../server/src/core/rules";
import { createScenarioService, type ScenarioWorkspace } from "../server/src/service/scenarioService";
import { ROOT } from "./helpers/cli";

const MISSING = readFileSync(join(ROOT, "test/fixtures/missing-section/invalid-middle-missing.md"), "utf8");
const VALID = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");

function memoryWorkspace(files: Record<string, string>): ScenarioWorkspace {
  return {
    readText: (path) => files[path],
    listFiles: (folder) => Object.keys(files).filter((path) => dirname(path) === folder).map((path) => path.slice(folder.length + 1)),
  };
}

function service(files: Record<string, string>) {
  return createScenarioService({
    workspace: memoryWorkspace(files),
    // Parsers that accept every block: this test is about the pipeline, not about code syntax.
    parsers: { parsersFor: async () => ({ ruby: { status: "ready" as const, parse: () => [] }, sql: { status: "ready" as const, parse: () => [] } }) },
    configs: { configFor: () => ({ config: defaultConfig(RULES), errors: [], file: undefined }) },
  });
}

test("lint, quick fixes, fix all, outline, hover and completion from one in-memory lint", async () => {
  const files = { "/lib/scenarios/seat-booking.md": MISSING };
  const scenarios = service(files);
  const lint = await scenarios.lint({ path: "/lib/scenarios/seat-booking.md", text: MISSING, version: 7 });
  assert.equal(lint.version, 7, "the version linted comes back, for the host's stale check");
  const missing = lint.result.messages.filter((message) => message.ruleId === "missing-section");
  assert.equal(missing.length, 3);
  const line = missing[0]!.line;
  const actions = scenarios.codeActions(lint, line, line, { quickFix: true, fixAll: true });
  assert.deepEqual(actions.map((action) => action.title), ["Insert missing section 8 'Data Model Design'", "Insert all 3 missing sections", "Insert missing section 9 'Concurrency & Consistency Strategy'", "Insert missing section 10 'Ruby Implementation Examples'", "Fix all scenario problems"]);
  const all = actions.find((action) => action.title === "Insert all 3 missing sections")!;
  assert.ok(all.kind === "quickfix");
  const fixedLint = await scenarios.lint({ path: "/lib/scenarios/seat-booking.md", text: applyResolved(MISSING, all.edits) });
  assert.deepEqual(fixedLint.result.messages.filter((message) => message.ruleId === "missing-section"), []);
  assert.equal(scenarios.status(lint).complete, 14);
  assert.equal(scenarios.symbols(lint).filter((symbol) => symbol.state === "missing").length, 3);
  assert.match(scenarios.hover(lint, MISSING.split("\n").indexOf("## 4. Non-Functional Requirements") + 1)!.markdown, /Section 4 of 17/);
  assert.deepEqual(scenarios.completions(lint, "scn-").map((item) => item.label), ["## 8. Data Model Design", "## 9. Concurrency & Consistency Strategy", "## 10. Ruby Implementation Examples"]);
});

function applyResolved(text: string, edits: ReadonlyArray<{ startOffset: number; endOffset: number; newText: string }>): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.startOffset - a.startOffset)) result = result.slice(0, edit.startOffset) + edit.newText + result.slice(edit.endOffset);
  return result;
}

test("the index: the library comes from the workspace; the index-sync problem carries a regenerate fix; renames update links and catalogue", async () => {
  const index = "# Index\n\n- [Seats](seat-booking.md)\n";
  const files: Record<string, string> = { "/lib/scenarios/README.md": index, "/lib/scenarios/seat-booking.md": VALID, "/lib/scenarios/other.md": "# Other Scenario\n" };
  const scenarios = service(files);
  const lint = await scenarios.lint({ path: "/lib/scenarios/README.md", text: index });
  const unlisted = lint.result.messages.find((message) => message.message.includes("'other.md'"));
  assert.ok(unlisted, JSON.stringify(lint.result.messages));
  const [fix] = scenarios.codeActions(lint, unlisted.line, unlisted.line, { quickFix: true, fixAll: false });
  assert.equal(fix?.title, "Regenerate the index's catalogue");
  assert.ok(fix.kind === "quickfix");
  const regenerated = applyResolved(index, fix.edits);
  assert.deepEqual(regenerated, scenarios.regenerateIndex("/lib/scenarios")!.after);
  files["/lib/scenarios/README.md"] = regenerated;
  const clean = await scenarios.lint({ path: "/lib/scenarios/README.md", text: regenerated });
  assert.deepEqual(clean.result.messages, []);
  const [update] = scenarios.indexUpdatesForRenames([{ oldPath: "/lib/scenarios/other.md", newPath: "/lib/scenarios/renamed.md" }]);
  assert.match(update!.after, /\[Other Scenario\]\(renamed\.md\) \| `renamed\.md` \|/);
  assert.doesNotMatch(update!.after, /other\.md/);
});

test("a misnamed scenario's rename fix names the new file and never an existing one", async () => {
  const files: Record<string, string> = { "/lib/scenarios/Seat_Booking.md": VALID };
  const scenarios = service(files);
  const lint = await scenarios.lint({ path: "/lib/scenarios/Seat_Booking.md", text: VALID });
  const problem = lint.result.messages.find((message) => message.ruleId === "file-name")!;
  const rename = scenarios.codeActions(lint, problem.line, problem.line, { quickFix: true, fixAll: false }).find((action) => action.kind === "rename");
  assert.ok(rename && rename.kind === "rename");
  assert.equal(rename.newName, "seat-booking-for-2m-fans.md");
  files["/lib/scenarios/seat-booking-for-2m-fans.md"] = VALID;
  assert.equal(scenarios.codeActions(lint, problem.line, problem.line, { quickFix: true, fixAll: false }).find((action) => action.kind === "rename"), undefined);
});

test("applyLineEdits and the service agree: fix all applied twice changes nothing", async () => {
  const scenarios = service({});
  const lint = await scenarios.lint({ path: "/x/scenarios/a.md", text: MISSING });
  const fixAll = scenarios.codeActions(lint, 1, 1, { quickFix: false, fixAll: true })[0]!;
  assert.ok(fixAll.kind === "source.fixAll");
  const once = applyResolved(MISSING, fixAll.edits);
  const again = await scenarios.lint({ path: "/x/scenarios/a.md", text: once });
  assert.deepEqual(scenarios.codeActions(again, 1, 1, { quickFix: false, fixAll: true }), []);
  assert.equal(applyLineEdits(MISSING, []), MISSING);
});
