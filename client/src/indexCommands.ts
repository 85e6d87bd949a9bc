import { FileType, Range, Uri, window, workspace, WorkspaceEdit } from "vscode";
import { isIndexPath } from "../../server/src/core/fileName";
import { regenerateIndex, scenarioTitle, type LibraryEntry } from "../../server/src/core/indexFile";
import { createFileExclusively } from "../../server/src/node/writeFile";

const decoder = new TextDecoder();

/** A file's text: the open editor's (unsaved edits included) or the disk's; undefined when absent. */
async function currentText(uri: Uri): Promise<string | undefined> {
  const open = workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return decoder.decode(await workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function libraryIn(folder: Uri): Promise<LibraryEntry[]> {
  const entries = await workspace.fs.readDirectory(folder);
  const names = entries.filter(([name, type]) => type === FileType.File && name.endsWith(".md") && !isIndexPath(name)).map(([name]) => name);
  return Promise.all(names.sort().map(async (fileName) => ({ fileName, title: scenarioTitle((await currentText(Uri.joinPath(folder, fileName))) ?? "", fileName) })));
}

/**
 * Rewrites the generated catalogue of `<folder>/README.md` (creating the index if there is
 * none) and saves it; everything outside the markers is kept. Returns what happened.
 */
export async function regenerateIndexIn(folder: Uri): Promise<"created" | "updated" | "unchanged"> {
  const indexUri = Uri.joinPath(folder, "README.md");
  const before = await currentText(indexUri);
  const after = regenerateIndex(before, await libraryIn(folder));
  if (after === before) return "unchanged";
  if (before === undefined) {
    // Written to disk directly: a WorkspaceEdit that creates a file is undone (the file deleted)
    // by the editor's Ctrl+Z. Linking a temporary file never overwrites one that appeared meanwhile.
    try {
      createFileExclusively(indexUri.fsPath, after);
    } catch (error) {
      throw new Error(`${workspace.asRelativePath(indexUri)} could not be created (${(error as Error).message})`);
    }
    return "created";
  }
  const document = await workspace.openTextDocument(indexUri);
  const edit = new WorkspaceEdit();
  edit.replace(indexUri, new Range(document.positionAt(0), document.positionAt(document.getText().length)), after);
  if (!(await workspace.applyEdit(edit))) throw new Error(`${workspace.asRelativePath(indexUri)} could not be edited`);
  await document.save();
  return "updated";
}

/** "Scenario: Regenerate Index" for the scenarios folder of a workspace folder. */
export async function regenerateIndexCommand(folder: Uri): Promise<void> {
  try {
    const outcome = await regenerateIndexIn(folder);
    const name = workspace.asRelativePath(Uri.joinPath(folder, "README.md"));
    void window.showInformationMessage(outcome === "unchanged" ? `${name} is up to date.` : `${name}: catalogue ${outcome === "created" ? "created" : "regenerated"}.`);
  } catch (error) {
    void window.showErrorMessage(`Index not regenerated: ${(error as Error).message}. Nothing was changed.`);
  }
}
