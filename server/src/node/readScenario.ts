import { globSync } from "tinyglobby";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a file as UTF-8 text, refusing binary and other encodings with a reason a person can act on. */
export function readScenarioFile(path: string): ReadResult {
  let bytes: Buffer;
  try {
    // A FIFO, socket or device would block a read (or never end): only regular files are read.
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, reason: "is a directory" };
    if (!stat.isFile()) return { ok: false, reason: "is not a regular file (a pipe, socket or device); pass a file or '-' for standard input" };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? String(error)})` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: "is UTF-16 encoded; save it as UTF-8" };
  }
  if (bytes.includes(0)) return { ok: false, reason: "looks binary (it contains NUL bytes), not a Markdown text file" };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: "is not valid UTF-8; save it as UTF-8" };
  }
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** True for a path written as a glob pattern. */
export function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

/**
 * Expands the given paths into Markdown files: folders are searched recursively for `.md`
 * files (skipping dot-folders and node_modules), files are taken as given.
 */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && !SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const path of paths) {
    const absolute = resolve(path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // A quoted glob ('scenarios/*.md', as npm scripts and Windows shells pass it) is expanded
      // here; a path that is neither a file nor a glob that matches anything is missing.
      const matches = isGlob(path) ? globSync(path, { absolute: true, onlyFiles: true, ignore: ["**/node_modules/**"] }).filter((file) => /\.md$/i.test(file)).sort() : [];
      if (matches.length) files.push(...matches);
      else missing.push(path);
      continue;
    }
    if (isDirectory) walk(absolute);
    else files.push(absolute);
  }
  return { files: [...new Set(files)], missing };
}
