/** Entry point of the `scenario-lint` command; everything testable lives in ./cli/main. */
import { runCli } from "./cli/main";

process.exitCode = runCli(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  __dirname,
);
