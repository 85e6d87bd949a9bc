// "Scenario: New Scenario" from the command palette: a title, a proposed file name, the file on
// disk and in an editor; and the refusal to overwrite a scenario that exists.
import * as assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { TIMEOUT, useWorkbench, waitUntil, type Workbench } from "./helpers/workbench";

const TITLE = "Global Chat Service";
const FILE = "scenarios/global-chat-service.md";
const step = useWorkbench("new-scenario");

/** Runs the command from the palette, types the title, and stops at the proposed file name. */
async function typeTitleUpToFileName(wb: Workbench): Promise<void> {
  await wb.runCommand("Scenario: New Scenario");
  await wb.quickInput().locator(".quick-input-title", { hasText: "New Scenario (1/2)" }).waitFor();
  await wb.page.keyboard.type(TITLE);
  await wb.page.keyboard.press("Enter");
  await wb.quickInput().locator(".quick-input-title", { hasText: "New Scenario (2/2)" }).waitFor();
  assert.equal(await wb.quickInputBox().inputValue(), "global-chat-service.md");
}

step("Scenario: New Scenario asks for a title, proposes a file name, creates the file and opens it", async (wb) => {
  await typeTitleUpToFileName(wb);
  await wb.page.keyboard.press("Enter");

  const created = wb.file(FILE);
  await waitUntil(() => existsSync(created) || undefined, `${created} to be created`);
  await wb.waitForActiveEditor("global-chat-service.md");
  assert.match(readFileSync(created, "utf8"), /^# Global Chat Service\n/);
  await wb.editorLine("# Global Chat Service").waitFor();
  assert.equal((await wb.visibleLines())[0], "# Global Chat Service");
  // New Scenario also brings the index's catalogue up to date.
  await waitUntil(() => readFileSync(wb.file("scenarios/README.md"), "utf8").includes("](global-chat-service.md)") || undefined, "the index to link the new scenario");
  // A checklist, not an error wall: each unwritten section is one to-do (information), no error.
  await wb.squiggles("info").first().waitFor({ timeout: TIMEOUT.diagnostics });
  assert.equal(await wb.squiggles("error").count(), 0, "the untouched scaffold shows errors");
  assert.equal(await wb.squiggles("warning").count(), 0, "the untouched scaffold shows warnings");
  await wb.statusBarItem("scenario-lint.scenario-lint.scenarioLint.status").filter({ hasText: "Scenario 1/17" }).waitFor();
  await wb.screenshot("new-scenario.png");
});

step("typing in the new scenario and pressing Ctrl+Z repeatedly never deletes the file", async (wb) => {
  const created = wb.file(FILE);
  // As a new author does: type at once in the new file, then undo more often than typed.
  await wb.page.keyboard.type("ab");
  await wb.editorLine("ab# Global Chat Service").waitFor();
  await wb.page.keyboard.press("Control+Z");
  await wb.editorLine("# Global Chat Service").waitFor();
  await wb.page.keyboard.press("Control+Z");
  await wb.page.keyboard.press("Control+Z");
  // Typing again shows the keys above were handled. Undoing a WorkspaceEdit that created the
  // file would have deleted it by now (the editor stays open on the deleted file), so the check
  // on disk below sees the outcome of every Ctrl+Z.
  await wb.page.keyboard.type("z");
  await wb.editorLine("z# Global Chat Service").waitFor();
  assert.ok(existsSync(created), "Ctrl+Z deleted the new scenario");
  await wb.page.keyboard.press("Control+Z");
  await wb.editorLine("# Global Chat Service").waitFor();
  assert.match(readFileSync(created, "utf8"), /^# Global Chat Service\n/);
  assert.ok(readFileSync(wb.file("scenarios/README.md"), "utf8").includes("](global-chat-service.md)"));
});

step("running it again with the same title refuses the taken file name and leaves the file as it was", async (wb) => {
  const created = wb.file(FILE);
  const before = readFileSync(created);
  const filesBefore = readdirSync(wb.file("scenarios")).sort();

  await typeTitleUpToFileName(wb);
  // The clash shows as soon as the box opens with the proposed name, before any Enter.
  await wb.quickInputMessage().filter({ hasText: "'global-chat-service.md' already exists in scenarios/; choose another name." }).waitFor();
  // Enter on the refused name keeps the box open.
  await wb.page.keyboard.press("Enter");
  assert.ok(await wb.quickInputBox().isVisible(), "the input box closed");
  await wb.screenshot("new-scenario-refused.png");
  await wb.page.keyboard.press("Escape");
  await wb.quickInput().waitFor({ state: "hidden" });

  assert.deepEqual(readFileSync(created), before, "the existing scenario was modified");
  assert.deepEqual(readdirSync(wb.file("scenarios")).sort(), filesBefore, "a file was created or removed");
});
