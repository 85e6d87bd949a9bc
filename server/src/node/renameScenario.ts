import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { WorkspaceEdit } from "vscode-languageserver";
import { indexUpdatesForRenames } from "./indexRename";

/**
 * The workspace edit behind the file-name quick fix: rename the scenario to its kebab-case
 * name. Returns undefined when the target exists already, so the fix can never overwrite
 * another scenario. A client that sends `workspace/willRenameFiles` (VS Code does, for every
 * rename) gets the index updated by that request, as for a rename in its file explorer; for
 * other clients the edit itself also updates the index's links and catalogue.
 */
export function renameFileEdit(
  path: string,
  expectedName: string,
  openText: (path: string) => { text: string; version: number } | undefined,
  clientUpdatesIndexOnRename: boolean,
): { title: string; edit: WorkspaceEdit } | undefined {
  const target = join(dirname(path), expectedName);
  if (!expectedName || existsSync(target)) return undefined;
  const changes: NonNullable<WorkspaceEdit["documentChanges"]> = [
    { kind: "rename", oldUri: pathToFileURL(path).href, newUri: pathToFileURL(target).href, options: { overwrite: false, ignoreIfExists: false } },
  ];
  const updates = indexUpdatesForRenames([{ oldPath: path, newPath: target }], (candidate) => openText(candidate)?.text);
  if (!clientUpdatesIndexOnRename) {
    for (const update of updates) changes.push({ textDocument: { uri: pathToFileURL(update.indexPath).href, version: openText(update.indexPath)?.version ?? null }, edits: [wholeTextEdit(update.before, update.after)] });
  }
  return { title: `Rename file to '${expectedName}'${updates.length ? " and update the index" : ""}`, edit: { documentChanges: changes } };
}

/** One edit that replaces the whole of `before` with `after`. */
export function wholeTextEdit(before: string, after: string) {
  const lines = before.split("\n");
  return { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, newText: after };
}
