/** Editor features over real LSP: quick fixes, fix all, outline, folding, hover, completion, status, workspace scan. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ROOT } from "./helpers/cli";
import { LspTestClient, type PublishedDiagnostics } from "./helpers/lspClient";

const MISSING = readFileSync(join(ROOT, "test/fixtures/missing-section/invalid-middle-missing.md"), "utf8");
const VALID = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");

let client: LspTestClient;
let workspace: string;
let uri: string;
let opened: PublishedDiagnostics;
const statuses: Array<{ uri: string; complete: number; total: number; incomplete: string[] }> = [];

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), "scenario-features-"));
  mkdirSync(join(workspace, "scenarios"));
  // A file on disk that no editor opens: the workspace scan must still report it.
  writeFileSync(join(workspace, "scenarios", "on-disk-only.md"), "# On Disk\n\nNo sections yet.\n");
  client = new LspTestClient();
  client.connection.onNotification("scenarioLint/status", (status: (typeof statuses)[number]) => statuses.push(status));
  const diskUri = pathToFileURL(join(workspace, "scenarios", "on-disk-only.md")).href;
  const disk = client.nextDiagnostics(diskUri);
  await client.initialize(pathToFileURL(workspace).href);
  assert.ok((await disk).diagnostics.some((diagnostic) => diagnostic.code === "missing-section"), "the workspace scan lints files nobody opened");
  uri = pathToFileURL(join(workspace, "scenarios", "seat-booking.md")).href;
  const published = client.nextDiagnostics(uri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: MISSING } });
  opened = await published;
});

after(async () => {
  assert.equal(await client.shutdown(), 0);
});

type Action = { title: string; kind: string; isPreferred?: boolean; edit: { documentChanges: Array<{ edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> }> } };

function apply(text: string, action: Action): string {
  const document = TextDocument.create(uri, "markdown", 1, text);
  return TextDocument.applyEdits(document, action.edit.documentChanges[0]!.edits);
}

test("quick fix: insert a missing section at its template position, and all at once", async () => {
  const diagnostic = opened.diagnostics.find((item) => item.message.startsWith("Missing section 9"))!;
  const actions = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: opened.diagnostics.filter((item) => item.code === "missing-section"), only: ["quickfix"] },
  })) as Action[];
  const titles = actions.map((action) => action.title);
  assert.equal(new Set(titles).size, titles.length, `duplicate actions: ${titles.join(" | ")}`);
  assert.ok(titles.includes("Insert missing section 9 'Concurrency & Consistency Strategy'"), titles.join(" | "));
  assert.ok(titles.includes("Insert all 3 missing sections"), titles.join(" | "));

  const one = apply(MISSING, actions.find((action) => action.title.startsWith("Insert missing section 9"))!);
  const lines = one.split("\n");
  const inserted = lines.indexOf("## 9. Concurrency & Consistency Strategy");
  assert.ok(inserted > lines.indexOf("## 7. Step-by-Step Request Flow") && inserted < lines.indexOf("## 11. Scaling Strategy"));
  assert.equal(one.replace(/## 9\. Concurrency & Consistency Strategy\n\nTODO: [^\n]*\n\n/, ""), MISSING);

  const all = apply(MISSING, actions.find((action) => action.title === "Insert all 3 missing sections")!);
  const headings = all.split("\n").filter((line) => /^## \d+\./.test(line)).map((line) => Number(/^## (\d+)/.exec(line)![1]));
  assert.deepEqual(headings, Array.from({ length: 16 }, (_, index) => index + 2));
});

test("source.fixAll: 'Fix all scenario problems' rewrites the structure in one edit", async () => {
  const actions = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ["source.fixAll"] },
  })) as Action[];
  assert.deepEqual(actions.map((action) => [action.title, action.kind]), [["Fix all scenario problems", "source.fixAll"]]);
  const fixed = apply(MISSING, actions[0]!);
  for (const line of MISSING.split("\n").filter((content) => content.trim() !== "")) assert.ok(fixed.includes(line), `lost: ${line}`);
  // The lightbulb's request (no kind asked for) after each cursor move gets quick fixes only:
  // fix all, which rewrites and re-parses the document, is computed on request.
  const line = opened.diagnostics.find((item) => item.code === "missing-section")!.range.start.line;
  const lightbulb = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    context: { diagnostics: [] },
  })) as Action[];
  assert.ok(lightbulb.length > 0, "no quick fixes for the lightbulb");
  assert.deepEqual(lightbulb.filter((action) => action.kind === "source.fixAll"), []);
});

test("outline: the title and all 17 sections, missing ones marked; folding per section", async () => {
  const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as Array<{ name: string; children: Array<{ name: string; detail: string }> }>;
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0]!.name, "Seat Booking for 2M Fans");
  assert.equal(symbols[0]!.children.length, 16);
  assert.deepEqual(
    symbols[0]!.children.filter((child) => child.detail === "missing").map((child) => child.name),
    ["8. Data Model Design (missing)", "9. Concurrency & Consistency Strategy (missing)", "10. Ruby Implementation Examples (missing)"],
  );
  const folds = (await client.connection.sendRequest("textDocument/foldingRange", { textDocument: { uri } })) as Array<{ startLine: number; endLine: number }>;
  const lines = MISSING.split("\n");
  const problem = lines.indexOf("## 2. Problem Statement");
  assert.ok(folds.some((fold) => fold.startLine === problem && fold.endLine === lines.indexOf("## 3. Functional Requirements") - 2));
});

test("hover on a section heading says what the section must contain", async () => {
  const line = MISSING.split("\n").indexOf("## 4. Non-Functional Requirements");
  const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: 5 } })) as { contents: { value: string } };
  assert.match(hover.contents.value, /\*\*Section 4 of 17: Non-Functional Requirements\*\*/);
  assert.match(hover.contents.value, /Availability target as a percentage/);
  assert.match(hover.contents.value, /4\.availability-target/);
  const none = await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: line + 2, character: 1 } });
  assert.equal(none, null);
});

test("completion on a new heading offers the missing sections in template order", async () => {
  const line = MISSING.split("\n").indexOf("## 11. Scaling Strategy") - 1;
  const next = client.nextDiagnostics(uri, (params) => params.version === 2);
  await client.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: "## " }],
  });
  await next;
  const items = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line, character: 3 } })) as Array<{ label: string }>;
  assert.deepEqual(items.map((item) => item.label), ["## 8. Data Model Design", "## 9. Concurrency & Consistency Strategy", "## 10. Ruby Implementation Examples"]);
});

test("status notifications count complete sections for the status bar", async () => {
  const status = statuses.filter((item) => item.uri === uri).at(-1)!;
  assert.equal(status.total, 17);
  assert.equal(status.complete, 14, "sections 1-7 and 11-17 are present and clean; the three missing ones are not");
  assert.ok(status.incomplete.includes("8. Data Model Design: missing"));
  const next = client.nextDiagnostics(uri, (params) => params.version === 3);
  await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: VALID }] });
  await next;
  const complete = statuses.filter((item) => item.uri === uri).at(-1)!;
  assert.equal(complete.complete, 17);
  assert.deepEqual(complete.incomplete, []);
});

const CATALOGUE = (file: string) =>
  `<!-- scenario-index:start (generated by scenario-lint; edit outside these markers) -->\n\n| # | Scenario | File |\n|---|---|---|\n| 1 | [Seat Booking for 2M Fans](${file}) | \`${file}\` |\n\n<!-- scenario-index:end -->`;

test("quick fix: rename a misnamed scenario after its title; the index's links and catalogue follow", async () => {
  const folder = join(workspace, "scenarios");
  writeFileSync(join(folder, "README.md"), `# Index\n\n- [Seats](Seat_Booking.md)\n- [Again](./Seat_Booking.md#scale)\n\n${CATALOGUE("Seat_Booking.md")}\n`);
  const misnamed = pathToFileURL(join(folder, "Seat_Booking.md")).href;
  writeFileSync(join(folder, "Seat_Booking.md"), VALID);
  const published = client.nextDiagnostics(misnamed);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: misnamed, languageId: "markdown", version: 1, text: VALID } });
  const diagnostic = (await published).diagnostics.find((item) => item.code === "file-name")!;
  const actions = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: misnamed },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"] },
  })) as Array<{ title: string; edit: { documentChanges: Array<Record<string, unknown>> } }>;
  const rename = actions.find((action) => action.title.startsWith("Rename file"))!;
  // The name comes from the title, not from the old file name.
  assert.equal(rename.title, "Rename file to 'seat-booking-for-2m-fans.md' and update the index");
  const [renameOperation, indexEdit] = rename.edit.documentChanges as [
    { kind: string; oldUri: string; newUri: string; options: { overwrite: boolean } },
    { textDocument: { uri: string }; edits: Array<{ newText: string }> },
  ];
  const target = "seat-booking-for-2m-fans.md";
  assert.deepEqual([renameOperation.kind, renameOperation.oldUri, renameOperation.newUri, renameOperation.options.overwrite], ["rename", misnamed, pathToFileURL(join(folder, target)).href, false]);
  // This client does not send willRenameFiles, so the fix itself carries the index's new text:
  // both links and the generated File column name the new file.
  assert.equal(indexEdit.textDocument.uri, pathToFileURL(join(folder, "README.md")).href);
  const newIndex = indexEdit.edits[0]!.newText;
  assert.ok(newIndex.startsWith(`# Index\n\n- [Seats](${target})\n- [Again](./${target}#scale)\n`), newIndex);
  assert.ok(newIndex.includes(`| [Seat Booking for 2M Fans](${target}) | \`${target}\` |`), newIndex);
  assert.doesNotMatch(newIndex, /Seat_Booking/);

  // Never over an existing file: with the target present, no rename is offered.
  writeFileSync(join(folder, target), VALID);
  const again = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: misnamed },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"] },
  })) as Array<{ title: string }>;
  assert.ok(!again.some((action) => action.title.startsWith("Rename file")));
});

test("workspace/willRenameFiles: a rename from the file explorer updates the index's links and catalogue", async () => {
  const folder = join(workspace, "scenarios");
  const before = `# Index\n\n- [Seats](draft.md)\n\n${CATALOGUE("draft.md")}\n`;
  writeFileSync(join(folder, "README.md"), before);
  const oldUri = pathToFileURL(join(folder, "draft.md")).href;
  const newUri = pathToFileURL(join(folder, "seat-booking-final.md")).href;
  const edit = (await client.connection.sendRequest("workspace/willRenameFiles", { files: [{ oldUri, newUri }] })) as { documentChanges: Array<{ textDocument: { uri: string }; edits: Array<{ newText: string }> }> } | null;
  assert.ok(edit, "no edit for the index");
  assert.equal(edit.documentChanges[0]!.textDocument.uri, pathToFileURL(join(folder, "README.md")).href);
  const after = edit.documentChanges[0]!.edits[0]!.newText;
  assert.match(after, /- \[Seats\]\(seat-booking-final\.md\)/);
  assert.match(after, /`seat-booking-final\.md` \|/);
  assert.doesNotMatch(after, /draft\.md/);
  // A rename that touches no scenario (the index itself, another file type) changes nothing.
  assert.equal(await client.connection.sendRequest("workspace/willRenameFiles", { files: [{ oldUri: pathToFileURL(join(folder, "README.md")).href, newUri: pathToFileURL(join(folder, "INDEX.md")).href }] }), null);
});

test("outline over LSP: a title directly followed by a section heading gives symbols whose selection lies inside their range", async () => {
  const tightUri = pathToFileURL(join(workspace, "scenarios", "tight-headings.md")).href;
  const text = "# Tight Title\n## 2. Problem Statement\n## 3. Functional Requirements";
  const published = client.nextDiagnostics(tightUri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: tightUri, languageId: "markdown", version: 1, text } });
  await published;
  type Position = { line: number; character: number };
  type Symbol = { name: string; range: { start: Position; end: Position }; selectionRange: { start: Position; end: Position }; children?: Symbol[] };
  const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: tightUri } })) as Symbol[];
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const all = symbols.flatMap((symbol) => [symbol, ...(symbol.children ?? [])]);
  assert.equal(all.length, 17);
  for (const symbol of all) assert.ok(before(symbol.range.start, symbol.selectionRange.start) && before(symbol.selectionRange.end, symbol.range.end), `${symbol.name}: ${JSON.stringify(symbol)}`);
});

test("the index gets no scenario outline (no '(missing)' sections)", async () => {
  const indexUri = pathToFileURL(join(workspace, "scenarios", "README.md")).href;
  const published = client.nextDiagnostics(indexUri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: indexUri, languageId: "markdown", version: 1, text: "# Scenario library\n\nSee below.\n" } });
  await published;
  assert.deepEqual(await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: indexUri } }), []);
});

test("files changed on disk are re-checked; deleted ones lose their problems", async () => {
  const path = join(workspace, "scenarios", "written-by-git.md");
  const fileUri = pathToFileURL(path).href;
  writeFileSync(path, VALID.replace("## 9. Concurrency & Consistency Strategy", "## 9. Concurrency"));
  const created = client.nextDiagnostics(fileUri);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: fileUri, type: 1 }] });
  assert.deepEqual((await created).diagnostics.map((item) => item.code).sort(), ["missing-section", "unknown-section"]);

  writeFileSync(path, VALID);
  const changed = client.nextDiagnostics(fileUri);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: fileUri, type: 2 }] });
  assert.deepEqual((await changed).diagnostics, []);

  const deleted = client.nextDiagnostics(fileUri);
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: fileUri, type: 3 }] });
  assert.deepEqual((await deleted).diagnostics, []);
});

test("quick fix: a wrong calculation is replaced by the computed value, in the section where it was found", async () => {
  const text = readFileSync(join(ROOT, "test/fixtures/arithmetic/invalid-wrong-results.md"), "utf8");
  const arithmeticUri = pathToFileURL(join(workspace, "scenarios", "capacity.md")).href;
  const published = client.nextDiagnostics(arithmeticUri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: arithmeticUri, languageId: "markdown", version: 1, text } });
  const diagnostics = (await published).diagnostics.filter((item) => item.code === "arithmetic");
  const diagnostic = diagnostics.find((item) => item.message.startsWith("3 x 8 s = 24 s"))!;
  assert.ok(diagnostic, diagnostics.map((item) => item.message).join(" | "));
  const actions = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: arithmeticUri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"] },
  })) as Action[];
  const replace = actions.find((action) => action.title === "Replace '20 s' with the computed value '24 s'");
  assert.ok(replace, actions.map((action) => action.title).join(" | "));
  const document = TextDocument.create(arithmeticUri, "markdown", 1, text);
  const fixed = TextDocument.applyEdits(document, replace.edit.documentChanges[0]!.edits);
  assert.equal(fixed, text.replace("3 tries: 3 x 8 s = 20 s,", "3 tries: 3 x 8 s = 24 s,"));
});

test("a repeated claim links its earlier statements (related information), each at its own line", async () => {
  const text = readFileSync(join(ROOT, "test/fixtures/repetition/invalid-third-and-fourth.md"), "utf8");
  const repeatedUri = pathToFileURL(join(workspace, "scenarios", "repeated.md")).href;
  const published = client.nextDiagnostics(repeatedUri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: repeatedUri, languageId: "markdown", version: 1, text } });
  const third = (await published).diagnostics.find((item) => item.code === "repetition" && item.message.includes("3rd time"));
  assert.ok(third, "the third statement is reported");
  const related = (third as { relatedInformation?: Array<{ location: { uri: string; range: { start: { line: number } } }; message: string }> }).relatedInformation ?? [];
  assert.deepEqual(
    related.map((place) => [place.location.uri, place.location.range.start.line + 1, place.message]),
    [
      [repeatedUri, 21, "1st statement of this claim"],
      [repeatedUri, 45, "2nd statement of this claim"],
    ],
  );
});
