import * as path from "node:path";
import { commands, window, workspace, type ExtensionContext, type TextEditor } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { CONFIG_FILE_NAME } from "../../server/src/core/template/fileName";
import { COMMANDS, STATUS_NOTIFICATION, type ScenarioStatus } from "../../server/src/shared/protocol";
import { CLIENT_ID, CLIENT_NAME } from "./constants";
import { ScenarioStatusBar } from "./statusBar";
import { regenerateIndexCommand } from "./indexCommands";
import { newScenario, scenariosFolder } from "./newScenario";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
    ],
    // VS Code shows its own Markdown outline; a second tree from the server would list every
    // heading twice. Other editors (Neovim) get the server's outline.
    initializationOptions: { documentSymbols: false },
    synchronize: {
      // The server re-reads configuration files when they change, and re-checks scenario files
      // changed on disk (by git, another editor) so the Problems panel shows the whole library.
      fileEvents: [workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`), workspace.createFileSystemWatcher("**/*.md")],
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  const statusBar = new ScenarioStatusBar();
  context.subscriptions.push(
    statusBar,
    commands.registerCommand(COMMANDS.newScenario, () => newScenario(client!)),
    commands.registerCommand(COMMANDS.regenerateIndex, async () => {
      const folder = await scenariosFolder();
      if (folder) await regenerateIndexCommand(client!, folder);
    }),
    commands.registerCommand(COMMANDS.showProblems, () => commands.executeCommand("workbench.actions.view.problems")),
  );
  context.subscriptions.push(window.onDidChangeActiveTextEditor((editor) => void showRulePageAsPreview(context, editor)));
  await client.start();
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (status: ScenarioStatus) => statusBar.update(status)));
}

/**
 * A problem's rule link points at the rule's page shipped with the extension (when
 * `scenarioLint.docsBaseUrl` is unset). Opened as text it would be an editable file inside the
 * install folder; it is shown in the Markdown preview instead, rendered and read-only.
 */
async function showRulePageAsPreview(context: ExtensionContext, editor: TextEditor | undefined): Promise<void> {
  const uri = editor?.document.uri;
  if (!uri || uri.scheme !== "file" || !isRulePage(context.extensionPath, uri.fsPath)) return;
  await window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  await commands.executeCommand("workbench.action.closeActiveEditor");
  await commands.executeCommand("markdown.showPreview", uri);
}

/** True for the rule pages shipped inside the extension: `<extension>/docs/rules/*.md`. */
export function isRulePage(extensionPath: string, filePath: string): boolean {
  const folder = path.join(extensionPath, "docs", "rules") + path.sep;
  return filePath.startsWith(folder) && filePath.endsWith(".md") && !filePath.slice(folder.length).includes(path.sep);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
