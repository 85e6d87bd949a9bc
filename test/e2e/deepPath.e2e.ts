// A checkout in a deep folder must not break the browser: Chromium keeps a unix socket in its
// profile, and a socket path may not exceed 108 bytes ("Socket path too long"). The run's
// scratch folder, where the browser's temporary profile lives, is under the system temporary
// folder however deep the checkout is; launching the browser from a 150-character folder works.
import * as assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { env } from "./helpers/env";
import { launchBrowser } from "./helpers/workbench";

test("the scratch folder does not grow with the checkout's path, and the browser starts from a 150-character folder", async () => {
  assert.ok(!env.scratch.startsWith(env.repoRoot), `the scratch folder ${env.scratch} is inside the checkout`);
  // Room for Chromium's own names below TMPDIR (".org.chromium.Chromium.XXXXXX/SingletonSocket").
  assert.ok((process.env["TMPDIR"] ?? "").length < 60, `TMPDIR is ${process.env["TMPDIR"]?.length} characters long`);
  let deep = path.join(env.scratch, "deep");
  while (deep.length < 150) deep = path.join(deep, "a-folder-of-a-deep-checkout");
  mkdirSync(deep, { recursive: true });
  const previous = process.cwd();
  process.chdir(deep);
  try {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    await page.setContent("<p>ok</p>");
    assert.equal(await page.locator("p").innerText(), "ok");
    await browser.close();
  } finally {
    process.chdir(previous);
  }
});
