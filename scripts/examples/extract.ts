import { codeBlocksIn, EXAMPLE_SERVICES, type ExampleService } from "../../server/src/core/code/codeBlocks";
import { PARSED_LANGUAGES } from "../../server/src/core/code/codeCheck";
import { parseMarkdown, stripBom } from "../../server/src/core/engine/parse";

/** What the harness does with a block, decided by its language and info-string markers. */
export type BlockKind =
  /** A ```sql fence: applied to the scenario's scratch database. */
  | "sql"
  /** A ```sql illustrative fence: not applied (it has $1 placeholders or needs data). */
  | "sql-illustrative"
  /** A ```ruby runnable fence: run by Ruby against the servers named in `needs=`. */
  | "runnable"
  /** A ```ruby illustrative fence: not run (it needs Kafka, a PSP, Rails...). */
  | "illustrative"
  /** A ```ruby fence without a valid marker: an authoring mistake that fails the run. */
  | "unmarked";

export interface ExampleBlock {
  kind: BlockKind;
  /** 1-based line of the fence in the Markdown file. */
  fenceLine: number;
  /** 1-based line of the first code line: what error messages point at. */
  line: number;
  /** Number of lines of code, so that an error line can be checked to fall inside the block. */
  lineCount: number;
  /** The info string as written (language and markers), for messages. */
  info: string;
  code: string;
  /** Servers a runnable block asked for; empty for every other kind. */
  needs: ExampleService[];
  /** For an unmarked block: what is wrong and how to fix it. */
  problem?: string;
}

const RUBY_LANGUAGES: readonly string[] = PARSED_LANGUAGES.ruby;
const SQL_LANGUAGES: readonly string[] = PARSED_LANGUAGES.sql;

/**
 * Finds the blocks the harness cares about (SQL and Ruby) with the project's own Markdown
 * parser, so that the harness and the linter agree on what a code block is: a fence inside
 * a list or a block quote counts, a fence-like line inside another block does not.
 */
export function extractBlocks(text: string): ExampleBlock[] {
  const source = stripBom(text);
  const tree = parseMarkdown(source);
  const blocks: ExampleBlock[] = [];
  for (const block of codeBlocksIn(tree.children, source)) {
    const isRuby = RUBY_LANGUAGES.includes(block.language);
    const isSql = SQL_LANGUAGES.includes(block.language);
    if (!block.fenced || (!isRuby && !isSql)) continue;
    const fenceLine = block.node.position!.start.line;
    const code = block.node.value;
    const base = {
      fenceLine,
      line: fenceLine + 1,
      lineCount: code === "" ? 0 : code.split(/\r\n|\r|\n/).length,
      info: [block.node.lang ?? "", ...block.meta].join(" "),
      code,
      needs: [] as ExampleService[],
    };
    if (isSql) {
      blocks.push({ ...base, kind: block.meta.includes("illustrative") ? "sql-illustrative" : "sql" });
      continue;
    }
    blocks.push({ ...base, ...classifyRuby(block.meta) });
  }
  return blocks;
}

/** Reads a Ruby fence's markers; any doubt is an `unmarked` block with a message saying what to write. */
function classifyRuby(meta: readonly string[]): Pick<ExampleBlock, "kind" | "needs" | "problem"> {
  const runnable = meta.includes("runnable");
  const illustrative = meta.includes("illustrative");
  const hint = "Mark it `runnable needs=redis` (or needs=postgres, needs=redis,postgres) if it runs against Redis/PostgreSQL, or `illustrative` if it cannot run here.";
  if (runnable && illustrative) {
    return { kind: "unmarked", needs: [], problem: `It is marked both runnable and illustrative; keep one. ${hint}` };
  }
  if (illustrative) return { kind: "illustrative", needs: [] };
  if (!runnable) return { kind: "unmarked", needs: [], problem: `It has no marker. ${hint}` };

  const needs = new Set<ExampleService>();
  for (const word of meta.filter((word) => word.startsWith("needs="))) {
    for (const name of word.slice("needs=".length).split(",").filter(Boolean)) {
      if (!(EXAMPLE_SERVICES as readonly string[]).includes(name)) {
        return {
          kind: "unmarked",
          needs: [],
          problem: `needs=${name} is not a server the harness provides (it provides ${EXAMPLE_SERVICES.join(", ")}). Mark the block \`illustrative\` if it needs something else.`,
        };
      }
      needs.add(name as ExampleService);
    }
  }
  return { kind: "runnable", needs: EXAMPLE_SERVICES.filter((service) => needs.has(service)) };
}
