// First contact: a workspace with scenarios opens and no editor is opened. The extension must
// activate on the workspace itself and the Problems panel must already show the library's state.
import { useWorkbench } from "./helpers/workbench";

const step = useWorkbench("activation");

step("with no editor open, the Problems panel lists the broken scenario's problems", async (wb) => {
  await wb.openProblems();
  await wb.page.locator('.markers-panel .monaco-list-row[aria-label^="3 problems in file missing-sections.md"]').waitFor({ timeout: 40_000 });
  await wb.screenshot("activation-problems.png");
});
