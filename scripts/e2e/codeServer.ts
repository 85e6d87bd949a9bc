// Starting and stopping one local code-server (VS Code 1.100.3 in the browser) with the packaged
// extension installed, for the end-to-end tests (run.ts) and the demo (demo.ts).
//
// Everything code-server writes goes into one scratch folder: its user data, extensions, XDG
// folders and TMPDIR, so nothing lands in the home folder and a run never sees the state of the
// previous one. code-server is started in a session of its own (setsid) and stopped by killing
// that whole process group: killing only the wrapper leaves its file watchers and extension host
// running.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The repository's .ts files run as CommonJS under tsx (no "type": "module"), hence __dirname.
export const repoRoot = path.resolve(__dirname, "../..");
/** Where scripts/e2e/setup.sh installs code-server, playwright-core and @vscode/test-electron. */
export const cacheDir = process.env.SCENARIO_E2E_CACHE ?? path.join(repoRoot, ".cache/e2e");
export const vsixPath = path.join(repoRoot, "dist/scenario-lint.vsix");
const codeServerBin = path.join(cacheDir, "node_modules/.bin/code-server");

/** Runs a command in the foreground with inherited output; throws when it fails. */
export function runStep(what: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: "inherit", env });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.signal) throw new Error(`${what}: killed by ${result.signal}`);
  if (result.status !== 0) throw new Error(`${what} failed (exit code ${result.status})`);
  console.log(`e2e: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Installs the e2e tools on demand (fast when they are already there). */
export function runSetup(): void {
  runStep("setup", "bash", [path.join(repoRoot, "scripts/e2e/setup.sh")]);
}

/** A scratch folder for one code-server: user data, extensions, XDG folders and TMPDIR. */
export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** The environment code-server (and whatever else belongs to this run) runs with. */
  env: NodeJS.ProcessEnv;
}

/**
 * Where profiles live: under the system's temporary folder, never inside the checkout. Chromium
 * and code-server put unix sockets in there (Chromium's SingletonSocket, VS Code's IPC handles),
 * and a socket path may not exceed 108 bytes, so a checkout in a deep folder
 * (/home/someone/src/github.com/org/scenario-lint/...) must not lengthen them.
 * SCENARIO_E2E_SCRATCH overrides it.
 */
export function scratchParentFolder(): string {
  return process.env.SCENARIO_E2E_SCRATCH ?? path.join(os.tmpdir(), "scenario-lint-e2e");
}

/**
 * Creates a fresh profile under the scratch folder, with quiet user settings and the packaged
 * extension installed (what a user gets from `code --install-extension scenario-lint.vsix`).
 */
export function createProfile(label: string): Profile {
  const scratchParent = scratchParentFolder();
  mkdirSync(scratchParent, { recursive: true });
  sweepOrphans(scratchParent);
  const root = mkdtempSync(path.join(scratchParent, `${label}-`));
  // Who owns this profile: read by sweepOrphans() in later runs.
  writeFileSync(path.join(root, OWNER_FILE), JSON.stringify({ runner: process.pid, pgid: null } satisfies Owner));
  const dir = (name: string): string => {
    const full = path.join(root, name);
    mkdirSync(full, { recursive: true });
    return full;
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dir("xdg/config"),
    XDG_DATA_HOME: dir("xdg/data"),
    XDG_CACHE_HOME: dir("xdg/cache"),
    XDG_STATE_HOME: dir("xdg/state"),
    TMPDIR: dir("tmp"),
  };
  const profile: Profile = { root, userDataDir: dir("user"), extensionsDir: dir("extensions"), env };

  // Settings that keep first-run screens from taking the focus or covering the editor; nothing
  // that changes how the extension or the editor behaves for a user.
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "chat.commandCenter.enabled": false,
    "security.workspace.trust.enabled": false,
    // Never ask about a parent git repository of a scratch workspace.
    "git.openRepositoryInParentFolders": "never",
  };
  mkdirSync(path.join(profile.userDataDir, "User"), { recursive: true });
  writeFileSync(path.join(profile.userDataDir, "User/settings.json"), `${JSON.stringify(settings, null, 2)}\n`);

  if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run \`npm run package\` first.`);
  runStep(
    "install the .vsix into code-server",
    codeServerBin,
    ["--install-extension", vsixPath, "--extensions-dir", profile.extensionsDir, "--user-data-dir", profile.userDataDir],
    env,
  );
  return profile;
}

const OWNER_FILE = "owner.json";
interface Owner {
  /** The process that created the profile (run.ts or demo.ts). */
  runner: number;
  /** code-server's process group, once started. */
  pgid: number | null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cleans up after runs that could not clean up themselves (their runner was SIGKILLed): for each
 * profile whose runner is gone, kills its code-server group if that is still alive and still
 * code-server from that profile (its command line names the profile, so a reused pid is never
 * hit), then removes the folder. Profiles of live runners (a concurrent run, a demo) are left alone.
 */
function sweepOrphans(scratchParent: string): void {
  for (const name of readdirSync(scratchParent)) {
    const root = path.join(scratchParent, name);
    let owner: Owner;
    try {
      owner = JSON.parse(readFileSync(path.join(root, OWNER_FILE), "utf8")) as Owner;
    } catch {
      continue; // Not a profile, or one being created right now.
    }
    if (isAlive(owner.runner)) continue;
    if (owner.pgid !== null) {
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${owner.pgid}/cmdline`, "utf8");
      } catch {
        // The group leader is gone.
      }
      if (cmdline.includes(root)) {
        console.log(`e2e: stopping code-server (process group ${owner.pgid}) left behind by a killed run`);
        signalGroup(owner.pgid, "SIGKILL");
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
}

export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:40459 (no trailing slash). */
  baseUrl: string;
  logFile: string;
  /** Settles when the code-server process exits (by itself or stopped). */
  exited: Promise<void>;
  /** Kills code-server's whole process group and waits until every process in it is gone. */
  stop(): Promise<void>;
  /** The same, synchronously and without waiting: for `process.on("exit")`. */
  killNow(): void;
}

/**
 * Starts code-server on a loopback port (by default one the kernel picks free) and resolves once
 * it answers /healthz.
 */
export async function startCodeServer(profile: Profile, folder: string, logFile: string, port = 0): Promise<RunningCodeServer> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const configFile = path.join(profile.root, "code-server.yaml");
  // --config keeps code-server from writing ~/.config/code-server/config.yaml.
  writeFileSync(configFile, "auth: none\ncert: false\n");
  const args = [
    "--config", configFile,
    // Port 0: the kernel picks a free port (no race with a probe), and code-server logs it.
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--user-data-dir", profile.userDataDir,
    "--extensions-dir", profile.extensionsDir,
    folder,
  ];
  const log = createWriteStream(logFile);
  // detached: the child calls setsid(), so its pid is the id of a new process group that holds
  // code-server and everything it starts (extension host, language server, file watchers).
  const child = spawn(codeServerBin, args, { cwd: profile.root, env: profile.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${codeServerBin}`);
  writeFileSync(path.join(profile.root, OWNER_FILE), JSON.stringify({ runner: process.pid, pgid } satisfies Owner));

  const handle: RunningCodeServer = {
    baseUrl: "",
    logFile,
    exited: new Promise((resolve) => child.once("exit", () => resolve())),
    stop: () => stopGroup(pgid, child),
    killNow: () => signalGroup(pgid, "SIGKILL"),
  };
  try {
    handle.baseUrl = await listeningUrl(child);
    await waitForHealthz(handle.baseUrl, child);
  } catch (error) {
    await handle.stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return handle;
}

/** Resolves with the URL from code-server's "HTTP server listening on http://..." line. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => done(new Error("code-server did not report its address within 30 s")), 30_000);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) done(undefined, match[1]);
    };
    const onExit = (code: number | null, signal: string | null): void => done(new Error(`code-server exited early (code ${code}, signal ${signal})`));
    function done(error?: Error, url?: string): void {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(url as string);
    }
    child.stdout?.on("data", onData);
    child.on("exit", onExit);
  });
}

async function waitForHealthz(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("code-server exited before answering /healthz");
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // Not accepting connections yet: poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("code-server did not answer /healthz within 30 s");
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: no process is left in the group.
  }
}

/**
 * The processes of a group that are still running, from /proc. Zombies do not count: once killed,
 * a process whose parent is gone waits for PID 1 to reap it, and a container's PID 1 may never do.
 */
function liveGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // Ended while we looked.
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") members.push(Number(entry));
  }
  return members;
}

/** SIGTERM to the group, then SIGKILL for whatever is still there after 5 s; waits until none is left. */
async function stopGroup(pgid: number, child: ChildProcess): Promise<void> {
  signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + 5_000;
  let killed = false;
  while (liveGroupMembers(pgid).length > 0) {
    if (!killed && Date.now() > deadline) {
      signalGroup(pgid, "SIGKILL");
      killed = true;
    }
    if (Date.now() > deadline + 5_000) throw new Error(`code-server's process group ${pgid} survived SIGKILL: ${liveGroupMembers(pgid).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** Removes a profile folder (user data, extensions, scratch workspaces). */
export function removeProfile(profile: Profile): void {
  rmSync(profile.root, { recursive: true, force: true });
}
