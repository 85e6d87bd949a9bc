/**
 * Section and skeleton completions: what is offered depends on what the document already has,
 * so nothing can be inserted twice, and what a completion inserts (its placeholders taken as
 * written) is exactly the text New Scenario writes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sectionCompletions } from "../server/src/core/features/languageFeatures";
import { lintDocument } from "../server/src/core/lint";
import { renderScaffold, renderSection, TEMPLATE } from "../server/src/core/template/template";

const PATH = "scenarios/seat-booking.md";
const completions = (text: string, lineText: string) => sectionCompletions(lintDocument({ path: PATH, text }, undefined), lineText);
const SKELETON = "Scenario: whole skeleton";

/** The text a snippet inserts when every tab stop keeps its placeholder (LSP snippet syntax). */
function expand(snippet: string): { text: string; stops: number[] } {
  const stops: number[] = [];
  let text = "";
  for (let at = 0; at < snippet.length; at++) {
    const character = snippet[at]!;
    if (character === "\\") {
      text += snippet[++at] ?? "";
      continue;
    }
    const stop = /^\$(\d+)|^\$\{(\d+):/.exec(snippet.slice(at));
    if (stop) {
      stops.push(Number(stop[1] ?? stop[2]));
      at += stop[0].length - 1;
      continue;
    }
    // The closing brace of a placeholder; a literal one is escaped and handled above.
    if (character === "}") continue;
    text += character;
  }
  return { text, stops };
}

test("an empty document is offered the whole skeleton, which inserts exactly New Scenario's text with Tab walking title then TODOs in order", () => {
  for (const typed of ["", "s", "scn-", "scen", "scenario"]) {
    const items = completions("", typed);
    const skeleton = items.find((item) => item.label === SKELETON);
    assert.ok(skeleton, `no skeleton offered for '${typed}'`);
    assert.equal(items[0], skeleton, "the skeleton sorts first");
    const { text, stops } = expand(skeleton.snippet);
    assert.equal(text, renderScaffold("Scenario Title"));
    const todoLines = renderScaffold("x").split("\n").filter((line) => line.includes("TODO:")).length;
    assert.deepEqual(stops, [...Array.from({ length: todoLines + 1 }, (_, index) => index + 1), 0]);
  }
  // Past "sce" only the skeleton can be meant; the sections' prefix is "scn-".
  assert.deepEqual(completions("", "scenar").map((item) => item.label), [SKELETON]);
});

test("a document with a title or any section is never offered the skeleton; its missing sections still are", () => {
  const titled = "# Seat Booking\n\n";
  assert.deepEqual(completions(titled, "scn-").map((item) => item.label), TEMPLATE.slice(1).map((section) => renderSection(section).split("\n")[0]));
  assert.deepEqual(completions(titled, "scenario"), []);
  const complete = renderScaffold("Seat Booking");
  for (const typed of ["", "scn-", "scen", "scenario", "## "]) assert.deepEqual(completions(complete, typed), [], `'${typed}' in a complete document`);
  // One section without a title is enough to rule the skeleton out: it would add a second section 2.
  const oneSection = "## 2. Problem Statement\n\nFans buy seats.\n";
  assert.ok(!completions(oneSection, "").some((item) => item.label === SKELETON));
});

test("a section completion inserts its heading and scaffold, one tab stop per TODO line", () => {
  const [first] = completions("# Seat Booking\n\n", "scn-");
  const { text, stops } = expand(first!.snippet);
  assert.equal(text, renderSection(TEMPLATE[1]!));
  assert.deepEqual(stops, [...Array.from({ length: TEMPLATE[1]!.scaffold.split("TODO:").length - 1 }, (_, index) => index + 1), 0]);
});

test("the skeleton's filter text starts with what was typed, as VS Code's prefix-favouring filter needs", () => {
  for (const typed of ["s", "sc", "scn", "scn-", "sce", "scenario"]) {
    const skeleton = completions("", typed).find((item) => item.label === SKELETON)!;
    assert.ok(skeleton.filterText.startsWith(typed.trim()), `'${typed}' against '${skeleton.filterText}'`);
  }
});
