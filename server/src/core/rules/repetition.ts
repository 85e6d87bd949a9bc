import type { Root } from "mdast";
import { plainSentences, type PlainSentence } from "../prose/sentences";
import type { DocumentRule, Outline } from "../engine/types";

interface Options {
  similarity: number;
  minWords: number;
  maxOccurrences: number;
}

/**
 * Function words, pronouns, modal verbs and the units that figures leave behind: none of them
 * carries a claim, and two sentences that share only these say different things.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or nor but if then else so than of in on at to for from by with without into onto over under as is are was were be been being " +
    "it its this that these those there here which who whom whose what when where while why how not no can could will would should must may might " +
    "do does did has have had having each every all any both either neither such same other another own only also just very more most less least " +
    "about per via after before until once up down out off again further too we our us you your they their them he she his her i me my one two " +
    "x s ms µs us m h k kb mb gb tb kib mib gib b min sec req"
  ).split(" "),
);

/** A word's comparable form: lowercase, with a plural, -ed or -ing ending cut, so "decides" and "decide" meet. */
function stem(lower: string): string {
  const word = lower.endsWith("'s") || lower.endsWith("’s") ? lower.slice(0, -2) : lower;
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  const singular = word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is") ? word.slice(0, -1) : word;
  if (singular.length > 5 && singular.endsWith("ing")) return singular.slice(0, -3);
  if (singular.length > 4 && singular.endsWith("ed")) return singular.slice(0, -2);
  if (singular.length > 4 && singular.endsWith("e")) return singular.slice(0, -1);
  return singular;
}

function hasDigit(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** A word's comparable form, or undefined for a word that carries no claim. */
function comparable(word: string): string | undefined {
  if (word === "" || hasDigit(word)) return undefined;
  const lower = word.toLowerCase();
  return STOP_WORDS.has(lower) ? undefined : stem(lower);
}

/**
 * The words of a sentence that carry its claim: stop words and units dropped, and every word
 * with a digit in it, since figures recur by construction (a derivation re-uses its inputs)
 * and say nothing about whether two sentences argue the same thing. "req/s" is two words, so a
 * unit written with a slash goes too. `seen` holds the forms of the words met so far in this
 * document: a scenario uses a few thousand words many times over.
 */
function contentWords(sentence: PlainSentence, seen: Map<string, string | undefined>): Set<string> {
  const words = new Set<string>();
  for (const { text } of sentence.words) {
    for (const part of text.includes("/") ? text.split("/") : [text]) {
      let form = seen.get(part);
      if (form === undefined && !seen.has(part)) {
        form = comparable(part);
        seen.set(part, form);
      }
      if (form !== undefined) words.add(form);
    }
  }
  return words;
}

/** A sentence as the rule compares it. */
interface Candidate {
  sentence: PlainSentence;
  /**
   * The section the sentence is in (its index in the outline), or -1 for the title's summary,
   * which restates the design's decisions on purpose and never counts. Sentences of one section
   * are never compared: a claim is repeated when it is argued in several sections, and the
   * sentences alike inside one section are its template (a derivation per flow, a latency line
   * per operation, a row per failure).
   */
  section: number;
  /** Its distinct content words. */
  words: ReadonlySet<string>;
}

/** A sentence that argues a claim already argued at least `maxOccurrences` times before it. */
interface Repetition {
  sentence: PlainSentence;
  /** The earlier sentences of the same claim, in document order. */
  earlier: PlainSentence[];
}

/** A sentence of one top-level node, by offsets relative to the node, with its content words. */
interface NodeSentence {
  start: number;
  end: number;
  words: readonly string[];
}

type Memo = <T>(key: string, compute: () => T) => T;

/**
 * The sentences of a document with enough distinct content words, tagged with their section.
 * Each top-level node's sentences are derived once per text of the node (through `memo`), so
 * while an author types only the paragraph being edited is read again.
 */
function candidatesOf(tree: Root, text: string, outline: Outline, minWords: number, memo: Memo): Candidate[] {
  const starts = outline.sections.map((section) => section.startLine);
  const candidates: Candidate[] = [];
  let section = -1;
  for (const node of tree.children) {
    const line = node.position?.start.line ?? 0;
    while (section + 1 < starts.length && starts[section + 1]! <= line) section++;
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const sentences = memo(`${minWords}\u0000${text.slice(from, to)}`, (): NodeSentence[] => {
      const seen = new Map<string, string | undefined>();
      return plainSentences([node], text).flatMap((sentence) => {
        const words = contentWords(sentence, seen);
        return words.size >= minWords ? [{ start: sentence.start - from, end: sentence.end - from, words: [...words] }] : [];
      });
    });
    for (const sentence of sentences) candidates.push({ sentence: { start: from + sentence.start, end: from + sentence.end, words: [] }, section, words: new Set(sentence.words) });
  }
  return candidates;
}

const MAX_POSTINGS = 64;

/**
 * How many earlier sentences one sentence is compared with at most. In the library and its
 * history a sentence meets at most 9 (27 at similarity 0.2); only generated text, whose
 * sentences all share their words, comes near this.
 */
const MAX_COMPARED = 256;

/** How many of a sentence's most similar predecessors are tried as members of its claim (the message lists them). */
const MAX_MATCHES = 32;

/**
 * The repeated claims of a document. Two sentences of different sections are similar when the
 * Jaccard similarity of their content words reaches `similarity`; a sentence repeats a claim
 * when at least `maxOccurrences` earlier sentences are similar to it and to each other (a
 * clique, grown greedily from the most similar), so a long sentence that touches two claims
 * once each is not taken for a third statement of either.
 *
 * Pairs are found by prefix filtering (Bayardo et al., "Scaling up all pairs similarity
 * search"): with the words of every sentence ordered rarest first, two sentences whose
 * similarity reaches the threshold share a word among the first |x| - ceil(t |x|) + 1 of each.
 */
function findRepetitions(candidates: readonly Candidate[], options: Options): Repetition[] {
  const threshold = options.similarity;
  // Words as numbers in the order prefix filtering needs: the rarest (in the fewest sentences) first.
  const frequency = new Map<string, number>();
  for (const candidate of candidates) for (const word of candidate.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(order.map((word, position) => [word, position]));
  const held = Int32Array.from(order, (word) => frequency.get(word)!);
  const sets = candidates.map((candidate) => Int32Array.from(candidate.words, (word) => rank.get(word)!).sort());
  // mark[word] === index + 1 while sentence `index` is compared: its words, found in O(1).
  const mark = new Int32Array(order.length);
  // compared[other] === index + 1 once sentence `index` has met `other`.
  const compared = new Int32Array(candidates.length);
  // For each word, the sentences whose prefix holds it and where: (sentence, position) pairs.
  const postings: number[][] = order.map(() => []);
  const similar = new Set<number>();
  const key = (earlier: number, later: number): number => earlier * candidates.length + later;
  const repetitions: Repetition[] = [];
  candidates.forEach((candidate, index) => {
    const words = sets[index]!;
    const size = words.length;
    for (let at = 0; at < size; at++) mark[words[at]!] = index + 1;
    // The epsilon keeps 0.35 x 20 = 7.000000000000001 at 7.
    let prefix = size - Math.ceil(threshold * size - 1e-9) + 1;
    while (prefix > 0 && held[words[prefix - 1]!]! > MAX_POSTINGS) prefix--;
    let comparisons = 0;
    const matches: Array<{ index: number; score: number }> = [];
    for (let position = 0; position < prefix && comparisons < MAX_COMPARED; position++) {
      const holders = postings[words[position]!]!;
      for (let at = 0; at < holders.length && comparisons < MAX_COMPARED; at += 2) {
        const other = holders[at]!;
        if (compared[other] === index + 1 || candidates[other]!.section === candidate.section) continue;
        compared[other] = index + 1;
        const before = sets[other]!;
        // Positional filter: this is the first word the two share, so the others stand after it in both.
        const needed = Math.ceil((threshold / (1 + threshold)) * (size + before.length) - 1e-9);
        if (1 + Math.min(size - position - 1, before.length - holders[at + 1]! - 1) < needed) continue;
        comparisons++;
        let common = 0;
        for (let word = 0; word < before.length; word++) if (mark[before[word]!] === index + 1) common++;
        const score = common / (before.length + size - common);
        if (score < threshold) continue;
        similar.add(key(other, index));
        if (candidates[other]!.section >= 0) matches.push({ index: other, score });
      }
    }
    for (let position = 0; position < prefix; position++) postings[words[position]!]!.push(index, position);
    if (candidate.section < 0 || matches.length < options.maxOccurrences) return;
    matches.sort((a, b) => b.score - a.score || a.index - b.index);
    const claim: number[] = [];
    for (const match of matches.slice(0, MAX_MATCHES)) {
      if (claim.every((member) => similar.has(key(Math.min(member, match.index), Math.max(member, match.index))))) claim.push(match.index);
    }
    if (claim.length < options.maxOccurrences) return;
    claim.sort((a, b) => a - b);
    repetitions.push({ sentence: candidate.sentence, earlier: claim.map((member) => candidates[member]!.sentence) });
  });
  return repetitions;
}

function ordinal(count: number): string {
  const tens = count % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ["th", "st", "nd", "rd"][count % 10] ?? "th";
  return `${count}${suffix}`;
}

function listLines(lines: readonly number[]): string {
  const unique = [...new Set(lines)];
  return unique.length === 1 ? `line ${unique[0]}` : `lines ${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
}

/**
 * A claim argued again and again: a sentence that says nearly what two earlier ones in other
 * sections said is reported, with the lines of the earlier ones. Sentences are compared by
 * their content words (stop words, units and figures dropped, endings cut), as single-word
 * shingles: over the library's history, two-word shingles found fewer real restatements for as
 * many false ones, and miss those that reorder a list ("key, payment, ledger, inbox and
 * outbox" against "payment, ledger, key, inbox and outbox"). The summary under the title
 * restates the design on purpose and never counts; tables and code are not prose and are not
 * read.
 */
const rule: DocumentRule<Options> = {
  meta: {
    id: "repetition",
    description: "No claim is argued more than twice: sentences that say nearly the same thing are reported from the third on.",
    defaultSeverity: "warn",
    reviewCheck: true,
    optionsSchema: {
      type: "object",
      properties: {
        similarity: {
          type: "number",
          minimum: 0.05,
          maximum: 1,
          description: "How alike two sentences must be to state one claim: the Jaccard similarity of their content words (shared words over all words), from 0.05 to 1.",
        },
        minWords: {
          type: "integer",
          minimum: 1,
          description: "Sentences with fewer distinct content words (stop words and figures not counted) are never compared.",
        },
        maxOccurrences: {
          type: "integer",
          minimum: 1,
          description: "How many times a claim may be stated before further statements are reported.",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { similarity: 0.4, minWords: 6, maxOccurrences: 2 },
  },
  scope: "document",
  check({ tree, text, outline, options, lineIndex, memo, report }) {
    const candidates = candidatesOf(tree, text, outline, options.minWords, memo);
    const index = lineIndex();
    for (const { sentence, earlier } of findRepetitions(candidates, options)) {
      const lines = earlier.map((before) => index.pointAt(before.start).line);
      report({
        message: `This claim is argued for the ${ordinal(earlier.length + 1)} time (also on ${listLines(lines)}): argue it once where it is decided and refer to it elsewhere.`,
        range: index.rangeAt(sentence.start, sentence.end),
        related: earlier.map((before, position) => ({ message: `${capitalizeFirst(ordinal(position + 1))} statement of this claim`, range: index.rangeAt(before.start, before.end) })),
      });
    }
  },
};

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export default rule;
