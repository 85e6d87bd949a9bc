import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import yauzl from "yauzl";
import { RULES } from "../server/src/core/rules";
import { ROOT } from "./helpers/cli";

/** Reads every entry of a zip file into memory (a .vsix is a zip). */
function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

test("npm run package builds a .vsix contributing the command, the snippets and the settings", async () => {
  const run = spawnSync("npm", ["run", "-s", "package"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const entries = await readZip(join(ROOT, "dist/scenario-lint.vsix"));
  const manifest = JSON.parse(entries.get("extension/package.json")!.toString("utf8"));

  assert.ok(manifest.contributes.commands.some((command: { command: string; title: string; category: string }) => command.command === "scenarioLint.newScenario" && `${command.category}: ${command.title}` === "Scenario: New Scenario"));
  const snippetPath = manifest.contributes.snippets[0].path.replace(/^\.\//, "");
  const snippets = JSON.parse(entries.get(`extension/${snippetPath}`)!.toString("utf8"));
  assert.deepEqual(Object.keys(snippets), ["Scenario: whole skeleton"], "the skeleton only; sections come from the server");
  assert.ok(manifest.contributes.configuration.properties["scenarioLint.scenarioFolders"]);
  assert.ok(manifest.contributes.configuration.properties["scenarioLint.enable"]);

  for (const file of ["dist/client.js", "dist/server.js", "schemas/scenariolintrc.schema.json", ...RULES.map((rule) => `docs/rules/${rule.meta.id}.md`)]) {
    assert.ok(entries.has(`extension/${file}`), `${file} missing from the .vsix`);
  }
  assert.ok(![...entries.keys()].some((name) => name.includes("node_modules/") || name.endsWith(".ts")), "the .vsix must ship bundles only");
});
