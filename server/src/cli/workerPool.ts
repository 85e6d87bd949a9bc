import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LintFileOutcome } from "./lintFile";

/** What a lint worker needs to build the same service as the main thread (see cli.ts). */
export interface LintWorkerData {
  scenarioLintWorker: true;
  /** The `--config` file, loaded again in the worker; undefined to use each file's nearest. */
  configPath: string | undefined;
  fix: boolean;
  fixDryRun: boolean;
  cwd: string;
}

export type LintWorkerRequest = { index: number; path: string };
export type LintWorkerReply = { index: number; outcome: LintFileOutcome } | { index: number; failure: string };

/** Below this many files a worker's start-up (its own bundle and parsers) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 8;

/**
 * How many workers lint `fileCount` files: `--concurrency` as given ("off" is 0: lint in the
 * main thread), or by default one per core while each gets at least MIN_FILES_PER_WORKER files.
 */
export function workerCount(setting: string | undefined, fileCount: number): number | { error: string } {
  if (setting === "off") return 0;
  if (setting === undefined || setting === "auto") {
    const useful = Math.floor(fileCount / MIN_FILES_PER_WORKER);
    return useful >= 2 ? Math.min(availableParallelism(), useful) : 0;
  }
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 1) return { error: `--concurrency expects a whole number >= 1, 'auto' or 'off', not '${setting}'` };
  return count === 1 ? 0 : Math.min(count, fileCount);
}

/**
 * Lints files in worker threads, handing each idle worker the next file, and returns the
 * outcomes in the order of `files` (the report never depends on which worker was faster).
 * A worker that dies fails the run with its reason: no file is silently left out.
 */
export function lintInWorkers(workerScript: string, data: LintWorkerData, files: readonly string[], count: number): Promise<LintFileOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: LintFileOutcome[] = new Array(files.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (error?: Error): void => {
      if (failed) return;
      if (error) failed = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(outcomes);
    };
    const feed = (worker: Worker): void => {
      if (next < files.length) worker.postMessage({ index: next, path: files[next++]! } satisfies LintWorkerRequest);
    };
    for (let index = 0; index < count; index++) {
      const worker = new Worker(workerScript, { workerData: data });
      workers.push(worker);
      worker.on("message", (reply: LintWorkerReply) => {
        if ("failure" in reply) return finish(new Error(`linting ${files[reply.index]} failed in a worker: ${reply.failure}`));
        outcomes[reply.index] = reply.outcome;
        if (++done === files.length) return finish();
        feed(worker);
      });
      worker.on("error", (error) => finish(new Error(`a lint worker failed: ${error.message}`)));
      worker.on("exit", (code) => {
        if (done < files.length) finish(new Error(`a lint worker exited (code ${code}) before the run was done`));
      });
      feed(worker);
    }
  });
}
