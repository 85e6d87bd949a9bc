import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { isIndexPath } from "../core/fileName";
import { scenarioTitle, type LibraryEntry } from "../core/indexFile";
import { readScenarioFile } from "./readScenario";

/**
 * The scenarios beside an index file: every `.md` file in its folder except the index itself,
 * with its title. `openText` lets the server use an editor's unsaved text instead of the disk.
 */
export function libraryBeside(indexPath: string, openText: (path: string) => string | undefined = () => undefined): LibraryEntry[] {
  const folder = dirname(indexPath);
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".md") && !isIndexPath(entry.name))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return names.sort().map((fileName) => {
    const path = join(folder, fileName);
    const open = openText(path);
    const read = open === undefined ? readScenarioFile(path) : { ok: true as const, text: open };
    return { fileName, title: read.ok ? scenarioTitle(read.text, fileName) : fileName };
  });
}
