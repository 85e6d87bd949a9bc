/**
 * ARCHITECTURE.md's invariants, as tests: each invariant the document states is checked here
 * (or, where named, in the test that owns it).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { test } from "node:test";
import { ROOT } from "./helpers/cli";

const SERVER_SRC = join(ROOT, "server/src");

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(directory, entry.name)) : entry.name.endsWith(".ts") ? [join(directory, entry.name)] : []));
}

/** Every module specifier a file names: static imports and re-exports, side-effect imports, require() and import(). */
export function specifiers(source: string): string[] {
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /^\s*import\s+["']([^"']+)["']/gm, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

test("specifiers() finds every form of import, so the checks below cannot be dodged", () => {
  const source = `import a from "one";\nimport "two";\nexport { b } from "three";\nconst c = require("four");\nconst d = await import("five");\nimport type { E } from "six";`;
  assert.deepEqual(specifiers(source).sort(), ["five", "four", "one", "six", "three", "two"]);
});

test("the core never does I/O: no vscode*, no node: or Node built-in modules, no console or process", () => {
  const files = walk(join(SERVER_SRC, "core"));
  assert.ok(files.length > 20);
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const specifier of specifiers(source)) {
      assert.ok(!/^vscode/.test(specifier), `${file} imports ${specifier}`);
      assert.ok(!/^(node:|fs$|fs\/|path$|child_process$|os$|worker_threads$|net$|http$|https$|url$)/.test(specifier), `${file} imports ${specifier}`);
    }
    assert.ok(!/\bconsole\.|\bprocess\.|\bglobalThis\.(process|require)/.test(source), `${file} uses console or process`);
  }
});

/** The core's folders from the bottom up; a folder may import only itself and the folders below it. */
const LAYERS = ["core/template", "core/engine", "core/code", "core/prose", "core/rules", "core/lint.ts", "core/features"];
/** Folders on the same level that must not import each other. */
const SIBLINGS: Record<string, string> = { "core/code": "core/prose", "core/prose": "core/code" };

function layerOf(path: string): number {
  const inside = relative(SERVER_SRC, path);
  return LAYERS.findIndex((layer) => inside === layer || inside.startsWith(`${layer}/`) || (layer.endsWith(".ts") && inside === layer.replace(/\.ts$/, "")));
}

test("the core's layers point down: template < engine < code, prose < rules < lint < features", () => {
  const violations: string[] = [];
  for (const file of walk(join(SERVER_SRC, "core"))) {
    const own = layerOf(file);
    assert.ok(own >= 0, `${relative(ROOT, file)} is in no layer of ARCHITECTURE.md`);
    for (const specifier of specifiers(readFileSync(file, "utf8")).filter((candidate) => candidate.startsWith("."))) {
      const target = normalize(join(dirname(file), specifier));
      const layer = layerOf(target.endsWith(".ts") ? target : `${target}.ts`);
      const targetLayer = layer >= 0 ? layer : layerOf(target);
      const inside = (path: string) => relative(SERVER_SRC, path);
      if (targetLayer > own) violations.push(`${inside(file)} imports ${inside(target)} (a higher layer)`);
      const sibling = SIBLINGS[LAYERS[own]!];
      if (sibling && inside(target).startsWith(sibling)) violations.push(`${inside(file)} imports its sibling ${inside(target)}`);
    }
  }
  assert.deepEqual(violations, []);
});

test("engine/types.ts, the shared vocabulary, imports no module that uses it", () => {
  const source = readFileSync(join(SERVER_SRC, "core/engine/types.ts"), "utf8");
  for (const specifier of specifiers(source)) assert.ok(["mdast", "../template/template", "../template/indexFile"].includes(specifier), `types.ts imports ${specifier}`);
});

test("only lsp/ and server.ts know LSP; the client imports no Markdown parser", () => {
  for (const file of walk(SERVER_SRC)) {
    const inside = relative(SERVER_SRC, file);
    if (inside === "server.ts" || inside.startsWith("lsp/")) continue;
    for (const specifier of specifiers(readFileSync(file, "utf8"))) assert.ok(!/^vscode-languageserver/.test(specifier), `${inside} imports ${specifier}`);
  }
  const client = readFileSync(join(ROOT, "dist/client.js"), "utf8");
  assert.doesNotMatch(client, /micromark|mdast-util-from-markdown/, "dist/client.js bundles the Markdown parser");
});

test("1-based positions become LSP's 0-based ones only in lsp/lspConvert.ts", () => {
  for (const file of walk(SERVER_SRC)) {
    const inside = relative(SERVER_SRC, file);
    if (inside === "lsp/lspConvert.ts" || inside.startsWith("core/")) continue;
    const source = readFileSync(file, "utf8");
    assert.doesNotMatch(source, /\b(line|character|column)\s*[-+]\s*1\b/, `${inside} converts positions itself`);
  }
});

test("no rule id is spelt in code outside rules/", () => {
  const ids = readdirSync(join(SERVER_SRC, "core/rules")).filter((name) => name.endsWith(".ts") && name !== "index.ts").map((name) => name.replace(/\.ts$/, ""));
  for (const file of walk(SERVER_SRC)) {
    if (file.startsWith(join(SERVER_SRC, "core/rules"))) continue;
    // Comments may name rules; code may not (an id in code is a switch on rules outside rules/).
    const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const id of ids) {
      assert.ok(!new RegExp(`["'\`]${id}["'\`]`).test(source), `${relative(ROOT, file)} spells the rule id '${id}'`);
    }
  }
});

test("the default scenario folder is defined once, in shared/settings.ts, and package.json declares the same", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const settings = readFileSync(join(SERVER_SRC, "shared/settings.ts"), "utf8");
  const folder = /DEFAULT_SCENARIO_FOLDER = "([^"]+)"/.exec(settings)?.[1];
  assert.ok(folder);
  assert.deepEqual(manifest.contributes.configuration.properties["scenarioLint.scenarioFolders"].default, [folder]);
  assert.equal(manifest.contributes.configuration.properties["scenarioLint.newScenarioFolder"].default, folder);
  for (const file of [...walk(SERVER_SRC), ...walk(join(ROOT, "client/src"))]) {
    if (file.endsWith("shared/settings.ts")) continue;
    assert.doesNotMatch(readFileSync(file, "utf8"), new RegExp(`["']${folder}["']`), `${relative(ROOT, file)} spells the default folder`);
  }
});

test("workspace trust: nothing in the extension or the language server can run what a workspace contains", () => {
  // The configuration is JSON and the code blocks are parsed in WebAssembly, never run; running
  // them is `npm run examples`, an explicit command outside the editor. So no process is started
  // and no text is evaluated by the client, the server or the code they share.
  const files = [...walk(join(ROOT, "client/src")), ...walk(SERVER_SRC).filter((file) => !file.includes(`${join("server", "src", "cli")}`) && !file.endsWith(join("server", "src", "cli.ts")))];
  assert.ok(files.length > 30);
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const specifier of specifiers(source)) assert.ok(!/^(node:)?(child_process|vm)$/.test(specifier), `${relative(ROOT, file)} imports ${specifier}`);
    assert.ok(!/\beval\s*\(|\bnew Function\s*\(/.test(source), `${relative(ROOT, file)} evaluates text`);
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { capabilities: { untrustedWorkspaces: { supported: boolean } } };
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
});
