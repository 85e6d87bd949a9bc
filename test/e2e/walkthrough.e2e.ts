// The getting-started walkthrough, as a new author finds it: open it from the palette, read the
// first step, and start New Scenario from its button.
import { useWorkbench } from "./helpers/workbench";

const step = useWorkbench("walkthrough");

step("the walkthrough opens from the palette and its first step starts New Scenario", async (wb) => {
  await wb.runCommand("Welcome: Open Walkthrough...");
  await wb.quickInputBox().fill("Scenario Lint");
  // The filtered list focuses its first match; Enter opens it (a click can land while the list still re-renders).
  await wb.quickInput().locator(".quick-input-list .monaco-list-row.focused", { hasText: "Get started with Scenario Lint" }).waitFor();
  await wb.page.keyboard.press("Enter");
  await wb.page.locator(".getting-started-step", { hasText: "Create your first scenario" }).first().waitFor();
  await wb.page.getByText("Read what is left to write").first().waitFor();
  // The extension activated on the workspace: the status bar counts the broken scenario's errors.
  await wb.waitForProblemCounts((counts) => counts.errors >= 3, "the library's errors in the status bar");
  await wb.screenshot("walkthrough.png");
  await wb.page.locator(".getting-started-step.expanded a, .getting-started-step.expanded .button-link", { hasText: "New Scenario" }).first().click();
  await wb.quickInput().locator(".quick-input-title", { hasText: "New Scenario (1/2)" }).waitFor();
});
