// `npm run test:e2e`: the end-to-end tests in a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
// driven by Playwright with Debian's Chromium, plus the in-extension-host suite.
//
//   1. builds dist/scenario-lint.vsix (`npm run package`) and installs the e2e tools (setup.sh);
//   2. type-checks test/e2e and bundles the host suite into out/e2e/host/index.js;
//   3. installs the .vsix into a scratch profile and starts ONE code-server for the run;
//   4. runs test/e2e/*.e2e.ts with node:test, one file at a time;
//   5. always stops code-server's whole process group, on failure and on Ctrl-C too.
//
// Arguments: test files (e.g. test/e2e/snippets.e2e.ts) narrow the run; anything starting with
// "--" goes to `node --test` (e.g. --test-name-pattern=quick). --no-build skips step 1's package
// build (the .vsix must exist). E2E_KEEP_SCRATCH=1 keeps the scratch folder for a look
// afterwards (until the next run, which removes what finished runs left).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { cacheDir, createProfile, removeProfile, repoRoot, runSetup, runStep, startCodeServer, type Profile, type RunningCodeServer } from "./codeServer";

const resultsDir = path.join(repoRoot, "test-results/e2e");
/** Written by scripts/e2e/bundleHostTests.mjs. */
const hostTestsBundle = path.join(repoRoot, "out/e2e/host/index.js");

async function main(): Promise<number> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const noBuild = args.includes("--no-build");
  const nodeTestArgs = args.filter((arg) => arg.startsWith("--") && arg !== "--no-build");
  const files = args.filter((arg) => !arg.startsWith("--"));
  const testFiles = files.length > 0 ? files : readdirSync(path.join(repoRoot, "test/e2e")).filter((name) => name.endsWith(".e2e.ts")).sort().map((name) => path.join("test/e2e", name));

  if (!noBuild) runStep("build the .vsix", "npm", ["run", "--silent", "package"]);
  runSetup();
  // The root tsconfig leaves test/e2e out (its types come from the on-demand install).
  runStep("type-check test/e2e", process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "test/e2e", "--noEmit"]);
  runStep("bundle the host tests", process.execPath, [path.join(repoRoot, "scripts/e2e/bundleHostTests.mjs")]);

  // Screenshots of an earlier run would pass for this run's: start from an empty folder.
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  let profile: Profile | undefined;
  let server: RunningCodeServer | undefined;
  let interrupted: NodeJS.Signals | undefined;
  let testChild: ReturnType<typeof spawn> | undefined;
  // Last resort when this process dies without reaching `finally` (an uncaught error, a second
  // Ctrl-C): the group must not outlive the run.
  process.on("exit", () => server?.killNow());
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) {
      // A second signal: stop waiting for a clean shutdown.
      server?.killNow();
      process.exit(130);
    }
    interrupted = signal;
    console.error(`\ne2e: ${signal}: stopping the tests and code-server`);
    // On Ctrl-C the terminal already sent SIGINT to the test process (same process group); for a
    // signal sent to this process alone, pass it on.
    testChild?.kill(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    profile = createProfile("run");
    // The window code-server opens by default; each test file opens its own copy of the workspace.
    server = await startCodeServer(profile, path.join(repoRoot, "test/e2e/workspace"), path.join(resultsDir, "code-server.log"));
    console.log(`e2e: code-server ${server.baseUrl} (log: ${path.relative(repoRoot, server.logFile)})`);
    if (interrupted) return 130;

    const testEnv: NodeJS.ProcessEnv = {
      ...profile.env,
      E2E_BASE_URL: server.baseUrl,
      E2E_SCRATCH: profile.root,
      E2E_RESULTS: resultsDir,
      E2E_CACHE: cacheDir,
      E2E_REPO_ROOT: repoRoot,
      E2E_HOST_TESTS: hostTestsBundle,
    };
    const child = spawn(
      process.execPath,
      // One file at a time: two browsers and their extension hosts at once on two cores make the
      // timings, not the extension, the thing under test.
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...nodeTestArgs, ...testFiles],
      { cwd: repoRoot, env: testEnv, stdio: "inherit" },
    );
    testChild = child;
    const exitCode = await new Promise<number>((resolve) => {
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    return interrupted ? 130 : exitCode;
  } finally {
    const stopping = Date.now();
    await server?.stop();
    if (server) console.log(`e2e: code-server stopped (${Date.now() - stopping} ms)`);
    if (profile && process.env.E2E_KEEP_SCRATCH !== "1") removeProfile(profile);
    const shots = existsSync(resultsDir) ? readdirSync(resultsDir).filter((name) => name.endsWith(".png")) : [];
    console.log(`e2e: ${shots.length} screenshot(s) in ${path.relative(repoRoot, resultsDir)}/; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
