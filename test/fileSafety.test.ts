/**
 * Writing never loses a file: a write that fails at any point leaves the original intact and no
 * temporary file behind; creating never overwrites; --fix never writes through a symbolic link.
 */
import assert from "node:assert/strict";
import fs, { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mock, test } from "node:test";
import { createFileExclusively, writeFileAtomically } from "../server/src/node/writeFile";
import { ROOT, runCli } from "./helpers/cli";

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "scenario-lint-write-"));
}

test("a write that fails half-way (disk full) leaves the original intact and no temporary file", () => {
  const folder = scratch();
  const target = join(folder, "scenario.md");
  writeFileSync(target, "original\n");
  const real = fs.writeFileSync;
  const failing = mock.method(fs, "writeFileSync", (path: fs.PathOrFileDescriptor, data: string, options: fs.WriteFileOptions) => {
    // Half the text reaches the disk, then the device is full.
    real(path, data.slice(0, data.length >> 1), options);
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  });
  try {
    assert.throws(() => writeFileAtomically(target, "replacement text\n".repeat(100)), /ENOSPC/);
  } finally {
    failing.mock.restore();
  }
  assert.equal(readFileSync(target, "utf8"), "original\n");
  assert.deepEqual(readdirSync(folder), ["scenario.md"]);
});

test("a write whose final rename fails leaves the original intact and no temporary file", () => {
  const folder = scratch();
  const target = join(folder, "scenario.md");
  writeFileSync(target, "original\n");
  const failing = mock.method(fs, "renameSync", () => {
    throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
  });
  try {
    assert.throws(() => writeFileAtomically(target, "replacement\n"), /EIO/);
  } finally {
    failing.mock.restore();
  }
  assert.equal(readFileSync(target, "utf8"), "original\n");
  assert.deepEqual(readdirSync(folder), ["scenario.md"]);
});

test("creating a file never overwrites one that exists, even one that appears at the last moment", () => {
  const folder = scratch();
  const target = join(folder, "new-scenario.md");
  writeFileSync(target, "someone else's\n");
  assert.throws(() => createFileExclusively(target, "# New\n"), /EEXIST/);
  assert.equal(readFileSync(target, "utf8"), "someone else's\n");
  assert.deepEqual(readdirSync(folder), ["new-scenario.md"]);
});

test("--fix does not write through a symbolic link, and says so; the file it points to is unchanged", () => {
  const folder = scratch();
  const outside = join(folder, "outside");
  mkdirSync(outside);
  mkdirSync(join(folder, "repo", "scenarios"), { recursive: true });
  const text = readFileSync(join(ROOT, "test/fixtures/missing-section/invalid-middle-missing.md"), "utf8");
  writeFileSync(join(outside, "target.md"), text);
  symlinkSync(join(outside, "target.md"), join(folder, "repo", "scenarios", "linked.md"));
  const run = runCli(["--fix", "scenarios/linked.md"], join(folder, "repo"));
  assert.match(run.stderr, /scenarios\/linked\.md is a symbolic link; it was not fixed/);
  assert.equal(readFileSync(join(outside, "target.md"), "utf8"), text);
  assert.ok(fs.lstatSync(join(folder, "repo", "scenarios", "linked.md")).isSymbolicLink());
  assert.ok(!existsSync(join(folder, "repo", "scenarios", ".linked.md.tmp")));
});
