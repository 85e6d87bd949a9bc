/**
 * Names and shapes shared by the client and the server for what LSP does not define.
 * Imported by both bundles; it must stay free of any editor or Node API.
 */

/** Sent by the server after each check of a scenario: what the status bar shows. */
export const STATUS_NOTIFICATION = "scenarioLint/status";

export interface ScenarioStatus {
  uri: string;
  /** False for documents the server does not treat as scenarios (the status bar hides). */
  isScenario: boolean;
  complete: number;
  total: number;
  /** One line per section that is not complete, e.g. "9. Concurrency & Consistency Strategy: missing". */
  incomplete: string[];
}

/** Command ids contributed by the extension. */
export const COMMANDS = {
  newScenario: "scenarioLint.newScenario",
  regenerateIndex: "scenarioLint.regenerateIndex",
  showProblems: "scenarioLint.showProblems",
} as const;
