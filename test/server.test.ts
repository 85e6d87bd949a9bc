import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { ROOT } from "./helpers/cli";
import { LspTestClient } from "./helpers/lspClient";

const SWAPPED = readFileSync(join(ROOT, "test/fixtures/section-order/invalid-two-swapped.md"), "utf8");
const VALID = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");

test("diagnostics arrive over stdio, carry rule id and doc link, and update after an edit", async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-"));
  mkdirSync(join(workspace, "scenarios"));
  const uri = pathToFileURL(join(workspace, "scenarios", "seat-booking.md")).href;
  const client = new LspTestClient();
  try {
    const init = (await client.initialize(pathToFileURL(workspace).href)) as { capabilities: { textDocumentSync: number } };
    assert.equal(init.capabilities.textDocumentSync, 2);

    const first = client.nextDiagnostics(uri);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: SWAPPED } });
    const opened = await first;
    assert.equal(opened.diagnostics.length, 1);
    const [diagnostic] = opened.diagnostics;
    assert.equal(diagnostic!.code, "section-order");
    assert.equal(diagnostic!.source, "scenario-lint");
    assert.equal(diagnostic!.severity, 1);
    assert.deepEqual(diagnostic!.range, { start: { line: 11, character: 0 }, end: { line: 11, character: 33 } });
    assert.match(diagnostic!.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/section-order\.md$/);

    // Delete section 12's heading line with an incremental edit: a missing-section error appears.
    const lines = SWAPPED.split("\n");
    const line = lines.indexOf("## 12. High Availability Strategy");
    const second = client.nextDiagnostics(uri, (params) => params.version === 2);
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: "" }],
    });
    const edited = await second;
    assert.deepEqual(edited.diagnostics.map((item) => item.code).sort(), ["missing-section", "section-order"]);
    assert.match(edited.diagnostics.find((item) => item.code === "missing-section")!.message, /Missing section 12 'High Availability Strategy'/);

    // Replace the whole text with a valid scenario: the diagnostics clear.
    const third = client.nextDiagnostics(uri, (params) => params.version === 3);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: VALID }] });
    assert.deepEqual((await third).diagnostics, []);
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
});

test("untitled buffers are checked; Markdown outside the scenario folders is not", async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-"));
  const client = new LspTestClient();
  try {
    await client.initialize(pathToFileURL(workspace).href);
    const untitled = "untitled:Untitled-1";
    const untitledDiagnostics = client.nextDiagnostics(untitled);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: untitled, languageId: "markdown", version: 1, text: "## 2. Problem Statement\n\nText.\n" } });
    const codes = (await untitledDiagnostics).diagnostics.map((item) => item.code);
    assert.ok(codes.includes("title") && codes.includes("missing-section"), codes.join(","));
    assert.ok(!codes.includes("file-name"), "an untitled buffer has no file name to check");

    const notes = pathToFileURL(join(workspace, "docs", "notes.md")).href;
    const notesDiagnostics = client.nextDiagnostics(notes);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: notes, languageId: "markdown", version: 1, text: "## No title\n" } });
    assert.deepEqual((await notesDiagnostics).diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test("files the configuration ignores are not checked in the editor either, open or in the workspace scan", async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-"));
  mkdirSync(join(workspace, "scenarios", "drafts"), { recursive: true });
  writeFileSync(join(workspace, ".scenariolintrc.json"), JSON.stringify({ ignores: ["scenarios/drafts/**"] }));
  writeFileSync(join(workspace, "scenarios", "drafts", "on-disk.md"), "## No title\n");
  const draft = pathToFileURL(join(workspace, "scenarios", "drafts", "half-done.md")).href;
  const real = pathToFileURL(join(workspace, "scenarios", "real.md")).href;
  const scanned = pathToFileURL(join(workspace, "scenarios", "drafts", "on-disk.md")).href;
  const client = new LspTestClient();
  try {
    await client.initialize(pathToFileURL(workspace).href);
    const draftDiagnostics = client.nextDiagnostics(draft);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: draft, languageId: "markdown", version: 1, text: "## No title\n" } });
    assert.deepEqual((await draftDiagnostics).diagnostics, []);
    const realDiagnostics = client.nextDiagnostics(real);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: real, languageId: "markdown", version: 1, text: "## No title\n" } });
    assert.ok((await realDiagnostics).diagnostics.length > 0, "a scenario that is not ignored is checked");
    const withProblems = client.published.filter((params) => params.diagnostics.length > 0).map((params) => params.uri);
    assert.ok(!withProblems.includes(scanned) && !withProblems.includes(draft), `ignored files got diagnostics: ${withProblems.join(", ")}`);
  } finally {
    await client.shutdown();
  }
});

test("a broken .scenariolintrc.json is shown as a diagnostic and the server keeps serving", async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-"));
  mkdirSync(join(workspace, "scenarios"));
  writeFileSync(join(workspace, ".scenariolintrc.json"), JSON.stringify({ rules: { "no-such-rule": "error" } }));
  const uri = pathToFileURL(join(workspace, "scenarios", "a.md")).href;
  const client = new LspTestClient();
  try {
    await client.initialize(pathToFileURL(workspace).href);
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: VALID } });
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, "config");
    assert.match(diagnostics[0]!.message, /unknown rule 'no-such-rule'/);
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
});

test("Ruby and SQL syntax errors arrive over LSP at their Markdown positions; a document without code is checked too", async () => {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-"));
  mkdirSync(join(workspace, "scenarios"));
  const client = new LspTestClient();
  try {
    await client.initialize(pathToFileURL(workspace).href);
    const prose = pathToFileURL(join(workspace, "scenarios", "prose.md")).href;
    const proseDiagnostics = client.nextDiagnostics(prose);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: prose, languageId: "markdown", version: 1, text: "# Only prose\n" } });
    // A document without code never waits for the parsers: it gets its structural problems (16 missing sections).
    assert.equal((await proseDiagnostics).diagnostics.filter((item) => item.code === "missing-section").length, 16);

    const uri = pathToFileURL(join(workspace, "scenarios", "code.md")).href;
    const text = "# Code\n\n- Example:\n\n  ```ruby\n  [1].each do |x|\n    puts 'é🚀'\n  ```\n\n```sql\nCREAT TABLE t (id int);\n```\n";
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
    const code = (await published).diagnostics.filter((item) => item.code === "ruby-syntax" || item.code === "sql-syntax");
    assert.deepEqual(
      code.map((item) => [item.code, item.range.start]),
      [
        ["ruby-syntax", { line: 5, character: 11 }],
        ["sql-syntax", { line: 10, character: 0 }],
      ],
    );
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
});
