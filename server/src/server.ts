/**
 * The scenario language server. It owns the LSP plumbing only: documents, settings,
 * configuration files and diagnostics; every check comes from the pure core.
 *
 * Started by the VS Code client over IPC, or by any editor with `--stdio`
 * (`createConnection` reads the transport from the command line).
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  InsertTextFormat,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type InitializeParams,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CONFIG_FILE_NAME, defaultConfig, type LintConfig } from "./core/config";
import { fixAllText, fixesFor, resolveLineEdits, type LineEdit } from "./core/fixes";
import { foldingRanges, outlineSymbols, sectionCompletions, sectionHover } from "./core/languageFeatures";
import { isIndexPath } from "./core/fileName";
import { lintDocument, type LintInput, type LintResult } from "./core/lint";
import { libraryBeside } from "./node/library";
import { completeCount, sectionStatuses } from "./core/summary";
import { TEMPLATE } from "./core/template";
import { STATUS_NOTIFICATION, type ScenarioStatus } from "./protocol";
import { readScenarioFile } from "./node/readScenario";
import { renameFileEdit, wholeTextEdit } from "./node/renameScenario";
import { indexUpdatesForRenames } from "./node/indexRename";
import { RULES } from "./core/rules";
import { CodeParserHost } from "./node/codeParsers";
import { ConfigCache } from "./node/configFile";
import { defaultDocsBaseUrl } from "./node/docsUrl";
import { configProblemDiagnostic, internalFailureDiagnostic, toLspDiagnostic, toLspRange } from "./node/lspConvert";
import { DEFAULT_SETTINGS, isScenarioDocument, type ServerSettings } from "./node/settings";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const configs = new ConfigCache();
const codeParsers = new CodeParserHost();
const bundledDocsUrl = defaultDocsBaseUrl(__dirname);

/** Lints run this long after the last keystroke, so typing never queues a lint per character. */
const DEBOUNCE_MS = 150;

let supportsConfiguration = false;
/** True when the client asks before renaming files, so the index can follow every rename. */
let clientSendsWillRename = false;
/** False when the client shows its own Markdown outline (VS Code), so the editor shows one outline, not two. */
let provideDocumentSymbols = true;
let workspaceRoots: string[] = [];
const pending = new Map<string, NodeJS.Timeout>();
/** The last lint result of each open document, for code actions, hovers and symbols. */
const results = new Map<string, { version: number; result: LintResult }>();

connection.onInitialize((params: InitializeParams) => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  clientSendsWillRename = params.capabilities.workspace?.fileOperations?.willRename === true;
  const options = (params.initializationOptions ?? {}) as { documentSymbols?: boolean };
  provideDocumentSymbols = options.documentSymbols !== false;
  workspaceRoots = (params.workspaceFolders ?? [])
    .map((folder) => folder.uri)
    .concat(params.rootUri ? [params.rootUri] : [])
    .filter((uri) => uri.startsWith("file:"))
    .map((uri) => fileURLToPath(uri));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      ...(provideDocumentSymbols ? { documentSymbolProvider: true } : {}),
      workspace: { fileOperations: { willRename: { filters: [{ scheme: "file", pattern: { glob: "**/*.md", matches: "file" } }] } } },
      foldingRangeProvider: true,
      hoverProvider: true,
      // "-" opens the list on "scn-" without Ctrl+Space: Markdown has quick suggestions off by default.
      completionProvider: { triggerCharacters: ["#", " ", "-"] },
    },
    serverInfo: { name: "scenario-lint" },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: "scenarioLint" });
  }
  void lintWorkspace();
});

/** Settings are read per document each time, never cached globally, so per-folder settings apply. */
async function settingsFor(uri: string): Promise<ServerSettings> {
  if (!supportsConfiguration) return DEFAULT_SETTINGS;
  try {
    const value = (await connection.workspace.getConfiguration({ scopeUri: uri, section: "scenarioLint" })) as Partial<ServerSettings> | null;
    return { ...DEFAULT_SETTINGS, ...(value ?? {}) };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** The configuration for a document: the nearest `.scenariolintrc.json` above it, else the workspace's. */
function configFor(uri: string): { config: LintConfig; errors: string[]; file: string | undefined } {
  let directory: string | undefined;
  if (uri.startsWith("file:")) directory = dirname(fileURLToPath(uri));
  else directory = workspaceRoots[0];
  if (!directory) return { config: defaultConfig(RULES), errors: [], file: undefined };
  const { file, result } = configs.forDirectory(directory);
  return { ...result, file };
}

function pathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

/** What the core lints: the text, its path and, for an index, the scenarios beside it (open editors win over the disk). */
function inputFor(uri: string, text: string): LintInput {
  const path = pathOf(uri);
  if (!uri.startsWith("file:") || !isIndexPath(path)) return { path, text };
  return { path, text, library: libraryBeside(path, (scenario) => documents.get(pathToFileURL(scenario).href)?.getText()) };
}

async function validate(document: TextDocument): Promise<void> {
  const settings = await settingsFor(document.uri);
  // Parsers load once, on the first document with code; documents without code never wait.
  const parsers = await codeParsers.parsersFor(document.getText());
  const current = documents.get(document.uri);
  // The document may have changed or closed while settings were fetched; its own run will follow.
  if (!current || current.version !== document.version) return;
  if (!settings.enable || !isScenarioDocument(document.uri, settings.scenarioFolders)) {
    results.delete(document.uri);
    await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    await sendStatus({ uri: document.uri, isScenario: false, complete: 0, total: TEMPLATE.length, incomplete: [] });
    return;
  }
  const docsBaseUrl = settings.docsBaseUrl || bundledDocsUrl;
  const diagnostics: Diagnostic[] = [];
  const { config, errors, file } = configFor(document.uri);
  for (const error of errors) diagnostics.push(configProblemDiagnostic(error, file ?? CONFIG_FILE_NAME, docsBaseUrl));
  try {
    const result = lintDocument(inputFor(document.uri, document.getText()), config, { parsers });
    results.set(document.uri, { version: document.version, result });
    for (const message of result.messages) diagnostics.push(toLspDiagnostic(message, docsBaseUrl));
    await sendStatus(statusOf(document.uri, result));
  } catch (error) {
    // The core already isolates each rule; this catches a failure of the parser or the engine itself.
    diagnostics.push(internalFailureDiagnostic(error));
    connection.console.error(`scenario-lint failed on ${document.uri}: ${(error as Error).stack ?? String(error)}`);
  }
  await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function schedule(document: TextDocument): void {
  const existing = pending.get(document.uri);
  if (existing) clearTimeout(existing);
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      validate(document).catch((error) => connection.console.error(String(error)));
    }, DEBOUNCE_MS),
  );
}

function revalidateAll(): void {
  for (const document of documents.all()) schedule(document);
}

documents.onDidChangeContent((change) => schedule(change.document));

documents.onDidClose((event) => {
  const uri = event.document.uri;
  const timer = pending.get(uri);
  if (timer) clearTimeout(timer);
  pending.delete(uri);
  results.delete(uri);
  // A closed scenario file keeps its problems listed: it is re-read from disk, as the workspace scan does.
  if (uri.startsWith("file:")) void lintFileFromDisk(uri);
  else void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => revalidateAll());

connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => change.uri.endsWith(CONFIG_FILE_NAME))) {
    configs.clear();
    revalidateAll();
    void lintWorkspace();
    return;
  }
  // Scenarios appearing or disappearing change what an open index must list.
  if (params.changes.some((change) => change.type !== FileChangeType.Changed)) {
    for (const document of documents.all()) if (isIndexPath(pathOf(document.uri))) schedule(document);
  }
  for (const change of params.changes) {
    if (!change.uri.endsWith(".md") || documents.get(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
    else void lintFileFromDisk(change.uri);
  }
});

async function sendStatus(status: ScenarioStatus): Promise<void> {
  await connection.sendNotification(STATUS_NOTIFICATION, status);
}

function statusOf(uri: string, result: LintResult): ScenarioStatus {
  if (result.isIndex) return { uri, isScenario: false, complete: 0, total: TEMPLATE.length, incomplete: [] };
  const statuses = sectionStatuses(result);
  return {
    uri,
    isScenario: true,
    complete: completeCount(statuses),
    total: statuses.length,
    incomplete: statuses
      .filter((status) => status.state !== "complete")
      .map((status) => `${status.number}. ${status.title}: ${status.state === "missing" ? "missing" : `${status.messages.length} problem(s)`}`),
  };
}

/** The lint result for an open document at its current version, computed now if needed. */
async function currentResult(uri: string): Promise<{ result: LintResult; text: string } | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = results.get(uri);
  if (cached && cached.version === document.version) return { result: cached.result, text: document.getText() };
  const settings = await settingsFor(uri);
  if (!settings.enable || !isScenarioDocument(uri, settings.scenarioFolders)) return undefined;
  const parsers = await codeParsers.parsersFor(document.getText());
  const result = lintDocument(inputFor(uri, document.getText()), configFor(uri).config, { parsers });
  results.set(uri, { version: document.version, result });
  return { result, text: document.getText() };
}

function toTextEdits(text: string, edits: readonly LineEdit[]) {
  return resolveLineEdits(text, edits).map((edit) => ({ range: toLspRange(edit.range), newText: edit.newText }));
}

connection.onCodeAction(async (params) => {
  const current = await currentResult(params.textDocument.uri);
  if (!current) return [];
  const { result, text } = current;
  const uri = params.textDocument.uri;
  const version = documents.get(uri)!.version;
  const actions: CodeAction[] = [];
  const wantsQuickFix = !params.context.only || params.context.only.some((kind) => kind === CodeActionKind.QuickFix || kind === "quickfix");
  const wantsFixAll = !params.context.only || params.context.only.some((kind) => CodeActionKind.SourceFixAll.startsWith(kind) || kind.startsWith(CodeActionKind.SourceFixAll));

  if (wantsQuickFix) {
    const inRange = (line: number) => line - 1 >= params.range.start.line && line - 1 <= params.range.end.line;
    for (const fix of fixesFor(result, text)) {
      // Problems on one line can offer the same fix ("Insert all ..."); the menu lists it once.
      if (!inRange(fix.line) || actions.some((action) => action.title === fix.title)) continue;
      const diagnostics = params.context.diagnostics.filter((diagnostic) => diagnostic.code === fix.ruleId && diagnostic.range.start.line === fix.line - 1);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: fix.isPreferred === true,
        edit: { documentChanges: [{ textDocument: { uri, version }, edits: toTextEdits(text, fix.edits) }] },
      });
    }
    const misnamed = result.messages.find((message) => message.ruleId === "file-name" && inRange(message.line));
    if (misnamed && uri.startsWith("file:")) {
      const rename = renameFileEdit(fileURLToPath(uri), String(misnamed.data?.["expected"]), openDocumentText, clientSendsWillRename);
      if (rename) {
        actions.push({
          title: rename.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: params.context.diagnostics.filter((diagnostic) => diagnostic.code === "file-name"),
          edit: rename.edit,
        });
      }
    }
  }
  if (wantsFixAll) {
    const fixed = fixAllText(result, text);
    if (fixed !== undefined) {
      const whole = documents.get(uri)!;
      actions.push({
        title: "Fix all scenario problems",
        kind: CodeActionKind.SourceFixAll,
        edit: {
          documentChanges: [{ textDocument: { uri, version }, edits: [{ range: { start: { line: 0, character: 0 }, end: whole.positionAt(text.length) }, newText: fixed }] }],
        },
      });
    }
  }
  return actions;
});

/** An open document's text and version, by file path. */
function openDocumentText(path: string): { text: string; version: number } | undefined {
  const document = documents.get(pathToFileURL(path).href);
  return document ? { text: document.getText(), version: document.version } : undefined;
}

// Renames from the file explorer, the rename quick fix or any other source: the index's links
// and generated catalogue follow, in the same undoable operation as the rename itself.
connection.workspace.onWillRenameFiles((params) => {
  const renames = params.files.filter((file) => file.oldUri.startsWith("file:") && file.newUri.startsWith("file:")).map((file) => ({ oldPath: fileURLToPath(file.oldUri), newPath: fileURLToPath(file.newUri) }));
  const updates = indexUpdatesForRenames(renames, (path) => openDocumentText(path)?.text);
  if (!updates.length) return null;
  return {
    documentChanges: updates.map((update) => ({
      textDocument: { uri: pathToFileURL(update.indexPath).href, version: openDocumentText(update.indexPath)?.version ?? null },
      edits: [wholeTextEdit(update.before, update.after)],
    })),
  };
});

connection.onDocumentSymbol(async (params) => {
  const current = await currentResult(params.textDocument.uri);
  if (!current || current.result.isIndex) return [];
  const symbols = outlineSymbols(current.result, current.text);
  const [title, ...sections] = symbols;
  const toSymbol = (symbol: (typeof symbols)[number], kind: SymbolKind) => ({
    name: symbol.name,
    detail: symbol.detail,
    kind,
    range: toLspRange(symbol.range),
    selectionRange: toLspRange(symbol.selectionRange),
  });
  return [{ ...toSymbol(title!, SymbolKind.File), children: sections.map((section) => toSymbol(section, section.state === "missing" ? SymbolKind.Null : SymbolKind.String)) }];
});

connection.onFoldingRanges(async (params) => {
  const current = await currentResult(params.textDocument.uri);
  if (!current) return [];
  return foldingRanges(current.result, current.text).map((range) => ({ startLine: range.startLine - 1, endLine: range.endLine - 1 }));
});

connection.onHover(async (params) => {
  const current = await currentResult(params.textDocument.uri);
  if (!current) return null;
  const hover = sectionHover(current.result, params.position.line + 1);
  return hover ? { contents: { kind: "markdown", value: hover.markdown }, range: toLspRange(hover.range) } : null;
});

connection.onCompletion(async (params) => {
  const current = await currentResult(params.textDocument.uri);
  if (!current) return [];
  const document = documents.get(params.textDocument.uri)!;
  const lineText = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  const lineRange = { start: { line: params.position.line, character: 0 }, end: params.position };
  return sectionCompletions(current.result, lineText).map((item) => ({
    label: item.label,
    kind: CompletionItemKind.Snippet,
    detail: item.detail,
    sortText: item.sortText,
    filterText: item.filterText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: lineRange, newText: item.snippet },
  }));
});

/**
 * Lints every scenario file in the workspace so the Problems panel shows the whole library.
 * Files are read and linted one at a time with a yield in between, so requests from the
 * editor are answered while a large library is being scanned.
 */
async function lintWorkspace(): Promise<void> {
  for (const root of workspaceRoots) {
    const settings = await settingsFor(pathToFileURL(root).href);
    if (!settings.enable) continue;
    for (const file of scenarioFilesUnder(root, settings.scenarioFolders)) {
      const uri = pathToFileURL(file).href;
      if (documents.get(uri)) continue;
      await lintFileFromDisk(uri);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function scenarioFilesUnder(root: string, folderNames: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (directory: string, inScenarioFolder: boolean, depth: number): void => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = join(directory, entry.name);
      if (entry.isDirectory()) walk(full, inScenarioFolder || folderNames.includes(entry.name), depth + 1);
      else if (inScenarioFolder && entry.isFile() && entry.name.endsWith(".md")) found.push(full);
    }
  };
  walk(root, false, 0);
  return found;
}

async function lintFileFromDisk(uri: string): Promise<void> {
  const settings = await settingsFor(uri);
  if (!settings.enable || !isScenarioDocument(uri, settings.scenarioFolders) || documents.get(uri)) return;
  const path = fileURLToPath(uri);
  const read = readScenarioFile(path);
  if (!read.ok) {
    // Deleted between the event and now, or unreadable: show nothing rather than stale problems.
    await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const docsBaseUrl = settings.docsBaseUrl || bundledDocsUrl;
  const { config, errors, file } = configFor(uri);
  const diagnostics: Diagnostic[] = errors.map((error) => configProblemDiagnostic(error, file ?? CONFIG_FILE_NAME, docsBaseUrl));
  try {
    const parsers = await codeParsers.parsersFor(read.text);
    const result = lintDocument(inputFor(uri, read.text), config, { parsers });
    diagnostics.push(...result.messages.map((message) => toLspDiagnostic(message, docsBaseUrl)));
  } catch (error) {
    diagnostics.push(internalFailureDiagnostic(error));
  }
  // The user may have opened the file meanwhile; the open document's diagnostics win.
  if (!documents.get(uri)) await connection.sendDiagnostics({ uri, diagnostics });
}

documents.listen(connection);
connection.listen();
