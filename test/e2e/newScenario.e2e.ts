// "Scenario: New Scenario" from the command palette: a title, a proposed file name, the file on
// disk and in an editor; and the refusal to overwrite a scenario that exists.
import * as assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { useWorkbench, waitUntil, type Workbench } from "./helpers/workbench";

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
  await wb.screenshot("new-scenario.png");
  // New Scenario also brings the index's catalogue up to date.
  await waitUntil(() => readFileSync(wb.file("scenarios/README.md"), "utf8").includes("](global-chat-service.md)") || undefined, "the index to link the new scenario");
});

step("running it again with the same title refuses the taken file name and leaves the file as it was", async (wb) => {
  const created = wb.file(FILE);
  const before = readFileSync(created);
  const filesBefore = readdirSync(wb.file("scenarios")).sort();

  await typeTitleUpToFileName(wb);
  // VS Code shows an input box's validation message once the value is edited or accepted (not
  // for the initial value): accepting the proposed name shows it, and the box stays open instead
  // of closing with the value.
  await wb.page.keyboard.press("Enter");
  await wb.quickInputMessage().filter({ hasText: "'global-chat-service.md' already exists; choose another name." }).waitFor();
  assert.ok(await wb.quickInputBox().isVisible(), "the input box closed");
  await wb.screenshot("new-scenario-refused.png");
  await wb.page.keyboard.press("Escape");
  await wb.quickInput().waitFor({ state: "hidden" });

  assert.deepEqual(readFileSync(created), before, "the existing scenario was modified");
  assert.deepEqual(readdirSync(wb.file("scenarios")).sort(), filesBefore, "a file was created or removed");
});
