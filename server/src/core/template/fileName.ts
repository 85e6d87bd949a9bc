/**
 * File-name conventions shared by the rule that checks scenario file names and the "New Scenario" command.
 * Paths may use either separator, and may be untitled buffer names without a folder.
 */

/** The configuration file shared by the CLI and the language server. */
export const CONFIG_FILE_NAME = ".scenariolintrc.json";

const KEBAB_MD = /^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/** The last path segment, for "/" and "\\" separated paths and URIs alike. */
export function baseName(path: string): string {
  const segments = path.split(/[\\/]/);
  return segments[segments.length - 1] ?? path;
}

/** `README.md` is the library's index, not a scenario: scenario rules do not apply to it. */
export function isIndexPath(path: string): boolean {
  return baseName(path).toLowerCase() === "readme.md";
}

export function isKebabCaseMarkdownName(name: string): boolean {
  return KEBAB_MD.test(name);
}

/**
 * Derives a lowercase kebab-case slug from a title: accents dropped, "&" read as "and",
 * every run of other characters turned into one hyphen.
 */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The kebab-case file name a scenario file should have, derived from its current name. */
export function kebabFileName(name: string): string {
  const stem = name.replace(/\.(md|markdown)$/i, "");
  // Split camelCase and PascalCase words before lowercasing, so "FlashSale" becomes "flash-sale".
  const spaced = stem.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  return `${slugify(spaced) || "scenario"}.md`;
}

/**
 * Checks a file name typed for a new scenario. Returns why it is refused, or undefined when
 * it is acceptable. Separators and ".." are refused so the file cannot land outside the folder.
 */
export function fileNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return "The file name is empty.";
  if (/[\\/]/.test(trimmed) || trimmed.includes("..")) {
    return `'${trimmed}' contains a path separator or '..'; give a plain file name such as 'flash-sale-system.md'.`;
  }
  if (!isKebabCaseMarkdownName(trimmed)) {
    return `'${trimmed}' is not lowercase kebab-case ending in .md; try '${kebabFileName(trimmed)}'.`;
  }
  if (trimmed === "readme.md") return "'readme.md' is reserved for the index.";
  return undefined;
}
