import { PLACEHOLDER_MARKER } from "../template/template";
import type { SectionBody } from "./types";

/**
 * True when a section still holds nothing but its scaffold: every non-blank line under its
 * heading is a line the scaffold wrote (fences, list bullets) or still carries the `TODO:`
 * marker, and at least one does. Such a section is work not started, not work done wrong, so
 * the engine reports it once, as a to-do (the rule whose meta claims unwritten sections), and the section rules stay
 * quiet about it until the author starts writing; once one TODO line is replaced the section
 * is checked like any other.
 */
export function isUnwrittenSection(section: SectionBody, lines: readonly string[]): boolean {
  const template = section.summary.template;
  if (section.isTitle || !template || !template.scaffold) return false;
  const scaffoldLines = new Set(template.scaffold.split("\n").map((line) => line.trim()).filter((line) => line !== ""));
  let placeholders = 0;
  for (let line = section.summary.startLine + 1; line <= section.summary.endLine; line++) {
    const text = (lines[line - 1] ?? "").trim();
    if (text === "") continue;
    if (text.includes(PLACEHOLDER_MARKER)) placeholders++;
    else if (!scaffoldLines.has(text)) return false;
  }
  return placeholders > 0;
}
