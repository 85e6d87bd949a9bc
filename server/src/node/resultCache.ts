import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "./writeFile";

/** The default cache file, in the folder the CLI runs in (as ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_FILE = ".scenariolintcache";

/**
 * Lint results kept between CLI runs (`--cache`), one entry per file, keyed by everything a
 * result depends on: the linter build, the file's path, its configuration and its text. A file
 * whose key is unchanged is not linted again. The cache is one JSON file the user can delete at
 * any time; a cache that cannot be read is treated as empty and rewritten, never an error.
 */
export class ResultCache<T> {
  private readonly entries: Record<string, { key: string; value: T }>;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
    entries: Record<string, { key: string; value: T }>,
  ) {
    this.entries = entries;
  }

  /**
   * Opens the cache at `location` (a file, or a folder to hold DEFAULT_CACHE_FILE). `build`
   * names the linter build, so results of another build never count.
   */
  static open<T>(location: string, build: string): ResultCache<T> {
    const file = existsSync(location) && statSync(location).isDirectory() ? join(location, DEFAULT_CACHE_FILE) : location;
    let entries: Record<string, { key: string; value: T }> = {};
    try {
      const stored = JSON.parse(readFileSync(file, "utf8")) as { build?: string; entries?: Record<string, { key: string; value: T }> };
      if (stored.build === build && stored.entries && typeof stored.entries === "object") entries = stored.entries;
    } catch {
      // Missing, unreadable or not JSON: start empty.
    }
    return new ResultCache(file, build, entries);
  }

  /** The key of a file's result: its path, its configuration (as JSON) and its text. */
  keyOf(path: string, configuration: string, text: string): string {
    return createHash("sha256").update(JSON.stringify([this.build, path, configuration, text])).digest("hex");
  }

  get(path: string, key: string): T | undefined {
    const entry = this.entries[path];
    return entry && entry.key === key ? entry.value : undefined;
  }

  set(path: string, key: string, value: T): void {
    this.entries[path] = { key, value };
    this.changed = true;
  }

  /** Writes the cache (atomically) when it changed, dropping entries of files that no longer exist. */
  save(): void {
    for (const path of Object.keys(this.entries)) {
      if (!existsSync(path)) {
        delete this.entries[path];
        this.changed = true;
      }
    }
    if (this.changed) writeFileAtomically(this.file, JSON.stringify({ build: this.build, entries: this.entries }));
  }
}

/** The build of the running linter: its version and its bundle's size and time, so a rebuild invalidates. */
export function linterBuild(version: string, bundleFile: string): string {
  try {
    const stat = statSync(bundleFile);
    return `${version}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return version;
  }
}
