import type { Root, RootContent } from "mdast";
import { defaultConfig, type LintConfig } from "./engine/config";
import { readDirectives } from "./engine/directives";
import { isIndexPath } from "./template/fileName";
import { buildStructure, isContentless } from "./engine/outline";
import { parseMarkdown, stripBom } from "./engine/parse";
import { LineIndex, textLines } from "./engine/positions";
import { DEFAULT_LIMITS, limitProblemAfterParse, limitProblemBeforeParse, unparsableNesting } from "./engine/limits";
import { RULES } from "./rules";
import { isUnwrittenSection } from "./engine/unwritten";
import { PARSED_LANGUAGES } from "./code/codeCheck";
import type { CodeParsers, Fix, LibraryEntry, LintMessage, Outline, Range, Report, Rule, SectionBody, SectionFacts, SectionRule, SectionView, Severity } from "./engine/types";

export interface LintInput {
  /** The file's path or URI; only its name is looked at (file-name rule, index detection). */
  path: string;
  text: string;
  /** For the index (README.md): the scenarios beside it, listed by the host. */
  library?: LibraryEntry[];
}

export interface LintResult {
  messages: LintMessage[];
  outline: Outline;
  /** The section bodies, title first, in document order (document positions). */
  bodies: SectionBody[];
  /** True for the library's index (`README.md`), which is not a scenario and gets no scenario rules. */
  isIndex: boolean;
}

export interface LintOptions {
  /** The rules to run; all of them by default (tests inject extra ones). */
  rules?: readonly Rule[];
  /** Code parsers loaded by the host (see codeCheck.ts); without them the code rules say so. */
  parsers?: CodeParsers;
  /**
   * The Markdown parser: `parseMarkdown` by default. The server passes a chunked parser
   * (engine/chunkedParse.ts) that re-parses only the sections an edit touched and gives the
   * same tree.
   */
  parse?: (text: string) => Root;
  /** Section rules' results kept between lints of the same document (the server keeps one per document). */
  sectionCache?: SectionResultCache;
}

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

/** Lints one scenario and returns its messages, sorted by position. */
export function lint(input: LintInput, config: LintConfig = defaultConfig(RULES), options: LintOptions = {}): LintMessage[] {
  return lintDocument(input, config, options).messages;
}

/** A rule's severity and options: its configured entry, or its defaults when the configuration has none. */
function settingOf(rule: Rule, config: LintConfig): { severity: Severity | "off"; options: unknown } {
  return config.rules[rule.meta.id] ?? { severity: rule.meta.defaultSeverity, options: { ...(rule.meta.defaultOptions ?? {}) } };
}

/**
 * Parses once and runs every enabled rule over the result. The core is pure: no file system,
 * no console, no process state. A rule that throws becomes an error message naming the rule,
 * so one bug never hides the other rules' results.
 *
 * Document rules see the whole document. Section rules see one `SectionView` at a time, in
 * positions relative to the section; their ranges are shifted to the document here.
 */
export function lintDocument(input: LintInput, config: LintConfig = defaultConfig(RULES), options: LintOptions = {}): LintResult {
  const rules = options.rules ?? RULES;
  const parsers = options.parsers ?? {};
  const text = stripBom(input.text);
  const isIndex = isIndexPath(input.path);
  // A file past an input limit gets one message and nothing else (engine/limits.ts).
  const decline = (message: LintMessage): LintResult => ({ messages: [message], ...buildStructure({ type: "root", children: [] }, text), isIndex });
  const limits = config.limits ?? DEFAULT_LIMITS;
  const tooLarge = limitProblemBeforeParse(text, limits);
  if (tooLarge) return decline(tooLarge);
  let tree: Root;
  try {
    tree = (options.parse ?? parseMarkdown)(text);
  } catch (error) {
    if (error instanceof RangeError) return decline(unparsableNesting(limits));
    throw error;
  }
  const tooDeep = limitProblemAfterParse(tree, limits);
  if (tooDeep) return decline(tooDeep);
  const { outline, bodies } = buildStructure(tree, text);
  let index: LineIndex | undefined;
  const lineIndex = (): LineIndex => (index ??= new LineIndex(text));
  const suppressions = readDirectives(tree, text, rules === RULES ? KNOWN_RULE_IDS : new Set(rules.map((rule) => rule.meta.id)));
  const messages: LintMessage[] = [...suppressions.problems];
  const enabled = rules.filter((rule) => (rule.meta.appliesTo === "index") === isIndex && settingOf(rule, config).severity !== "off");

  const push = (rule: Rule, found: Report, lineShift: number): void => {
    const startLine = found.range.start.line + lineShift;
    if (suppressions.isSuppressed(rule.meta.id, startLine)) return;
    messages.push({
      ruleId: rule.meta.id,
      severity: settingOf(rule, config).severity as Severity,
      message: found.message,
      line: startLine,
      column: found.range.start.column,
      endLine: found.range.end.line + lineShift,
      endColumn: found.range.end.column,
      ...(found.section !== undefined ? { section: found.section } : {}),
      ...(found.fixes?.length ? { fixes: lineShift ? found.fixes.map((fix) => shiftFix(fix, lineShift)) : found.fixes } : {}),
      ...(found.related?.length ? { related: found.related.map((place) => ({ message: place.message, range: shiftRange(place.range, -lineShift) })) } : {}),
    });
  };

  options.sectionCache?.beginLint();
  for (const rule of enabled.filter((candidate) => candidate.scope === "document")) {
    if (rule.scope !== "document") continue;
    const derivedCache = options.sectionCache;
    const memo = <T>(key: string, compute: () => T): T => (derivedCache ? derivedCache.derived(`${rule.meta.id}\u0000${key}`, compute) : compute());
    // Carried state lives in the same generations, under keys memo values cannot take.
    const carried = <T>(key: string, create: () => T): T => (derivedCache ? derivedCache.derived(`${rule.meta.id}\u0001carried\u0000${key}`, create) : create());
    try {
      rule.check({ path: input.path, text, tree, outline, options: settingOf(rule, config).options, library: input.library, lineIndex, memo, carried, report: (found) => push(rule, found, 0) });
    } catch (error) {
      messages.push(ruleFailure(rule, error));
    }
  }

  const sectionRules = enabled.filter((rule): rule is SectionRule<unknown> => rule.scope === "section");
  if (sectionRules.length) {
    // While the to-do rule is on, a section that holds only its scaffold is one to-do, not a
    // dozen problems: the other section rules skip it.
    const reportsUnwritten = sectionRules.some((rule) => rule.meta.claimsUnwrittenSections);
    const cache = options.sectionCache;
    const settingsKey = cache ? JSON.stringify([sectionRules.map((rule) => [rule.meta.id, settingOf(rule, config).options]), Object.entries(parsers).map(([language, state]) => [language, state?.status === "failed" ? state.reason : state?.status])]) : "";
    for (const part of sectionParts(text, bodies, lineIndex())) {
      // Concatenated, not JSON-encoded: the section's text is most of the key and need not be escaped.
      const key = cache ? `${settingsKey}\u0000${part.isTitle}\u0000${JSON.stringify(part.facts)}\u0000${part.text}` : "";
      let outcome = cache?.get(key);
      if (!outcome) {
        const view = part.view();
        outcome = [];
        for (const rule of sectionRules) {
          if (view.facts.isUnwritten && reportsUnwritten && !rule.meta.claimsUnwrittenSections) continue;
          for (const found of runSectionRule(rule, view, settingOf(rule, config).options, parsers, cache)) outcome.push({ rule, found });
        }
        cache?.set(key, outcome);
      }
      for (const { rule, found } of outcome) {
        if ("failure" in found) messages.push(ruleFailure(rule, found.failure));
        else push(rule, found, part.lineShift);
      }
    }
  }

  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { messages, outline, bodies, isIndex };
}

/**
 * Runs one section rule on one section view and returns its reports, in positions relative to
 * the section, or the error it threw. This is all a section rule's result depends on, which is
 * what lets a host lint sections separately and cache them by their text.
 */
export function runSectionRule(rule: SectionRule<unknown>, view: SectionView, options: unknown, parsers: CodeParsers, cache?: SectionResultCache): Array<Report | { failure: unknown }> {
  const reports: Array<Report | { failure: unknown }> = [];
  let index: LineIndex | undefined;
  const memo = <T>(key: string, compute: () => T): T => (cache ? cache.derived(`${rule.meta.id}\u0000${key}`, compute) : compute());
  try {
    rule.check({ section: view, options, parsers, lineIndex: () => (index ??= new LineIndex(view.text)), memo, report: (found) => reports.push(found) });
  } catch (error) {
    return [{ failure: error }];
  }
  return reports;
}

/** A section before its view is built: what the cache key needs, and how to build the view. */
interface SectionPart {
  lineShift: number;
  text: string;
  isTitle: boolean;
  facts: SectionFacts;
  view(): SectionView;
}

function sectionParts(text: string, bodies: readonly SectionBody[], index: LineIndex): SectionPart[] {
  const lines = textLines(text);
  const firstBlockOf = firstBlocks(bodies);
  return bodies.map((body) => {
    const lineShift = body.summary.startLine - 1;
    const startOffset = index.offsetOfLine(body.summary.startLine);
    const endOffset = index.offsetOfLine(body.summary.endLine + 1);
    const sectionText = text.slice(startOffset, endOffset);
    const facts: SectionFacts = {
      hasContent: !body.nodes.every(isContentless),
      isUnwritten: isUnwrittenSection(body, lines),
      firstBlockOf: firstBlockOf.get(body) ?? [],
    };
    return {
      lineShift,
      text: sectionText,
      isTitle: body.isTitle,
      facts,
      view: () => ({
        summary: shiftSummary(body.summary, lineShift),
        isTitle: body.isTitle,
        text: sectionText,
        nodes: body.nodes.map((node) => shiftNode(node, lineShift, startOffset)),
        facts,
      }),
    };
  });
}

/**
 * The section views of a document: each section's text, its nodes and summary shifted so the
 * section starts at line 1 and offset 0, and the facts only the whole document can tell.
 */
export function sectionViews(text: string, bodies: readonly SectionBody[], index: LineIndex): Array<{ view: SectionView; lineShift: number }> {
  return sectionParts(text, bodies, index).map((part) => ({ view: part.view(), lineShift: part.lineShift }));
}

type SectionOutcome = Array<{ rule: SectionRule<unknown>; found: Report | { failure: unknown } }>;

/**
 * Section rules' results by section, for a host that lints the same document again and again
 * (the server, on every edit). A section rule's result depends only on the section's text, its
 * facts, the rule's options and which code parsers are loaded (see runSectionRule), so that is
 * the key; an unchanged section costs one map lookup instead of every rule and a copy of its tree.
 */
export class SectionResultCache {
  // Generations: a lint keeps the entries it used and drops the rest, so the cache holds the
  // sections of one version of the document, however many edits came before.
  private previous = new Map<string, SectionOutcome>();
  private current = new Map<string, SectionOutcome>();
  private previousDerived = new Map<string, unknown>();
  private currentDerived = new Map<string, unknown>();

  /** Starts a lint: what the last lint used stays available, the rest is dropped. */
  beginLint(): void {
    this.previous = this.current;
    this.current = new Map();
    this.previousDerived = this.currentDerived;
    this.currentDerived = new Map();
  }

  /**
   * What a document rule derives from a piece of the document, by a key that holds everything it
   * depends on (its text, its options): a repetition check re-reads only the paragraphs an edit
   * touched. Kept by the same generations as the section results.
   */
  derived<T>(key: string, compute: () => T): T {
    if (this.currentDerived.has(key)) return this.currentDerived.get(key) as T;
    const value = this.previousDerived.has(key) ? (this.previousDerived.get(key) as T) : compute();
    this.currentDerived.set(key, value);
    return value;
  }

  get(key: string): SectionOutcome | undefined {
    const outcome = this.current.get(key) ?? this.previous.get(key);
    if (outcome) this.current.set(key, outcome);
    return outcome;
  }

  set(key: string, outcome: SectionOutcome): void {
    this.current.set(key, outcome);
  }
}

/** For each parsed language, the section holding the document's first fenced block of it. */
function firstBlocks(bodies: readonly SectionBody[]): Map<SectionBody, Array<keyof CodeParsers>> {
  const found = new Map<SectionBody, Array<keyof CodeParsers>>();
  for (const language of Object.keys(PARSED_LANGUAGES) as Array<keyof CodeParsers>) {
    const names: readonly string[] = PARSED_LANGUAGES[language];
    const holder = bodies.find((body) => body.nodes.some((node) => containsCode(node, names)));
    if (holder) found.set(holder, [...(found.get(holder) ?? []), language]);
  }
  return found;
}

function containsCode(node: RootContent, languages: readonly string[]): boolean {
  if (node.type === "code") return languages.includes((node.lang ?? "").toLowerCase());
  return "children" in node && (node.children as RootContent[]).some((child) => containsCode(child, languages));
}

/** A section rule's fix, whose lines count from the section's first line, in document lines. */
function shiftFix(fix: Fix, lineShift: number): Fix {
  if (fix.kind !== "edit") return fix;
  return { ...fix, edits: fix.edits.map((edit) => ({ ...edit, startLine: edit.startLine + lineShift, endLine: edit.endLine + lineShift })) };
}

function shiftRange(range: Range, lineShift: number): Range {
  return { start: { line: range.start.line - lineShift, column: range.start.column }, end: { line: range.end.line - lineShift, column: range.end.column } };
}

function shiftSummary<T extends SectionBody["summary"]>(summary: T, lineShift: number): T {
  return { ...summary, headingRange: shiftRange(summary.headingRange, lineShift), startLine: summary.startLine - lineShift, endLine: summary.endLine - lineShift };
}

/** A copy of a node whose positions count from the section's first line and offset. */
function shiftNode<T extends object>(node: T, lineShift: number, offsetShift: number): T {
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  const position = (node as { position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } }).position;
  if (position) {
    copy["position"] = {
      start: { line: position.start.line - lineShift, column: position.start.column, offset: position.start.offset === undefined ? undefined : position.start.offset - offsetShift },
      end: { line: position.end.line - lineShift, column: position.end.column, offset: position.end.offset === undefined ? undefined : position.end.offset - offsetShift },
    };
  }
  const children = (node as { children?: unknown[] }).children;
  if (Array.isArray(children)) copy["children"] = children.map((child) => shiftNode(child as object, lineShift, offsetShift));
  return copy as T;
}

function ruleFailure(rule: Rule, error: unknown): LintMessage {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: rule.meta.id,
    severity: "error",
    message: `Rule '${rule.meta.id}' failed while checking this document (${reason}); its result is missing. This is a bug in scenario-lint; the other rules still ran.`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}
