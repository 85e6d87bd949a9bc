import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ScenarioWorkspace } from "../service/scenarioService";
import { readScenarioFile } from "./readScenario";

/**
 * The workspace on disk, with an overlay for the text of open editors (the server passes its
 * open documents; the CLI has none). Unreadable files (binary, not UTF-8) read as absent.
 */
export function diskWorkspace(openText: (path: string) => string | undefined = () => undefined): ScenarioWorkspace {
  return {
    readText(path) {
      const open = openText(path);
      if (open !== undefined) return open;
      const read = readScenarioFile(path);
      return read.ok ? read.text : undefined;
    },
    listFiles(folder) {
      try {
        return readdirSync(folder, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name);
      } catch {
        return [];
      }
    },
  };
}

/** Every Markdown file under `root` that has a folder named in `folderNames` above it. */
export function scenarioFilesUnder(root: string, folderNames: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (directory: string, inScenarioFolder: boolean, depth: number): void => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = join(directory, entry.name);
      if (entry.isDirectory()) walk(full, inScenarioFolder || folderNames.includes(entry.name), depth + 1);
      else if (inScenarioFolder && entry.isFile() && entry.name.endsWith(".md")) found.push(full);
    }
  };
  walk(root, false, 0);
  return found;
}
