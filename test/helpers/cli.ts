import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`bin/scenario-lint.js`, as `npx scenario-lint` would) in `cwd`. */
export function runCli(args: readonly string[], cwd = ROOT, input?: string): CliRun {
  const result = spawnSync(process.execPath, [join(ROOT, "bin/scenario-lint.js"), ...args], { cwd, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
