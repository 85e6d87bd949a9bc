/**
 * `npm run bench`: times, side by side in one run, remark-parse alone, this project's full lint,
 * and markdownlint (all rules plus MD043 required-headings) on the same inputs: one large
 * 17-section scenario (~4,000 lines) and a corpus of 200 normal-sized scenarios. Reports medians
 * and ratios; it asserts nothing about speed (these machines are noisy).
 */
import { performance } from "node:perf_hooks";
import { lint as markdownlint } from "markdownlint/sync";
import { lint } from "../server/src/core/lint";
import { CodeParserHost } from "../server/src/node/codeParsers";
import { parseMarkdown } from "../server/src/core/engine/parse";
import { TEMPLATE, TITLE_SECTION_NUMBER } from "../server/src/core/template/template";
import { generateScenario } from "./corpus";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function measure(work: () => void): number {
  work(); // warm-up: JIT and lazy initialisation are not what is measured
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const requiredHeadings = ["# *", ...TEMPLATE.filter((section) => section.number !== TITLE_SECTION_NUMBER).map((section) => `## ${section.number}. ${section.title}`), "*"];
const markdownlintConfig = { default: true, MD043: { headings: requiredHeadings }, MD013: false };

const large = generateScenario(4000, 7);
const corpus = Array.from({ length: 200 }, (_, index) => generateScenario(250 + (index % 5) * 60, 100 + index));

const inputs: Array<{ name: string; documents: string[] }> = [
  { name: `1 scenario, ${large.split("\n").length} lines`, documents: [large] },
  { name: `200 scenarios, ${corpus.reduce((sum, text) => sum + text.split("\n").length, 0)} lines`, documents: corpus },
];

async function main(): Promise<void> {
  // The full lint includes the Ruby and SQL parsers, loaded once as in the server.
  const parsers = await new CodeParserHost().parsersFor(large);

  // A sanity check that the inputs are real scenarios: the full lint finds no problem at all.
  const sample = lint({ path: "bench.md", text: large }, undefined, { parsers });
  if (sample.length) throw new Error(`benchmark scenario is not clean: ${JSON.stringify(sample[0])}`);

  console.log(`Median of ${RUNS} runs (ms), Node ${process.version}`);
  console.log(["input".padEnd(34), "remark-parse".padStart(13), "scenario-lint".padStart(14), "markdownlint".padStart(13), "lint/parse".padStart(11), "lint/mdlint".padStart(12)].join(" "));
  for (const { name, documents } of inputs) {
    const parse = measure(() => documents.forEach((text) => parseMarkdown(text)));
    // The large scenario's 191 code blocks fit the parser cache, so its runs measure a re-lint with
    // unchanged code (typing in prose). The corpus's 6,760 blocks exceed the cache (2,000 blocks),
    // so every run re-parses them: that row is a cold lint of a whole library.
    const full = measure(() => documents.forEach((text, index) => lint({ path: `scenario-${index}.md`, text }, undefined, { parsers })));
    const reference = measure(() => {
      const strings: Record<string, string> = {};
      documents.forEach((text, index) => (strings[`scenario-${index}.md`] = text));
      markdownlint({ strings, config: markdownlintConfig });
    });
    console.log(
      [
        name.padEnd(34),
        parse.toFixed(1).padStart(13),
        full.toFixed(1).padStart(14),
        reference.toFixed(1).padStart(13),
        `${(full / parse).toFixed(2)}x`.padStart(11),
        `${(full / reference).toFixed(2)}x`.padStart(12),
      ].join(" "),
    );
  }
}

void main();
