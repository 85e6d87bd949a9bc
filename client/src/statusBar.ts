import { StatusBarAlignment, window, type Disposable, type StatusBarItem, type TextEditor } from "vscode";
import type { ScenarioStatus } from "../../server/src/shared/protocol";
import { COMMANDS } from "../../server/src/shared/protocol";

/**
 * "Scenario 14/17" for the active editor, from the statuses the server sends after each check.
 * The tooltip lists what is incomplete; clicking opens the Problems panel.
 */
export class ScenarioStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly statuses = new Map<string, ScenarioStatus>();
  private readonly subscription: Disposable;

  constructor() {
    this.item = window.createStatusBarItem("scenarioLint.status", StatusBarAlignment.Left, 100);
    this.item.name = "Scenario Lint";
    this.item.command = COMMANDS.showProblems;
    this.subscription = window.onDidChangeActiveTextEditor((editor) => this.render(editor));
  }

  update(status: ScenarioStatus): void {
    this.statuses.set(status.uri, status);
    this.render(window.activeTextEditor);
  }

  private render(editor: TextEditor | undefined): void {
    const status = editor ? this.statuses.get(editor.document.uri.toString()) : undefined;
    if (!status || !status.isScenario) {
      this.item.hide();
      return;
    }
    const done = status.complete === status.total;
    this.item.text = `${done ? "$(pass)" : "$(checklist)"} Scenario ${status.complete}/${status.total}`;
    this.item.tooltip = done
      ? "All 17 sections are complete."
      : `Incomplete sections (click to open Problems):\n${status.incomplete.map((line) => `• ${line}`).join("\n")}`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
