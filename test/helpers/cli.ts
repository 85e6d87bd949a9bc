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
  // The json format carries every file's text: the whole library is more than spawnSync's default 1 MiB.
  const result = spawnSync(process.execPath, [join(ROOT, "bin/scenario-lint.js"), ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...(input !== undefined ? { input } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
