import type { Root, RootContent } from "mdast";
import type { TemplateSection } from "../template/template";
import type { LibraryEntry } from "../template/indexFile";

export type { LibraryEntry };

/*
 * The engine's vocabulary. This module sits at the bottom of the core: it imports only the
 * template's types and the mdast types, never the modules that use it.
 */

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

/** A replacement of the lines [startLine, endLine) (1-based) with `text`; startLine === endLine inserts. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  text: string;
}

/**
 * A fix a rule offers with its message, in the manner of markdownlint's `fixInfo`: text edits on
 * whole lines of the document, or a new name for the file (which only a host with a workspace
 * can apply, together with the index's links).
 */
export type Fix =
  | { kind: "edit"; title: string; edits: LineEdit[]; isPreferred?: boolean }
  | { kind: "rename"; title: string; newName: string; isPreferred?: boolean };

export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The template section the message is about, when that is not the section its position lies
   * in: a missing section is reported at the heading it should precede.
   */
  section?: number;
  /** The fixes the rule offers, the preferred one first. */
  fixes?: Fix[];
  /** Other places the message is about (the earlier statements of a repeated claim). */
  related?: RelatedPlace[];
}

/** A place in the same document that a message refers to, with what it is. */
export interface RelatedPlace {
  message: string;
  range: Range;
}

/** What a rule hands to `report`; the engine adds the rule id and the configured severity. */
export interface Report {
  message: string;
  range: Range;
  section?: number;
  fixes?: Fix[];
  related?: RelatedPlace[];
}

/**
 * A syntax error inside a code block, positioned in the block's own text:
 * 1-based line and 1-based UTF-16 column, end exclusive.
 */
export interface CodeSyntaxError {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A parser as the host hands it to the core. Parsers are WebAssembly modules that the node
 * layer loads (I/O); the core only calls `parse`, which is synchronous once loaded. A parser
 * that failed to load says why, and the rule turns that into one clear message.
 */
export type CodeParserState =
  | { status: "ready"; parse(code: string): CodeSyntaxError[] }
  | { status: "failed"; reason: string };

export interface CodeParsers {
  ruby?: CodeParserState;
  sql?: CodeParserState;
}

/** Offset-to-position mapping of one text (implemented by `LineIndex` in positions.ts). */
export interface TextPositions {
  pointAt(offset: number): Point;
  rangeAt(startOffset: number, endOffset: number): Range;
  lineText(line: number): string;
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
  /** False for a repeat of a template section seen earlier in the document. */
  isFirstOccurrence: boolean;
}

/** A section with its content, in document positions; the engine's own view. */
export interface SectionBody {
  /** The summary of the section, or the title pseudo-section when `isTitle` is set. */
  summary: SectionSummary;
  /** True for the title and the text under it before the first section. */
  isTitle: boolean;
  /** The top-level nodes between this section's heading and the next section heading. */
  nodes: RootContent[];
}

/** What the engine knows about a section from the whole document, handed to section rules. */
export interface SectionFacts {
  /** Anything besides subheadings, thematic breaks, HTML comments and whitespace. */
  hasContent: boolean;
  /** True when the section holds only its scaffold (see unwritten.ts). */
  isUnwritten: boolean;
  /** The parsed languages whose first block in the document lies in this section. */
  firstBlockOf: ReadonlyArray<keyof CodeParsers>;
}

/**
 * One section as a section rule sees it: its own text and nodes, with positions relative to
 * the section (its first line is line 1), and the facts the engine derived from the rest of
 * the document. A section rule sees nothing else, so its result depends only on this view:
 * the engine may cache it by the section's text and shifts its ranges when it merges.
 */
export interface SectionView {
  /** Lines and ranges relative to the section. */
  summary: SectionSummary;
  isTitle: boolean;
  /** The section's text, from its heading line through its last line (line breaks included). */
  text: string;
  nodes: RootContent[];
  facts: SectionFacts;
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
  /**
   * True when the document ends inside a fenced code block that is never closed: the fence runs
   * to the end and swallows anything inserted after it, so no insertion can be offered.
   */
  endsInOpenFence: boolean;
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
  /**
   * Set on the one rule that reports a section still holding only its scaffold: while it is on,
   * the engine runs no other section rule on such a section (see unwritten.ts).
   */
  claimsUnwrittenSections?: boolean;
  /**
   * Set on the rules that check what a cold reviewer checks (the arithmetic, diagrams explained,
   * repetition, filler): the CLI's summary counts their findings per scenario.
   */
  reviewCheck?: boolean;
  /** Which documents the rule checks: scenarios (the default) or the library's index. */
  appliesTo?: "scenario" | "index";
}

/** What a document rule sees: the whole document, its tree and its outline. */
export interface DocumentContext<Options> {
  /** The file's path as given by the caller (may be an untitled name). */
  path: string;
  text: string;
  tree: Root;
  outline: Outline;
  options: Options;
  /** For the index: the scenarios beside it, as listed by the host. */
  library: LibraryEntry[] | undefined;
  /** Offset-to-position mapping of `text`, built once per lint on first use and shared by all rules. */
  lineIndex(): TextPositions;
  /**
   * Computes a value once per key while the host keeps the document open (the server), and
   * every time otherwise (the CLI). The key must hold everything the value depends on, such as
   * a paragraph's text and the rule's options; the value must not hold document offsets.
   */
  memo<T>(key: string, compute: () => T): T;
  /**
   * State a rule carries from one lint of the document to the next while the host keeps the
   * document open (the server), created afresh for every lint otherwise (the CLI). For work that
   * can be updated rather than redone after an edit; the rule must give, from carried state, the
   * answer it gives from fresh state (test/chunkedParse.test.ts checks this over edit sequences).
   */
  carried<T>(key: string, create: () => T): T;
  report(report: Report): void;
}

/** What a section rule sees: one section, and nothing of the rest of the document but its facts. */
export interface SectionContext<Options> {
  section: SectionView;
  options: Options;
  /** The code parsers the host loaded; rules that need one report clearly when it is absent. */
  parsers: CodeParsers;
  /** Offset-to-position mapping of `section.text`. */
  lineIndex(): TextPositions;
  /** As for document rules: a value computed once per key while the host keeps the document open. */
  memo<T>(key: string, compute: () => T): T;
  /** Ranges are relative to the section. */
  report(report: Report): void;
}

/** A rule that needs the whole document: order, duplicates, missing sections, the title, the index. */
export interface DocumentRule<Options = Record<string, never>> {
  meta: RuleMeta;
  scope: "document";
  check(context: DocumentContext<Options>): void;
}

/** A rule that looks at one section at a time, through its `SectionView` only. */
export interface SectionRule<Options = Record<string, never>> {
  meta: RuleMeta;
  scope: "section";
  check(context: SectionContext<Options>): void;
}

// Rules are stored side by side regardless of their option types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = DocumentRule<any> | SectionRule<any>;
