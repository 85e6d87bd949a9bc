/**
 * The 17-section scenario template, defined once, as data.
 *
 * Everything else that knows about sections reads this module: the structural rules, the
 * scaffold written by "Scenario: New Scenario", the snippets in `snippets/`, hovers and the
 * rule documentation. Nothing else in the code base may spell out the section list.
 *
 * The sections and what they must contain come from the structure in the project's seed
 * (`000_02fd604468bdca62.txt`): section 1 is the scenario's own title, sections 2-17 follow it.
 */

export interface TemplateSection {
  /** The number the seed gives the section (1-17). */
  readonly number: number;
  /** The canonical heading text, without the number prefix. */
  readonly title: string;
  /** Other heading texts accepted for this section (matched the same normalised way as the title). */
  readonly aliases: readonly string[];
  /** What the section must contain, in a sentence or two; shown in hovers, docs and snippets. */
  readonly requirement: string;
  /**
   * The body the scaffold writes under the heading. Every line a writer must replace starts
   * with the placeholder marker, so the `placeholder` rule finds what was left unfilled.
   */
  readonly scaffold: string;
  /** What the `section-content` rule checks inside the section; one entry per requirement. */
  readonly contentRequirements: readonly ContentRequirement[];
}

/**
 * One thing a section must contain, checked by the `section-content` rule. The key users
 * put in configuration to skip it is "<section number>.<id>", e.g. "2.scale-users".
 */
export interface ContentRequirement {
  readonly id: string;
  /** What is required, completing "Section N 'Title' does not ...". */
  readonly missing: string;
  /** An example of what satisfies it, shown in the message. */
  readonly example: string;
  readonly check:
    | { readonly kind: "text"; readonly pattern: RegExp }
    | { readonly kind: "code"; readonly languages: readonly string[]; readonly pattern: RegExp }
    | { readonly kind: "prose" };
}

/** Who a system's users are, for the "how many users" requirement. */
const PEOPLE = String.raw`(?:users|customers|shoppers|buyers|sellers|merchants|tenants|clients|fans|accounts|members|riders|drivers|players|viewers|visitors|readers|devices|subscribers|teams|services|dau|mau)\b`;

const NUMBER = String.raw`\d[\d,.]*\s*(?:k|m|b|bn|million|billion|thousand)?`;

/** Marks scaffold text that the author has to replace; the `placeholder` rule looks for it. */
export const PLACEHOLDER_MARKER = "TODO:";

/** Section 1 is the scenario's own title; it is written as the document's H1, not as "1. Title". */
export const TITLE_SECTION_NUMBER = 1;

/** The section that must hold the ASCII architecture diagram. */
export const DIAGRAM_SECTION_NUMBER = 6;

const todo = (text: string): string => `${PLACEHOLDER_MARKER} ${text}`;

export const TEMPLATE: readonly TemplateSection[] = [
  {
    number: 1,
    title: "Title",
    aliases: [],
    requirement: "A clear system design problem title, written as the document's only H1.",
    scaffold: "",
    contentRequirements: [],
  },
  {
    number: 2,
    title: "Problem Statement",
    aliases: ["Problem", "Problem Definition"],
    requirement:
      "Real-world context, scale numbers (QPS, users, data size) with the arithmetic shown, business constraints, failure expectations, edge cases and regulatory constraints.",
    scaffold: [
      todo("Real-world context: who uses the system and why it is hard now."),
      "",
      todo("Scale: users, average and peak QPS (state the peak factor), data size and growth, with the arithmetic."),
      "",
      todo("Business constraints, failure expectations, edge cases, regulatory constraints."),
    ].join("\n"),
    contentRequirements: [
      {
        id: "scale-throughput",
        missing: "state throughput as a number with a rate unit",
        example: "'20,000 QPS at peak' or '1,500 requests/s'",
        check: { kind: "text", pattern: new RegExp(`${NUMBER}\\s*(?:qps|rps|tps|(?:[a-z][a-z-]*\\s*)?(?:/\\s*s(?:ec|econd)?|per\\s+sec(?:ond)?)\\b)`, "i") },
      },
      {
        id: "scale-users",
        missing: "state how many users there are",
        example: "'5 M daily active users' or '40,000 merchants'",
        check: { kind: "text", pattern: new RegExp(`${NUMBER}\\s+(?:[a-z-]+\\s+){0,2}${PEOPLE}|${PEOPLE}[^.\\n]{0,40}?\\d`, "i") },
      },
      {
        id: "scale-data-size",
        missing: "state a data size with a unit",
        example: "'2 TB of orders a year' or '1 KB per event'",
        check: { kind: "text", pattern: /\d[\d,.]*\s*(?:bytes|[kmgtpe]i?b)\b/i },
      },
    ],
  },
  {
    number: 3,
    title: "Functional Requirements",
    aliases: ["Functional Requirement"],
    requirement: "A bullet list of every required feature.",
    scaffold: ["- " + todo("First required feature."), "- " + todo("Second required feature.")].join("\n"),
    contentRequirements: [],
  },
  {
    number: 4,
    title: "Non-Functional Requirements",
    aliases: ["Non Functional Requirements", "NFRs"],
    requirement:
      "Availability target as a percentage, latency targets, throughput, consistency model, durability, security and cost.",
    scaffold: [
      "- Availability: " + todo("target as a percentage and the downtime budget it implies."),
      "- Latency: " + todo("p50 / p99 targets in ms."),
      "- Throughput, consistency, durability, security, cost: " + todo("one line each."),
    ].join("\n"),
    contentRequirements: [
      {
        id: "availability-target",
        missing: "give an availability target as a percentage",
        example: "'99.99% availability (4.3 minutes of downtime a month)'",
        check: { kind: "text", pattern: /\b\d{2}(?:\.\d+)?\s*%/ },
      },
      {
        id: "latency-target",
        missing: "give latency targets in milliseconds or seconds",
        example: "'p99 below 250 ms'",
        check: { kind: "text", pattern: /\b\d[\d,.]*\s*(?:ms|milliseconds|µs|us)\b|\bp(?:50|90|95|99|999)\b[^.\n]*\b\d[\d,.]*\s*(?:s|seconds)\b/i },
      },
    ],
  },
  {
    number: 5,
    title: "Core Engineering Challenges",
    aliases: ["Engineering Challenges", "Challenges"],
    requirement:
      "What makes the problem hard: concurrency, race conditions, locking, cache stampede, idempotency, ordering, cross-region replication, CAP, partial failures, thundering herd.",
    scaffold: todo("Each challenge with the concrete failure it causes in this system."),
    contentRequirements: [],
  },
  {
    number: 6,
    title: "High-Level Architecture",
    aliases: ["High-Level Architecture (ASCII Diagram Required)", "Architecture", "System Architecture"],
    requirement:
      "An ASCII diagram in a fenced block showing the real components and data flow, then what each layer eliminates.",
    scaffold: [
      "```text",
      todo("ASCII diagram: clients -> edge -> services -> stores."),
      "```",
      "",
      todo("Explain each layer and the problem it eliminates."),
    ].join("\n"),
    contentRequirements: [
      {
        id: "layer-explanation",
        missing: "explain the layers of the diagram in prose",
        example: "a paragraph or list saying what each layer eliminates",
        check: { kind: "prose" },
      },
    ],
  },
  {
    number: 7,
    title: "Step-by-Step Request Flow",
    aliases: ["Request Flow", "Request Lifecycle"],
    requirement:
      "The request lifecycle step by step, with failure handling, retries, timeouts and backpressure at each step, and behaviour under partial failure.",
    scaffold: [
      "1. " + todo("First step of the request, its timeout and what happens when it fails."),
      "",
      "| Step | Failure | Detection | Timeout | Retry | Compensation | User sees |",
      "|---|---|---|---|---|---|---|",
      "| 1 | " + todo("fill in") + " | | | | | |",
    ].join("\n"),
    contentRequirements: [],
  },
  {
    number: 8,
    title: "Data Model Design",
    aliases: ["Data Model", "Database Design", "Schema Design"],
    requirement:
      "PostgreSQL schema (tables, keys, constraints), indexing strategy with the query each index serves, partitioning or sharding, read and write paths, storage engine decisions.",
    scaffold: ["```sql", "-- " + todo("CREATE TABLE statements with keys, constraints and indexes."), "```"].join("\n"),
    contentRequirements: [
      {
        id: "sql-ddl",
        missing: "contain a ```sql block with a CREATE TABLE statement",
        example: "```sql CREATE TABLE orders (...)```",
        check: { kind: "code", languages: ["sql", "postgresql", "pgsql"], pattern: /\bcreate\s+(?:unlogged\s+)?table\b/i },
      },
    ],
  },
  {
    number: 9,
    title: "Concurrency & Consistency Strategy",
    aliases: ["Concurrency and Consistency", "Consistency Strategy", "Concurrency Strategy"],
    requirement:
      "Optimistic vs pessimistic vs distributed locking with why, idempotency keys, retries with capped jittered backoff, and the consistency model per data item.",
    scaffold: todo("Locking choice and why; idempotency keys; retry policy; consistency per data item."),
    contentRequirements: [],
  },
  {
    number: 10,
    title: "Ruby Implementation Examples",
    aliases: ["Ruby Implementation", "Implementation Examples", "Ruby Examples"],
    requirement:
      "Production-style Ruby for the core mechanisms (locking, circuit breaker, retries, saga, jobs, idempotent API, event publishing) with comments that explain the reasoning.",
    scaffold: ["```ruby illustrative", "# " + todo("Production-style Ruby for the core mechanism, commented with the reasoning."), "```"].join("\n"),
    contentRequirements: [
      {
        id: "ruby-with-comments",
        missing: "contain a ```ruby block with comments explaining the reasoning",
        example: "a ```ruby block whose comment lines say why the code does what it does",
        check: { kind: "code", languages: ["ruby", "rb"], pattern: /^\s*#(?!!)\s*\S/m },
      },
    ],
  },
  {
    number: 11,
    title: "Scaling Strategy",
    aliases: ["Scaling", "Scalability Strategy"],
    requirement:
      "Horizontal and vertical scaling, autoscaling triggers, database scaling, read replicas, caching layers, queue and worker scaling, with figures.",
    scaffold: todo("Scaling per tier with the triggers and figures, derived from the problem statement's numbers."),
    contentRequirements: [],
  },
  {
    number: 12,
    title: "High Availability Strategy",
    aliases: ["High Availability", "Availability Strategy"],
    requirement:
      "Multi-AZ and multi-region deployment, active-active vs active-passive, health checks, circuit breakers, graceful degradation, backpressure.",
    scaffold: todo("Deployment topology, failover, health checks, degradation modes."),
    contentRequirements: [],
  },
  {
    number: 13,
    title: "Failsafe & Rollback Strategy",
    aliases: ["Failsafe and Rollback", "Rollback Strategy", "Failure Recovery"],
    requirement:
      "What happens if the DB commit fails after payment succeeds, compensation, reconciliation jobs, dead-letter handling, lock expiry edge cases.",
    scaffold: todo("DB commit fails after payment succeeded; compensation; reconciliation; dead letters; lock expiry."),
    contentRequirements: [],
  },
  {
    number: 14,
    title: "Zero Downtime Deployment Strategy",
    aliases: ["Zero-Downtime Deployment", "Deployment Strategy"],
    requirement:
      "Blue-green or rolling deployment, expand/contract schema migrations, backward compatibility, feature flags, canary criteria and safe rollback.",
    scaffold: todo("Rollout mechanics, expand/contract migration steps, flags, canary criteria, rollback."),
    contentRequirements: [],
  },
  {
    number: 15,
    title: "Observability & Monitoring",
    aliases: ["Observability", "Monitoring", "Observability and Alerting"],
    requirement: "Metrics (QPS, latency, error rate), distributed tracing, structured logging, alert thresholds, SLIs and SLOs.",
    scaffold: todo("SLIs, SLOs, alert thresholds, traces and logs."),
    contentRequirements: [],
  },
  {
    number: 16,
    title: "Testing Strategy",
    aliases: ["Testing", "Test Strategy"],
    requirement:
      "Unit, integration, load, chaos, failure-injection and data-consistency tests, with a small Ruby test example.",
    scaffold: [
      todo("Unit, integration, load, chaos, failure-injection and consistency tests."),
      "",
      "```ruby illustrative",
      "# " + todo("A small minitest or RSpec example."),
      "```",
    ].join("\n"),
    contentRequirements: [
      {
        id: "ruby-test",
        missing: "contain a Ruby test example (minitest or RSpec)",
        example: "a ```ruby block with a Minitest::Test class or an RSpec describe block",
        check: { kind: "code", languages: ["ruby", "rb"], pattern: /\bMinitest\b|\bRSpec\b|\bdescribe\s|\bdef\s+test_|\bassert(?:_\w+)?\b|\bexpect\s*\(/ },
      },
    ],
  },
  {
    number: 17,
    title: "Trade-offs & Alternatives",
    aliases: ["Tradeoffs", "Trade-offs", "Alternatives Considered"],
    requirement:
      "What was chosen, what was rejected and why, operational cost and complexity trade-offs.",
    scaffold: todo("Chosen vs rejected, why, and what each costs to operate."),
    contentRequirements: [],
  },
];

/** Looks a section up by its template number; throws on a number the template does not have. */
export function templateSection(number: number): TemplateSection {
  const section = TEMPLATE[number - 1];
  if (!section || section.number !== number) {
    throw new RangeError(`The template has no section ${number}`);
  }
  return section;
}

/** The heading line the scaffold writes for a section: the H1 title, or "## N. Title". */
export function canonicalHeading(section: TemplateSection, scenarioTitle = "Scenario Title"): string {
  return section.number === TITLE_SECTION_NUMBER ? `# ${scenarioTitle}` : `## ${section.number}. ${section.title}`;
}

/** A section rendered as the scaffold writes it: heading, blank line, scaffold body. */
export function renderSection(section: TemplateSection, scenarioTitle?: string): string {
  const heading = canonicalHeading(section, scenarioTitle);
  return section.scaffold ? `${heading}\n\n${section.scaffold}\n` : `${heading}\n`;
}

/** The whole skeleton of a new scenario with the given title. */
export function renderScaffold(scenarioTitle: string): string {
  return TEMPLATE.map((section) => renderSection(section, scenarioTitle)).join("\n");
}

/**
 * Normalises a heading so that spelling variants compare equal: case, "&" versus "and",
 * hyphens and punctuation, a trailing colon, a number prefix and a trailing parenthetical.
 */
export function normalizeHeading(text: string): string {
  return stripNumberPrefix(text)
    .text.replace(/\([^)]*\)\s*:?\s*$/, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "");
}

/** Splits "9. Concurrency" / "9) Concurrency" / "9 - Concurrency" into its number and the rest. */
export function stripNumberPrefix(text: string): { number: number | undefined; text: string } {
  const match = /^\s*(\d{1,3})\s*(?:[.):]|-(?!\w)|\s)\s*(.*)$/.exec(text);
  if (!match) return { number: undefined, text: text.trim() };
  return { number: Number(match[1]), text: match[2]!.trim() };
}

const sectionsByKey: ReadonlyMap<string, TemplateSection> = (() => {
  const map = new Map<string, TemplateSection>();
  for (const section of TEMPLATE) {
    if (section.number === TITLE_SECTION_NUMBER) continue;
    for (const name of [section.title, ...section.aliases]) map.set(normalizeHeading(name), section);
  }
  return map;
})();

/** The template section a heading names, if any (section 1, the free-form title, never matches). */
export function matchSection(headingText: string): TemplateSection | undefined {
  return sectionsByKey.get(normalizeHeading(headingText));
}

/** The template section whose title is closest to an unknown heading, for "did you mean" hints. */
export function closestSection(headingText: string): TemplateSection | undefined {
  const key = normalizeHeading(headingText);
  let best: { section: TemplateSection; distance: number } | undefined;
  for (const section of TEMPLATE) {
    if (section.number === TITLE_SECTION_NUMBER) continue;
    const distance = editDistance(key, normalizeHeading(section.title));
    if (!best || distance < best.distance) best = { section, distance };
  }
  // Only suggest when the heading is recognisably a misspelling, not a different topic.
  return best && best.distance <= Math.max(2, Math.floor(key.length / 4)) ? best.section : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
