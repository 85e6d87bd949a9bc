import type { CodeParsers } from "./codeCheck";
import type { LibraryEntry } from "./indexFile";
import { defaultConfig, type LintConfig } from "./config";
import { readDirectives } from "./directives";
import { isIndexPath } from "./fileName";
import { buildStructure } from "./outline";
import { parseMarkdown, stripBom } from "./parse";
import { LineIndex } from "./positions";
import { RULES } from "./rules";
import { isUnwrittenSection } from "./unwritten";
import type { LintMessage, Outline, Report, Rule, SectionBody, Severity } from "./types";

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
  /** The section bodies, title first, in document order. */
  bodies: SectionBody[];
  /** True for the library's index (`README.md`), which is not a scenario and gets no scenario rules. */
  isIndex: boolean;
}

export interface LintOptions {
  /** The rules to run; all of them by default (tests inject extra ones). */
  rules?: readonly Rule[];
  /** Code parsers loaded by the host (see codeCheck.ts); without them the code rules say so. */
  parsers?: CodeParsers;
}

const UNWRITTEN_RULE_ID = "unwritten-section";
const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));

/** Lints one scenario and returns its messages, sorted by position. */
export function lint(input: LintInput, config: LintConfig = defaultConfig(RULES), options: LintOptions = {}): LintMessage[] {
  return lintDocument(input, config, options).messages;
}

/**
 * Parses once and runs every enabled rule over the result. The core is pure: no file system,
 * no console, no process state. A rule that throws becomes an error message naming the rule,
 * so one bug never hides the other rules' results.
 */
export function lintDocument(input: LintInput, config: LintConfig = defaultConfig(RULES), options: LintOptions = {}): LintResult {
  const rules = options.rules ?? RULES;
  const parsers = options.parsers ?? {};
  const text = stripBom(input.text);
  const tree = parseMarkdown(text);
  const { outline, bodies } = buildStructure(tree, text);
  const isIndex = isIndexPath(input.path);
  let index: LineIndex | undefined;
  const lineIndex = (): LineIndex => (index ??= new LineIndex(text));
  const suppressions = readDirectives(tree, rules === RULES ? KNOWN_RULE_IDS : new Set(rules.map((rule) => rule.meta.id)));
  const messages: LintMessage[] = [...suppressions.problems];
  // A section that holds only its scaffold is one to-do (unwritten-section), not a dozen
  // problems: while that rule is on, the other section rules skip such a section.
  const lines = text.split(/\r\n|\r|\n/);
  const unwritten = new Set(bodies.filter((section) => isUnwrittenSection(section, lines)));
  const reportsUnwritten = !isIndex && rules.some((rule) => rule.meta.id === UNWRITTEN_RULE_ID && (config.rules[rule.meta.id]?.severity ?? "off") !== "off");

  for (const rule of rules) {
    // The index is not a scenario: it gets the index rules only, and scenarios never get those.
    if ((rule.meta.appliesTo === "index") !== isIndex) continue;
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === "off") continue;
    const severity: Severity = setting.severity;
    const report = (found: Report): void => {
      if (suppressions.isSuppressed(rule.meta.id, found.range.start.line)) return;
      messages.push({
        ruleId: rule.meta.id,
        severity,
        message: found.message,
        line: found.range.start.line,
        column: found.range.start.column,
        endLine: found.range.end.line,
        endColumn: found.range.end.column,
        ...(found.data ? { data: found.data } : {}),
      });
    };
    const base = { path: input.path, text, tree, outline, options: setting.options, parsers, library: input.library, lineIndex, report };
    try {
      if (rule.scope === "document") {
        rule.check(base);
      } else {
        for (const section of bodies) {
          const isUnwritten = unwritten.has(section);
          if (isUnwritten && reportsUnwritten && rule.meta.id !== UNWRITTEN_RULE_ID) continue;
          rule.check({ ...base, section, isUnwritten });
        }
      }
    } catch (error) {
      messages.push(ruleFailure(rule, error));
    }
  }

  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { messages, outline, bodies, isIndex };
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
