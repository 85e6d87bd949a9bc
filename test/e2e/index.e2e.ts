// "Scenario: Regenerate Index" from the command palette: the index (scenarios/README.md) gets a
// generated catalogue of the scenarios beside it, saved to disk; a second run changes nothing.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useWorkbench, waitUntil } from "./helpers/workbench";

const INDEX = "scenarios/README.md";
const step = useWorkbench("index");

step("Scenario: Regenerate Index adds the catalogue to the index and keeps the hand-written text", async (wb) => {
  const before = readFileSync(wb.file(INDEX), "utf8");
  assert.ok(!before.includes("scenario-index:start"), "the fixture's index already has a catalogue");
  // The command needs the extension, which activates on the first Markdown file opened.
  await wb.openFile("scenarios/seat-booking.md");
  await wb.runCommand("Scenario: Regenerate Index");
  await wb.screenshotToast("catalogue regenerated", "regenerate-index.png");
  const after = await waitUntil(() => {
    const text = readFileSync(wb.file(INDEX), "utf8");
    return text.includes("scenario-index:end") ? text : undefined;
  }, "the catalogue to be saved into scenarios/README.md");
  assert.ok(after.startsWith(before.trimEnd()), "the hand-written part of the index changed");
  for (const file of ["missing-sections.md", "seat-booking.md"]) {
    assert.match(after, new RegExp(`\\]\\(${file.replace(/\./g, "\\.")}\\)`), `the catalogue does not link ${file}`);
  }
});

step("running it again reports the index up to date and leaves it as it is", async (wb) => {
  const before = readFileSync(wb.file(INDEX), "utf8");
  await wb.runCommand("Scenario: Regenerate Index");
  await wb.notification("scenarios/README.md is up to date.").waitFor();
  assert.equal(readFileSync(wb.file(INDEX), "utf8"), before);
});
