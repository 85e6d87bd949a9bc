import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { Root } from "mdast";

/**
 * The one Markdown parser of the project: CommonMark plus GFM tables and YAML front matter,
 * so that a table row or front matter is never mistaken for prose or a heading.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

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
