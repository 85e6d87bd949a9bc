// A minimal test harness for code that runs inside VS Code's extension host, where node:test's
// runner and reporters are not available: tests are registered with `test()` and run in order by
// `runAll()`, which writes one line per test to the console (code-server forwards it to the page
// as `codeAutomationLog`, @vscode/test-electron to its stdout) and rejects if any test failed.
import { languages, type Diagnostic, type Disposable, type Uri } from "vscode";

type TestFn = () => Promise<void> | void;
const tests: Array<{ name: string; fn: TestFn }> = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

export async function runAll(): Promise<void> {
  const failures: string[] = [];
  for (const { name, fn } of tests) {
    const started = Date.now();
    try {
      await fn();
      console.log(`host test ok: ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(name);
      console.error(`host test FAILED: ${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`host suite: ${tests.length - failures.length} of ${tests.length} tests passed`);
  // Rejecting is what makes the test runner (code-server's or @vscode/test-electron's) exit with 1.
  if (failures.length > 0) throw new Error(`host tests failed: ${failures.join("; ")}`);
}

/**
 * Resolves with the diagnostics of `uri` once `accept` returns true for them, checking now and
 * on every diagnostics change; rejects after `timeoutMs` with the last diagnostics seen, so a
 * failure says what the server published instead of only "timed out".
 */
export function waitForDiagnostics(uri: Uri, accept: (diagnostics: Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let subscription: Disposable | undefined;
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      subscription?.dispose();
      if (error) reject(error);
      else resolve(languages.getDiagnostics(uri));
    };
    const timer = setTimeout(() => {
      const seen = languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${String(typeof d.code === "object" ? d.code.value : d.code)} ${d.message}`);
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics of ${uri.toString()}:\n  ${seen.join("\n  ") || "(none)"}`));
    }, timeoutMs);
    subscription = languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString()) && accept(languages.getDiagnostics(uri))) finish();
    });
    if (accept(languages.getDiagnostics(uri))) finish();
  });
}

/** A diagnostic's rule id: the `code` value the server sets (a string, or `{ value, target }`). */
export function ruleIdOf(diagnostic: Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === "object" ? code.value : code);
}

/**
 * Asks again until `ask` gives what `accept` wants, or fails after `timeoutMs`: for answers that
 * depend on the server having caught up with the latest edit (a code action right after the
 * document changed). Waits on the state needed, not on a fixed delay.
 */
export async function askUntil<T>(ask: () => Thenable<T> | Promise<T>, accept: (answer: T) => boolean, what: (last: T | undefined) => string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await ask();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
