import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import yauzl from "yauzl";
import { RULES } from "../server/src/core/rules";
import { buildSnippets } from "../server/src/core/features/snippets";
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
  assert.deepEqual(Object.keys(snippets), Object.keys(buildSnippets()), "the packaged snippets are the generated ones");
  assert.ok(!Object.keys(snippets).some((name) => /skeleton/i.test(name)), "the skeleton is a server completion, never a static snippet");
  assert.ok(manifest.contributes.configuration.properties["scenarioLint.scenarioFolders"]);
  assert.ok(manifest.contributes.configuration.properties["scenarioLint.enable"]);

  for (const file of ["dist/client.js", "dist/server.js", "schemas/scenariolintrc.schema.json", ...RULES.map((rule) => `docs/rules/${rule.meta.id}.md`)]) {
    assert.ok(entries.has(`extension/${file}`), `${file} missing from the .vsix`);
  }
  assert.ok(![...entries.keys()].some((name) => name.includes("node_modules/") || name.endsWith(".ts")), "the .vsix must ship bundles only");
});

test("the .vsix meets the marketplace listing's conventions: icon, changelog, user README, repository, capabilities, settings, commands", async () => {
  const entries = await readZip(join(ROOT, "dist/scenario-lint.vsix"));
  const manifest = JSON.parse(entries.get("extension/package.json")!.toString("utf8"));
  for (const key of ["displayName", "description", "publisher", "license", "icon", "categories", "keywords"]) assert.ok(manifest[key], `no ${key}`);
  assert.match(manifest.repository?.url ?? "", /^https:\/\//);
  // The icon is a 128x128 PNG (width and height are bytes 16-23 of the IHDR chunk).
  const icon = entries.get(`extension/${manifest.icon}`);
  assert.ok(icon, "the icon is not in the package");
  assert.equal(icon.subarray(1, 4).toString("ascii"), "PNG");
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  assert.ok(entries.has("extension/changelog.md"), "no CHANGELOG in the package");
  // The details page is the users' README, not the repository's (which starts with npm ci).
  const readme = entries.get("extension/readme.md")!.toString("utf8");
  assert.ok(readme.startsWith("# Scenario Lint\n"), readme.slice(0, 80));
  assert.doesNotMatch(readme, /npm ci|npm test/);
  for (const image of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(entries.has(`extension/${image[1]}`), `the README shows ${image[1]}, which is not in the package`);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  assert.ok(manifest.activationEvents.includes("workspaceContains:scenarios/*.md"));
  for (const [name, setting] of Object.entries(manifest.contributes.configuration.properties as Record<string, { markdownDescription?: string; scope?: string }>)) {
    assert.ok(setting.markdownDescription, `${name} has no markdownDescription`);
    assert.ok(setting.scope, `${name} has no scope`);
  }
  for (const command of manifest.contributes.commands as Array<{ command: string; category?: string }>) assert.equal(command.category, "Scenario", `${command.command} has no category`);
  for (const walkthrough of manifest.contributes.walkthroughs as Array<{ steps: Array<{ media: { markdown?: string } }> }>) {
    for (const step of walkthrough.steps) assert.ok(!step.media.markdown || entries.has(`extension/${step.media.markdown}`), `${step.media.markdown} is not in the package`);
  }
  // The engine's types for VS Code must match what the manifest promises to support.
  const types = JSON.parse(readFileSync(join(ROOT, "node_modules/@types/vscode/package.json"), "utf8")) as { version: string };
  assert.equal(manifest.engines.vscode, `^${types.version.split(".").slice(0, 2).join(".")}.0`);
});

test("a fresh npm ci prints no warnings: every dependency install script is approved or denied in allowScripts", () => {
  const run = spawnSync("npm", ["install-scripts", "ls"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /not yet covered/);
});

test("npm pack gives a tarball that installs a working scenario-lint in an empty folder", () => {
  const scratch = mkdtempSync(join(tmpdir(), "scenario-pack-"));
  try {
    const pack = spawnSync("npm", ["pack", "--silent", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8" });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = join(scratch, pack.stdout.trim().split("\n").pop()!);
    const project = join(scratch, "project");
    mkdirSync(join(project, "scenarios"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "adopter", version: "1.0.0", private: true }));
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: project, encoding: "utf8" });
    assert.equal(install.status, 0, install.stderr);
    writeFileSync(join(project, "scenarios", "seat-booking.md"), readFileSync(join(ROOT, "test/fixtures/missing-section/invalid-middle-missing.md")));
    const run = spawnSync("npx", ["--no-install", "scenario-lint", "--format", "json"], { cwd: project, encoding: "utf8" });
    assert.equal(run.status, 1, run.stderr);
    const [report] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    assert.deepEqual(report!.messages.map((message) => message.ruleId), ["missing-section", "missing-section", "missing-section"]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
