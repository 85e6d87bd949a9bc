import type { Root, RootContent } from "mdast";
import type { CodeParsers } from "./codeCheck";
import type { LibraryEntry } from "./indexFile";
import type { LineIndex } from "./positions";
import type { TemplateSection } from "./template";

/** Severities as written in configuration; "off" disables a rule. */
export type Severity = "error" | "warn";
export type ConfiguredSeverity = Severity | "off";

/**
 * A position in the Markdown text: 1-based line, 1-based column counted in UTF-16 code units
 * (what JavaScript strings, remark and LSP count). The LSP adapter is the only place that
 * converts to 0-based.
 */
export interface Point {
  line: number;
  column: number;
}

/** A span whose end is exclusive, as in ESLint's `endColumn`. */
export interface Range {
  start: Point;
  end: Point;
}

export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Rule-specific facts for quick fixes (e.g. the template number of a missing section). */
  data?: Record<string, unknown>;
}

/** What a rule hands to `report`; the engine adds the rule id and the configured severity. */
export interface Report {
  message: string;
  range: Range;
  data?: Record<string, unknown>;
}

/** One section-level heading of the document, summarised for the document-level rules. */
export interface SectionSummary {
  /** Position among the document's section headings, 0-based. */
  index: number;
  /** The template section the heading names, or undefined for an unknown heading. */
  template: TemplateSection | undefined;
  /** Heading text as written, number prefix included. */
  headingText: string;
  /** Heading text without its number prefix. */
  titleText: string;
  /** The number written in front of the heading, if any. */
  declaredNumber: number | undefined;
  depth: number;
  headingRange: Range;
  /** First and last line the section spans, heading included. */
  startLine: number;
  endLine: number;
}

/** A section with its content, for the rules that look at one section at a time. */
export interface SectionBody {
  /** The summary of the section, or the title pseudo-section when `isTitle` is set. */
  summary: SectionSummary;
  /** True for the title and the text under it before the first section. */
  isTitle: boolean;
  /** The top-level nodes between this section's heading and the next section heading. */
  nodes: RootContent[];
}

export interface TitleInfo {
  text: string;
  range: Range;
}

/** The structural summary of a scenario document: all the document-level rules need. */
export interface Outline {
  /** "h2": the canonical form (H1 title, H2 sections); "h1": the seed's form (sections are H1). */
  form: "h1" | "h2";
  /** The depth of section-level headings (2 in the canonical form, 1 in the seed's). */
  sectionDepth: number;
  title: TitleInfo | undefined;
  /** The first top-level node that is not front matter or an HTML comment, if any. */
  firstContent: { type: string; depth?: number; range: Range } | undefined;
  /** H1 headings, other than the title, that stand outside the sections (canonical form only). */
  strayH1s: TitleInfo[];
  sections: SectionSummary[];
  /** Number of lines of the document. */
  lineCount: number;
  /** Range of the last line, where messages about the end of the document point. */
  endRange: Range;
}

export interface RuleMeta {
  /** Public, stable identifier: used in configuration and disable comments. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** JSON Schema of the rule's options object; rules without options leave it out. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /**
   * "todo": the rule reports work not yet done, not work done wrong. Editors show its warnings
   * as information (a checklist, not a wall of squiggles); the CLI still counts them as warnings,
   * so `--max-warnings 0` fails an unfinished scenario.
   */
  presentation?: "todo";
  /** Which documents the rule checks: scenarios (the default) or the library's index. */
  appliesTo?: "scenario" | "index";
}

interface ContextBase<Options> {
  /** The file's path as given by the caller (may be an untitled name). */
  path: string;
  text: string;
  tree: Root;
  outline: Outline;
  options: Options;
  /** The code parsers the host loaded; rules that need one report clearly when it is absent. */
  parsers: CodeParsers;
  /** For the index: the scenarios beside it, as listed by the host. */
  library: LibraryEntry[] | undefined;
  /** Offset-to-position mapping of `text`, built once per lint on first use and shared by all rules. */
  lineIndex(): LineIndex;
  report(report: Report): void;
}

export type DocumentContext<Options> = ContextBase<Options>;

export interface SectionContext<Options> extends ContextBase<Options> {
  section: SectionBody;
  /** True when the section holds only its scaffold (see unwritten.ts). */
  isUnwritten: boolean;
}

/** A rule that needs only the outline: order, duplicates, missing sections, the title. */
export interface DocumentRule<Options = Record<string, never>> {
  meta: RuleMeta;
  scope: "document";
  check(context: DocumentContext<Options>): void;
}

/** A rule that looks at one section at a time; it may read only `context.section`. */
export interface SectionRule<Options = Record<string, never>> {
  meta: RuleMeta;
  scope: "section";
  check(context: SectionContext<Options>): void;
}

// Rules are stored side by side regardless of their option types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = DocumentRule<any> | SectionRule<any>;
