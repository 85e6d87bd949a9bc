// Section completions, as a user reaches them: in a scenario that lacks sections 8-10, type the
// prefix on an empty line and accept. No Ctrl+Space: the list opens on "scn-" by itself.
// (The test once opened an untitled buffer and picked "Markdown" in the language picker, which
// sometimes never listed it within 20 s; a scenario file from the workspace needs no picker.)
import * as assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { useWorkbench, type Workbench } from "./helpers/workbench";

const BROKEN = "scenarios/missing-sections.md";
const step = useWorkbench("snippets");

/** Opens an empty line just above section 11's heading of the broken scenario, the cursor on it. */
async function startLineAboveScaling(wb: Workbench): Promise<void> {
  const lines = readFileSync(wb.file(BROKEN), "utf8").split("\n");
  await wb.goToLine(lines.indexOf("## 11. Scaling Strategy") + 1);
  await wb.page.keyboard.press("Enter");
  await wb.page.keyboard.press("ArrowUp");
}

step("typing scn- on an empty line opens the list by itself; narrowing to 9 and Enter inserts section 9's heading with its scaffold", async (wb) => {
  await wb.openFile(BROKEN);
  // The language server is up and has checked the file (the status bar counts its sections).
  await wb.statusBarItem("scenario-lint.scenario-lint.scenarioLint.status").filter({ hasText: "Scenario 14/17" }).waitFor({ timeout: 40_000 });
  await startLineAboveScaling(wb);
  // As an author does: type the prefix, see the list open by itself, then narrow it.
  await wb.page.keyboard.type("scn-");
  await wb.page.locator(".suggest-widget .monaco-list-row", { hasText: "## 8. Data Model Design" }).waitFor();
  await wb.page.keyboard.type("9");
  await wb.page.locator(".suggest-widget .monaco-list-row.focused", { hasText: "## 9. Concurrency & Consistency Strategy" }).waitFor();
  await wb.screenshot("section-completion.png");
  await wb.page.keyboard.press("Enter");
  await wb.editorLine("## 9. Concurrency & Consistency Strategy").waitFor();
  // The scaffold follows the heading, its TODO line selected as the first tab stop.
  await wb.editorLine("TODO: Locking choice and why; idempotency keys; retry policy; consistency per data item.").waitFor();
  assert.ok(!(await wb.visibleLines()).includes("scn-9"), "the prefix was left in the text");
  await wb.screenshot("snippet.png");
});

step("in an empty scenario file, scn- opens the list with the whole skeleton first; Enter inserts it, its title selected", async (wb) => {
  writeFileSync(wb.file("scenarios/blank-draft.md"), "");
  await wb.explorerRow("blank-draft.md").waitFor();
  await wb.openFile("scenarios/blank-draft.md");
  await wb.page.keyboard.type("scn-");
  await wb.page.locator(".suggest-widget .monaco-list-row.focused", { hasText: "Scenario: whole skeleton" }).waitFor();
  await wb.page.keyboard.press("Enter");
  await wb.editorLine("## 2. Problem Statement").waitFor();
  // The title is the first tab stop: typing replaces it.
  await wb.page.keyboard.type("Seat Booking");
  await wb.editorLine("# Seat Booking").waitFor();
  assert.ok(!(await wb.visibleLines()).some((line) => line.includes("scn-")), "the prefix was left in the text");
  await wb.screenshot("skeleton-completion.png");
});

step("scn-ruby offers the runnable Ruby block; accepting it writes the fence the examples harness runs, needs= chosen from a list", async (wb) => {
  await wb.openFile(BROKEN);
  await startLineAboveScaling(wb);
  // Markdown has no suggestions as you type, and a list opened by the server's "-" trigger holds
  // only the server's items: snippets come with Ctrl+Space, as the README says.
  await wb.page.keyboard.type("scn-ruby-r");
  await wb.page.keyboard.press("Escape");
  await wb.page.keyboard.press("Control+Space");
  await wb.page.locator(".suggest-widget .monaco-list-row.focused", { hasText: "scn-ruby-runnable" }).waitFor();
  await wb.page.keyboard.press("Enter");
  // The first tab stop is a choice of servers; the list opens on it.
  await wb.page.locator(".suggest-widget .monaco-list-row", { hasText: "redis,postgres" }).waitFor();
  await wb.screenshot("runnable-snippet.png");
  await wb.page.keyboard.press("ArrowDown");
  await wb.page.keyboard.press("Enter");
  await wb.editorLine("```ruby runnable needs=postgres").waitFor();
  await wb.editorLine('require "minitest/autorun"').waitFor();
});
