import { TEMPLATE, TITLE_SECTION_NUMBER } from "../server/src/core/template/template";

/** A deterministic pseudo-random source, so every run benchmarks the same documents. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = "replica partition ledger idempotency backoff lease fencing token quorum outbox saga shard cache stampede latency throughput region failover canary rollback".split(" ");

/**
 * Half the words are two-word terms ("lease-quorum"), so sentences share few words, as real
 * prose does: drawn from the twenty words alone, any three sentences would read as one claim
 * argued three times to the `repetition` rule, and the benchmark scenarios must lint clean.
 */
const TERMS = WORDS.flatMap((first) => WORDS.map((second) => `${first}-${second}`));

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => (random() < 0.5 ? WORDS[Math.floor(random() * WORDS.length)]! : TERMS[Math.floor(random() * TERMS.length)]!));
  return `${words.join(" ")} at ${Math.floor(random() * 90_000)} requests/s.`;
}

function block(random: () => number, kind: number): string {
  switch (kind % 4) {
    case 0:
      return ["| Tier | Replicas | CPU | p99 |", "|---|---|---|---|", ...Array.from({ length: 6 }, (_, row) => `| tier-${row} | ${row + 2} | ${Math.floor(random() * 90)}% | ${Math.floor(random() * 300)} ms |`)].join("\n");
    case 1:
      return ["```sql", ...Array.from({ length: 8 }, (_, row) => `CREATE TABLE t_${row}_${Math.floor(random() * 1e6)} (id bigint PRIMARY KEY, payload jsonb NOT NULL);`), "```"].join("\n");
    case 2:
      return ["```ruby illustrative", "def call(request)", ...Array.from({ length: 8 }, (_, row) => `  step_${row}(request) # ${sentence(random)}`), "end", "```"].join("\n");
    default:
      return Array.from({ length: 5 }, () => `- ${sentence(random)}`).join("\n");
  }
}

/** A complete 17-section scenario of roughly `targetLines` lines: prose, tables, code, lists. */
export function generateScenario(targetLines: number, seed = 1): string {
  const random = seededRandom(seed);
  const perSection = Math.max(6, Math.floor(targetLines / 16));
  const out: string[] = ["# Generated Benchmark Scenario", ""];
  for (const section of TEMPLATE) {
    if (section.number === TITLE_SECTION_NUMBER) continue;
    out.push(`## ${section.number}. ${section.title}`, "");
    let lines = 0;
    let kind = 0;
    // What section-content requires, so the benchmark lints a scenario that passes every rule.
    const required: Record<number, string[]> = {
      2: ["5 M users send 40,000 requests/s at peak and store 2 TB a year."],
      4: ["Availability 99.99%; p99 below 200 ms."],
      6: ["```text", "Users -> CDN -> API -> PostgreSQL", "```"],
      8: ["```sql", "CREATE TABLE orders (id bigint PRIMARY KEY);", "```"],
      10: ["```ruby illustrative", "# One transaction per order keeps the write path simple.", "def place(order) = orders.insert(order)", "```"],
      16: ["```ruby illustrative", "assert_equal 1, orders.count", "```"],
    };
    for (const chunk of [required[section.number] ?? []].filter((lines) => lines.length)) {
      out.push(...chunk, "");
      lines += chunk.length + 1;
    }
    while (lines < perSection) {
      const chunk = kind % 3 === 0 ? Array.from({ length: 3 }, () => sentence(random)).join(" ") : block(random, kind);
      out.push(chunk, "");
      lines += chunk.split("\n").length + 1;
      kind++;
      if (kind % 7 === 0) {
        out.push(`### Subsection ${kind}`, "");
        lines += 2;
      }
    }
  }
  return out.join("\n");
}
