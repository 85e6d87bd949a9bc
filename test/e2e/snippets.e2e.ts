// The section snippets, as a user reaches them: type the prefix in a Markdown buffer, ask for
// suggestions, accept.
import { useWorkbench } from "./helpers/workbench";

const step = useWorkbench("snippets");

step("typing scn-9 and accepting the suggestion inserts section 9's heading", async (wb) => {
  // An untitled buffer switched to Markdown: snippets apply to any Markdown document.
  await wb.runCommand("File: New Untitled Text File");
  await wb.waitForActiveEditor("Untitled-1");
  await wb.runCommand("Change Language Mode");
  await wb.quickInputBox().fill("Markdown");
  await wb.quickInput().locator(".quick-input-list .monaco-list-row", { has: wb.page.locator(".label-name", { hasText: /^Markdown$/ }) }).first().click();
  await wb.page.locator("#status\\.editor\\.mode", { hasText: "Markdown" }).waitFor();

  await wb.page.keyboard.type("scn-9");
  // Markdown has quick suggestions off by default: ask for them as a user would.
  await wb.page.keyboard.press("Control+Space");
  await wb.page.locator(".suggest-widget .monaco-list-row.focused", { hasText: "scn-9" }).waitFor();
  await wb.page.keyboard.press("Enter");
  await wb.editorLine("## 9. Concurrency & Consistency Strategy").waitFor();
  await wb.screenshot("snippet.png");
});
