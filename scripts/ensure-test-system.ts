/**
 * Installs the system programs the test suite runs against, when they are missing: Ruby, Redis
 * and PostgreSQL 15 for the examples harness (the list lives in scripts/examples/dependencies.ts)
 * and Neovim, the second LSP client. As root it uses apt-get; otherwise it stops with what to
 * install. It never lets a test skip for want of a program: a missing one fails here, clearly.
 * (The browser tests install Chromium and code-server themselves: scripts/e2e/setup.sh.)
 */
import { ensureDependencies, EnvironmentError, findExecutable, installDebianPackages } from "./examples/dependencies";

const log = (line: string): void => void process.stderr.write(`test set-up: ${line}\n`);

async function main(): Promise<void> {
  await ensureDependencies({ ruby: true, redis: true, postgres: true }, log);
  if (findExecutable("nvim") === undefined) {
    log("Neovim is missing; installing the Debian package neovim.");
    await installDebianPackages(["neovim"]);
    if (findExecutable("nvim") === undefined) throw new EnvironmentError("nvim is still missing after apt-get install neovim.");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`test set-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
