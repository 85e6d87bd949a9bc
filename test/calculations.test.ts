/**
 * The arithmetic recogniser and checker: cases as data, then two properties over the library,
 * that it reads at least 200 calculations and that every calculation it accepts is really
 * checked (making its written result three times larger makes it report).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { findCalculations } from "../server/src/core/prose/calculations";
import { proseRuns } from "../server/src/core/prose/proseRuns";

const OPTIONS = { tolerance: 0.1 };

/** [text, verdicts of the calculations found in order, a fragment of the first report's message]. */
const CASES: Array<[string, string[], string?]> = [
  // Right, in the shapes the library writes.
  ["2,000,000 / 600 s = 3,333 requests/s", ["ok"]],
  ["400 writes/s x 86,400 s x 200 B is about 7 GB per day", ["ok"]],
  ["3 x 3 s + 0.75 s = 9.75 s", ["ok"]],
  ["48 x 32 = 1,536 threads", ["ok"]],
  ["5 M views / 600 s = 8,333/s", ["ok"]],
  ["15 x (2^8 - 1) = 3,825 s", ["ok"]],
  ["1,157 x 900 s = 1.04 M orders", ["ok"]],
  ["8 M DAU × 40 requests/day = 320 M/day", ["ok"]],
  ["(10 + 20 + 40 + 80 = 150 < 168)", ["ok", "ok"]],
  ["20 s drain + 1 + 15 s grace = 36 s", ["ok"]],
  ["10 ms commit + 50 ms build + 150 ms write + 100 ms edge ≈ 0.3 s", ["ok"]],
  ["3 x 307² x 2 = 565,000", ["ok"]],
  ["622 GB/day x 2 x USD 0.02 x 30 = USD 746", ["ok"]],
  ["9.26/s x 25% = 2.3/s", ["ok"]],
  ["23.7% of 4,450 = 1,055 tx/s", ["ok"]],
  ["1,000 x 1 KB = 1 MB/s", ["ok"]],
  ["3.55 M/h x 720 h = 2.6 B events", ["ok"]],
  ["4.0 B x 30.4 = 122 B events", ["ok"]],
  ["32 nodes x $0.80/h = $18,700/month", ["ok"]],
  ["3,333 / 100 = 34 partitions", ["ok"]],
  ["⌈26,100 / 3,000⌉ = 9 nodes", ["ok"]],
  ["ln(0.75 / 0.49) / ln(1.4) = 1.3 years", ["ok"]],
  ["√(0.09 / 5,000) = 0.42 pp", ["ok"]],
  ["56 MB/s = 448 Mbit/s", ["ok"]],
  ["12 pods x 50 per 100 ms = 6,000/s", ["ok"]],
  ["192 M × $0.75 per million = $144", ["ok"]],
  ["850 × 1.2 s = 1,020 in flight, ÷ 32 busy threads = 32 pods, × 1.3 headroom = 41", ["ok", "ok", "ok"]],
  ["1,000,000 key TATs + 40,000 x 6 tenant keys = 1.24 M x 104 B = 129 MB", ["ok", "ok"]],
  ["200,000 x 60 s / 19 = 7.3 + 0.1 = 7.4 days", ["ok", "ok"]],
  ["5 x 853,000 x 23.7% = 1.01 M", ["ok"]],
  // Wrong: the issue's own examples and the shapes a review finds.
  ["8 s timeout, 3 tries: 3 x 8 s = 20 s", ["wrong"], "3 x 8 s = 24 s, not 20 s"],
  ["3 x 3 s + 1.9 s = 10 s", ["wrong"], "= 10.9 s, not 10 s"],
  ["400 x 86,400 x 200 B = 7 TB", ["wrong"], "= 6.91 GB, not 7 TB"],
  ["48 x 32 = 1,563 threads", ["wrong"], "48 x 32 = 1,536 threads, not 1,563 threads"],
  ["2,000,000 / 600 s is about 4,000 requests/s", ["wrong"], "3,333 requests/s, not 4,000 requests/s (20 % off; \"about\" allows 10 %)"],
  // Results ending in zeros are rounded only to a step of at most 2 % of the value.
  ["2,000,000 / 600 s = 3,300 requests/s", ["wrong"], "= 3,333 requests/s, not 3,300"],
  ["2,000,000 / 600 s = 3,000 requests/s", ["wrong"], "= 3,333 requests/s, not 3,000"],
  ["1,157 x 5 = 5,800 orders", ["ok"]],
  // Relations in words.
  ["2,000,000 orders a day x 2 KB, which is about 5.2 GB a day", ["wrong"], "= 4.0 GB a day, not 5.2 GB a day (30 % off"],
  ["2,000,000 x 2 KB, or about 4.1 GB", ["ok"]],
  ["2,000,000 x 2 KB comes to about 5.2 GB", ["wrong"], "= 4.0 GB, not 5.2 GB"],
  ["3 x 8 s gives 20 s", ["wrong"], "= 24 s, not 20 s"],
  ["3 x 8 s -> 24 s", ["ok"]],
  ["retries, or 3 x 8 s", []],
  ["10 + 20 + 40 + 80 = 150 < 140", ["ok", "wrong"], "150 is not less than 140"],
  ["400 writes/s x 200 KB = 80 ms", ["units"], "in B/s, but 80 ms is in s"],
  ["1,157 x 900 s = 10.4 M orders", ["wrong"], "= 1.04 M orders, not 10.4 M orders"],
  // Not calculations, or not readable with certainty: nothing is reported.
  ["extended every TTL/3 = 5 s", []],
  ["2 + rand x d/2 = 5", []],
  ["version 1.9.0 = 2 x 3", []],
  ["2033-01-01 = 3", []],
  ["p99 = 200 ms", []],
  ["2,100 req/s = 336,000 seats", []],
  ["7 days × 8,646 kills × 250 B = 15 MB", ["skipped"]],
  ["96 x c6i.xlarge $0.17 x 730 = 11,914", []],
  // "nano" alone: nanodollars or nanocents? (found by the fuzz test in a code comment made prose)
  ["1,000,000 x 40,000 nano = 40 cents", []],
  ["3,825 s, plus 16 delays x 3,600 = 57,600 s, plus 25 x 900 s = 83,925 s", ["ok", "skipped"]],
  ["5,120 offset updates (64 partitions x 10 polls/s x 8 shards) = 57,700 rows/s", []],
];

for (const [text, verdicts, fragment] of CASES) {
  test(`calculations: ${text}`, () => {
    const found = findCalculations(text, OPTIONS);
    assert.deepEqual(found.map((calculation) => calculation.verdict), verdicts, JSON.stringify(found, null, 1));
    if (fragment) assert.ok(found.find((calculation) => calculation.message)?.message?.includes(fragment), found.map((calculation) => calculation.message).join(" | "));
  });
}

test("a wrong result offers the computed value, in the written unit, as its replacement", () => {
  const text = "400 x 86,400 x 200 B = 7 TB per day, so";
  const [found] = findCalculations(text, OPTIONS);
  assert.equal(found?.verdict, "wrong");
  assert.equal(text.slice(found!.replacement!.start, found!.replacement!.end), "7 TB per day");
  assert.equal(found!.replacement!.text, "6.91 GB per day");
});

const ROOT = join(__dirname, "..");
const LIBRARY = readdirSync(join(ROOT, "scenarios"))
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => ({ name, text: readFileSync(join(ROOT, "scenarios", name), "utf8") }));

function libraryRuns(): Array<{ name: string; run: string }> {
  return LIBRARY.flatMap(({ name, text }) => proseRuns(parseMarkdown(text).children, text).map((run) => ({ name, run: run.text })));
}

test("the library: at least 200 calculations are read and checked, and none is wrong", () => {
  const verdicts = libraryRuns().flatMap(({ name, run }) => findCalculations(run, OPTIONS).map((calculation) => ({ name, calculation, run })));
  const checked = verdicts.filter(({ calculation }) => calculation.verdict === "ok");
  assert.ok(checked.length >= 200, `only ${checked.length} calculations checked`);
  const wrong = verdicts.filter(({ calculation }) => calculation.verdict === "wrong" || calculation.verdict === "units");
  assert.deepEqual(wrong.map(({ name, calculation }) => `${name}: ${calculation.message}`), []);
});

test("the library: every accepted calculation is really checked (its result times seven is reported)", () => {
  let mutated = 0;
  for (const { name, run } of libraryRuns()) {
    for (const calculation of findCalculations(run, OPTIONS)) {
      if (calculation.verdict !== "ok" || !calculation.result || (calculation.relation !== "=" && calculation.relation !== "≈")) continue;
      const written = run.slice(calculation.result.start, calculation.result.end);
      const number = /^[\d,]+(?:\.\d+)?/.exec(written)![0];
      const sevenfold = (Number(number.replace(/,/g, "")) * 7).toLocaleString("en-US", { maximumFractionDigits: 6 });
      const changed = run.slice(0, calculation.result.start) + sevenfold + run.slice(calculation.result.start + number.length);
      const after = findCalculations(changed, OPTIONS).find((candidate) => candidate.start === calculation.start);
      assert.ok(after && after.verdict !== "ok", `${name}: "${run.slice(calculation.start, calculation.end)}" still passes with ${sevenfold}`);
      mutated++;
    }
  }
  assert.ok(mutated >= 150, `only ${mutated} calculations mutated`);
});
