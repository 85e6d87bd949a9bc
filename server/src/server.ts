/**
 * The scenario language server. It owns the LSP plumbing only: documents, settings,
 * configuration files and diagnostics; every check comes from the pure core.
 *
 * Started by the VS Code client over IPC, or by any editor with `--stdio`
 * (`createConnection` reads the transport from the command line).
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CONFIG_FILE_NAME, defaultConfig, type LintConfig } from "./core/config";
import { lintDocument } from "./core/lint";
import { RULES } from "./core/rules";
import { CodeParserHost } from "./node/codeParsers";
import { ConfigCache } from "./node/configFile";
import { defaultDocsBaseUrl } from "./node/docsUrl";
import { configProblemDiagnostic, internalFailureDiagnostic, toLspDiagnostic } from "./node/lspConvert";
import { DEFAULT_SETTINGS, isScenarioDocument, type ServerSettings } from "./node/settings";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const configs = new ConfigCache();
const codeParsers = new CodeParserHost();
const bundledDocsUrl = defaultDocsBaseUrl(__dirname);

/** Lints run this long after the last keystroke, so typing never queues a lint per character. */
const DEBOUNCE_MS = 150;

let supportsConfiguration = false;
let workspaceRoots: string[] = [];
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params: InitializeParams) => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  workspaceRoots = (params.workspaceFolders ?? [])
    .map((folder) => folder.uri)
    .concat(params.rootUri ? [params.rootUri] : [])
    .filter((uri) => uri.startsWith("file:"))
    .map((uri) => fileURLToPath(uri));
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: "scenario-lint" },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: "scenarioLint" });
  }
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

async function validate(document: TextDocument): Promise<void> {
  const settings = await settingsFor(document.uri);
  // Parsers load once, on the first document with code; documents without code never wait.
  const parsers = await codeParsers.parsersFor(document.getText());
  const current = documents.get(document.uri);
  // The document may have changed or closed while settings were fetched; its own run will follow.
  if (!current || current.version !== document.version) return;
  if (!settings.enable || !isScenarioDocument(document.uri, settings.scenarioFolders)) {
    await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    return;
  }
  const docsBaseUrl = settings.docsBaseUrl || bundledDocsUrl;
  const diagnostics: Diagnostic[] = [];
  const { config, errors, file } = configFor(document.uri);
  for (const error of errors) diagnostics.push(configProblemDiagnostic(error, file ?? CONFIG_FILE_NAME, docsBaseUrl));
  try {
    const result = lintDocument({ path: pathOf(document.uri), text: document.getText() }, config, { parsers });
    for (const message of result.messages) diagnostics.push(toLspDiagnostic(message, docsBaseUrl));
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
  const timer = pending.get(event.document.uri);
  if (timer) clearTimeout(timer);
  pending.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => revalidateAll());

connection.onDidChangeWatchedFiles((params) => {
  if (params.changes.some((change) => change.uri.endsWith(CONFIG_FILE_NAME))) {
    configs.clear();
    revalidateAll();
  }
});

documents.listen(connection);
connection.listen();
