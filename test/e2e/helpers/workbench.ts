// Driving VS Code (code-server) in Debian's Chromium the way a user does: Explorer clicks, key
// presses, the command palette, the Problems panel. Every wait is on a selector or a condition,
// never a fixed delay; the selectors are the ones VS Code 1.100 renders.
import { cpSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { env, playwright } from "./env";

/** How long a UI step may take, and the first diagnostics (extension activation + server start). */
export const TIMEOUT = { ui: 20_000, diagnostics: 40_000 };

// The flags the recipe found necessary for Debian's Chromium as root in a container, plus quiet
// ones that keep it from reaching for the network.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launchBrowser(): Promise<Browser> {
  return playwright().chromium.launch({ executablePath: env.chromium, args: CHROMIUM_ARGS });
}

/**
 * A fresh copy of test/e2e/workspace for one test file, so that what one file creates or edits
 * never shows up in another. The copies live in the run's scratch folder, removed after the run.
 */
export function copyWorkspace(label: string): string {
  const target = path.join(env.scratch, "workspaces", label);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(path.join(env.repoRoot, "test/e2e/workspace"), target, { recursive: true, errorOnExist: true, force: false });
  return target;
}

/** A CSS attribute selector value, quoted. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    /** The workspace folder on disk. */
    readonly folder: string,
  ) {}

  /** Opens a fresh copy of the workspace in a new browser, ready once the Explorer lists it. */
  static async open(label: string): Promise<Workbench> {
    const folder = copyWorkspace(label);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(TIMEOUT.ui);
      await page.goto(`${env.baseUrl}/?folder=${encodeURIComponent(folder)}`);
      await page.locator(".monaco-workbench").waitFor();
      const workbench = new Workbench(page, browser, folder);
      await workbench.explorerRow("scenarios").waitFor();
      // Every test starts once the extension is in: it activates on the workspace and checks
      // the broken scenario (3 errors in the status bar). Before that the palette and the
      // walkthrough list lack its contributions.
      await workbench.waitForProblemCounts((counts) => counts.errors >= 3, "the extension to have checked the workspace");
      return workbench;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** The absolute path of a workspace file. */
  file(relative: string): string {
    return path.join(this.folder, relative);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(env.results, { recursive: true });
    await this.page.screenshot({ path: path.join(env.results, name) });
  }

  // --- Explorer and editors ----------------------------------------------------------------

  explorerRow(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label=${quoted(name)}]`);
  }

  /**
   * Opens a workspace file from the Explorer, expanding its folders, with a double click (which
   * pins the editor and gives it the keyboard focus); resolves once its editor is shown.
   */
  async openFile(relative: string): Promise<void> {
    const parts = relative.split("/");
    for (const folder of parts.slice(0, -1)) {
      const row = this.explorerRow(folder);
      if ((await row.getAttribute("aria-expanded")) !== "true") await row.click();
    }
    const name = parts[parts.length - 1] ?? relative;
    await this.explorerRow(name).dblclick();
    await this.waitForActiveEditor(name);
  }

  /** Resolves once the active editor's tab is `name` and its text is rendered. */
  async waitForActiveEditor(name: string): Promise<void> {
    await this.page.locator(".editor-group-container.active .tab.active", { hasText: name }).waitFor();
    await this.activeEditor().locator(".view-lines .view-line").first().waitFor();
  }

  activeEditor(): Locator {
    return this.page.locator(".editor-group-container.active .editor-container .monaco-editor").first();
  }

  /**
   * The lines the active editor shows, top to bottom, spaces as spaces. Monaco renders only the
   * visible lines and reuses their DOM nodes, so they are ordered by their vertical position.
   */
  async visibleLines(): Promise<string[]> {
    return this.activeEditor()
      .locator(".view-lines .view-line")
      .evaluateAll((lines) =>
        lines
          .map((line) => ({ top: parseFloat((line as HTMLElement).style.top || "0"), text: (line.textContent ?? "").replace(/\u00a0/g, " ") }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text),
      );
  }

  /** A rendered line of the active editor whose whole text is `text`. */
  editorLine(text: string): Locator {
    return this.activeEditor()
      .locator(".view-lines .view-line")
      .filter({ hasText: new RegExp(`^${escapeRegExp(text).replace(/ /g, "[ \\u00a0]")}$`) });
  }

  /** Moves the cursor to the start of a 1-based line with Go to Line (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.page.keyboard.press("Control+G");
    await this.quickInputBox().fill(`:${line}`);
    await this.page.keyboard.press("Enter");
    await this.page.locator("#status\\.editor\\.selection", { hasText: `Ln ${line}, Col 1` }).waitFor();
  }

  /**
   * Types lines into the focused editor as a user does. Escape before each Enter closes the
   * suggestion list that the server's heading completion opens on "#" and " ", so that Enter
   * starts a new line instead of accepting a suggestion.
   */
  async typeLines(lines: string[]): Promise<void> {
    for (const line of lines) {
      if (line !== "") await this.page.keyboard.type(line);
      await this.page.keyboard.press("Escape");
      await this.page.keyboard.press("Enter");
    }
  }

  // --- Quick input: command palette, input boxes ------------------------------------------

  quickInput(): Locator {
    return this.page.locator(".quick-input-widget");
  }

  quickInputBox(): Locator {
    return this.quickInput().locator('input[type="text"]');
  }

  /** The validation or prompt message under the quick input box. */
  quickInputMessage(): Locator {
    return this.quickInput().locator(".quick-input-message");
  }

  /** Runs a command from the command palette (F1) by its full title, e.g. "Scenario: New Scenario". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press("F1");
    // The leading ">" keeps the palette in command mode.
    await this.quickInputBox().fill(`>${title}`);
    const row = this.quickInput().locator(".quick-input-list .monaco-list-row", { has: this.page.locator(".label-name", { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
    await row.first().click();
  }

  // --- Problems ----------------------------------------------------------------------------

  /** Opens the Problems panel (Ctrl+Shift+M) unless it is open already (the key toggles it). */
  async openProblems(): Promise<void> {
    const panel = this.page.locator(".markers-panel");
    if (!(await panel.isVisible())) await this.page.keyboard.press("Control+Shift+M");
    await panel.waitFor();
  }

  /** The Problems panel's row for a problem, by (part of) its message. */
  problemRow(message: string): Locator {
    return this.page.locator(".markers-panel .monaco-list-row", { has: this.page.locator(".marker-message", { hasText: message }) });
  }

  /** The counts the status bar shows (its aria-label: "Errors: 3, Warnings: 1" or "No Problems"). */
  async problemCounts(): Promise<ProblemCounts> {
    const label = (await this.page.locator("#status\\.problems").getAttribute("aria-label")) ?? "";
    const count = (kind: string): number => Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: count("Errors"), warnings: count("Warnings") };
  }

  /** Resolves with the status bar's counts once `accept` holds for them. */
  async waitForProblemCounts(accept: (counts: ProblemCounts) => boolean, what: string, timeoutMs = TIMEOUT.diagnostics): Promise<ProblemCounts> {
    let last: ProblemCounts | undefined;
    return waitUntil(
      async () => {
        last = await this.problemCounts();
        return accept(last) ? last : undefined;
      },
      () => `${what} (the status bar last showed ${JSON.stringify(last)})`,
      timeoutMs,
    );
  }

  /** The squiggles of the active editor. */
  squiggles(severity: "error" | "warning" | "info"): Locator {
    return this.activeEditor().locator(`.squiggly-${severity}`);
  }

  // --- Editor features: hover, quick fixes, status bar ------------------------------------

  /**
   * Hovers the text of a rendered line and resolves with the hover widget.
   */
  async hoverLine(line: Locator): Promise<Locator> {
    return this.hoverAt(line.locator(":scope > span").first());
  }

  /**
   * Hovers an editor element (a squiggle, a line's text) and resolves with the hover widget. The
   * mouse moves to the element's box: `locator.hover()` fails there because `.view-lines` covers it.
   */
  async hoverAt(target: Locator): Promise<Locator> {
    const hover = this.page.locator(".monaco-hover:not(.hidden)");
    // The editor starts its hover timer on a mouse move over the text; a move that lands while
    // the workbench is re-laying out (a busy machine) can be lost, and no hover ever comes. So
    // the mouse moves off and back, a little further along the text each time, until it does.
    for (let attempt = 0; ; attempt++) {
      const box = await target.boundingBox();
      if (!box) throw new Error("the element to hover is not rendered");
      await this.page.mouse.move(box.x + box.width / 2 + attempt * 3, box.y + box.height / 2);
      try {
        await hover.waitFor({ timeout: attempt < 4 ? 4_000 : 20_000 });
        return hover;
      } catch (error) {
        if (attempt >= 4) throw error;
        await this.page.mouse.move(box.x + box.width / 2, box.y - 80);
      }
    }
  }

  /** Moves the mouse to the empty part of the Explorer, which closes a hover, and waits until it has. */
  async dismissHover(): Promise<void> {
    const box = await this.page.locator(".explorer-folders-view").boundingBox();
    if (!box) throw new Error("the Explorer is not shown");
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height - 10);
    await this.page.locator(".monaco-hover:not(.hidden)").waitFor({ state: "hidden" });
  }

  /**
   * Opens the code actions at the cursor (Ctrl+.) and applies the one titled `title`, with the
   * keyboard: the widget's rows do not take clicks from Playwright (a pointer-blocking layer of the
   * context view covers them), and arrows then Enter is how keyboard users pick one anyway.
   * `menuScreenshot` names a screenshot taken while the menu is open, the action focused.
   */
  async applyQuickFix(title: string, menuScreenshot?: string): Promise<void> {
    await this.page.keyboard.press("Control+.");
    const widget = this.page.locator(".action-widget");
    const rows = widget.locator(".monaco-list-row.action");
    const target = widget.locator(`.monaco-list-row.action[aria-label=${quoted(title)}]`);
    try {
      await target.waitFor();
    } catch (error) {
      const offered = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("aria-label")));
      throw new Error(`no code action '${title}'; offered: ${JSON.stringify(offered)}`, { cause: error });
    }
    const count = await rows.count();
    for (let moves = 0; !(await target.evaluate((element) => element.classList.contains("focused"))); moves++) {
      if (moves > count) throw new Error(`could not move the focus to '${title}'`);
      await this.page.keyboard.press("ArrowDown");
    }
    if (menuScreenshot) await this.screenshot(menuScreenshot);
    await this.page.keyboard.press("Enter");
    await widget.waitFor({ state: "hidden" });
  }

  /** A status bar item by its id, e.g. "scenario-lint.scenario-lint.scenarioLint.status". */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.statusbar-item[id=${quoted(id)}]`);
  }

  /** A notification toast whose text contains `text`. */
  notification(text: string): Locator {
    return this.page.locator(".notifications-toasts .notification-toast", { hasText: text });
  }

  /**
   * Waits for a notification toast, then screenshots it. The toast is in the DOM before its
   * slide-in has drawn it, and nothing in the DOM says when that is over: the 800 ms here are the
   * one fixed delay of these tests, and they only affect the picture, not what is asserted.
   */
  async screenshotToast(text: string, name: string): Promise<void> {
    await this.notification(text).waitFor();
    await this.page.waitForTimeout(800);
    await this.screenshot(name);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Polls `check` until it returns a value (not undefined): for conditions that no selector can
 * express, such as a file appearing on disk or a count parsed from an attribute.
 */
export async function waitUntil<T>(check: () => Promise<T | undefined> | T | undefined, what: string | (() => string), timeoutMs = TIMEOUT.ui): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * One workbench per test file, opened before its first test and closed after the last: the tests
 * of a file are steps of one user session, run in order. A failing test leaves a screenshot,
 * FAILED-<test name>.png, next to the others.
 */
export function useWorkbench(label: string): (name: string, body: (workbench: Workbench) => Promise<void>) => void {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await Workbench.open(label);
  });
  after(async () => {
    await workbench?.close();
  });
  return (name, body) => {
    test(name, { timeout: 120_000 }, async () => {
      if (!workbench) throw new Error("the workbench did not open (see the before hook's error)");
      try {
        await body(workbench);
      } catch (error) {
        await workbench.screenshot(`FAILED-${label}-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`).catch(() => undefined);
        throw error;
      }
    });
  };
}
