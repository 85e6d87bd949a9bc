/**
 * The scenario language server. It owns the LSP plumbing only: documents, settings, the
 * conversion to LSP and the order of work; every check and editor feature comes from the one
 * lint service (service/scenarioService.ts), which the CLI and the tests use too.
 *
 * Started by the VS Code client over IPC, or by any editor with `--stdio`
 * (`createConnection` reads the transport from the command line).
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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
import { CONFIG_FILE_NAME } from "./core/engine/config";
import { isIndexPath } from "./core/template/fileName";
import { TEMPLATE } from "./core/template/template";
import { STATUS_NOTIFICATION, SERVER_COMMANDS, type RegenerateIndexOutcome, type ScenarioStatus } from "./shared/protocol";
import { DEFAULT_SETTINGS, isScenarioDocument, type ServerSettings } from "./shared/settings";
import { ScenarioScope } from "./node/scope";
import { createScenarioService, type FileLint } from "./service/scenarioService";
import { startsSection } from "./core/features/languageFeatures";
import { CodeParserHost } from "./node/codeParsers";
import { ConfigCache } from "./node/configFile";
import { diskWorkspace, scenarioFilesUnder } from "./node/diskWorkspace";
import { defaultDocsBaseUrl } from "./node/docsUrl";
import { createFileExclusively, writeFileAtomically } from "./node/writeFile";
import { configProblemDiagnostic, fromLspLine, internalFailureDiagnostic, toLspDiagnostic, toLspRange } from "./lsp/lspConvert";
import { indexEdits, renameFileEdit } from "./lsp/renameScenario";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const configs = new ConfigCache();
const bundledDocsUrl = defaultDocsBaseUrl(__dirname);


let supportsConfiguration = false;
/** True when the client asks before renaming files, so the index can follow every rename. */
let clientSendsWillRename = false;
/** False when the client shows its own Markdown outline (VS Code), so the editor shows one outline, not two. */
let provideDocumentSymbols = true;
let workspaceRoots: string[] = [];
/**
 * Per open document with lint work: queued (to run once the messages already received are
 * applied), running, and whether a newer version arrived while it ran.
 */
const openWork = new Map<string, { queued: boolean; running: boolean; again: boolean }>();
/** The last lint of each open document, for code actions, hovers and symbols. */
const lints = new Map<string, FileLint>();

function pathOf(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

/** An open document's text, by file path: open editors win over the disk. */
function openText(path: string): string | undefined {
  return documents.get(pathToFileURL(path).href)?.getText();
}

function openVersion(path: string): number | undefined {
  return documents.get(pathToFileURL(path).href)?.version;
}

const service = createScenarioService({
  incremental: true,
  workspace: diskWorkspace(openText),
  parsers: new CodeParserHost(),
  configs: {
    // The nearest `.scenariolintrc.json` above the file, or for an untitled buffer the first workspace root's.
    configFor: (path) => {
      const directory = path.startsWith("untitled:") ? workspaceRoots[0] : dirname(path);
      const { file, result } = directory ? configs.forDirectory(directory) : configs.forDirectory(process.cwd());
      return { ...result, file };
    },
  },
});

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
  workspaceRoots = [...new Set(workspaceRoots)];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      ...(provideDocumentSymbols ? { documentSymbolProvider: true } : {}),
      foldingRangeProvider: true,
      hoverProvider: true,
      // "-" opens the list on "scn-" without Ctrl+Space: Markdown has quick suggestions off by default.
      completionProvider: { triggerCharacters: ["#", " ", "-"] },
      executeCommandProvider: { commands: [SERVER_COMMANDS.regenerateIndex] },
      workspace: { fileOperations: { willRename: { filters: [{ scheme: "file", pattern: { glob: "**/*.md", matches: "file" } }] } } },
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
/** Files the governing `.scenariolintrc.json` ignores (`ignores`) are not checked, as in the CLI. */
const scope = new ScenarioScope(process.cwd());
function isIgnored(uri: string): boolean {
  if (!uri.startsWith("file:")) return false;
  const path = pathOf(uri);
  return scope.isIgnored(path, service.configuration(path));
}

/** Settings per document, asked of the client once and kept until the configuration changes. */
const settingsCache = new Map<string, Promise<ServerSettings>>();

function settingsFor(uri: string): Promise<ServerSettings> {
  let settings = settingsCache.get(uri);
  if (!settings) settingsCache.set(uri, (settings = askSettings(uri)));
  return settings;
}

async function askSettings(uri: string): Promise<ServerSettings> {
  if (!supportsConfiguration) return DEFAULT_SETTINGS;
  try {
    const value = (await connection.workspace.getConfiguration({ scopeUri: uri, section: "scenarioLint" })) as Partial<ServerSettings> | null;
    return { ...DEFAULT_SETTINGS, ...(value ?? {}) };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/**
 * The one path from a text to published diagnostics, for open documents and files on disk
 * alike. `isCurrent` is asked after every wait: a result for a text that has since changed
 * (or a file an editor opened meanwhile) is dropped, and the newer run publishes instead.
 */
async function check(uri: string, text: string, version: number | undefined, isCurrent: () => boolean): Promise<void> {
  const settings = await settingsFor(uri);
  if (!isCurrent()) return;
  if (!settings.enable || !isScenarioDocument(uri, settings.scenarioFolders) || isIgnored(uri)) {
    lints.delete(uri);
    await connection.sendDiagnostics({ uri, diagnostics: [] });
    if (version !== undefined) await sendStatus({ uri, isScenario: false, complete: 0, total: TEMPLATE.length, incomplete: [] });
    return;
  }
  const docsBaseUrl = settings.docsBaseUrl || bundledDocsUrl;
  const diagnostics: Diagnostic[] = [];
  let lint: FileLint | undefined;
  try {
    lint = await service.lint({ path: pathOf(uri), text, version });
  } catch (error) {
    // The core isolates each rule; this catches a failure of the parser or the engine itself.
    diagnostics.push(internalFailureDiagnostic(error));
    connection.console.error(`scenario-lint failed on ${uri}: ${(error as Error).stack ?? String(error)}`);
  }
  if (!isCurrent()) return;
  if (lint) {
    for (const error of lint.configErrors) diagnostics.push(configProblemDiagnostic(error, lint.configFile ?? CONFIG_FILE_NAME, docsBaseUrl));
    for (const message of lint.result.messages) diagnostics.push(toLspDiagnostic(message, docsBaseUrl, uri));
    if (version !== undefined) {
      lints.set(uri, lint);
      await sendStatus({ uri, ...service.status(lint) });
    }
  }
  await connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
}

/** Checks an open document at its current version. */
function checkOpen(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return Promise.resolve();
  // TextDocuments updates one object in place, so the version is captured now and compared later.
  const version = document.version;
  return check(uri, document.getText(), version, () => documents.get(uri)?.version === version);
}

/** Checks a file no editor has open, from the disk. */
async function checkOnDisk(uri: string): Promise<void> {
  if (documents.get(uri)) return;
  const text = diskWorkspace().readText(pathOf(uri));
  if (text === undefined) {
    // Deleted between the event and now, or unreadable: show nothing rather than stale problems.
    await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  // The user may open the file meanwhile; the open document's diagnostics win.
  await check(uri, text, undefined, () => !documents.get(uri));
}

/**
 * Lints an open document as soon as the changes already received are applied, with at most one
 * lint of a document in flight: changes arriving meanwhile are coalesced into one more lint of
 * the latest version (an incremental lint takes milliseconds, so there is no fixed delay to
 * wait out). A lint overtaken by a newer version is dropped at its next wait (see check).
 */
function schedule(uri: string): void {
  let work = openWork.get(uri);
  if (!work) openWork.set(uri, (work = { queued: false, running: false, again: false }));
  if (work.running) {
    work.again = true;
    return;
  }
  if (work.queued) return;
  work.queued = true;
  setImmediate(() => void runOpenWork(uri));
}

async function runOpenWork(uri: string): Promise<void> {
  const work = openWork.get(uri);
  if (!work) return;
  work.queued = false;
  work.running = true;
  try {
    await checkOpen(uri);
  } catch (error) {
    connection.console.error(String(error));
  } finally {
    work.running = false;
  }
  if (work.again) {
    work.again = false;
    schedule(uri);
  } else if (!work.queued) {
    openWork.delete(uri);
  }
}

/** Resolves once no open document waits for a lint: the workspace scan gives way to typing. */
async function openDocumentsSettled(): Promise<void> {
  while (openWork.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

function recheckAll(): void {
  for (const document of documents.all()) schedule(document.uri);
}

documents.onDidChangeContent((change) => schedule(change.document.uri));

documents.onDidClose((event) => {
  const uri = event.document.uri;
  openWork.delete(uri);
  lints.delete(uri);
  settingsCache.delete(uri);
  service.forget(pathOf(uri));
  // A closed scenario file keeps its problems listed: it is re-read from disk, as the workspace scan does.
  if (uri.startsWith("file:")) void checkOnDisk(uri);
  else void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  recheckAll();
});

connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => change.uri.endsWith(CONFIG_FILE_NAME))) {
    configs.clear();
    recheckAll();
    void lintWorkspace();
    return;
  }
  // Scenarios appearing or disappearing change what an open index must list.
  if (params.changes.some((change) => change.type !== FileChangeType.Changed)) {
    for (const document of documents.all()) if (isIndexPath(pathOf(document.uri))) schedule(document.uri);
  }
  for (const change of params.changes) {
    if (!change.uri.endsWith(".md") || documents.get(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
    else void checkOnDisk(change.uri);
  }
});

async function sendStatus(status: ScenarioStatus): Promise<void> {
  await connection.sendNotification(STATUS_NOTIFICATION, status);
}

/** The lint of an open document at its current version, computed now if the last one is stale. */
async function currentLint(uri: string): Promise<FileLint | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = lints.get(uri);
  if (cached && cached.version === document.version) return cached;
  const settings = await settingsFor(uri);
  if (!settings.enable || !isScenarioDocument(uri, settings.scenarioFolders) || isIgnored(uri)) return undefined;
  const version = document.version;
  const lint = await service.lint({ path: pathOf(uri), text: document.getText(), version });
  if (documents.get(uri)?.version === version) lints.set(uri, lint);
  return lint;
}

connection.onCodeAction(async (params) => {
  const uri = params.textDocument.uri;
  const lint = await currentLint(uri);
  if (!lint) return [];
  const only = params.context.only;
  const wants = {
    quickFix: !only || only.some((kind) => kind === CodeActionKind.QuickFix),
    // Fix all rewrites and re-parses the whole document: computed only when asked for by kind
    // (on save, the Source Action menu), not for the lightbulb that follows every cursor move.
    fixAll: only !== undefined && only.some((kind) => CodeActionKind.SourceFixAll.startsWith(kind) || kind.startsWith(CodeActionKind.SourceFixAll)),
  };
  const actions: CodeAction[] = [];
  for (const plan of service.codeActions(lint, fromLspLine(params.range.start.line), fromLspLine(params.range.end.line), wants)) {
    const diagnostics = params.context.diagnostics.filter((diagnostic) => plan.ruleId !== undefined && diagnostic.code === plan.ruleId && fromLspLine(diagnostic.range.start.line) === plan.line);
    if (plan.kind === "rename") {
      if (!uri.startsWith("file:")) continue;
      const newPath = join(dirname(lint.path), plan.newName);
      actions.push({ title: plan.indexUpdates.length ? `${plan.title} and update the index` : plan.title, kind: CodeActionKind.QuickFix, diagnostics, edit: renameFileEdit(lint.path, newPath, plan.indexUpdates, openVersion, clientSendsWillRename) });
      continue;
    }
    actions.push({
      title: plan.title,
      kind: plan.kind === "quickfix" ? CodeActionKind.QuickFix : CodeActionKind.SourceFixAll,
      ...(plan.kind === "quickfix" ? { diagnostics, isPreferred: plan.isPreferred } : {}),
      edit: { documentChanges: [{ textDocument: { uri, version: lint.version ?? null }, edits: plan.edits.map((edit) => ({ range: toLspRange(edit.range), newText: edit.newText })) }] },
    });
  }
  return actions;
});

// Renames from the file explorer, the rename quick fix or any other source: the index's links
// and generated catalogue follow, in the same undoable operation as the rename itself.
connection.workspace.onWillRenameFiles((params) => {
  const renames = params.files.filter((file) => file.oldUri.startsWith("file:") && file.newUri.startsWith("file:")).map((file) => ({ oldPath: fileURLToPath(file.oldUri), newPath: fileURLToPath(file.newUri) }));
  const updates = service.indexUpdatesForRenames(renames);
  return updates.length ? indexEdits(updates, openVersion) : null;
});

// Regenerate Index runs here, so every LSP editor has it. An index no editor has open is written
// to disk (created exclusively, or replaced atomically); an open one is edited in its editor.
connection.onExecuteCommand(async (params): Promise<RegenerateIndexOutcome | undefined> => {
  if (params.command !== SERVER_COMMANDS.regenerateIndex) return undefined;
  const folder = String(params.arguments?.[0] ?? "");
  if (!folder) return { outcome: "failed", indexPath: "", reason: "no folder was given" };
  const indexPath = join(folder, "README.md");
  const update = service.regenerateIndex(folder);
  if (!update) return { outcome: "unchanged", indexPath };
  try {
    if (openVersion(indexPath) !== undefined) {
      const applied = await connection.workspace.applyEdit({ label: "Regenerate Index", edit: indexEdits([update], openVersion) });
      if (!applied.applied) return { outcome: "failed", indexPath, reason: applied.failureReason ?? "the editor refused the edit" };
      return { outcome: "updated", indexPath, open: true };
    }
    if (diskWorkspace().readText(indexPath) === undefined) {
      createFileExclusively(indexPath, update.after);
      return { outcome: "created", indexPath };
    }
    writeFileAtomically(indexPath, update.after);
    return { outcome: "updated", indexPath, open: false };
  } catch (error) {
    return { outcome: "failed", indexPath, reason: (error as Error).message };
  }
});

connection.onDocumentSymbol(async (params) => {
  const lint = await currentLint(params.textDocument.uri);
  if (!lint) return [];
  const symbols = service.symbols(lint);
  if (!symbols.length) return [];
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
  const lint = await currentLint(params.textDocument.uri);
  if (!lint) return [];
  // Folding ranges are whole lines: a range from column 1 to column 1 converts the lines.
  return service.folding(lint).map((fold) => {
    const range = toLspRange({ start: { line: fold.startLine, column: 1 }, end: { line: fold.endLine, column: 1 } });
    return { startLine: range.start.line, endLine: range.end.line };
  });
});

connection.onHover(async (params) => {
  const lint = await currentLint(params.textDocument.uri);
  if (!lint) return null;
  const hover = service.hover(lint, fromLspLine(params.position.line));
  return hover ? { contents: { kind: "markdown", value: hover.markdown }, range: toLspRange(hover.range) } : null;
});

connection.onCompletion(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const lineRange = { start: { line: params.position.line, character: 0 }, end: params.position };
  const lineText = document.getText(lineRange);
  // Most keystrokes that reach here start no section; answer those without linting.
  if (!startsSection(lineText)) return [];
  const lint = await currentLint(params.textDocument.uri);
  if (!lint) return [];
  return service.completions(lint, lineText).map((item) => ({
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
    for (const file of scenarioFilesUnder(root, settings.scenarioFolders).filter((candidate) => !scope.isIgnored(candidate, service.configuration(candidate)))) {
      const uri = pathToFileURL(file).href;
      if (documents.get(uri)) continue;
      await openDocumentsSettled();
      await checkOnDisk(uri);
    }
  }
}

documents.listen(connection);
connection.listen();
