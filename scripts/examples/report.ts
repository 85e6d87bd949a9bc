import type { Counts, Failure, ScenarioResult } from "./execute";
import type { ServerInfo } from "./servers";

export interface Report {
  scenarios: ScenarioResult[];
  servers: ServerInfo[];
  temporaryDirectory: string | undefined;
  /** Set when the run was cut short by a signal. */
  interrupted?: NodeJS.Signals;
  /** Set when the run could not proceed (missing packages, a server that would not start). */
  error?: string;
}

const COLUMNS: ReadonlyArray<[keyof Counts, string]> = [
  ["runnable", "runnable"],
  ["passed", "passed"],
  ["failed", "failed"],
  ["illustrative", "illustrative"],
  ["unmarked", "unmarked"],
  ["sqlApplied", "sql applied"],
  ["sqlFailed", "sql failed"],
  ["sqlIllustrative", "sql illustrative"],
];

export function totals(report: Report): Counts {
  const sum = Object.fromEntries(COLUMNS.map(([key]) => [key, 0])) as unknown as Counts;
  for (const scenario of report.scenarios) for (const [key] of COLUMNS) sum[key] += scenario.counts[key];
  return sum;
}

export function failures(report: Report): Failure[] {
  return report.scenarios.flatMap((scenario) => scenario.failures);
}

/** A run passes when nothing failed, nothing is unmarked, nothing was interrupted and nothing broke. */
export function passed(report: Report): boolean {
  return report.error === undefined && report.interrupted === undefined && failures(report).length === 0;
}

/** The per-scenario table, then every failure with its Markdown location and the end of its output. */
export function formatText(report: Report): string {
  const rows = report.scenarios.map((scenario) => [scenario.file, ...COLUMNS.map(([key]) => String(scenario.counts[key]))]);
  const sum = totals(report);
  if (report.scenarios.length > 1) rows.push(["total", ...COLUMNS.map(([key]) => String(sum[key]))]);
  const header = ["scenario", ...COLUMNS.map(([, title]) => title)];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join("  ").trimEnd();
  // A run that stopped before any scenario (missing packages) has no table to show.
  const out: string[] = report.scenarios.length === 0 ? [] : [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line), ""];

  const failed = failures(report);
  if (failed.length > 0) {
    out.push("Failures:");
    for (const failure of failed) {
      const where = `${failure.file}:${failure.errorLine ?? failure.line}`;
      const block = failure.kind === "unmarked" ? "" : ` (block \`\`\`${failure.info} at line ${failure.line})`;
      out.push("", `${where}${block}: ${failure.reason}`);
      for (const outputLine of failure.output) out.push(`    ${outputLine}`);
    }
    out.push("");
  }

  if (report.error !== undefined) out.push(`Could not run the examples: ${report.error}`);
  if (report.interrupted !== undefined) out.push(`Interrupted by ${report.interrupted}; the counts above cover what ran before it.`);
  if (report.scenarios.length > 0) {
    out.push(
      `${plural(sum.runnable, "runnable block")}: ${sum.passed} passed, ${sum.failed} failed; ` +
        `${plural(sum.sqlApplied + sum.sqlFailed, "sql block")}: ${sum.sqlApplied} applied, ${sum.sqlFailed} failed; ` +
        `${plural(sum.unmarked, "unmarked ruby block")}.`,
    );
  }
  return `${out.join("\n")}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The machine-readable report (`--format json`), for tests and tools. */
export function formatJson(report: Report): string {
  const json = {
    ok: passed(report),
    ...(report.error !== undefined ? { error: report.error } : {}),
    ...(report.interrupted !== undefined ? { interrupted: report.interrupted } : {}),
    totals: totals(report),
    scenarios: report.scenarios.map((scenario) => ({ file: scenario.file, ...scenario.counts, blocks: [...scenario.blocks].sort((a, b) => a.line - b.line) })),
    failures: failures(report),
    servers: report.servers,
    temporaryDirectory: report.temporaryDirectory,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
