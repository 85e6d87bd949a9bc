import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAME, defaultConfig, resolveConfig, type ConfigResult } from "../core/engine/config";
import { RULES } from "../core/rules";

/** The nearest `.scenariolintrc.json` at or above `directory`, or undefined. */
export function findConfigFile(directory: string): string | undefined {
  let current = resolve(directory);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and validates a configuration file; JSON syntax errors become readable messages. */
export function loadConfigFile(path: string): ConfigResult {
  let raw: unknown;
  if (!existsSync(path)) return { config: defaultConfig(RULES), errors: [`${path}: no such configuration file.`] };
  try {
    raw = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { config: defaultConfig(RULES), errors: [`${path}: not valid JSON (${reason}).`] };
  }
  return resolveConfig(raw, RULES, path);
}

/**
 * Caches configurations by directory for one run (the CLI) or until the server is told a
 * configuration file changed; it never outlives a change it has been told about.
 */
export class ConfigCache {
  private readonly byDirectory = new Map<string, { file: string | undefined; result: ConfigResult }>();

  forDirectory(directory: string): { file: string | undefined; result: ConfigResult } {
    const key = resolve(directory);
    let entry = this.byDirectory.get(key);
    if (!entry) {
      const file = findConfigFile(key);
      entry = { file, result: file ? loadConfigFile(file) : { config: defaultConfig(RULES), errors: [] } };
      this.byDirectory.set(key, entry);
    }
    return entry;
  }

  clear(): void {
    this.byDirectory.clear();
  }
}
