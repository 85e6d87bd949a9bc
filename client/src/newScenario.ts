import { Uri, window, workspace, WorkspaceEdit, type WorkspaceFolder } from "vscode";
import { fileNameProblem, slugify } from "../../server/src/core/fileName";
import { renderScaffold } from "../../server/src/core/template";
import { SETTINGS_SECTION } from "./constants";
import { regenerateIndexIn } from "./indexCommands";

/**
 * "Scenario: New Scenario": asks for a title, proposes a kebab-case file name the user may
 * edit, and creates `<folder>/<name>.md` from the template. It refuses, with a message, an
 * existing file, an empty or invalid name and a folder outside the workspace; it never
 * overwrites anything. The new file is added to the index's generated catalogue.
 */
export async function newScenario(): Promise<Uri | undefined> {
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

  const suggested = `${slugify(title) || "scenario"}.md`;
  const name = await window.showInputBox({
    title: "New Scenario (2/2): file name",
    prompt: `Created in ${workspace.asRelativePath(targetFolder)}/`,
    value: suggested,
    valueSelection: [0, suggested.length - 3],
    ignoreFocusOut: true,
    validateInput: async (value) => fileNameProblem(value) ?? ((await exists(Uri.joinPath(targetFolder, value.trim()))) ? `'${value.trim()}' already exists; choose another name.` : undefined),
  });
  if (name === undefined) return undefined;
  const problem = fileNameProblem(name);
  if (problem) {
    void window.showErrorMessage(`No scenario created: ${problem}`);
    return undefined;
  }

  const target = Uri.joinPath(targetFolder, name.trim());
  if (await exists(target)) {
    void window.showErrorMessage(`No scenario created: ${workspace.asRelativePath(target)} already exists.`);
    return undefined;
  }
  await workspace.fs.createDirectory(targetFolder);
  const edit = new WorkspaceEdit();
  // overwrite: false makes the edit fail, rather than replace, if the file appeared meanwhile.
  edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(renderScaffold(title.trim())) });
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage(`No scenario created: ${workspace.asRelativePath(target)} could not be created (does it exist already?).`);
    return undefined;
  }
  const document = await workspace.openTextDocument(target);
  await window.showTextDocument(document);
  try {
    await regenerateIndexIn(targetFolder);
  } catch (error) {
    // The scenario exists and is open; only the index is behind, and index-sync will say so.
    void window.showWarningMessage(`${workspace.asRelativePath(target)} was created, but the index was not updated: ${(error as Error).message}.`);
  }
  return target;
}

/** The folder New Scenario and Regenerate Index work in, or undefined (with a message) when unusable. */
export async function scenariosFolder(): Promise<Uri | undefined> {
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;
  const folderSetting = workspace.getConfiguration(SETTINGS_SECTION, folder.uri).get<string>("newScenarioFolder", "scenarios");
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

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function isInside(parent: Uri, child: Uri): boolean {
  const base = parent.path.endsWith("/") ? parent.path : `${parent.path}/`;
  return child.scheme === parent.scheme && child.authority === parent.authority && (child.path === parent.path || child.path.startsWith(base));
}
