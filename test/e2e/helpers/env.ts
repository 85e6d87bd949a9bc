// What the e2e runner (scripts/e2e/run.ts) hands to the tests through the environment, and
// playwright-core, loaded from the on-demand install in .cache/e2e rather than the root
// node_modules (it is not one of the extension's dependencies).
import { createRequire } from "node:module";
import * as path from "node:path";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests through \`npm run test:e2e\` (see test/e2e/README.md), which starts code-server and sets it.`);
  }
  return value;
}

export const env = {
  /** The running code-server, e.g. http://127.0.0.1:40459 */
  baseUrl: required("E2E_BASE_URL"),
  /** A scratch folder of this run; tests copy their workspaces into it. */
  scratch: required("E2E_SCRATCH"),
  /** Where screenshots go (test-results/e2e). */
  results: required("E2E_RESULTS"),
  /** The on-demand install of code-server and playwright-core. */
  cache: required("E2E_CACHE"),
  /** The repository: the extension under development for the host tests. */
  repoRoot: required("E2E_REPO_ROOT"),
  /** The bundled in-extension-host test module. */
  hostTests: required("E2E_HOST_TESTS"),
  /** Debian's Chromium (playwright-core never downloads a browser). */
  chromium: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
};

export type Playwright = typeof import("playwright-core");

let loaded: Playwright | undefined;
export function playwright(): Playwright {
  loaded ??= createRequire(path.join(env.cache, "node_modules", "noop.js"))("playwright-core") as Playwright;
  return loaded;
}
