// A user opens a scenario that misses sections 8-10 and works on it: squiggles, the Problems panel
// with rule links, the status bar, a hover, live re-checks while typing, a quick fix. The tests are
// the steps of one session, in order.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { TIMEOUT, useWorkbench } from "./helpers/workbench";

const BROKEN = "scenarios/missing-sections.md";
const MISSING = ["Missing section 8 'Data Model Design'", "Missing section 9 'Concurrency & Consistency Strategy'", "Missing section 10 'Ruby Implementation Examples'"];
const step = useWorkbench("problems");

/** The 1-based line of `text` in the file as it is on disk. */
function lineOnDisk(file: string, text: string): number {
  const index = readFileSync(file, "utf8").split("\n").indexOf(text);
  assert.ok(index >= 0, `'${text}' is not a line of ${file}`);
  return index + 1;
}

step("opening the broken scenario from the Explorer shows squiggles, and Problems lists each missing section linked to its rule", async (wb) => {
  await wb.openFile(BROKEN);
  await wb.squiggles("error").first().waitFor({ timeout: TIMEOUT.diagnostics });
  await wb.openProblems();
  // The file's group row says how many problems it holds: exactly the three missing sections.
  await wb.page.locator('.markers-panel .monaco-list-row[aria-label^="3 problems in file missing-sections.md"]').waitFor();
  for (const message of MISSING) {
    const row = wb.problemRow(message);
    await row.waitFor();
    // The rule id is the diagnostic's code, rendered as a link to the rule's page (codeDescription.href).
    const link = row.locator("a.monaco-link");
    assert.equal((await link.locator(".marker-code").innerText()).trim(), "missing-section");
    assert.match((await link.getAttribute("href")) ?? "", /\/docs\/rules\/missing-section\.md$/);
  }
  assert.ok((await wb.problemCounts()).errors >= MISSING.length);
  await wb.screenshot("diagnostics-problems.png");
});

step("the status bar item lists the missing sections", async (wb) => {
  const item = wb.statusBarItem("scenario-lint.scenario-lint.scenarioLint.status");
  // 14 of 17: sections 1-7 and 11-17 are present and clean; 8, 9 and 10 are missing.
  await item.filter({ hasText: "Scenario 14/17" }).waitFor();
  // The item's accessible label carries its tooltip: the incomplete sections, one per line.
  const label = (await item.getAttribute("aria-label")) ?? "";
  for (const section of ["8. Data Model Design: missing", "9. Concurrency & Consistency Strategy: missing", "10. Ruby Implementation Examples: missing"]) {
    assert.ok(label.includes(section), `'${section}' is not in the status bar tooltip: ${label}`);
  }
  await item.hover();
  await wb.screenshot("status-bar.png");
});

step("hovering a section heading explains what the section must contain", async (wb) => {
  const hover = await wb.hoverLine(wb.editorLine("## 2. Problem Statement"));
  await hover.getByText("Section 2 of 17: Problem Statement").waitFor();
  await wb.screenshot("hover.png");
  await wb.dismissHover();
});

step("typing a missing section's heading re-checks the file live: its problem goes away", async (wb) => {
  const before = await wb.problemCounts();
  // Sections 8-10 are reported missing at the heading that follows the gap, section 11.
  await wb.goToLine(lineOnDisk(wb.file(BROKEN), "## 11. Scaling Strategy"));
  await wb.typeLines(["## 9. Concurrency & Consistency Strategy", "", "A conditional UPDATE serialises holds per seat.", ""]);
  await wb.problemRow(MISSING[1]!).waitFor({ state: "detached", timeout: TIMEOUT.diagnostics });
  await wb.waitForProblemCounts((counts) => counts.errors === before.errors - 1, `${before.errors - 1} errors`);
  await wb.problemRow(MISSING[0]!).waitFor();
  await wb.problemRow(MISSING[2]!).waitFor();
  await wb.screenshot("live-update.png");
});

step("the quick fix 'Insert missing section 10' inserts the section and its problem goes away", async (wb) => {
  // The Problems row says where the diagnostic is: "[Ln 37, Col 1]".
  const where = await wb.problemRow(MISSING[2]!).locator(".marker-line").innerText();
  const line = Number(/Ln (\d+)/.exec(where)?.[1]);
  assert.ok(line > 0, `no line in '${where}'`);
  await wb.goToLine(line);
  await wb.applyQuickFix("Insert missing section 10 'Ruby Implementation Examples'", "quick-fix-menu.png");
  await wb.editorLine("## 10. Ruby Implementation Examples").waitFor();
  await wb.problemRow(MISSING[2]!).waitFor({ state: "detached", timeout: TIMEOUT.diagnostics });
  await wb.screenshot("quick-fix.png");
});

step("clicking a problem's rule link opens the rule's page rendered in the Markdown preview, not as an editable file", async (wb) => {
  const link = wb.problemRow(MISSING[0]!).locator("a.monaco-link");
  await link.click();
  // The preview's tab is "Preview missing-section.md"; no text editor of the page stays open.
  await wb.page.locator(".editor-group-container .tab", { hasText: "Preview missing-section.md" }).waitFor();
  await wb.page.locator(".editor-group-container .tab", { hasText: /^missing-section\.md/ }).waitFor({ state: "detached" });
  await wb.screenshot("rule-page.png");
});
