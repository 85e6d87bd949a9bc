import { basename, dirname, join } from "node:path";
import type { ConfigResult } from "../core/engine/config";
import { lintDocument, SectionResultCache, type LintResult } from "../core/lint";
import { createChunkedParser, type ChunkedParser } from "../core/engine/chunkedParse";
import { parseMarkdown, stripBom } from "../core/engine/parse";
import { limitProblemBeforeParse } from "../core/engine/limits";
import type { Root } from "mdast";
import { resolveLineEdits, type ResolvedEdit } from "../core/engine/lineEdits";
import { scenarioTitle } from "../core/engine/scenarioTitle";
import type { CodeParsers, LibraryEntry } from "../core/engine/types";
import { fixAllText, fixesFor } from "../core/features/fixes";
import { foldingRanges, outlineSymbols, sectionCompletions, sectionHover, type OutlineSymbol, type SectionCompletion } from "../core/features/languageFeatures";
import { completeCount, sectionStatuses } from "../core/features/summary";
import { isIndexPath } from "../core/template/fileName";
import { regenerateIndex } from "../core/template/indexFile";
import { TEMPLATE } from "../core/template/template";

/**
 * The one lint pipeline of every host: the language server, the CLI and the tests. In the
 * manner of the Markdown language service's `createLanguageService`, everything that touches
 * the outside world is injected: the workspace (files, open editors' text), the code parsers
 * and the configuration. Nothing here knows LSP or the process; the hosts convert.
 */

/** Files as the host sees them: an open editor's text wins over the disk. */
export interface ScenarioWorkspace {
  /** The text of a file, or undefined when it does not exist or cannot be read as text. */
  readText(path: string): string | undefined;
  /** The names of the entries of a folder that are files; [] when it cannot be listed. */
  listFiles(folder: string): string[];
}

export interface ServiceOptions {
  workspace: ScenarioWorkspace;
  /** Loads (once) the parsers a text's code blocks need. */
  parsers: { parsersFor(text: string): Promise<CodeParsers> };
  /** The configuration governing a file: the nearest `.scenariolintrc.json`, or the defaults. */
  configs: { configFor(path: string): ConfigResult & { file: string | undefined } };
  /**
   * Keep, per document linted with a version (an editor's open document), a chunked parser and
   * the section rules' results, so the next version re-parses and re-checks only the sections
   * that changed (engine/chunkedParse.ts). Off for the CLI, which lints each file once.
   */
  incremental?: boolean;
}

export interface ServiceDocument {
  path: string;
  text: string;
  /** The editor's version of the text, echoed in the result so a host can drop stale results. */
  version?: number;
}

/** One file linted: the result, the configuration problems, and the text and version linted. */
export interface FileLint {
  path: string;
  text: string;
  version: number | undefined;
  result: LintResult;
  configErrors: string[];
  configFile: string | undefined;
  /** False when a code parser the document needed could not be loaded: the result says so, and is not worth keeping. */
  codeChecked: boolean;
}

/** What a status display shows for one file. */
export interface FileStatus {
  isScenario: boolean;
  complete: number;
  total: number;
  incomplete: string[];
}

/** A code action, free of any editor API: edits on this document's text, or a file rename. */
export type ActionPlan =
  | { kind: "quickfix" | "source.fixAll"; title: string; ruleId: string | undefined; line: number | undefined; isPreferred: boolean; edits: ResolvedEdit[] }
  | { kind: "rename"; title: string; ruleId: string; line: number; newName: string; indexUpdates: IndexUpdate[] };

export interface IndexUpdate {
  indexPath: string;
  before: string;
  after: string;
}

export interface ScenarioService {
  lint(document: ServiceDocument): Promise<FileLint>;
  /** The configuration governing a file (for a host that keys results by it). */
  configuration(path: string): ConfigResult & { file: string | undefined };
  /** Drops what incremental linting keeps for a document (its editor closed it). */
  forget(path: string): void;
  status(lint: FileLint): FileStatus;
  /** Quick fixes on the 1-based lines `fromLine`..`toLine`, and "fix all" when asked for. */
  codeActions(lint: FileLint, fromLine: number, toLine: number, wants: { quickFix: boolean; fixAll: boolean }): ActionPlan[];
  symbols(lint: FileLint): OutlineSymbol[];
  folding(lint: FileLint): Array<{ startLine: number; endLine: number }>;
  hover(lint: FileLint, line: number): ReturnType<typeof sectionHover>;
  completions(lint: FileLint, lineText: string): SectionCompletion[];
  /** The scenarios beside an index, with their titles. */
  library(indexPath: string): LibraryEntry[];
  /** The index of `folder` with its catalogue regenerated, or undefined when already current. */
  regenerateIndex(folder: string): IndexUpdate | undefined;
  /** How the indexes change when scenarios are renamed (links and catalogue). */
  indexUpdatesForRenames(renames: ReadonlyArray<{ oldPath: string; newPath: string }>): IndexUpdate[];
}

/** How many open documents keep incremental state; the least recently linted is dropped first. */
const INCREMENTAL_DOCUMENTS = 32;

export function createScenarioService({ workspace, parsers, configs, incremental = false }: ServiceOptions): ScenarioService {
  const documentStates = new Map<string, { parser: ChunkedParser; sectionCache: SectionResultCache }>();
  const stateFor = (path: string): { parser: ChunkedParser; sectionCache: SectionResultCache } => {
    let state = documentStates.get(path);
    if (state) documentStates.delete(path);
    else state = { parser: createChunkedParser(), sectionCache: new SectionResultCache() };
    documentStates.set(path, state);
    if (documentStates.size > INCREMENTAL_DOCUMENTS) documentStates.delete(documentStates.keys().next().value!);
    return state;
  };

  const library = (indexPath: string): LibraryEntry[] => {
    const folder = dirname(indexPath);
    // Files that cannot be read as text (binary, not UTF-8) and empty files are not scenarios.
    return workspace
      .listFiles(folder)
      .filter((name) => name.endsWith(".md") && !isIndexPath(name))
      .sort()
      .flatMap((fileName) => {
        const text = workspace.readText(join(folder, fileName));
        return text === undefined || text.trim() === "" ? [] : [{ fileName, title: scenarioTitle(text, fileName) }];
      });
  };

  const service: ScenarioService = {
    async lint(document) {
      const { config, errors, file } = configs.configFor(document.path);
      const state = incremental && document.version !== undefined ? stateFor(document.path) : undefined;
      const parse = state?.parser.parse ?? parseMarkdown;
      // The code parsers' WebAssembly compiles on V8's background threads: the Markdown is
      // parsed meanwhile instead of after.
      const loading = parsers.parsersFor(document.text);
      const clean = stripBom(document.text);
      // Not for a file the engine will decline (it may be too large to parse), and a parse that
      // fails here is left to the engine, which says why.
      let tree: Root | undefined;
      if (!limitProblemBeforeParse(clean, config.limits)) {
        try {
          tree = parse(clean);
        } catch {
          tree = undefined;
        }
      }
      const loaded = await loading;
      const input = isIndexPath(document.path) ? { path: document.path, text: document.text, library: library(document.path) } : { path: document.path, text: document.text };
      const result = lintDocument(input, config, { parsers: loaded, parse: (text) => (tree && text === clean ? tree : parse(text)), ...(state ? { sectionCache: state.sectionCache } : {}) });
      const codeChecked = Object.values(loaded).every((state) => state?.status === "ready");
      return { path: document.path, text: document.text, version: document.version, result, configErrors: errors, configFile: file, codeChecked };
    },

    configuration: (path) => configs.configFor(path),

    forget(path) {
      documentStates.delete(path);
    },

    status(lint) {
      if (lint.result.isIndex) return { isScenario: false, complete: 0, total: TEMPLATE.length, incomplete: [] };
      const statuses = sectionStatuses(lint.result);
      return {
        isScenario: true,
        complete: completeCount(statuses),
        total: statuses.length,
        incomplete: statuses
          .filter((status) => status.state !== "complete")
          .map((status) => `${status.number}. ${status.title}: ${status.state === "missing" ? "missing" : `${status.messages.length} problem(s)`}`),
      };
    },

    codeActions(lint, fromLine, toLine, wants) {
      const actions: ActionPlan[] = [];
      if (wants.quickFix) {
        for (const { fix, ruleId, line } of fixesFor(lint.result)) {
          // Problems on one line can offer the same fix ("Insert all ..."); the menu lists it once.
          if (line < fromLine || line > toLine || actions.some((action) => action.title === fix.title)) continue;
          if (fix.kind === "edit") {
            actions.push({ kind: "quickfix", title: fix.title, ruleId, line, isPreferred: fix.isPreferred === true, edits: resolveLineEdits(lint.text, fix.edits) });
          } else if (!isIndexPath(fix.newName) && workspace.readText(join(dirname(lint.path), fix.newName)) === undefined && basename(lint.path) !== lint.path) {
            // A rename never targets an existing file; it brings the index's links and catalogue along.
            const target = join(dirname(lint.path), fix.newName);
            actions.push({ kind: "rename", title: fix.title, ruleId, line, newName: fix.newName, indexUpdates: service.indexUpdatesForRenames([{ oldPath: lint.path, newPath: target }]) });
          }
        }
      }
      if (wants.fixAll && !lint.result.isIndex) {
        const fixed = fixAllText(lint.result, lint.text);
        if (fixed !== undefined) {
          actions.push({ kind: "source.fixAll", title: "Fix all scenario problems", ruleId: undefined, line: undefined, isPreferred: false, edits: resolveLineEdits(lint.text, [{ startLine: 1, endLine: Number.MAX_SAFE_INTEGER, text: fixed }]) });
        }
      }
      return actions;
    },

    symbols: (lint) => (lint.result.isIndex ? [] : outlineSymbols(lint.result, lint.text)),
    folding: (lint) => foldingRanges(lint.result, lint.text),
    hover: (lint, line) => sectionHover(lint.result, line),
    completions: (lint, lineText) => (lint.result.isIndex ? [] : sectionCompletions(lint.result, lineText)),
    library,

    regenerateIndex(folder) {
      const indexPath = join(folder, "README.md");
      const before = workspace.readText(indexPath);
      const after = regenerateIndex(before, library(indexPath));
      return after === before ? undefined : { indexPath, before: before ?? "", after };
    },

    indexUpdatesForRenames(renames) {
      const scenarioRenames = renames.filter(({ oldPath, newPath }) => oldPath.endsWith(".md") && !isIndexPath(oldPath) && !isIndexPath(newPath));
      const folders = new Set(scenarioRenames.flatMap(({ oldPath, newPath }) => [dirname(oldPath), dirname(newPath)]));
      const updates: IndexUpdate[] = [];
      for (const folder of folders) {
        const indexPath = join(folder, "README.md");
        const before = workspace.readText(indexPath);
        if (before === undefined) continue;
        let text = before;
        // Links in the hand-written part follow a rename inside the folder.
        for (const { oldPath, newPath } of scenarioRenames) {
          if (dirname(oldPath) === folder && dirname(newPath) === folder) text = replaceLinkTargets(text, basename(oldPath), basename(newPath));
        }
        // The catalogue is rebuilt from the folder as it will be once the renames are done.
        let entries = library(indexPath);
        for (const { oldPath, newPath } of scenarioRenames) {
          const moved = dirname(oldPath) === folder ? entries.find((entry) => entry.fileName === basename(oldPath)) : undefined;
          entries = entries.filter((entry) => entry !== moved);
          if (dirname(newPath) === folder) entries.push({ fileName: basename(newPath), title: moved?.title ?? scenarioTitle(workspace.readText(oldPath) ?? "", basename(newPath)) });
        }
        const after = text.includes("scenario-index:start") ? regenerateIndex(text, entries) : text;
        if (after !== before) updates.push({ indexPath, before, after });
      }
      return updates;
    },
  };
  return service;
}

/** Every Markdown link target `(old)`, `(./old)` or `(old#anchor)` in the text, pointed at `newName`. */
export function replaceLinkTargets(text: string, oldName: string, newName: string): string {
  const escaped = oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`\\]\\((\\./)?${escaped}([#)\\s])`, "g"), (_match, dot: string | undefined, end: string) => `](${dot ?? ""}${newName}${end}`);
}
