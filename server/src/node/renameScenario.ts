import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { WorkspaceEdit } from "vscode-languageserver";

/**
 * The workspace edit behind the file-name quick fix: rename the scenario to its kebab-case
 * name and update its links in the index (`README.md` beside it). Returns undefined when the
 * target exists already, so the fix can never overwrite another scenario.
 */
export function renameFileEdit(
  path: string,
  expectedName: string,
  openDocument: (uri: string) => TextDocument | undefined,
): { title: string; edit: WorkspaceEdit } | undefined {
  const target = join(dirname(path), expectedName);
  if (!expectedName || existsSync(target)) return undefined;
  const oldName = basename(path);
  const changes: NonNullable<WorkspaceEdit["documentChanges"]> = [
    { kind: "rename", oldUri: pathToFileURL(path).href, newUri: pathToFileURL(target).href, options: { overwrite: false, ignoreIfExists: false } },
  ];
  const indexPath = join(dirname(path), "README.md");
  const indexUri = pathToFileURL(indexPath).href;
  const open = openDocument(indexUri);
  const indexText = open?.getText() ?? (existsSync(indexPath) ? readFileSync(indexPath, "utf8") : undefined);
  if (indexText !== undefined) {
    const edits = linkEdits(indexText, oldName, expectedName);
    if (edits.length) changes.push({ textDocument: { uri: indexUri, version: open?.version ?? null }, edits });
  }
  return { title: `Rename file to '${expectedName}'${changes.length > 1 ? " and update its link in the index" : ""}`, edit: { documentChanges: changes } };
}

/** Edits replacing every Markdown link target `(oldName)` / `(./oldName)` / `(oldName#anchor)` in the text. */
export function linkEdits(text: string, oldName: string, newName: string) {
  const escaped = oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`\\]\\((\\./)?(${escaped})([#)\\s])`, "g");
  const edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> = [];
  const lines = text.split("\n");
  lines.forEach((line, lineNumber) => {
    for (const match of line.matchAll(pattern)) {
      const start = match.index! + 2 + (match[1]?.length ?? 0);
      edits.push({ range: { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: start + oldName.length } }, newText: newName });
    }
  });
  return edits;
}
