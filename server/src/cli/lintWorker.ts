import { resolve } from "node:path";
import type { MessagePort } from "node:worker_threads";
import { loadConfigFile } from "../node/configFile";
import { cliService, lintFile } from "./lintFile";
import type { LintWorkerData, LintWorkerReply, LintWorkerRequest } from "./workerPool";

/** A lint worker: one service (parsers loaded once), one file per request, replies in kind. */
export function serveLintRequests(port: MessagePort, data: LintWorkerData): void {
  const explicitConfig = data.configPath ? loadConfigFile(resolve(data.configPath)) : undefined;
  const service = cliService(explicitConfig);
  port.on("message", (request: LintWorkerRequest) => {
    lintFile(request.path, service, { explicitConfig, fix: data.fix, fixDryRun: data.fixDryRun, cwd: data.cwd }).then(
      (outcome) => port.postMessage({ index: request.index, outcome } satisfies LintWorkerReply),
      (error: unknown) => port.postMessage({ index: request.index, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LintWorkerReply),
    );
  });
}
