import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { lint } from "../server/src/core/lint";
import { splitSqlStatements } from "../server/src/core/code/sqlStatements";
import { CodeParserHost, loadPgQuery, loadPrism } from "../server/src/node/codeParsers";
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
