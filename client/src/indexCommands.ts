import { window, workspace, Uri } from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { SERVER_COMMANDS, type RegenerateIndexOutcome } from "../../server/src/shared/protocol";

/**
 * Regenerate Index is a server command (`workspace/executeCommand`), so every LSP editor has
 * it and the client bundles no Markdown parser. The server writes an index no editor has open
 * straight to disk (never through an undoable edit) and edits an open one in its editor.
 */
export async function regenerateIndexIn(client: LanguageClient, folder: Uri): Promise<RegenerateIndexOutcome> {
  const outcome = (await client.sendRequest("workspace/executeCommand", { command: SERVER_COMMANDS.regenerateIndex, arguments: [folder.fsPath] })) as RegenerateIndexOutcome | null;
  if (!outcome) throw new Error("the language server did not answer");
  if (outcome.outcome === "failed") throw new Error(outcome.reason);
  // An open index was edited in its editor; saving keeps the disk and the editor the same.
  if (outcome.outcome === "updated" && outcome.open) await workspace.textDocuments.find((document) => document.uri.fsPath === outcome.indexPath)?.save();
  return outcome;
}

/** "Scenario: Regenerate Index" for the scenarios folder of a workspace folder. */
export async function regenerateIndexCommand(client: LanguageClient, folder: Uri): Promise<void> {
  try {
    const { outcome } = await regenerateIndexIn(client, folder);
    const name = workspace.asRelativePath(Uri.joinPath(folder, "README.md"));
    void window.showInformationMessage(outcome === "unchanged" ? `${name} is up to date.` : `${name}: catalogue ${outcome === "created" ? "created" : "regenerated"}.`);
  } catch (error) {
    void window.showErrorMessage(`Index not regenerated: ${(error as Error).message}. Nothing was changed.`);
  }
}
