import { spawn, type SpawnOptions } from "node:child_process";

/** How a command ended, with everything it printed. */
export interface RunResult {
  /** Exit code, or null when a signal ended the process (or it never started). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order the chunks arrived, as a person would have seen them. */
  output: string;
  timedOut: boolean;
  /** True when the run was cut short because the session was interrupted (Ctrl-C, SIGTERM). */
  aborted: boolean;
  durationMs: number;
  /** Set when the command could not be started at all (ENOENT, EACCES...). */
  startError?: Error;
}

export interface RunOptions {
  args?: readonly string[];
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Kills the command (with everything in its process group) after this many milliseconds. */
  timeoutMs?: number;
  /** Kills the command (with everything in its process group) when this signal aborts. */
  signal?: AbortSignal;
  /**
   * Starts the command in a process group of its own, so that a timeout or an interruption
   * kills whatever it started too (a Ruby block may fork), not only the direct child.
   */
  ownProcessGroup?: boolean;
  /** Also hands each chunk of output over as it arrives (to show a long install's progress). */
  onOutput?: (chunk: string) => void;
}

/** How long a finished command's pipes may stay open (held by a stray process) before they are closed. */
const STDIO_GRACE_MS = 2_000;

/**
 * Processes this harness started and that are still alive, with how to kill them. The
 * last-resort `exit` handler kills them synchronously, so that not even an unexpected crash
 * leaves a Ruby block or a server behind.
 */
const live = new Map<number, { ownProcessGroup: boolean }>();

/** Registers a process started outside `run` (the servers) for the last-resort cleanup. */
export function trackProcess(pid: number, ownProcessGroup: boolean): void {
  live.set(pid, { ownProcessGroup });
}

export function untrackProcess(pid: number): void {
  live.delete(pid);
}

/** Sends a signal to a process, or to its whole group; a process that is already gone is not an error. */
export function sendSignal(pid: number, signal: NodeJS.Signals, wholeGroup: boolean): void {
  try {
    process.kill(wholeGroup ? -pid : pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** SIGKILLs every process still registered; used only by the synchronous `exit` handler. */
export function killTrackedProcessesSync(): void {
  for (const [pid, { ownProcessGroup }] of live) sendSignal(pid, "SIGKILL", ownProcessGroup);
  live.clear();
}

/**
 * Runs a command to completion and captures its output. It never rejects: a command that
 * cannot start, times out or is aborted is described in the result, because every caller
 * has to report those cases anyway.
 */
export function run(command: string, options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const output: string[] = [];
    let timedOut = false;
    let aborted = false;
    let startError: Error | undefined;
    const spawnOptions: SpawnOptions = {
      stdio: ["pipe", "pipe", "pipe"],
      detached: options.ownProcessGroup ?? false,
    };
    if (options.env !== undefined) spawnOptions.env = options.env;
    if (options.cwd !== undefined) spawnOptions.cwd = options.cwd;
    if (options.uid !== undefined) spawnOptions.uid = options.uid;
    if (options.gid !== undefined) spawnOptions.gid = options.gid;
    const child = spawn(command, options.args ?? [], spawnOptions);
    const ownGroup = options.ownProcessGroup ?? false;
    if (child.pid !== undefined) trackProcess(child.pid, ownGroup);

    const kill = (): void => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) sendSignal(child.pid, "SIGKILL", ownGroup);
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), kill()), options.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      kill();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    const collect = (stream: string[]) => (chunk: string) => {
      stream.push(chunk);
      output.push(chunk);
      options.onOutput?.(chunk);
    };
    child.stdout!.setEncoding("utf8").on("data", collect(stdout));
    child.stderr!.setEncoding("utf8").on("data", collect(stderr));
    // A command that exits without reading all of its input (a Ruby block that dies while
    // loading) closes the pipe under us; that is its failure to report, not ours.
    child.stdin!.on("error", () => undefined);
    child.stdin!.end(options.input ?? "");

    child.on("error", (error) => {
      startError = error;
    });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(closeTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.pid !== undefined) untrackProcess(child.pid);
      const result: RunResult = {
        code: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: stdout.join(""),
        stderr: stderr.join(""),
        output: output.join(""),
        timedOut,
        aborted,
        durationMs: Date.now() - started,
      };
      if (startError !== undefined) result.startError = startError;
      resolve(result);
    };
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Whatever is left of the process group (a process the block forked and did not wait
      // for) goes with its leader, so that no run leaves a process behind.
      if (ownGroup && child.pid !== undefined) sendSignal(child.pid, "SIGKILL", true);
      // Output still in the pipes arrives before "close". But a process outside the group
      // that inherited the pipes would hold them open for ever, and the run with them: past a
      // grace period the pipes are closed from this end instead.
      closeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, STDIO_GRACE_MS);
    });
    // "close" without "exit" happens when the command could not be started at all.
    child.on("close", (code, signal) => {
      exit ??= { code, signal };
      finish();
    });
  });
}

/** The last `count` non-empty-trailing lines of a text, for failure reports. */
export function lastLines(text: string, count: number): string[] {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.length === 1 && lines[0] === "" ? [] : lines.slice(-count);
}
