import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LintMessage } from "../../server/src/core/engine/types";

/** Set UPDATE_GOLDENS=1 to rewrite golden files from the current output (then review the diff). */
export const UPDATING = process.env["UPDATE_GOLDENS"] === "1";

/** One message per line: "line:column-endLine:endColumn severity rule-id message". */
export function renderMessages(messages: readonly LintMessage[]): string {
  return messages
    .map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.severity} ${message.ruleId} ${message.message}`)
    .join("\n")
    .concat(messages.length ? "\n" : "");
}

/** Returns the golden text, writing it first when updating. */
export function golden(path: string, actual: string): string | undefined {
  if (UPDATING) writeFileSync(path, actual);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
