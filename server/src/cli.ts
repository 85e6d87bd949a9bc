/**
 * Entry point of the `scenario-lint` command; everything testable lives in ./cli/main. The same
 * bundle runs as a lint worker when the main thread starts it as one (cli/workerPool.ts).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { runCli } from "./cli/main";
import { serveLintRequests } from "./cli/lintWorker";

/** Standard input, whole, as UTF-8 (for the file '-'). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (!isMainThread && (workerData as { scenarioLintWorker?: boolean } | undefined)?.scenarioLintWorker) {
  serveLintRequests(parentPort!, workerData);
} else {
  runCli(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), readStdin, colorByDefault: process.stdout.isTTY === true && !process.env["NO_COLOR"] }, __dirname).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scenario-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
}
