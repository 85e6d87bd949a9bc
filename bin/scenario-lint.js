#!/usr/bin/env node
"use strict";
// The CLI is bundled into dist/cli.js by `npm run build` (run automatically by `npm ci`).
try {
  require("../dist/cli.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes("dist/cli.js")) {
    process.stderr.write("scenario-lint: dist/cli.js is missing; run `npm run build` first.\n");
    process.exit(2);
  }
  throw error;
}
