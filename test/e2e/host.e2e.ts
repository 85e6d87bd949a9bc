// The in-extension-host suite (test/e2e/host) run inside code-server's extension host, with the
// real `vscode` API. What it checks is listed in test/e2e/host/extension.suite.ts.
import * as assert from "node:assert/strict";
import { test } from "node:test";
import { runHostTests } from "./helpers/hostTests";

test("the in-extension-host suite passes", { timeout: 180_000 }, async (t) => {
  const { exitCode, log } = await runHostTests("host");
  const results = log.filter((line) => /host (test|suite)/.test(line));
  for (const line of results) t.diagnostic(line);
  assert.equal(exitCode, 0, `the host suite failed (exit code ${exitCode}):\n${results.join("\n")}`);
  // A run that registered no test would also exit 0.
  assert.match(results.join("\n"), /host suite: ([1-9]\d*) of \1 tests passed/);
});
