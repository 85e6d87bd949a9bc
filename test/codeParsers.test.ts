import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { visit } from "unist-util-visit";
import { lint } from "../server/src/core/lint";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { splitSqlStatements } from "../server/src/core/code/sqlStatements";
import { CodeParserHost, loadPgQuery, loadPgQueryRuntime, loadPrism, pgQueryError, type ParseFunction } from "../server/src/node/codeParsers";
import { ROOT } from "./helpers/cli";

const WITH_CODE = readFileSync(join(ROOT, "test/fixtures/sql-syntax/valid-postgres-15.md"), "utf8");
const WITHOUT_CODE = "# Notes\n\n## 2. Problem Statement\n\nProse only.\n";

test("parsers load lazily: a document without code loads none; code loads each once", async () => {
  const loads = { ruby: 0, sql: 0 };
  const host = new CodeParserHost({
    ruby: async () => (loads.ruby++, loadPrism()),
    sql: async () => (loads.sql++, loadPgQuery()),
  });
  assert.deepEqual(await host.parsersFor(WITHOUT_CODE), {});
  assert.deepEqual(loads, { ruby: 0, sql: 0 });
  await Promise.all([host.parsersFor(WITH_CODE), host.parsersFor(WITH_CODE)]);
  assert.deepEqual(loads, { ruby: 1, sql: 1 });
  assert.equal(host.parsers.ruby?.status, "ready");
  assert.equal(host.parsers.sql?.status, "ready");
});

test("a document whose prose changed but whose code did not is not re-parsed", async () => {
  const host = new CodeParserHost();
  const parsers = await host.parsersFor(WITH_CODE);
  lint({ path: "a.md", text: WITH_CODE }, undefined, { parsers });
  const afterFirst = { ...host.parseCounts };
  assert.ok(afterFirst.sql >= 2 && afterFirst.ruby >= 1, JSON.stringify(afterFirst));
  const proseEdited = WITH_CODE.replace("Two buyers racing", "Two shoppers racing");
  assert.notEqual(proseEdited, WITH_CODE);
  lint({ path: "a.md", text: proseEdited }, undefined, { parsers });
  assert.deepEqual(host.parseCounts, afterFirst);
  const codeEdited = WITH_CODE.replace("SKIP LOCKED;", "SKIP LOCKED");
  lint({ path: "a.md", text: codeEdited }, undefined, { parsers });
  assert.equal(host.parseCounts.sql, afterFirst.sql + 1, "only the edited block is parsed again");
});

test("a WebAssembly module that fails to load becomes one clear message per document, not a crash", async () => {
  const host = new CodeParserHost({ ruby: () => loadPrism("/nonexistent/prism.wasm"), sql: () => loadPgQuery() });
  const text = readFileSync(join(ROOT, "test/fixtures/ruby-syntax/invalid-unclosed-do-in-list-and-quote.md"), "utf8");
  const messages = lint({ path: "a.md", text }, undefined, { parsers: await host.parsersFor(text) });
  const ruby = messages.filter((message) => message.ruleId === "ruby-syntax");
  assert.equal(ruby.length, 1);
  assert.match(ruby[0]!.message, /Ruby syntax checking is unavailable.*Prism \(Ruby\) WebAssembly module could not be loaded \(ENOENT/);
  // It points at the document's first ruby block.
  assert.equal(text.split("\n")[ruby[0]!.line - 1]!.trim(), "```ruby illustrative");
});

test("a psql meta-command line ends a statement and is not parsed as SQL", () => {
  const sql = "SELECT format('SELECT %s', 1)\n\\gexec\nSELECT 2;\n";
  assert.deepEqual(splitSqlStatements(sql).map((statement) => statement.text.trim()), ["SELECT format('SELECT %s', 1)", "SELECT 2;"]);
});

test("SQL statements split at top-level semicolons only", () => {
  const sql = "SELECT ';' AS a; -- x; y\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n/* a; /* nested; */ b; */ SELECT \"we;ird\" FROM t;\n  ;  ";
  assert.deepEqual(
    splitSqlStatements(sql).map((statement) => statement.text.trim()),
    ["SELECT ';' AS a;", "-- x; y\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;", "/* a; /* nested; */ b; */ SELECT \"we;ird\" FROM t;"],
  );
});

/** Every fenced block of a language in the library and the fixtures, plus hand-made hard cases. */
function blocksOf(languages: readonly string[], extra: string[]): string[] {
  const blocks = new Set(extra);
  const folders = [join(ROOT, "scenarios"), ...readdirSync(join(ROOT, "test/fixtures")).map((folder) => join(ROOT, "test/fixtures", folder))];
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((file) => file.endsWith(".md"))) {
      visit(parseMarkdown(readFileSync(join(folder, name), "utf8")), "code", (node) => {
        if (languages.includes((node.lang ?? "").toLowerCase())) blocks.add(node.value);
      });
    }
  }
  return [...blocks];
}

/** The shortcut and the full check give the same errors on every block; returns how many were broken. */
function assertSameErrors(blocks: readonly string[], shortcut: ParseFunction, full: ParseFunction): number {
  let broken = 0;
  for (const code of blocks) {
    const expected = full(code);
    if (expected.length) broken++;
    assert.deepEqual(shortcut(code), expected, code.slice(0, 80));
  }
  return broken;
}

test("Prism's quick yes/no answer agrees with its full parse on every Ruby block of the library and on broken ones", async () => {
  const blocks = blocksOf(["ruby", "rb"], ["def x(", "x = [1, 2", "it + 1", "items.map { it * 2 }", "case x\nin {a:} then a\nend", "yield", "return 1", "def f(...) = g(...)", "é = 'ü'", "", "__END__\nnot ruby", "puts <<~X\n  heredoc\nX", "class Foo; def bar; end"]);
  const broken = assertSameErrors(blocks, await loadPrism(undefined, { quickCheck: true }), await loadPrism(undefined, { quickCheck: false }));
  assert.ok(blocks.length > 50 && broken >= 3, `${blocks.length} blocks, ${broken} broken`);
});

test("checking a SQL block whole first gives the statement-by-statement result on every SQL block of the library and on broken ones", async () => {
  const blocks = blocksOf(["sql", "postgresql", "pgsql"], ["SELECT 1; SELEC 2; SELECT 3", "CREATE TABLE t (id int);\n\\gexec\nSELECT 1;", "SELECT $$;$$;", "SELECT 'é' FROM", ""]);
  const broken = assertSameErrors(blocks, await loadPgQuery({ wholeBlockFirst: true }), await loadPgQuery({ wholeBlockFirst: false }));
  assert.ok(blocks.length > 40 && broken >= 2, `${blocks.length} blocks, ${broken} broken`);
});

test("asking PostgreSQL's parser only for its error gives parseSync's error and position on every SQL block and statement", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reference = require("libpg-query") as { loadModule(): Promise<void>; parseSync(sql: string): unknown };
  await reference.loadModule();
  const runtime = await loadPgQueryRuntime();
  const inputs = blocksOf(["sql", "postgresql", "pgsql"], ["SELEC 1", "SELECT 'é' FROM", "CREATE TABLE t (id int", "SELECT 1; SELECT (", "SELECT $$unterminated", "SELECT 1"]);
  const statements = inputs.flatMap((block) => splitSqlStatements(block).map((statement) => statement.text));
  let errors = 0;
  for (const sql of [...inputs, ...statements].filter((text) => text.trim() !== "")) {
    let expected: { message: string; cursorPosition: number } | undefined;
    try {
      reference.parseSync(sql);
    } catch (error) {
      const details = (error as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails!;
      expected = { message: details.message, cursorPosition: details.cursorPosition };
      errors++;
    }
    assert.deepEqual(pgQueryError(runtime, sql), expected, sql.slice(0, 80));
  }
  assert.ok(errors >= 5, `${errors} errors compared`);
});
