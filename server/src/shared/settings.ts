/**
 * The settings shared by the client, the server and the CLI, defined once. package.json's
 * `contributes.configuration` declares the same defaults; a test keeps the two equal.
 */

/** The folder whose Markdown files are scenarios, and where New Scenario writes, by default. */
export const DEFAULT_SCENARIO_FOLDER = "scenarios";

/** The `scenarioLint.*` settings the server reads, with the defaults declared in package.json. */
export interface ServerSettings {
  enable: boolean;
  scenarioFolders: string[];
  docsBaseUrl: string;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  scenarioFolders: [DEFAULT_SCENARIO_FOLDER],
  docsBaseUrl: "",
};

/**
 * Which documents are scenarios: untitled buffers (a scenario being drafted), and files with
 * a folder named in `scenarioFolders` somewhere above them.
 */
export function isScenarioDocument(uri: string, scenarioFolders: readonly string[]): boolean {
  if (uri.startsWith("untitled:")) return true;
  const segments = decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, "")).split(/[\\/]/);
  return segments.slice(0, -1).some((segment) => scenarioFolders.includes(segment));
}
