import retextIntensify from "retext-intensify";
import retextSimplify from "retext-simplify";
import { fillers } from "fillers";
import { hedges } from "hedges";
import { weasels } from "weasels";
import { runProsePlugins, type ProsePlugin } from "../prose/prose";
import type { Fix, SectionRule } from "../engine/types";

interface Options {
  allow: string[];
}

/**
 * Words that add nothing to a design argument: intensifiers, hedges and fillers. retext-intensify
 * knows some 300 such words, but most of its hedges and weasels are exact in engineering prose
 * ("may" retry, "most" requests, "only" one writer, "must", "read"), so it is asked for these only.
 */
const EMPTY_WORDS = [
  "absolutely", "actually", "amazing", "apparently", "arguably", "basically", "certainly", "clearly", "definitely", "essentially",
  "excellent", "extremely", "fairly", "frankly", "hopefully", "huge", "interestingly", "literally", "lots", "a lot", "maybe",
  "obviously", "ok", "okay", "perhaps", "practically", "pretty", "probably", "quite", "really", "remarkably", "reportedly",
  "seriously", "simply", "somehow", "surely", "surprisingly", "totally", "truly", "vast", "very", "virtually",
];

const INTENSIFY_PHRASES: readonly string[] = [...new Set([...fillers, ...hedges, ...weasels])];

/**
 * retext-simplify's wordy phrases ("in order to", "a number of", "due to the fact that") are
 * reported, but not its single words, which in a design are mostly terms ("request", "attempt",
 * "function", "maximum"), nor the phrases that are exact there ("it is", "there are", "relative
 * to"). Its phrase list is not exported, so its findings are filtered by their rule id, the
 * phrase with hyphens for spaces.
 */
const EXACT_PHRASES = new Set(["it-is", "there-is", "there-are", "relative-to", "similar-to", "failed-to", "has-no-effect", "limited-number", "not-many", "not-often", "not-unless", "not-certain", "benefit-from", "comply-with", "in-between", "in-addition", "adjacent-to", "span-across", "is-responsible-for", "provided-that", "time-period", "the-use-of"]);

const INTENSIFY_CATEGORIES = new Set(["hedge", "weasel", "filler"]);

/**
 * Empty words and wordy phrases in prose, found by the unified ecosystem's own prose checkers
 * (retext-intensify and retext-simplify, run over the section's prose as remark-retext would) and
 * limited to what is empty in a design document. Code, tables and headings are not prose.
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "filler",
    description: "Prose carries no intensifiers, hedges or wordy phrases (retext-intensify and retext-simplify, limited to what is empty in a design).",
    defaultSeverity: "warn",
    reviewCheck: true,
    optionsSchema: {
      type: "object",
      properties: {
        allow: {
          type: "array",
          items: { type: "string", minLength: 1 },
          uniqueItems: true,
          description: "Words and phrases never reported, case-insensitive (e.g. \"very\" or \"in order to\").",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { allow: [] },
  },
  scope: "section",
  check({ section, options, lineIndex, memo, report }) {
    if (!section.nodes.length) return;
    const allowed = new Set(options.allow.map((phrase) => phrase.toLowerCase()));
    const intensifyIgnore = INTENSIFY_PHRASES.filter((phrase) => !EMPTY_WORDS.includes(phrase) || allowed.has(phrase));
    const plugins: ProsePlugin[] = [() => retextIntensify({ ignore: intensifyIgnore }) as never, () => retextSimplify() as never];
    // Paragraph by paragraph, each read once per text while the document stays open: typing in
    // one paragraph re-reads that paragraph, not its whole section.
    const findings = section.nodes.flatMap((node) => {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from === undefined || to === undefined) return [];
      const found = memo(`${options.allow.join("\u0001")}\u0000${section.text.slice(from, to)}`, () =>
        runProsePlugins([node], section.text, plugins).map((finding) => ({ ...finding, start: finding.start - from, end: finding.end - from })),
      );
      return found.map((finding) => ({ ...finding, start: finding.start + from, end: finding.end + from }));
    });
    for (const finding of findings) {
      const phrase = section.text.slice(finding.start, finding.end).replace(/\s+/g, " ");
      const simplify = !INTENSIFY_CATEGORIES.has(finding.ruleId ?? "");
      if (simplify && (!finding.ruleId?.includes("-") || EXACT_PHRASES.has(finding.ruleId))) continue;
      if (allowed.has(phrase.toLowerCase())) continue;
      const range = lineIndex().rangeAt(finding.start, finding.end);
      const fixes: Fix[] = [];
      if (simplify && range.start.line === range.end.line) {
        // retext-simplify's replacements ("`to`"), each offered, the first preferred; a capital stays.
        const line = lineIndex().lineText(range.start.line);
        const written = line.slice(range.start.column - 1, range.end.column - 1);
        for (const [index, option] of replacements(finding.message).entries()) {
          const text = /^[A-Z]/.test(written) ? option.charAt(0).toUpperCase() + option.slice(1) : option;
          const fixed = line.slice(0, range.start.column - 1) + text + line.slice(range.end.column - 1);
          fixes.push({ kind: "edit", title: `Replace '${written}' with '${text}'`, ...(index === 0 ? { isPreferred: true } : {}), edits: [{ startLine: range.start.line, endLine: range.start.line + 1, text: fixed + lineBreakAfter(section.text, finding.end) }] });
        }
      }
      report({ message: describe(finding.message, phrase, simplify), range, ...(fixes.length ? { fixes } : {}) });
    }
  },
};

/** The replacements retext-simplify suggests, from its message ("use `to` instead", "use `many`, `some` instead"). */
function replacements(message: string): string[] {
  const list = /use (.+) instead/.exec(message)?.[1] ?? "";
  return [...list.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

/** The line break that ends the line holding `offset`, or "" on a last line without one. */
function lineBreakAfter(text: string, offset: number): string {
  const match = /\r\n|\r|\n/.exec(text.slice(offset));
  return match ? match[0] : "";
}

/** The plugins' own wording ("Unexpected `in order to`, use `to` instead"), made specific. */
function describe(message: string, phrase: string, simplify: boolean): string {
  if (simplify) {
    const instead = /use (.+) instead/.exec(message)?.[1];
    return `Wordy phrase '${phrase}'${instead ? `: use ${instead.replace(/`/g, "'").replace(/', '/g, "' or '")} instead` : ": remove it"}.`;
  }
  return `'${phrase}' adds nothing to the argument: cut it, or say the number or condition it stands for.`;
}

export default rule;
