// The extension, seen through the real `vscode` API inside a real extension host: diagnostics as
// VS Code stores them (ranges, codes, links), live re-checks after edits, quick fixes, hovers and
// what the manifest contributes, the outline, folding, heading completion and fix all.
// The workspace is a scratch copy of test/e2e/workspace.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  CodeActionKind,
  commands,
  DiagnosticSeverity,
  extensions,
  MarkdownString,
  Position,
  Range,
  Uri,
  workspace,
  WorkspaceEdit,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Extension,
  type Hover,
  type TextDocument,
} from "vscode";
import { renderScaffold } from "../../../server/src/core/template/template";
import { askUntil, ruleIdOf, test, waitForDiagnostics } from "./harness";

const EXTENSION_ID = "scenario-lint.scenario-lint";
const BROKEN = "scenarios/missing-sections.md";
/** Missing sections are reported on the heading of the section that follows the gap. */
const NEXT_HEADING = "## 11. Scaling Strategy";

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string }>;
    snippets: Array<{ language: string; path: string }>;
  };
}

function extension(): Extension<unknown> {
  const found = extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return found;
}

function workspaceUri(relative: string): Uri {
  const folder = workspace.workspaceFolders?.[0];
  assert.ok(folder, "no workspace folder is open");
  return Uri.joinPath(folder.uri, relative);
}

function missingSections(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) === "missing-section");
}

function lineOf(document: TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === text) return line;
  assert.fail(`'${text}' is not a line of ${document.uri.toString()}`);
}

/** Puts the document back to its text on disk, so each test starts from the same file. */
async function restore(document: TextDocument): Promise<void> {
  const original = readFileSync(document.uri.fsPath, "utf8");
  if (document.getText() === original) return;
  const edit = new WorkspaceEdit();
  edit.replace(document.uri, new Range(new Position(0, 0), document.lineAt(document.lineCount - 1).range.end), original);
  assert.ok(await workspace.applyEdit(edit), "could not restore the document");
  await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 3, "the three missing-section diagnostics after restoring the file");
}

test("the extension activates", async () => {
  const ext = extension();
  await ext.activate();
  assert.equal(ext.isActive, true);
});

test("the broken scenario gets one missing-section diagnostic per missing section, linked to the rule's page", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  const diagnostics = missingSections(await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 3, "three missing-section diagnostics"));
  const line = lineOf(document, NEXT_HEADING);
  assert.deepEqual(
    diagnostics.map((d) => ({ message: d.message.replace(/ \(expected.*/, ""), severity: d.severity, source: d.source, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] })),
    [8, 9, 10].map((number) => ({
      message: { 8: "Missing section 8 'Data Model Design'", 9: "Missing section 9 'Concurrency & Consistency Strategy'", 10: "Missing section 10 'Ruby Implementation Examples'" }[number],
      severity: DiagnosticSeverity.Error,
      source: "scenario-lint",
      range: [line, 0, line, NEXT_HEADING.length],
    })),
  );
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    assert.ok(typeof code === "object" && code.target, "the diagnostic's code has no link (codeDescription.href)");
    assert.equal(code.target.scheme, "file");
    assert.ok(code.target.path.endsWith("/docs/rules/missing-section.md"), `unexpected rule link ${code.target.toString()}`);
    assert.ok(existsSync(code.target.fsPath), `the rule page ${code.target.fsPath} does not exist`);
  }
});

test("an edit that adds a missing section removes its diagnostic; undoing it brings it back", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  const edit = new WorkspaceEdit();
  edit.insert(document.uri, new Position(lineOf(document, NEXT_HEADING), 0), "## 8. Data Model Design\n\nOrders live in PostgreSQL.\n\n");
  assert.ok(await workspace.applyEdit(edit));
  const after = await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 2, "two missing-section diagnostics after inserting section 8");
  assert.ok(!after.some((d) => d.message.includes("Missing section 8")), "section 8 is still reported missing");
  await restore(document);
});

test("a quick fix inserts a missing section", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  const diagnostics = await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 3, "three missing-section diagnostics");
  const section9 = diagnostics.find((d) => d.message.startsWith("Missing section 9 "));
  assert.ok(section9);
  const title = "Insert missing section 9 'Concurrency & Consistency Strategy'";
  // The server answers for the document version it has; right after the previous test's edits it
  // may still be catching up, so the question is asked again until the fix is offered.
  const actions = await askUntil(
    () => commands.executeCommand<CodeAction[]>("vscode.executeCodeActionProvider", document.uri, section9.range, CodeActionKind.QuickFix.value),
    (offered) => offered.some((action) => action.title === title),
    (offered) => `the quick fix '${title}' (offered: ${offered?.map((action) => action.title).join(" | ") || "(none)"})`,
  );
  const fix = actions.find((action) => action.title === title);
  assert.ok(fix?.edit, `no quick fix '${title}'; offered: ${actions.map((action) => action.title).join(" | ") || "(none)"}`);
  assert.ok(await workspace.applyEdit(fix.edit));
  assert.ok(document.getText().includes("## 9. Concurrency & Consistency Strategy\n"), "the heading was not inserted");
  await waitForDiagnostics(document.uri, (d) => !d.some((x) => x.message.startsWith("Missing section 9 ")), "section 9 to stop being reported missing");
  await restore(document);
});

test("hovering a section heading explains the section", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  const line = lineOf(document, "## 2. Problem Statement");
  const hovers = await commands.executeCommand<Hover[]>("vscode.executeHoverProvider", document.uri, new Position(line, 5));
  const text = hovers.flatMap((hover) => hover.contents.map((content) => (content instanceof MarkdownString ? content.value : typeof content === "string" ? content : content.value))).join("\n");
  assert.match(text, /Section 2 of 17: Problem Statement/);
});

test("one outline: VS Code's own Markdown symbols, none from the server ('(missing)'); each section folds", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 3, "three missing-section diagnostics");
  // VS Code's Markdown extension registers its symbol provider when it activates, which on a
  // loaded machine can be after our diagnostics arrive: until then the command answers undefined.
  const symbols = await askUntil(
    () => commands.executeCommand<DocumentSymbol[] | undefined>("vscode.executeDocumentSymbolProvider", document.uri),
    (answer) => Array.isArray(answer) && answer.length > 0,
    () => "VS Code's Markdown symbols of the broken scenario",
  ).then((answer) => answer!);
  const names = (list: DocumentSymbol[]): string[] => list.flatMap((symbol) => [symbol.name, ...names(symbol.children ?? [])]);
  const all = names(symbols);
  assert.ok(all.length > 0, "no outline at all");
  assert.deepEqual(all.filter((name) => name.includes("(missing)")), [], "the server's outline is shown beside VS Code's");
  // Each heading appears once: one outline, not two.
  assert.equal(all.filter((name) => /Problem Statement/.test(name)).length, 1, JSON.stringify(all));
  const folds = await commands.executeCommand<FoldingRange[]>("vscode.executeFoldingRangeProvider", document.uri);
  assert.ok(folds.some((fold) => fold.start === lineOf(document, "## 2. Problem Statement")), "section 2 does not fold");
});

test("renaming a scenario (as the Explorer does) updates the index's links", async () => {
  const index = workspaceUri("scenarios/README.md");
  const from = workspaceUri("scenarios/seat-booking.md");
  const to = workspaceUri("scenarios/seat-booking-renamed.md");
  const edit = new WorkspaceEdit();
  edit.renameFile(from, to, { overwrite: false });
  assert.ok(await workspace.applyEdit(edit), "the rename failed");
  const text = (await workspace.openTextDocument(index)).getText();
  assert.ok(text.includes("](seat-booking-renamed.md)"), `the index does not link the new name:\n${text}`);
  assert.ok(!text.includes("](seat-booking.md)"), `the index still links the old name:\n${text}`);
  const back = new WorkspaceEdit();
  back.renameFile(to, from, { overwrite: false });
  assert.ok(await workspace.applyEdit(back), "the rename back failed");
  assert.ok((await workspace.openTextDocument(index)).getText().includes("](seat-booking.md)"));
});

test("a new scenario's untouched sections are to-dos (information), not errors or warnings", async () => {
  const uri = workspaceUri("scenarios/draft-from-scaffold.md");
  await workspace.fs.writeFile(uri, new TextEncoder().encode(renderScaffold("Draft From Scaffold")));
  await workspace.openTextDocument(uri);
  const diagnostics = await waitForDiagnostics(uri, (d) => d.filter((item) => ruleIdOf(item) === "unwritten-section").length === 16, "16 unwritten-section to-dos");
  assert.deepEqual(diagnostics.filter((item) => item.severity !== DiagnosticSeverity.Information).map((item) => `${ruleIdOf(item)}: ${item.message}`), []);
  await workspace.fs.delete(uri);
});

test("completion on a new '## ' or 'scn-' line offers only the missing sections, in template order, with their scaffold", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  const line = lineOf(document, NEXT_HEADING);
  for (const typed of ["## ", "scn-"]) {
    const edit = new WorkspaceEdit();
    edit.insert(document.uri, new Position(line, 0), `${typed}\n\n`);
    assert.ok(await workspace.applyEdit(edit));
    const list = await commands.executeCommand<CompletionList>("vscode.executeCompletionItemProvider", document.uri, new Position(line, typed.length));
    const labelOf = (item: (typeof list.items)[number]) => (typeof item.label === "string" ? item.label : item.label.label);
    const ours = list.items.filter((item) => /^## \d+\./.test(labelOf(item)));
    assert.deepEqual(ours.map(labelOf), ["## 8. Data Model Design", "## 9. Concurrency & Consistency Strategy", "## 10. Ruby Implementation Examples"], `after '${typed}'`);
    const insert = ours[1]!.insertText;
    const snippet = typeof insert === "string" ? insert : insert?.value ?? "";
    assert.match(snippet, /^## 9\. Concurrency & Consistency Strategy\n\n\$\{1:TODO: /, `after '${typed}': ${snippet}`);
    await restore(document);
  }
});

test("'Fix all scenario problems' (source.fixAll) inserts every missing section in one edit", async () => {
  const document = await workspace.openTextDocument(workspaceUri(BROKEN));
  await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 3, "three missing-section diagnostics");
  const whole = new Range(new Position(0, 0), new Position(0, 0));
  const actions = await commands.executeCommand<CodeAction[]>("vscode.executeCodeActionProvider", document.uri, whole, CodeActionKind.SourceFixAll.value);
  const fixAll = actions.find((action) => action.title === "Fix all scenario problems");
  assert.ok(fixAll?.edit, `no fix-all action; offered: ${actions.map((action) => action.title).join(" | ") || "(none)"}`);
  const before = document.getText().split("\n").filter((text) => text.trim() !== "");
  assert.ok(await workspace.applyEdit(fixAll.edit));
  const after = document.getText();
  for (const text of before) assert.ok(after.includes(text), `fix all lost '${text}'`);
  await waitForDiagnostics(document.uri, (d) => missingSections(d).length === 0, "no missing-section diagnostics after fix all");
  await restore(document);
});

test("every command the manifest contributes is registered, New Scenario included", async () => {
  await extension().activate();
  const registered = new Set(await commands.getCommands(true));
  const contributed = (extension().packageJSON as Manifest).contributes.commands.map((entry) => entry.command);
  assert.ok(contributed.includes("scenarioLint.newScenario"), "the manifest does not contribute scenarioLint.newScenario");
  assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], "contributed but not registered");
});

test("the fenced-block snippets are contributed for Markdown; the skeleton and single sections are completions", () => {
  const ext = extension();
  const snippets = (ext.packageJSON as Manifest).contributes.snippets;
  const markdown = snippets.find((entry) => entry.language === "markdown");
  assert.ok(markdown, `no Markdown snippets among ${JSON.stringify(snippets)}`);
  const file = path.join(ext.extensionPath, markdown.path);
  const entries = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, { prefix: string | string[]; body: string[] }>);
  const prefixes = (entry: { prefix: string | string[] }): string[] => (Array.isArray(entry.prefix) ? entry.prefix : [entry.prefix]);
  assert.deepEqual(entries.map(prefixes).flat(), ["scn-ruby-runnable", "scn-ruby-illustrative", "scn-sql", "scn-sql-illustrative", "scn-diagram"]);
});

test("'scenario' offers the whole skeleton in an empty file, and nothing of the kind in a scenario that has its sections", async () => {
  const labelsAfter = async (document: TextDocument, line: number) => {
    const edit = new WorkspaceEdit();
    edit.insert(document.uri, new Position(line, 0), "scenario\n\n");
    assert.ok(await workspace.applyEdit(edit));
    const list = await commands.executeCommand<CompletionList>("vscode.executeCompletionItemProvider", document.uri, new Position(line, "scenario".length));
    const undo = new WorkspaceEdit();
    undo.delete(document.uri, new Range(new Position(line, 0), new Position(line + 2, 0)));
    assert.ok(await workspace.applyEdit(undo));
    return list.items.map((item) => (typeof item.label === "string" ? item.label : item.label.label));
  };
  const uri = workspaceUri("scenarios/blank-draft.md");
  await workspace.fs.writeFile(uri, new Uint8Array());
  const blank = await workspace.openTextDocument(uri);
  const offered = await labelsAfter(blank, 0);
  assert.ok(offered.includes("Scenario: whole skeleton"), `an empty file is not offered the skeleton: ${offered.join(" | ")}`);
  await workspace.fs.delete(uri);
  const complete = await workspace.openTextDocument(workspaceUri("scenarios/seat-booking.md"));
  const none = await labelsAfter(complete, lineOf(complete, "## 3. Functional Requirements"));
  assert.deepEqual(none.filter((label) => /skeleton|^#+ \d+\./i.test(label)), [], "a complete scenario is offered a skeleton or a section");
  assert.equal(complete.getText(), readFileSync(complete.uri.fsPath, "utf8"), "the probe left text behind");
});

test("a SQL syntax error underlines the whole token PostgreSQL names, not one character", async () => {
  const uri = workspaceUri("scenarios/sql-typo.md");
  const text = readFileSync(workspaceUri("scenarios/seat-booking.md").fsPath, "utf8").replace(/```sql\n/, "```sql\nCREAT TABLE typo (id bigint);\n");
  await workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await workspace.openTextDocument(uri);
  const diagnostics = await waitForDiagnostics(uri, (d) => d.some((item) => ruleIdOf(item) === "sql-syntax"), "a sql-syntax diagnostic");
  const error = diagnostics.find((item) => ruleIdOf(item) === "sql-syntax")!;
  assert.match(error.message, /at or near "CREAT"/);
  assert.equal(error.range.end.character - error.range.start.character, "CREAT".length);
  await workspace.fs.delete(uri);
});

test("the rename quick fix proposes a name made from the scenario's title", async () => {
  const uri = workspaceUri("scenarios/Draft_Notes.md");
  await workspace.fs.writeFile(uri, new TextEncoder().encode(readFileSync(workspaceUri("scenarios/seat-booking.md").fsPath, "utf8")));
  const document = await workspace.openTextDocument(uri);
  const diagnostics = await waitForDiagnostics(uri, (d) => d.some((item) => ruleIdOf(item) === "file-name"), "a file-name diagnostic");
  const problem = diagnostics.find((item) => ruleIdOf(item) === "file-name")!;
  const actions = await commands.executeCommand<CodeAction[]>("vscode.executeCodeActionProvider", uri, problem.range, CodeActionKind.QuickFix.value);
  const title = document.lineAt(0).text.replace(/^#\s*/, "");
  const expected = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.md`;
  assert.ok(actions.some((action) => action.title.startsWith(`Rename file to '${expected}'`)), `offered: ${actions.map((action) => action.title).join(" | ")}`);
  await workspace.fs.delete(uri);
});
