// Bundles the client, the server and the CLI with esbuild. The client keeps `vscode` external
// (VS Code provides it); everything else, including the ESM-only remark packages, is bundled.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  define: { SCENARIO_LINT_VERSION: JSON.stringify(version), "import.meta.url": "__importMetaUrl" },
  // ESM dependencies (tinyglobby's fdir) read import.meta.url, which a CommonJS bundle lacks:
  // give them the bundle's own file URL.
  banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

// The parsers' WebAssembly modules are loaded from beside the bundles at run time.
const require = createRequire(import.meta.url);
mkdirSync("dist", { recursive: true });
copyFileSync(require.resolve("@ruby/prism/src/prism.wasm"), "dist/prism.wasm");
copyFileSync(require.resolve("libpg-query/wasm/libpg-query.wasm"), "dist/libpg-query.wasm");

await Promise.all([
  build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/client.js", external: ["vscode"] }),
  build({ ...common, entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" }),
  build({ ...common, entryPoints: ["server/src/cli.ts"], outfile: "dist/cli.js" }),
]);

// A V8 code cache for the CLI bundle (see bin/scenario-lint.js), written after linting one
// scenario so that it holds what a run compiles. Best effort: without it the CLI only starts slower.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
rmSync("dist/cli.js.cache", { force: true });
const sample = existsSync("scenarios") ? readdirSync("scenarios").find((name) => name.endsWith(".md") && name !== "README.md") : undefined;
if (sample) {
  spawnSync(process.execPath, ["bin/scenario-lint.js", "--concurrency", "off", "--format", "json", `scenarios/${sample}`], {
    env: { ...process.env, SCENARIO_LINT_WRITE_CODE_CACHE: "dist/cli.js.cache" },
    stdio: "ignore",
  });
}
