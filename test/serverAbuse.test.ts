/**
 * The language server under abuse, over real stdio: a flood of edits with cancelled requests,
 * changes to documents never opened, ranges past the end, malformed parameters, a client that
 * disappears, and thousands of edits for memory. The server must answer with LSP errors or
 * ignore safely, keep serving, end with the right diagnostics, and exit when its client is gone.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { ROOT } from "./helpers/cli";
import { LspTestClient } from "./helpers/lspClient";

const VALID = readFileSync(join(ROOT, "test/fixtures/title/valid-canonical.md"), "utf8");

async function openScenario(client: LspTestClient, name: string, text: string): Promise<string> {
  const workspace = mkdtempSync(join(tmpdir(), "scenario-lsp-abuse-"));
  mkdirSync(join(workspace, "scenarios"));
  await client.initialize(pathToFileURL(workspace).href);
  const uri = pathToFileURL(join(workspace, "scenarios", name)).href;
  const opened = client.nextDiagnostics(uri);
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
  await opened;
  return uri;
}

test("a flood of edits with cancelled requests ends in the diagnostics of the last version", { timeout: 120_000 }, async () => {
  const client = new LspTestClient();
  try {
    const uri = await openScenario(client, "flood.md", VALID);
    const lines = VALID.split("\n");
    const target = lines.findIndex((line) => line.startsWith("## 12."));
    let version = 1;
    for (let edit = 0; edit < 400; edit++) {
      version++;
      // Type and delete a character on the section heading, never waiting; cancel a hover each time.
      const change = edit % 2 === 0 ? { range: { start: { line: target, character: 3 }, end: { line: target, character: 3 } }, text: "x" } : { range: { start: { line: target, character: 3 }, end: { line: target, character: 4 } }, text: "" };
      void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
      const cancellation = new CancellationTokenSource();
      void client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: target, character: 0 } }, cancellation.token).catch(() => undefined);
      cancellation.cancel();
    }
    // The last edit removes section 12's heading: the final diagnostics must say so.
    version++;
    const last = client.nextDiagnostics(uri, (params) => params.version === version, 60_000);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: target, character: 0 }, end: { line: target + 1, character: 0 } }, text: "" }] });
    const final = await last;
    assert.ok(final.diagnostics.some((diagnostic) => diagnostic.code === "missing-section" && /Missing section 12/.test(diagnostic.message)), JSON.stringify(final.diagnostics.map((diagnostic) => diagnostic.message)));
  } finally {
    await client.shutdown();
  }
});

test("changes to a document never opened, ranges past the end and malformed requests are survived", { timeout: 60_000 }, async () => {
  const client = new LspTestClient();
  try {
    const uri = await openScenario(client, "abuse.md", VALID);
    const stranger = uri.replace("abuse.md", "never-opened.md");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: stranger, version: 7 }, contentChanges: [{ text: "# Ghost\n" }] });
    // A range far past the end is clamped to the end of the document, as LSP's text sync does.
    const appended = client.nextDiagnostics(uri, (params) => params.version === 2);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 99_999, character: 5 }, end: { line: 100_000, character: 0 } }, text: "\nTODO: appended\n" }] });
    const afterAppend = await appended;
    assert.ok(afterAppend.diagnostics.some((diagnostic) => diagnostic.code === "placeholder"), "the appended text was linted");
    // Malformed parameters get an error reply or an empty answer, never a dead server.
    for (const [method, params] of [
      ["textDocument/hover", {}],
      ["textDocument/hover", { textDocument: { uri }, position: { line: -5, character: "x" } }],
      ["textDocument/codeAction", { textDocument: { uri: stranger }, range: null, context: {} }],
      ["textDocument/documentSymbol", { textDocument: {} }],
      ["textDocument/completion", { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }],
      ["workspace/executeCommand", { command: "scenarioLint.noSuchCommand", arguments: [{ nonsense: true }] }],
    ] as const) {
      await client.connection.sendRequest(method, params).then(
        () => undefined,
        (error: { code?: number }) => assert.equal(typeof error.code, "number", `${method} failed without an LSP error`),
      );
    }
    // Still serving: a new edit is linted.
    const still = client.nextDiagnostics(uri, (params) => params.version === 3);
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: [{ text: VALID }] });
    assert.deepEqual((await still).diagnostics, []);
  } finally {
    await client.shutdown();
  }
});

test("the server exits when its client is gone: standard input closed, or the client's process dead", { timeout: 60_000 }, async () => {
  const start = (processId: number) => {
    const child = spawn(process.execPath, [join(ROOT, "dist/server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, connection, exited, initialized: connection.sendRequest("initialize", { processId, rootUri: null, capabilities: {}, workspaceFolders: null }) };
  };
  // Exited by itself (an exit code, not a signal), within a bound well past the server's own
  // three-second check of the client's process.
  const exitsOnItsOwn = async (exited: Promise<number | null>, what: string): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<"running">((resolve) => (timer = setTimeout(() => resolve("running"), 20_000)))]);
    clearTimeout(timer);
    assert.equal(typeof code, "number", `the server was still running 20 s after ${what}`);
  };
  const closed = start(process.pid);
  const parent = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
  const orphaned = start(parent.pid!);
  try {
    await closed.initialized;
    closed.child.stdin!.end();
    await exitsOnItsOwn(closed.exited, "its standard input closed");
    await orphaned.initialized;
    parent.kill();
    await exitsOnItsOwn(orphaned.exited, "its client's process died");
  } finally {
    // Only a failed test leaves one running.
    for (const server of [closed, orphaned]) {
      server.connection.dispose();
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill();
    }
    parent.kill();
  }
});

test("resident memory stays flat over 1,500 edits after warm-up", { timeout: 300_000 }, async () => {
  const client = new LspTestClient();
  try {
    const text = readFileSync(join(ROOT, "scenarios/webhook-delivery-platform.md"), "utf8");
    const uri = await openScenario(client, "soak.md", text);
    const lines = text.split("\n");
    const line = lines.findIndex((candidate, index) => index > 40 && /^[A-Z]/.test(candidate));
    const resident = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.pid}/status`, "utf8"))![1]) / 1024;
    let warm = 0;
    for (let edit = 0; edit < 1_500; edit++) {
      const version = edit + 2;
      const character = lines[line]!.length + (edit % 100);
      const change = edit % 100 === 99 ? { range: { start: { line, character: lines[line]!.length }, end: { line, character } }, text: "" } : { range: { start: { line, character }, end: { line, character } }, text: "z" };
      const published = client.nextDiagnostics(uri, (params) => params.version === version, 30_000);
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
      await published;
      if (edit === 300) warm = resident();
    }
    const growth = resident() - warm;
    assert.ok(growth < 40, `resident memory grew ${growth.toFixed(1)} MiB after warm-up`);
  } finally {
    await client.shutdown();
  }
});
