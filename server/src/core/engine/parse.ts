import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import type { Root } from "mdast";
import type { Processor } from "unified";

/**
 * GFM tables, and nothing else of GFM. The rules read table cells as separate pieces of prose
 * ("Users" and "120 M" must not run together), so tables must be parsed; no rule reads the rest
 * of GFM (autolink literals, strikethrough, footnotes, task lists), which cost about 40 % of
 * the parse of a real scenario. test/parseOptions.test.ts proves that full GFM gives the same
 * diagnostics on the library and every fixture.
 */
function gfmTablesOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/**
 * The one Markdown parser of the project: CommonMark plus GFM tables and YAML front matter,
 * so that a table row or front matter is never mistaken for prose or a heading.
 */
const processor = unified().use(remarkParse).use(gfmTablesOnly).use(remarkFrontmatter, ["yaml"]);

/**
 * A UTF-8 byte order mark is not content. Dropping it keeps every position of a BOM file
 * equal to its BOM-less twin (editors do not show the BOM either).
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
