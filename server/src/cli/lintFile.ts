import { lstatSync } from "node:fs";
import { dirname, relative } from "node:path";
import type { ConfigResult } from "../core/engine/config";
import { fixAllText } from "../core/features/fixes";
import { isUnwrittenSection } from "../core/engine/unwritten";
import { sectionStatuses } from "../core/features/summary";
import { CodeParserHost } from "../node/codeParsers";
import { ConfigCache } from "../node/configFile";
import { diskWorkspace } from "../node/diskWorkspace";
import { readScenarioFile } from "../node/readScenario";
import { writeFileAtomically } from "../node/writeFile";
import { createScenarioService, type ScenarioService } from "../service/scenarioService";
import { fatalReport, toFileReport, type FileReport } from "./formatters";

export interface LintFileOptions {
  /** A configuration given on the command line, used for every file instead of the nearest one. */
  explicitConfig?: ConfigResult;
  fix?: boolean;
  /** Compute the fixes and report the fixed text (`output`), but write nothing. */
  fixDryRun?: boolean;
  cwd: string;
}

/**
 * The result of one file: its report (with how many sections still hold only their scaffold),
 * or the configuration errors that kept it from being linted.
 */
export type LintFileOutcome = { report: FileReport; notes: string[]; unwrittenSections: number; cacheable: boolean } | { configErrors: string[] };

/**
 * A CLI lint service for one process (or one worker): the disk as the workspace, parsers
 * loaded once, configurations cached by folder for the run.
 */
export function cliService(explicitConfig?: ConfigResult): ScenarioService {
  const cache = new ConfigCache();
  return createScenarioService({
    workspace: diskWorkspace(),
    parsers: new CodeParserHost(),
    configs: {
      configFor: (path) => {
        if (explicitConfig) return { ...explicitConfig, file: undefined };
        const { file, result } = cache.forDirectory(dirname(path));
        return { ...result, file };
      },
    },
  });
}

/**
 * Lints one file from disk, fixing it first when asked: what the CLI does per file, importable
 * by a worker. A file that cannot be read gets one fatal message; a fix that cannot be written
 * leaves the file unchanged and says so.
 */
export async function lintFile(path: string, service: ScenarioService, options: LintFileOptions): Promise<LintFileOutcome> {
  const read = readScenarioFile(path);
  if (!read.ok) return { report: fatalReport(path, read.reason, options.cwd), notes: [], unwrittenSections: 0, cacheable: false };
  return lintText(path, read.text, service, options);
}

/** Lints a text that stands for `path` (a file's, or standard input's with --stdin-filename). */
export async function lintText(path: string, text: string, service: ScenarioService, options: LintFileOptions): Promise<LintFileOutcome> {
  const notes: string[] = [];
  let lint = await service.lint({ path, text });
  if (lint.configErrors.length) return { configErrors: lint.configErrors };
  let output: string | undefined;
  if ((options.fix || options.fixDryRun) && !lint.result.isIndex) {
    const fixed = fixAllText(lint.result, lint.text);
    if (fixed !== undefined && options.fix && !options.fixDryRun && isSymbolicLink(path)) {
      // Writing would replace the link with a file, or reach outside the folder through it.
      notes.push(`${relative(options.cwd, path) || path} is a symbolic link; it was not fixed (run --fix on the file it points to).`);
    } else if (fixed !== undefined) {
      try {
        if (!options.fixDryRun) {
          writeFileAtomically(path, fixed);
          notes.push(`fixed ${relative(options.cwd, path) || path}`);
        }
        output = fixed;
        lint = await service.lint({ path, text: fixed });
      } catch (error) {
        notes.push(`could not write ${path} (${(error as Error).message}); it is unchanged.`);
      }
    }
  }
  const { result } = lint;
  const lines = lint.text.split(/\r\n|\r|\n/);
  const unwrittenSections = result.isIndex ? 0 : result.bodies.filter((body) => isUnwrittenSection(body, lines)).length;
  const report = toFileReport(path, result.messages, lint.text, { ...(result.isIndex ? { isIndex: true } : { sections: sectionStatuses(result) }), ...(output !== undefined ? { output } : {}) });
  return { report, notes, unwrittenSections, cacheable: lint.codeChecked && !result.isIndex };
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
