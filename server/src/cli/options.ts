import { FORMATTERS } from "./formatters";

/**
 * The CLI's options, defined once: `parseArgs` reads this table and the usage text is written
 * from it, so an option can never be accepted but undocumented, or documented but rejected.
 */
export interface OptionSpec {
  name: string;
  type: "string" | "boolean";
  short?: string;
  /** The placeholder shown after a string option, e.g. "<file>". */
  argument?: string;
  default?: string;
  description: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  { name: "format", type: "string", short: "f", argument: "<name>", default: "stylish", description: `output format: ${Object.entries(FORMATTERS).map(([name, { description }]) => `${name} (${description})`).join("; ")}` },
  { name: "config", type: "string", short: "c", argument: "<file>", description: "use this .scenariolintrc.json instead of looking for one above each file" },
  { name: "max-warnings", type: "string", argument: "<n>", description: "exit 1 when there are more than n warnings (-1: no limit, the default)" },
  { name: "quiet", type: "boolean", description: "report errors only, no warnings" },
  { name: "output-file", type: "string", short: "o", argument: "<file>", description: "write the report to this file instead of standard output" },
  { name: "color", type: "boolean", description: "colour the report (the default on a terminal unless NO_COLOR is set)" },
  { name: "no-color", type: "boolean", description: "never colour the report" },
  { name: "fix-dry-run", type: "boolean", description: "compute the fixes and report the fixed text (json's `output`) without writing any file" },
  { name: "no-error-on-unmatched-pattern", type: "boolean", description: "a file, folder or glob that matches nothing is not an error" },
  { name: "fix", type: "boolean", description: "fix structural problems in place (insert missing sections, move misplaced ones, correct numbers), then report the rest; the run still fails while a section holds only its scaffold" },
  { name: "all-files", type: "boolean", description: "lint every Markdown file given, also outside the scenario folders and those the configuration ignores" },
  { name: "cache", type: "boolean", description: "keep results between runs and lint again only files whose text, path or configuration changed (not with --fix; the index is always linted)" },
  { name: "cache-location", type: "string", argument: "<path>", description: "the cache file, or a folder to hold it (default: ./.scenariolintcache)" },
  { name: "concurrency", type: "string", argument: "<n|auto|off>", default: "auto", description: "lint files in this many worker threads; auto (the default) uses one per core once there are enough files to pay for their start, off lints in one thread" },
  { name: "stdin-filename", type: "string", argument: "<path>", description: "with '-' as the file: the path the text read from standard input stands for (its name and folder decide the rules and configuration)" },
  { name: "regenerate-index", type: "boolean", description: "rewrite the generated catalogue of each folder's README.md (only the part between its scenario-index markers)" },
  { name: "help", type: "boolean", short: "h", description: "show this help" },
  { name: "version", type: "boolean", short: "v", description: "print the version" },
];

/** The `options` argument of `util.parseArgs`, from the table. */
export function parseArgsOptions(): Record<string, { type: "string" | "boolean"; short?: string; default?: string }> {
  return Object.fromEntries(OPTIONS.map((option) => [option.name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.default !== undefined ? { default: option.default } : {}) }]));
}

/** The usage text, from the table. */
export function usageText(): string {
  const left = (option: OptionSpec) => `${option.short ? `-${option.short}, ` : ""}--${option.name}${option.argument ? ` ${option.argument}` : ""}`;
  const width = Math.max(...OPTIONS.map((option) => left(option).length)) + 2;
  const lines = OPTIONS.map((option) => `  ${left(option).padEnd(width)}${option.description}`);
  return [
    "Usage: scenario-lint [options] [files or folders...]",
    "",
    "Checks scenario Markdown files against the 17-section template.",
    "Folders are searched for .md files; the default is ./scenarios.",
    "",
    "Options:",
    ...lines,
    "",
    "Exit status: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.",
  ].join("\n");
}
