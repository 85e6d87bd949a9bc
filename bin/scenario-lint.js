#!/usr/bin/env node
"use strict";
// The CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`).
//
// Two start-up costs are cut here, before the bundle loads:
// - The code parsers are WebAssembly modules. V8 compiles them twice: a quick baseline
//   (Liftoff) and, in the background, optimised code (TurboFan) that a run of a few seconds
//   never profits from but waits for at exit. Baseline only costs about a quarter of a
//   one-file run less.
// - The bundle is compiled from a V8 code cache (dist/cli.js.cache, written by the build)
//   when V8 accepts it; V8 rejects a cache made by another Node version or for other source,
//   and the bundle is then compiled as usual.
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { createRequire } = require("node:module");
const vm = require("node:vm");

require("node:v8").setFlagsFromString("--liftoff-only");

const bundle = join(__dirname, "..", "dist", "cli.js");
if (!existsSync(bundle)) {
  process.stderr.write("scenario-lint: dist/cli.js is missing; run `npm run build` first.\n");
  process.exit(2);
}
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, "utf8")}\n})`, { filename: bundle, cachedData });
// The build writes the cache after a real run, so it holds the functions a run compiles too.
const writeCacheTo = process.env.SCENARIO_LINT_WRITE_CODE_CACHE;
if (writeCacheTo) process.on("exit", () => writeFileSync(writeCacheTo, script.createCachedData()));
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, dirname(bundle));
