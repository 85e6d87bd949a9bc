/**
 * A second, independent LSP client: Debian's Neovim, headless, starts the server with
 * `--stdio`, opens a broken scenario and must receive exactly the expected diagnostics.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../helpers/cli";

function runNeovim(file: string, expect: string) {
  return spawnSync("nvim", ["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", `luafile ${join(ROOT, "test/neovim/diagnostics.lua")}`], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, SERVER: join(ROOT, "dist/server.js"), FILE: file, EXPECT: expect },
  });
}

test("Neovim receives the server's diagnostics over stdio", () => {
  const version = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  assert.equal(version.status, 0, "nvim is not installed: run `apt-get install neovim` (.ci/run installs it)");
  const workspace = mkdtempSync(join(tmpdir(), "scenario-nvim-"));
  mkdirSync(join(workspace, "scenarios"));
  const file = join(workspace, "scenarios", "swapped.md");
  copyFileSync(join(ROOT, "test/fixtures/missing-section/invalid-middle-missing.md"), file);

  const run = runNeovim(file, "missing-section@33,missing-section@33,missing-section@33");
  assert.equal(run.status, 0, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  assert.equal(run.stdout.trim().split("\n").pop(), "missing-section@33,missing-section@33,missing-section@33");

  // The Lua check itself can fail: a wrong expectation must make Neovim exit non-zero.
  const wrong = runNeovim(file, "section-order@1");
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /expected section-order@1/);
});
