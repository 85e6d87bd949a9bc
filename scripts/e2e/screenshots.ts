/**
 * Refreshes the pictures of the README and the extension's details page (`docs/images/`): runs
 * the end-to-end suite in the real VS Code (code-server), which takes the screenshots as it
 * goes, then copies the ones the documentation shows. `npm run screenshots`.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");
const results = path.join(repoRoot, "test-results/e2e");
const images = path.join(repoRoot, "docs/images");

/** Screenshot taken by the suite, and the name the documentation links. */
export const DOCUMENTED = {
  "diagnostics-problems.png": "diagnostics.png",
  "quick-fix-menu.png": "quick-fix.png",
  "new-scenario.png": "new-scenario-checklist.png",
  "status-bar.png": "status-bar.png",
  "section-completion.png": "section-completion.png",
  "activation-problems.png": "workspace-problems.png",
  "rule-page.png": "rule-page.png",
  "walkthrough.png": "walkthrough.png",
} as const;

const run = spawnSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/e2e/run.ts"), ...process.argv.slice(2)], { cwd: repoRoot, stdio: "inherit" });
if (run.status !== 0) {
  console.error("screenshots: the end-to-end suite failed; docs/images/ was left as it was.");
  process.exit(run.status ?? 1);
}
mkdirSync(images, { recursive: true });
const missing = Object.keys(DOCUMENTED).filter((name) => !existsSync(path.join(results, name)));
if (missing.length) {
  console.error(`screenshots: the suite did not take ${missing.join(", ")}; docs/images/ was left as it was.`);
  process.exit(1);
}
for (const [taken, documented] of Object.entries(DOCUMENTED)) copyFileSync(path.join(results, taken), path.join(images, documented));
console.log(`screenshots: ${Object.keys(DOCUMENTED).length} pictures refreshed in docs/images/`);
