import { pathToFileURL } from "node:url";
import type { WorkspaceEdit } from "vscode-languageserver";
import type { IndexUpdate } from "../service/scenarioService";
import { toLspRange } from "./lspConvert";

/**
 * The workspace edit behind the rename quick fix. A client that sends `workspace/willRenameFiles`
 * (VS Code does, for every rename) gets the index updated by that request, as for a rename in
 * its file explorer; for other clients the edit itself also carries the index's new text.
 */
export function renameFileEdit(path: string, newPath: string, indexUpdates: readonly IndexUpdate[], openVersion: (path: string) => number | undefined, clientUpdatesIndexOnRename: boolean): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit["documentChanges"]> = [
    { kind: "rename", oldUri: pathToFileURL(path).href, newUri: pathToFileURL(newPath).href, options: { overwrite: false, ignoreIfExists: false } },
  ];
  if (!clientUpdatesIndexOnRename) changes.push(...indexEdits(indexUpdates, openVersion).documentChanges);
  return { documentChanges: changes };
}

/** Edits replacing each index's whole text with its new text. */
export function indexEdits(updates: readonly IndexUpdate[], openVersion: (path: string) => number | undefined) {
  return {
    documentChanges: updates.map((update) => ({
      textDocument: { uri: pathToFileURL(update.indexPath).href, version: openVersion(update.indexPath) ?? null },
      edits: [wholeTextEdit(update.before, update.after)],
    })),
  };
}

/** One edit that replaces the whole of `before` with `after`. */
export function wholeTextEdit(before: string, after: string) {
  const lines = before.split(/\r\n|\r|\n/);
  return { range: toLspRange({ start: { line: 1, column: 1 }, end: { line: lines.length, column: lines[lines.length - 1]!.length + 1 } }), newText: after };
}
