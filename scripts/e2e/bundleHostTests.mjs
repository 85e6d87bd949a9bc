// Bundles the in-extension-host suite (test/e2e/host/index.ts) into one CommonJS module, the
// `extensionTestsPath` that code-server's test payload (npm run test:e2e) and @vscode/test-electron
// (npm run test:electron) load into the extension host. `vscode` stays external: the extension
// host provides it. Plain .mjs so that both runners can use it: run.ts runs it as a step,
// electron.mjs imports it.
import { build } from "esbuild";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const hostTestsBundle = path.join(repoRoot, "out/e2e/host/index.js");

export async function bundleHostTests() {
  await build({
    entryPoints: [path.join(repoRoot, "test/e2e/host/index.ts")],
    outfile: hostTestsBundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Inline: failure stack traces point into test/e2e/host/*.ts wherever the bundle is loaded from.
    sourcemap: "inline",
    external: ["vscode"],
    logLevel: "warning",
  });
  return hostTestsBundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleHostTests();
}
