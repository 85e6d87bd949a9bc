/** Entry point of the `scenario-lint` command; everything testable lives in ./cli/main. */
import { runCli } from "./cli/main";

/** Standard input, whole, as UTF-8 (for the file '-'). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

runCli(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), readStdin, colorByDefault: process.stdout.isTTY === true && !process.env["NO_COLOR"] }, __dirname).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`scenario-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
