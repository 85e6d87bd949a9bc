import * as path from "node:path";
import { commands, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { CONFIG_FILE_NAME } from "../../server/src/core/fileName";
import { COMMANDS, STATUS_NOTIFICATION, type ScenarioStatus } from "../../server/src/protocol";
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
    commands.registerCommand(COMMANDS.newScenario, () => newScenario()),
    commands.registerCommand(COMMANDS.regenerateIndex, async () => {
      const folder = await scenariosFolder();
      if (folder) await regenerateIndexCommand(folder);
    }),
    commands.registerCommand(COMMANDS.showProblems, () => commands.executeCommand("workbench.actions.view.problems")),
  );
  await client.start();
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (status: ScenarioStatus) => statusBar.update(status)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
