import * as path from "node:path";
import { commands, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { CONFIG_FILE_NAME } from "../../server/src/core/fileName";
import { CLIENT_ID, CLIENT_NAME, COMMAND_NEW_SCENARIO } from "./constants";
import { newScenario } from "./newScenario";

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
    synchronize: {
      // The server re-reads configuration files when any of them changes on disk.
      fileEvents: workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`),
    },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  context.subscriptions.push(commands.registerCommand(COMMAND_NEW_SCENARIO, () => newScenario()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
