import { dirname, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { LintConfig } from "../core/engine/config";
import { DEFAULT_SETTINGS, isScenarioDocument } from "../shared/settings";

export type ScopeVerdict = "scenario" | "outside" | "ignored";

/**
 * Which files the CLI lints, as the extension decides which documents it checks: a file with a
 * folder named in `scenarioFolders` above it (the extension's default, `scenarios`, unless the
 * configuration says otherwise), and not matched by an `ignores` glob of its configuration,
 * relative to that configuration file's folder (or the working folder for defaults and -c).
 */
export class ScenarioScope {
  private readonly matchers = new Map<string, (path: string) => boolean>();

  constructor(private readonly cwd: string) {}

  verdict(path: string, configuration: { config: LintConfig; file: string | undefined }): ScopeVerdict {
    const folders = configuration.config.scenarioFolders ?? DEFAULT_SETTINGS.scenarioFolders;
    if (!isScenarioDocument(path, folders)) return "outside";
    return this.isIgnored(path, configuration) ? "ignored" : "scenario";
  }

  /** Whether an `ignores` glob of the configuration matches the file (the server asks only this). */
  isIgnored(path: string, configuration: { config: LintConfig; file: string | undefined }): boolean {
    const ignores = configuration.config.ignores ?? [];
    if (!ignores.length) return false;
    const base = configuration.file ? dirname(configuration.file) : this.cwd;
    const key = `${base}\u0000${ignores.join("\u0000")}`;
    let matches = this.matchers.get(key);
    if (!matches) this.matchers.set(key, (matches = picomatch(ignores, { dot: true })));
    return matches(relative(base, path).split(sep).join("/"));
  }

  /** Whether a folder holds scenarios under this configuration (its index is then checked too). */
  isScenarioFolder(folder: string, configuration: { config: LintConfig }): boolean {
    const folders = configuration.config.scenarioFolders ?? DEFAULT_SETTINGS.scenarioFolders;
    return folders.some((name) => folder.split(/[\\/]/).pop() === name);
  }
}
