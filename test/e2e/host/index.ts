// Entry point of the in-extension-host tests, the module that `extensionTestsPath` names (bundled
// by the e2e runner into out/e2e/host/index.js, `vscode` external). Both code-server's test payload
// and @vscode/test-electron load it inside the extension host and call `run()`; a rejection makes
// them exit with code 1.
import "./extension.suite";
import { runAll } from "./harness";

export function run(): Promise<void> {
  return runAll();
}
