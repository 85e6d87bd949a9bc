import { existsSync, mkdirSync } from "node:fs";
import { Uri, window, workspace, type WorkspaceFolder } from "vscode";
import { createFileExclusively } from "../../server/src/node/writeFile";
import { fileNameProblem, slugify } from "../../server/src/core/template/fileName";
import { renderScaffold } from "../../server/src/core/template/template";
import { SETTINGS_SECTION } from "./constants";
import { regenerateIndexIn } from "./indexCommands";
import type { LanguageClient } from "vscode-languageclient/node";
import { DEFAULT_SCENARIO_FOLDER } from "../../server/src/shared/settings";

/**
 * "Scenario: New Scenario": asks for a title, proposes a kebab-case file name the user may
 * edit, and creates `<folder>/<name>.md` from the template. It refuses, with a message, an
 * existing file, an empty or invalid name and a folder outside the workspace; it never
 * overwrites anything. The new file is added to the index's generated catalogue.
 */
export async function newScenario(client: LanguageClient): Promise<Uri | undefined> {
  const targetFolder = await scenariosFolder();
  if (!targetFolder) return undefined;

  const title = await window.showInputBox({
    title: "New Scenario (1/2): title",
    prompt: "The scenario's title, written as its H1",
    placeHolder: "Flash Sale System for 5M Concurrent Shoppers",
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === "" ? "The title is empty." : undefined),
  });
  if (title === undefined) return undefined;

  const name = await askFileName(targetFolder, `${slugify(title) || "scenario"}.md`);
  if (name === undefined) return undefined;

  const target = Uri.joinPath(targetFolder, name);
  // The file is written to disk directly, not through a WorkspaceEdit: an edit that creates a
  // file is undone by the editor's Ctrl+Z, which would delete the new scenario without a prompt.
  try {
    mkdirSync(targetFolder.fsPath, { recursive: true });
    createFileExclusively(target.fsPath, renderScaffold(title.trim()));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EEXIST" ? "it exists already" : (error as Error).message;
    void window.showErrorMessage(`No scenario created: ${workspace.asRelativePath(target)} could not be created (${reason}).`);
    return undefined;
  }
  const document = await workspace.openTextDocument(target);
  await window.showTextDocument(document);
  try {
    await regenerateIndexIn(client, targetFolder);
  } catch (error) {
    // The scenario exists and is open; only the index is behind, and index-sync will say so.
    void window.showWarningMessage(`${workspace.asRelativePath(target)} was created, but the index was not updated: ${(error as Error).message}.`);
  }
  return target;
}

/**
 * The file-name step. The box checks the proposed name as soon as it opens, not only after
 * Enter, so a clash is visible before the user commits to it; Enter on a refused name keeps
 * the box open. Returns the trimmed name, or undefined when the user gives up.
 */
async function askFileName(targetFolder: Uri, suggested: string): Promise<string | undefined> {
  const folderLabel = `${workspace.asRelativePath(targetFolder)}/`;
  const box = window.createInputBox();
  box.title = "New Scenario (2/2): file name";
  box.prompt = `Created in ${folderLabel}`;
  box.value = suggested;
  box.valueSelection = [0, Math.max(0, suggested.length - 3)];
  box.ignoreFocusOut = true;
  const problemOf = (value: string): string | undefined =>
    fileNameProblem(value) ?? (existsSync(Uri.joinPath(targetFolder, value.trim()).fsPath) ? `'${value.trim()}' already exists in ${folderLabel}; choose another name.` : undefined);
  const validate = (value: string) => {
    box.validationMessage = problemOf(value);
  };
  validate(suggested);
  return new Promise<string | undefined>((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      box.dispose();
      resolve(value);
    };
    box.onDidChangeValue(validate);
    box.onDidAccept(() => {
      const problem = problemOf(box.value);
      if (problem) box.validationMessage = problem;
      else finish(box.value.trim());
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** The folder New Scenario and Regenerate Index work in, or undefined (with a message) when unusable. */
export async function scenariosFolder(): Promise<Uri | undefined> {
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;
  if (folder.uri.scheme !== "file") {
    void window.showErrorMessage(`New Scenario works on folders on disk; '${folder.name}' is a ${folder.uri.scheme}: folder.`);
    return undefined;
  }
  const folderSetting = workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<string>("newScenarioFolder", DEFAULT_SCENARIO_FOLDER);
  const target = Uri.joinPath(folder.uri, folderSetting);
  if (!isInside(folder.uri, target)) {
    void window.showErrorMessage(`The setting scenarioLint.newScenarioFolder ('${folderSetting}') points outside the workspace folder.`);
    return undefined;
  }
  return target;
}

async function pickWorkspaceFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void window.showErrorMessage("Open a folder first: New Scenario creates scenarios/<name>.md inside the workspace.");
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return window.showWorkspaceFolderPick({ placeHolder: "Workspace folder for the new scenario" });
}

function isInside(parent: Uri, child: Uri): boolean {
  const base = parent.path.endsWith("/") ? parent.path : `${parent.path}/`;
  return child.scheme === parent.scheme && child.authority === parent.authority && (child.path === parent.path || child.path.startsWith(base));
}
