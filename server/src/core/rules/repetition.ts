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

/** A sentence of one top-level node, by offsets relative to the node, with its content words. */
interface NodeSentence {
  start: number;
  end: number;
  words: readonly string[];
}

/** A sentence as the rule compares it. */
interface Candidate {
  /** Where it stands in the document now. */
  sentence: PlainSentence;
  /**
   * The section the sentence is in (its index in the outline), or -1 for the title's summary,
   * which restates the design's decisions on purpose and never counts. Sentences of one section
   * are never compared: a claim is repeated when it is argued in several sections, and the
   * sentences alike inside one section are its template (a derivation per flow, a latency line
   * per operation, a row per failure).
   */
  section: number;
  /**
   * What the paragraph's memo gave for this sentence: the same object from one lint to the next
   * while the paragraph's text is unchanged, so it tells an edited sentence from one that moved.
   */
  origin: NodeSentence;
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
    for (const origin of sentences) candidates.push({ sentence: { start: from + origin.start, end: from + origin.end, words: [] }, section, origin });
  }
  return candidates;
}

/**
 * A word in more of the document's sentences than this is what the document is about (payment,
 * merchant, lock), not part of any one claim, and is left out of every comparison like a stop
 * word. It also bounds the work: a sentence is compared only with sentences that share one of its
 * other words, at most this many per word, so no document, however repetitive, costs more than
 * this many comparisons per word.
 */
const SUBJECT_WORD_SENTENCES = 64;

/** How many of a sentence's most similar predecessors are tried as members of its claim (the message lists them). */
const MAX_MATCHES = 32;

/** A sentence in the comparison, kept from one lint to the next while its paragraph is unchanged. */
interface Entry {
  origin: NodeSentence;
  section: number;
  sentence: PlainSentence;
  /** Its place among the document's sentences in the latest lint. */
  position: number;
  /** How many of its words are not subject words. */
  weight: number;
  /** The sentences of other sections similar to it, with their similarity. */
  partners: Map<Entry, number>;
  /** The earlier statements of its claim when it repeats one, in document order. */
  claim: Entry[] | undefined;
  /** Whether its claim must be worked out again: it is new, or its partners changed. */
  stale: boolean;
}

/**
 * The comparison of one document's sentences, updated after an edit rather than redone: an edit
 * replaces the sentences of the paragraphs it touched, and only those are compared with the rest
 * and only the claims of their partners are worked out again. An edit that moves sentences,
 * changes their sections or makes a word a subject word (or no longer one) starts it afresh.
 */
interface Comparison {
  similarity: number;
  maxOccurrences: number;
  entries: Entry[];
  /** The entries of each paragraph memo result, by occurrence (a paragraph may be written twice). */
  byOrigin: Map<NodeSentence, Entry[]>;
  /** For each word, the sentences that hold it. */
  holders: Map<string, Set<Entry>>;
  /** False while an update runs: an update cut short by an error leaves nothing to trust. */
  settled: boolean;
}

function newComparison(options: Options): Comparison {
  return { similarity: options.similarity, maxOccurrences: options.maxOccurrences, entries: [], byOrigin: new Map(), holders: new Map(), settled: true };
}

function isSubjectWord(comparison: Comparison, word: string): boolean {
  return (comparison.holders.get(word)?.size ?? 0) > SUBJECT_WORD_SENTENCES;
}

/**
 * Brings the comparison to the document's current sentences and returns it; `undefined` when
 * the edit cannot be applied as an update and the comparison must start afresh.
 */
function update(comparison: Comparison, candidates: readonly Candidate[]): Comparison | undefined {
  const next: Entry[] = [];
  const added: Entry[] = [];
  const occurrences = new Map<NodeSentence, number>();
  let lastKept = -1;
  for (const candidate of candidates) {
    const occurrence = occurrences.get(candidate.origin) ?? 0;
    occurrences.set(candidate.origin, occurrence + 1);
    const kept = comparison.byOrigin.get(candidate.origin)?.[occurrence];
    if (kept) {
      // A kept sentence that moved past another, or into another section, changes which
      // sentences come before it and which it may be compared with: start afresh.
      if (kept.position <= lastKept || kept.section !== candidate.section) return undefined;
      lastKept = kept.position;
      kept.sentence = candidate.sentence;
      next.push(kept);
    } else {
      const entry: Entry = { origin: candidate.origin, section: candidate.section, sentence: candidate.sentence, position: -1, weight: 0, partners: new Map(), claim: undefined, stale: true };
      next.push(entry);
      added.push(entry);
    }
  }
  const keptEntries = new Set(next);
  const removed = comparison.entries.filter((entry) => !keptEntries.has(entry));
  if (removed.length === 0 && added.length === 0) {
    next.forEach((entry, position) => (entry.position = position));
    comparison.entries = next;
    return comparison;
  }

  // Which words change their subject-word standing: any does, and every similarity may change.
  const touched = new Set<string>();
  for (const entry of [...removed, ...added]) for (const word of entry.origin.words) touched.add(word);
  const subjectBefore = new Map([...touched].map((word) => [word, isSubjectWord(comparison, word)]));
  for (const entry of removed) {
    for (const word of entry.origin.words) comparison.holders.get(word)?.delete(entry);
    for (const partner of entry.partners.keys()) {
      partner.partners.delete(entry);
      partner.stale = true;
    }
  }
  for (const entry of added) {
    for (const word of entry.origin.words) {
      let holders = comparison.holders.get(word);
      if (!holders) comparison.holders.set(word, (holders = new Set()));
      holders.add(entry);
    }
  }
  const started = comparison.entries.length > 0;
  for (const [word, before] of subjectBefore) {
    if (started && isSubjectWord(comparison, word) !== before) return undefined;
    if (comparison.holders.get(word)?.size === 0) comparison.holders.delete(word);
  }

  next.forEach((entry, position) => (entry.position = position));
  comparison.entries = next;
  comparison.byOrigin = new Map();
  for (const entry of next) {
    const list = comparison.byOrigin.get(entry.origin);
    if (list) list.push(entry);
    else comparison.byOrigin.set(entry.origin, [entry]);
  }

  // Each added sentence meets the sentences that share a word with it; a pair of two added
  // sentences is scored once, by the later one.
  for (const entry of added) entry.weight = entry.origin.words.filter((word) => !isSubjectWord(comparison, word)).length;
  const unscored = new Set(added);
  for (const entry of added) {
    unscored.delete(entry);
    const shared = new Map<Entry, number>();
    for (const word of entry.origin.words) {
      if (isSubjectWord(comparison, word)) continue;
      for (const other of comparison.holders.get(word)!) {
        if (other !== entry && other.section !== entry.section && !unscored.has(other)) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    for (const [other, common] of shared) {
      const score = common / (entry.weight + other.weight - common);
      if (score < comparison.similarity) continue;
      entry.partners.set(other, score);
      other.partners.set(entry, score);
      other.stale = true;
    }
  }
  return comparison;
}

/** The earlier statements of the claim a sentence repeats, or undefined when it repeats none. */
function claimOf(entry: Entry, maxOccurrences: number): Entry[] | undefined {
  if (entry.section < 0) return undefined;
  const matches = [...entry.partners].filter(([other]) => other.position < entry.position && other.section >= 0);
  if (matches.length < maxOccurrences) return undefined;
  matches.sort((a, b) => b[1] - a[1] || a[0].position - b[0].position);
  const claim: Entry[] = [];
  for (const [match] of matches.slice(0, MAX_MATCHES)) if (claim.every((member) => member.partners.has(match))) claim.push(match);
  return claim.length < maxOccurrences ? undefined : claim.sort((a, b) => a.position - b.position);
}

/**
 * The repeated claims of a document. Two sentences of different sections are similar when the
 * Jaccard similarity of their content words (subject words left out) reaches `similarity`; a
 * sentence repeats a claim when at least `maxOccurrences` earlier sentences are similar to it and
 * to each other (a clique, grown greedily from the most similar), so a long sentence that touches
 * two claims once each is not taken for a third statement of either.
 */
function findRepetitions(candidates: readonly Candidate[], options: Options, carried: Comparison): Array<{ sentence: PlainSentence; earlier: PlainSentence[] }> {
  const usable = carried.settled && carried.similarity === options.similarity && carried.maxOccurrences === options.maxOccurrences;
  carried.settled = false;
  let comparison = usable ? update(carried, candidates) : undefined;
  if (!comparison) {
    Object.assign(carried, newComparison(options), { settled: false });
    comparison = update(carried, candidates)!;
  }
  const repetitions: Array<{ sentence: PlainSentence; earlier: PlainSentence[] }> = [];
  for (const entry of comparison.entries) {
    if (entry.stale) {
      entry.claim = claimOf(entry, options.maxOccurrences);
      entry.stale = false;
    }
    if (entry.claim) repetitions.push({ sentence: entry.sentence, earlier: entry.claim.map((member) => member.sentence) });
  }
  comparison.settled = true;
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
  check({ tree, text, outline, options, lineIndex, memo, carried, report }) {
    const candidates = candidatesOf(tree, text, outline, options.minWords, memo);
    const comparison = carried(`${options.minWords}`, () => newComparison(options));
    const index = lineIndex();
    for (const { sentence, earlier } of findRepetitions(candidates, options, comparison)) {
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
