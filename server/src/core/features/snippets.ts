import { EXAMPLE_SERVICES } from "../code/codeBlocks";

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

/**
 * The contents of `snippets/scenario.code-snippets`: the fenced blocks a scenario is built
 * from, each with the info string `npm run examples` reads (docs/examples.md), so an author
 * never has to remember whether a block is `runnable needs=...` or `illustrative`.
 *
 * Sections and the whole skeleton are not here: they are completions from the language server
 * (`sectionCompletions`), because only the server knows which sections a document already has,
 * and a static snippet would insert a duplicate section or a second skeleton.
 */
export function buildSnippets(): Record<string, Snippet> {
  // Every non-empty combination of the servers, in the harness's order: "redis", "postgres", "redis,postgres".
  const needs = EXAMPLE_SERVICES.map((service) => [service] as string[]);
  needs.push([...EXAMPLE_SERVICES]);
  const needsChoice = `\${1|${needs.map((names) => names.join("\\,")).join(",")}|}`;
  const fence = (info: string, ...body: string[]) => [`\`\`\`${info}`, ...body, "```"];
  return {
    "Scenario: runnable Ruby example": {
      prefix: ["scn-ruby-runnable"],
      body: fence(`ruby runnable needs=${needsChoice}`, 'require "minitest/autorun"', "", "$0"),
      description:
        "A Ruby block `npm run examples` runs under minitest against a real Redis and/or PostgreSQL (REDIS_URL, DATABASE_URL); the scenario's SQL is applied first.",
    },
    "Scenario: illustrative Ruby": {
      prefix: ["scn-ruby-illustrative"],
      body: fence("ruby illustrative", "$0"),
      description: "A Ruby block that is parsed by the linter but not run (it needs Kafka, a PSP, Rails...).",
    },
    "Scenario: SQL schema": {
      prefix: ["scn-sql"],
      body: fence("sql", "$0"),
      description: "PostgreSQL DDL that `npm run examples` applies, in document order, to an empty database.",
    },
    "Scenario: illustrative SQL": {
      prefix: ["scn-sql-illustrative"],
      body: fence("sql illustrative", "$0"),
      description: "SQL that is parsed by the linter but not applied (a query with $1 parameters, or one that needs data).",
    },
    "Scenario: ASCII diagram": {
      prefix: ["scn-diagram"],
      body: fence("text", "$0"),
      description: "An ASCII architecture diagram (section 6); name each box in the prose under it.",
    },
  };
}
