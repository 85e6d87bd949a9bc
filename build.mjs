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
