// Runs the in-extension-host suite (test/e2e/host, bundled by the runner) inside code-server, as
// @vscode/test-electron would inside desktop VS Code: the page is opened with a test payload naming
// the extension under development and the tests module; VS Code then runs the module's `run()` in
// the extension host and reports through two functions it looks for on the page's window:
// `codeAutomationLog(type, args)` for console output and `codeAutomationExit(code)` at the end.
import { env } from "./env";
import { copyWorkspace, launchBrowser } from "./workbench";

export interface HostTestResult {
  exitCode: number;
  /** Everything the window logged, one entry per call, prefixed with its level. */
  log: string[];
}

export async function runHostTests(label: string, timeoutMs = 120_000): Promise<HostTestResult> {
  const folder = copyWorkspace(label);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const log: string[] = [];
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction("codeAutomationLog", (type: string, args: unknown[]) => {
      log.push(`${type}: ${args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" ")}`);
    });
    await page.exposeFunction("codeAutomationExit", (code: number) => reportExit(code));

    // Paths on the code-server machine are addressed as vscode-remote://<its host:port>/<path>.
    const authority = new URL(env.baseUrl).host;
    const payload = [
      // The repository itself, as @vscode/test-electron's extensionDevelopmentPath would be.
      ["extensionDevelopmentPath", `vscode-remote://${authority}${env.repoRoot}`],
      ["extensionTestsPath", `vscode-remote://${authority}${env.hostTests}`],
    ];
    await page.goto(`${env.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the host tests did not finish within ${timeoutMs} ms; log:\n${log.join("\n")}`)), timeoutMs);
    });
    try {
      return { exitCode: await Promise.race([exited, timedOut]), log };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close();
  }
}
