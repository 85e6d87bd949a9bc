import { codeBlocksIn, DEFAULT_DIAGRAM_LANGUAGES, diagramLanguagesSchema } from "../code/codeBlocks";
import { diagramLabels, type DiagramLabel } from "../code/diagramLabels";
import { proseUnits, type ProseUnit } from "../prose/proseUnits";
import { DIAGRAM_SECTION_NUMBER } from "../template/template";
import type { SectionRule } from "../engine/types";

interface Options {
  languages: string[];
  ignore: string[];
  genericWords: string[];
}

/**
 * Words that do not tell one component from another: kinds of process and store ("Order
 * service" is named by "order"), the callers around a system, external systems and geography.
 */
export const DEFAULT_GENERIC_WORDS: readonly string[] = [
  "service", "server", "layer", "tier", "cluster", "node", "db", "database", "pod", "instance", "process", "shard", "replica", "component", "system", "fleet", "host", "machine", "api", "app", "application",
  "user", "client", "customer", "shopper", "fan", "member", "merchant", "engineer", "operator", "browser", "team", "bot", "caller", "producer", "tenant", "on-call", "ops",
  "external", "upstream", "downstream", "third-party", "endpoint",
  "region", "regional", "zone", "az", "datacenter", "jurisdiction", "global", "eu", "us", "apac", "emea",
];

/** Short forms that name the same thing as their long form. */
const SYNONYMS: Readonly<Record<string, string>> = { pg: "postgresql", postgres: "postgresql", lib: "library", db: "database", k8s: "kubernetes" };
const STOPWORDS = new Set(["a", "an", "the", "of", "in", "on", "to", "for", "by", "per", "and", "or", "with", "at", "from", "via", "into", "every", "each", "all"]);

/** One word in a comparable form: lower case, no possessive, singular, short forms expanded. */
function normal(word: string): string {
  let form = word.toLowerCase().replace(/['’]s?$/u, "");
  form = SYNONYMS[form] ?? form;
  if (form.length > 4 && form.endsWith("ies")) form = `${form.slice(0, -3)}y`;
  else if (/(?:ch|sh|x|ss|z)es$/.test(form)) form = form.slice(0, -2);
  else if (form.length > 3 && form.endsWith("s") && !form.endsWith("ss")) form = form.slice(0, -1);
  return SYNONYMS[form] ?? form;
}

/** The words of a name that can name something: no numbers, single letters or stopwords; a generic hyphenated word ("on-call") stays whole. */
function nameWords(name: string, generic: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const token of name.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? []) {
    if (generic.has(normal(token))) {
      words.push(normal(token));
      continue;
    }
    for (const part of token.split("-")) {
      if (/\d/.test(part) || part.length < 2 || STOPWORDS.has(part.toLowerCase())) continue;
      words.push(normal(part));
    }
  }
  return words;
}

/** What the prose offers for matching, built once per check so each label costs a few lookups. */
interface ProseIndex {
  /** For each word, the units (sentences, list items, rows, headings) that hold it. */
  unitsWith: Map<string, Set<number>>;
  /** Words set in bold or italics anywhere. */
  emphasized: Set<string>;
  /** Words opening a unit, or within three words after "the". */
  usedAsName: Set<string>;
}

function indexProse(units: readonly ProseUnit[]): ProseIndex {
  const index: ProseIndex = { unitsWith: new Map(), emphasized: new Set(), usedAsName: new Set() };
  units.forEach((unit, at) => {
    const words = unit.map((word) => normal(word.text));
    words.forEach((word, position) => {
      let holders = index.unitsWith.get(word);
      if (!holders) index.unitsWith.set(word, (holders = new Set()));
      holders.add(at);
      if (unit[position]!.emphasized) index.emphasized.add(word);
      if (position === 0 || words.slice(Math.max(0, position - 3), position).includes("the")) index.usedAsName.add(word);
    });
  });
  return index;
}

type Status = "named" | "missing" | "skipped";

/**
 * Whether the prose names one of a label's names: every distinctive word of it in one unit, or
 * the name's last word used as a name (in bold or italics; or, when not generic, after "the"
 * within three words, or opening a sentence or list item).
 */
function statusOf(name: string, prose: ProseIndex, generic: ReadonlySet<string>): Status {
  const words = nameWords(name, generic);
  const distinctive = words.filter((word) => !generic.has(word));
  if (!distinctive.length) return "skipped";
  const holders = distinctive.map((word) => prose.unitsWith.get(word) ?? new Set<number>()).sort((a, b) => a.size - b.size);
  if ([...holders[0]!].some((unit) => holders.every((set) => set.has(unit)))) return "named";
  const head = words[words.length - 1]!;
  if (prose.emphasized.has(head)) return "named";
  return !generic.has(head) && prose.usedAsName.has(head) ? "named" : "missing";
}

function labelStatus(label: DiagramLabel, prose: ProseIndex, generic: ReadonlySet<string>, ignored: ReadonlySet<string>): Status {
  const key = (text: string): string => nameWords(text, new Set()).join(" ");
  if (ignored.has(key(label.text)) || label.names.some((name) => ignored.has(key(name)))) return "skipped";
  const statuses = label.names.map((name) => statusOf(name, prose, generic));
  if (statuses.includes("named")) return "named";
  return statuses.includes("missing") ? "missing" : "skipped";
}

/**
 * Every component drawn in the section 6 diagram is named in the section's prose, where the
 * seed asks to "explain each layer and what problem it eliminates". How labels are read from
 * the ASCII art is in code/diagramLabels.ts; how the prose is cut, in prose/proseUnits.ts.
 */
const rule: SectionRule<Options> = {
  meta: {
    id: "diagram-explained",
    description: "Every component drawn in the section 6 diagram is named in the section's prose.",
    defaultSeverity: "warn",
    reviewCheck: true,
    optionsSchema: {
      type: "object",
      properties: {
        languages: diagramLanguagesSchema.properties.languages,
        ignore: {
          type: "array",
          items: { type: "string" },
          description: "Labels not to check, case-insensitive (e.g. \"Load balancer\").",
        },
        genericWords: {
          type: "array",
          items: { type: "string" },
          description: "Words that do not tell components apart (service, cluster, users, ...); a label is named when its other words are. Replaces the default list.",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { languages: [...DEFAULT_DIAGRAM_LANGUAGES], ignore: [], genericWords: [...DEFAULT_GENERIC_WORDS] },
  },
  scope: "section",
  check({ section, options, lineIndex, report }) {
    if (section.isTitle || section.summary.template?.number !== DIAGRAM_SECTION_NUMBER || !section.summary.isFirstOccurrence) return;
    const languages = options.languages.map((language) => language.toLowerCase());
    const blocks = codeBlocksIn(section.nodes, section.text).filter((block) => block.fenced && languages.includes(block.language));
    if (!blocks.length) return;
    // A section with no prose at all gets one message from section-content (6.layer-explanation).
    const units = proseUnits(section.nodes);
    if (!units.length) return;
    const prose = indexProse(units);
    const generic = new Set(options.genericWords.map(normal));
    const ignored = new Set(options.ignore.map((label) => nameWords(label, new Set()).join(" ")));
    const index = lineIndex();
    const reported = new Set<string>();
    for (const block of blocks) {
      const fenceLine = block.node.position?.start.line;
      if (fenceLine === undefined || block.node.value === "") continue;
      const lines = block.node.value.split("\n").map((_, offset) => index.lineText(fenceLine + 1 + offset));
      const labels = diagramLabels(lines);
      const statuses = labels.map((label) => labelStatus(label, prose, generic, ignored));
      // A container (a titled box, a box of boxes) is explained by its name or by a part named
      // inside it; inner containers come later in reading order, so they are settled first.
      for (let at = labels.length - 1; at >= 0; at--) {
        if (labels[at]!.container && statuses[at] === "missing" && labels.some((inner, innerAt) => inner.parent === at && statuses[innerAt] === "named")) statuses[at] = "named";
      }
      labels.forEach((label, at) => {
        if (statuses[at] !== "missing") return;
        const key = nameWords(label.text, new Set()).join(" ");
        if (reported.has(key)) return;
        reported.add(key);
        const line = fenceLine + 1 + label.line;
        const endLine = fenceLine + 1 + label.endLine;
        report({
          message: `Component '${label.text}' is drawn in the diagram but never named in section ${DIAGRAM_SECTION_NUMBER}'s prose: add a sentence saying what it does and what problem it removes.`,
          range: { start: { line, column: label.start + 1 }, end: { line: endLine, column: label.end + 1 } },
        });
      });
    }
  },
};

export default rule;
