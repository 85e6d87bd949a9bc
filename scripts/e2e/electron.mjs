// `npm run test:electron`: the in-extension-host suite (test/e2e/host) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code. The same suite runs in code-server
// as part of `npm run test:e2e`, which needs no download.
//
// @vscode/test-electron (2.5.x: 3.x needs Node 22) is installed on demand into .cache/e2e with
// code-server by setup.sh; VS Code itself is downloaded into .cache/e2e/vscode-test. On Linux
// without a display, run it under Xvfb: `xvfb-run -a npm run test:electron`.
// E2E_VSCODE_VERSION picks another VS Code version (default: 1.100.3, the one code-server embeds).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleHostTests } from "./bundleHostTests.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cacheDir = process.env.SCENARIO_E2E_CACHE ?? path.join(repoRoot, ".cache/e2e");
const version = process.env.E2E_VSCODE_VERSION ?? "1.100.3";

function fail(message) {
  console.error(`test:electron: ${message}`);
  process.exit(1);
}

function step(what, command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) fail(`${what} failed (${result.error?.message ?? `exit code ${result.status}`})`);
}

step("setup", "bash", [path.join(repoRoot, "scripts/e2e/setup.sh")]);
// @vscode/test-electron loads the extension from the repository (extensionDevelopmentPath), so
// it needs the bundles in dist/, not the .vsix.
step("build", process.execPath, [path.join(repoRoot, "build.mjs")]);
const extensionTestsPath = await bundleHostTests();

const { downloadAndUnzipVSCode, runTests } = createRequire(path.join(cacheDir, "node_modules", "noop.js"))("@vscode/test-electron");

let vscodeExecutablePath;
try {
  // timeout: an idle timeout, so a stalled connection fails instead of hanging.
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(cacheDir, "vscode-test"), timeout: 20_000 });
} catch (error) {
  fail(
    `could not download VS Code ${version}: ${error instanceof Error ? error.message : String(error)}\n` +
      "@vscode/test-electron downloads VS Code from Microsoft's update servers when it runs, and this machine cannot reach them.\n" +
      "Run `npm run test:e2e` instead: it runs the same host suite (and the UI tests) in code-server, with nothing to download.",
  );
}

mkdirSync(path.join(cacheDir, "scratch"), { recursive: true });
const scratch = mkdtempSync(path.join(cacheDir, "scratch", "electron-"));
const workspace = path.join(scratch, "workspace");
cpSync(path.join(repoRoot, "test/e2e/workspace"), workspace, { recursive: true });
let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [
      workspace,
      // Only the extension under development; a profile of its own, never the user's.
      "--disable-extensions",
      "--disable-workspace-trust",
      "--skip-welcome",
      "--skip-release-notes",
      `--user-data-dir=${path.join(scratch, "user")}`,
    ],
  });
} catch (error) {
  console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
