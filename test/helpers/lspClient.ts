import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { ROOT } from "./cli";

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity: number;
    code: string;
    codeDescription?: { href: string };
    source: string;
    message: string;
  }>;
}

/**
 * A real JSON-RPC client talking LSP to the built server over stdio, as an editor would.
 * Waiting is done on notifications, never on fixed sleeps.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly waiters: Array<{ predicate: (params: PublishedDiagnostics) => boolean; resolve: (params: PublishedDiagnostics) => void }> = [];
  readonly stderr: string[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishedDiagnostics[] = [];

  constructor() {
    this.child = spawn(process.execPath, [join(ROOT, "dist/server.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (chunk) => this.stderr.push(String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishedDiagnostics) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.listen();
  }

  /** The server's process id (the benchmark reads its memory). */
  get pid(): number {
    return this.child.pid!;
  }

  async initialize(rootUri: string | null): Promise<unknown> {
    const result = await this.connection.sendRequest("initialize", { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: null });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate`; rejects after `timeoutMs`. */
  nextDiagnostics(uri: string, predicate: (params: PublishedDiagnostics) => boolean = () => true, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${this.stderr.join("")}`)), timeoutMs);
      this.waiters.push({
        predicate: (params) => params.uri === uri && predicate(params),
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
