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

/** Commands the server executes (`workspace/executeCommand`), so that every LSP editor has them. */
export const SERVER_COMMANDS = {
  /** Arguments: the scenario folder's path. Returns a `RegenerateIndexOutcome`. */
  regenerateIndex: "scenarioLint.server.regenerateIndex",
} as const;

export type RegenerateIndexOutcome =
  | { outcome: "created" | "unchanged"; indexPath: string }
  | { outcome: "updated"; indexPath: string; open: boolean }
  | { outcome: "failed"; indexPath: string; reason: string };
