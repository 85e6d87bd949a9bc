import type { LintResult } from "../lint";
import { splitLines } from "../engine/lineEdits";
import { buildStructure } from "../engine/outline";
import { parseMarkdown } from "../engine/parse";
import { chunkLines, chunksOf, misspeltSections, renamedHeadingLine, renumberHeadingLine, type Chunk } from "../rules/shared/structuralFixes";
import { renderSection, TEMPLATE, templateSection, TITLE_SECTION_NUMBER } from "../template/template";
import type { Fix } from "../engine/types";

/** A fix a message offers, with the rule and the line of that message, for editors' code actions. */
export interface MessageFix {
  fix: Fix;
  ruleId: string;
  line: number;
}

/**
 * Every fix the messages of a lint result offer, the preferred ones first on each line. The
 * fixes come from the rules themselves (`report({ fixes })`); nothing here knows a rule id.
 */
export function fixesFor(result: LintResult): MessageFix[] {
  return result.messages.flatMap((message) => (message.fixes ?? []).map((fix) => ({ fix, ruleId: message.ruleId, line: message.line })));
}

/**
 * The whole document with every structural problem fixed: sections in template order (each
 * moving with its body; unknown and repeated sections stay behind the section they followed),
 * missing sections inserted with their scaffold, and wrong numbers corrected. Returns the new
 * text, or undefined when nothing changes.
 */
export function fixAllText(result: LintResult, text: string): string | undefined {
  // A fence left open swallows whatever follows it, the inserted or moved sections too: a fix
  // that would not hold is not offered (fixing it again would insert them again).
  if (result.outline.endsInOpenFence) return undefined;
  const fixed = rearrange(result, text);
  if (fixed === undefined) return undefined;
  // Other constructs can swallow a section too (an indented block reaching a setext underline);
  // the fixed text is parsed once more, and a fix after which a section is still missing is not
  // offered. Hosts ask for this only on request (source.fixAll), never per keystroke.
  const after = buildStructure(parseMarkdown(fixed), fixed).outline;
  const stillMissing = TEMPLATE.some((section) => section.number !== TITLE_SECTION_NUMBER && !after.sections.some((candidate) => candidate.template?.number === section.number));
  return stillMissing ? undefined : fixed;
}

function rearrange(result: LintResult, text: string): string | undefined {
  const split = splitLines(text);
  const chunks = chunksOf(result.outline, split.lines.length);

  // Each recognised section leads a group. A repeat joins its section's group (so it can never
  // end up before the first occurrence); an unknown section stays behind the section before it.
  const lead: Chunk[] = [];
  const groups = new Map<number, Chunk[]>();
  // A misspelt heading of a missing section is that section, renamed, not an unknown one that
  // the section would be inserted beside.
  const renamed = new Map([...misspeltSections(result.outline)].map(([number, { heading }]) => [heading, number]));
  const numberOf = (chunk: Chunk) => chunk.section?.template?.number ?? (chunk.section ? renamed.get(chunk.section) : undefined);
  for (const chunk of chunks) {
    const number = numberOf(chunk);
    if (number !== undefined && (chunk.section?.isFirstOccurrence || renamed.has(chunk.section!))) groups.set(number, [chunk]);
  }
  let current: Chunk[] = lead;
  for (const chunk of chunks) {
    const number = numberOf(chunk);
    if (number !== undefined) {
      current = groups.get(number)!;
      if (current[0] !== chunk) current.push(chunk);
    } else {
      current.push(chunk);
    }
  }

  const out: string[] = [];
  for (const chunk of lead) out.push(...chunkLines(split.lines, chunk));
  for (const template of TEMPLATE) {
    if (template.number === TITLE_SECTION_NUMBER) continue;
    const group = groups.get(template.number);
    if (!group) {
      if (out.length && out[out.length - 1]!.trim() !== "") out.push("");
      out.push(...renderSection(template).split("\n"));
      continue;
    }
    group.forEach((chunk) => {
      const lines = chunkLines(split.lines, chunk);
      const section = chunk.section;
      if (section?.template && section.declaredNumber !== undefined && section.declaredNumber !== section.template.number) {
        lines[0] = renumberHeadingLine(lines[0]!, section.template.number);
      }
      const rename = section && renamed.get(section);
      if (rename !== undefined) lines[0] = renamedHeadingLine(lines[0]!, templateSection(rename));
      out.push(...lines);
    });
  }
  // Blank lines at the end are the author's too: the fixed text ends with as many as the original.
  let trailingBlanks = 0;
  while (trailingBlanks < split.lines.length && split.lines[split.lines.length - 1 - trailingBlanks] === "") trailingBlanks++;
  while (out.length && out[out.length - 1] === "") out.pop();
  for (let blank = 0; blank < trailingBlanks && out.length; blank++) out.push("");
  const fixed = out.join(split.eol) + (split.finalEol || out.length ? split.eol : "");
  return fixed === text ? undefined : fixed;
}

