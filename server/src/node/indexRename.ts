import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isIndexPath } from "../core/fileName";
import { regenerateIndex } from "../core/indexFile";
import { libraryBeside } from "./library";

/** The new text of one index after scenarios were renamed, or nothing when it does not change. */
export interface IndexUpdate {
  indexPath: string;
  before: string;
  after: string;
}

/**
 * How the indexes must change when scenario files are renamed or moved (from the Explorer, the
 * rename quick fix or any LSP client's file operation): links to the old name point to the new
 * one, and each affected folder's generated catalogue is regenerated as it will be after the
 * rename. Indexes that do not exist are left alone (Regenerate Index creates one on request).
 * `openText` gives an editor's unsaved text, which wins over the disk.
 */
export function indexUpdatesForRenames(renames: ReadonlyArray<{ oldPath: string; newPath: string }>, openText: (path: string) => string | undefined): IndexUpdate[] {
  const scenarioRenames = renames.filter(({ oldPath, newPath }) => oldPath.endsWith(".md") && !isIndexPath(oldPath) && !isIndexPath(newPath));
  const folders = new Set(scenarioRenames.flatMap(({ oldPath, newPath }) => [dirname(oldPath), dirname(newPath)]));
  const updates: IndexUpdate[] = [];
  for (const folder of folders) {
    const indexPath = join(folder, "README.md");
    const before = openText(indexPath) ?? (existsSync(indexPath) ? readFileSync(indexPath, "utf8") : undefined);
    if (before === undefined) continue;
    let text = before;
    // Links in the hand-written part follow a rename inside the folder.
    for (const { oldPath, newPath } of scenarioRenames) {
      if (dirname(oldPath) === folder && dirname(newPath) === folder) text = replaceLinkTargets(text, basename(oldPath), basename(newPath));
    }
    // The catalogue is rebuilt from the folder as it will be once the renames are done.
    let library = libraryBeside(indexPath, openText);
    for (const { oldPath, newPath } of scenarioRenames) {
      const moved = library.find((entry) => dirname(oldPath) === folder && entry.fileName === basename(oldPath));
      library = library.filter((entry) => entry !== moved);
      if (dirname(newPath) === folder && newPath.endsWith(".md")) library.push({ fileName: basename(newPath), title: moved?.title ?? titleAt(oldPath, openText) ?? basename(newPath) });
    }
    const after = text.includes("scenario-index:start") ? regenerateIndex(text, library) : text;
    if (after !== before) updates.push({ indexPath, before, after });
  }
  return updates;
}

function titleAt(path: string, openText: (path: string) => string | undefined): string | undefined {
  const entry = libraryBeside(join(dirname(path), "README.md"), openText).find((candidate) => candidate.fileName === basename(path));
  return entry?.title;
}

/** Every Markdown link target `(old)`, `(./old)` or `(old#anchor)` in the text, pointed at `newName`. */
export function replaceLinkTargets(text: string, oldName: string, newName: string): string {
  const escaped = oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`\\]\\((\\./)?${escaped}([#)\\s])`, "g"), (_match, dot: string | undefined, end: string) => `](${dot ?? ""}${newName}${end}`);
}
