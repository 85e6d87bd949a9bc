import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { EnvironmentError, PG_BIN } from "./dependencies";
import { lastLines, run, sendSignal, trackProcess, untrackProcess, type RunResult } from "./process";

/** A server this harness started, as reported in the JSON output (tests check these are gone). */
export interface ServerInfo {
  name: "redis-server" | "postgres";
  pid: number;
  port: number;
}

/** Raised when the session is interrupted (Ctrl-C, SIGTERM) while waiting on something. */
export class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

const HOST = "127.0.0.1";
/** How long a server may take to accept connections before the run gives up on it. */
const READY_TIMEOUT_MS = 30_000;
/** How often readiness is polled: short, because Redis is ready in about 0.1 s. */
const POLL_INTERVAL_MS = 25;
/** Port races (another process takes the free port first) are retried this many times. */
const PORT_ATTEMPTS = 3;

/**
 * The environment for everything the harness starts. Inherited REDIS_URL, DATABASE_URL and
 * libpq's PG* variables are dropped so that a block or psql can never reach a server other
 * than the ones started here (such as a developer's own database).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === "REDIS_URL" || key === "DATABASE_URL" || key.startsWith("PG")) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Asks the kernel for a free loopback port by binding port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Sends one Redis command (RESP) and resolves with the first line of the reply, e.g. "+PONG". */
export function redisCommand(port: number, args: readonly string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: HOST, port });
    let reply = "";
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`Redis on port ${port} did not answer ${args[0]} within ${timeoutMs} ms`)));
    socket.on("error", reject);
    socket.on("connect", () => {
      socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join("")}`);
    });
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      reply += chunk;
      const end = reply.indexOf("\r\n");
      if (end >= 0) {
        socket.end();
        resolve(reply.slice(0, end));
      }
    });
  });
}

/** A server process started by this harness, in a process group of its own. */
class ManagedProcess {
  readonly exited: Promise<void>;
  private exitedFlag = false;

  constructor(
    readonly child: ChildProcess,
    readonly logPath: string,
  ) {
    trackProcess(child.pid!, true);
    this.exited = new Promise((resolve) => {
      child.on("exit", () => {
        this.exitedFlag = true;
        untrackProcess(child.pid!);
        resolve();
      });
    });
  }

  get running(): boolean {
    return !this.exitedFlag;
  }

  log(): string {
    try {
      return readFileSync(this.logPath, "utf8");
    } catch {
      return "";
    }
  }

  /**
   * Stops the server with each signal in turn, giving it the time paired with it before the
   * next, harsher one. The last resort is SIGKILL to the process group; PostgreSQL's worker
   * processes (each in a session of its own) then exit by themselves on seeing the
   * postmaster gone.
   */
  async stop(steps: ReadonlyArray<[NodeJS.Signals, number]>): Promise<void> {
    for (const [signal, graceMs] of steps) {
      if (!this.running) return;
      sendSignal(this.child.pid!, signal, false);
      const timer = delay(graceMs, undefined, { ref: false });
      await Promise.race([this.exited, timer]);
    }
    if (this.running) {
      sendSignal(this.child.pid!, "SIGKILL", true);
      await this.exited;
    }
  }
}

function spawnServer(command: string, args: readonly string[], logPath: string, options: { uid?: number; gid?: number; cwd: string; env: NodeJS.ProcessEnv }): ManagedProcess {
  const logFd = openSync(logPath, "a");
  try {
    // detached: its own process group, so that a Ctrl-C in the terminal reaches the harness
    // only, and the harness stops the servers in order after killing the running block.
    const child = spawn(command, args, { stdio: ["ignore", logFd, logFd], detached: true, ...options });
    if (child.pid === undefined) throw new EnvironmentError(`Could not start ${command}.`);
    return new ManagedProcess(child, logPath);
  } finally {
    closeSync(logFd);
  }
}

/**
 * Polls `ready` until it says yes. Fails early, with the server's log, when the server exits
 * instead, and with an `Interrupted` when the session is interrupted.
 */
async function waitUntilReady(server: ManagedProcess, what: string, ready: () => Promise<boolean>, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (signal.aborted) throw new Interrupted();
    if (!server.running) throw new ServerStartError(what, server.log());
    if (await ready()) return;
    if (Date.now() > deadline) throw new EnvironmentError(`${what} did not accept connections within ${READY_TIMEOUT_MS / 1000} s. Its log:\n${lastLines(server.log(), 15).join("\n")}`);
    try {
      await delay(POLL_INTERVAL_MS, undefined, { signal });
    } catch {
      throw new Interrupted();
    }
  }
}

class ServerStartError extends EnvironmentError {
  readonly addressInUse: boolean;
  constructor(what: string, log: string) {
    super(`${what} exited while starting. Its log:\n${lastLines(log, 15).join("\n")}`);
    this.addressInUse = /address already in use/i.test(log);
  }
}

/** The `postgres` account's ids: PostgreSQL refuses to run as root, so as root it runs as them. */
async function postgresAccount(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const entry = await run("getent", { args: ["passwd", "postgres"] });
  const fields = entry.stdout.trim().split(":");
  if (entry.code !== 0 || fields.length < 4) {
    throw new EnvironmentError("PostgreSQL refuses to run as root and there is no `postgres` user to run it as (the Debian package `postgresql` creates it).");
  }
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function describeFailure(command: string, result: RunResult): string {
  if (result.startError !== undefined) return `${command} could not start: ${result.startError.message}`;
  return `${command} failed (${result.code === null ? `signal ${result.signal}` : `exit ${result.code}`}):\n${lastLines(result.output, 15).join("\n")}`;
}

/**
 * The servers of one run and the temporary folder that holds their data, sockets and logs.
 * `close` stops every server it started, by pid, and removes the folder; it is safe to call
 * more than once and after a failed start.
 */
export class Servers {
  readonly directory: string;
  private redis: { process: ManagedProcess; port: number } | undefined;
  private postgres: { process: ManagedProcess; port: number; account: { uid: number; gid: number } | undefined } | undefined;
  private readonly started: ServerInfo[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly log: (line: string) => void) {
    this.directory = mkdtempSync(join(tmpdir(), "scenario-examples-"));
  }

  /** Every server started during the run, including stopped ones. */
  get info(): ServerInfo[] {
    return [...this.started];
  }

  get redisUrl(): string | undefined {
    return this.redis && `redis://${HOST}:${this.redis.port}/0`;
  }

  databaseUrl(database: string): string | undefined {
    return this.postgres && `postgres://postgres@${HOST}:${this.postgres.port}/${database}`;
  }

  async startRedis(signal: AbortSignal): Promise<void> {
    const folder = join(this.directory, "redis");
    mkdirSync(folder);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      // No persistence: the data is scratch, and a snapshot would only cost time and disk.
      const args = ["--bind", HOST, "--port", String(port), "--save", "", "--appendonly", "no", "--dir", folder, "--daemonize", "no", "--protected-mode", "yes"];
      const server = spawnServer("redis-server", args, join(folder, "redis.log"), { cwd: folder, env: cleanEnv() });
      try {
        await waitUntilReady(server, `redis-server (port ${port})`, async () => (await redisCommand(port, ["PING"]).catch(() => "")) === "+PONG", signal);
        this.redis = { process: server, port };
        this.started.push({ name: "redis-server", pid: server.child.pid!, port });
        this.log(`started redis-server (pid ${server.child.pid}) on ${HOST}:${port}`);
        return;
      } catch (error) {
        await server.stop([["SIGTERM", 5_000]]);
        if (!(error instanceof ServerStartError && error.addressInUse && attempt < PORT_ATTEMPTS)) throw error;
      }
    }
  }

  /** Empties every Redis database, so that each block starts from nothing. */
  async flushRedis(): Promise<void> {
    if (!this.redis) return;
    const reply = await redisCommand(this.redis.port, ["FLUSHALL"]);
    if (reply !== "+OK") throw new EnvironmentError(`FLUSHALL on the scratch Redis answered ${reply}.`);
  }

  async startPostgres(signal: AbortSignal): Promise<void> {
    const account = await postgresAccount();
    const data = join(this.directory, "pg-data");
    const sockets = join(this.directory, "pg-sockets");
    mkdirSync(data, { mode: 0o700 });
    mkdirSync(sockets, { mode: 0o700 });
    if (account) {
      // The postgres account must reach its folders through the temporary folder, which
      // mkdtemp creates readable by root only; it gets passage (o+x), not read access.
      chmodSync(this.directory, 0o711);
      chownSync(data, account.uid, account.gid);
      chownSync(sockets, account.uid, account.gid);
    }
    const env = cleanEnv();
    const asAccount = { cwd: this.directory, env, ...(account ?? {}) };
    // UTF8 explicitly: without a locale in the environment initdb would pick SQL_ASCII.
    const initdb = await run(join(PG_BIN, "initdb"), {
      args: ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8"],
      signal,
      ...asAccount,
    });
    if (initdb.aborted) throw new Interrupted();
    if (initdb.code !== 0) throw new EnvironmentError(describeFailure("initdb", initdb));

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      // Durability settings off: the cluster is thrown away after the run, and fsync would
      // only slow the DDL down.
      const args = ["-D", data, "-p", String(port), "-c", `listen_addresses=${HOST}`, "-c", `unix_socket_directories=${sockets}`];
      args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
      const server = spawnServer(join(PG_BIN, "postgres"), args, join(this.directory, "postgres.log"), asAccount);
      try {
        const ready = async (): Promise<boolean> => (await run(join(PG_BIN, "pg_isready"), { args: ["-h", HOST, "-p", String(port), "-U", "postgres", "-d", "postgres", "-t", "1"], env })).code === 0;
        await waitUntilReady(server, `PostgreSQL (port ${port})`, ready, signal);
        this.postgres = { process: server, port, account };
        this.started.push({ name: "postgres", pid: server.child.pid!, port });
        this.log(`started PostgreSQL 15 (pid ${server.child.pid}) on ${HOST}:${port}`);
        return;
      } catch (error) {
        await stopPostgres(server);
        if (!(error instanceof ServerStartError && error.addressInUse && attempt < PORT_ATTEMPTS)) throw error;
      }
    }
  }

  /** Runs SQL with psql against one database; ON_ERROR_STOP makes the first error fail the run. */
  psql(database: string, sql: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<RunResult> {
    if (!this.postgres) throw new Error("PostgreSQL is not running");
    const args = ["-h", HOST, "-p", String(this.postgres.port), "-U", "postgres", "-d", database, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"];
    // The Markdown is UTF-8 whatever the locale of the machine running the harness.
    return run(join(PG_BIN, "psql"), { args, input: sql, env: cleanEnv({ PGCLIENTENCODING: "UTF8" }), ...options });
  }

  async createDatabase(name: string, signal: AbortSignal): Promise<void> {
    const result = await this.psql("postgres", `CREATE DATABASE "${name}";`, { timeoutMs: 30_000, signal });
    if (result.aborted) throw new Interrupted();
    if (result.code !== 0) throw new EnvironmentError(describeFailure(`CREATE DATABASE ${name}`, result));
  }

  /** Stops every server (newest first) and removes the temporary folder. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (this.postgres) await stopPostgres(this.postgres.process);
      } finally {
        try {
          if (this.redis) await this.redis.process.stop([["SIGTERM", 10_000]]);
        } finally {
          await rm(this.directory, { recursive: true, force: true });
        }
      }
    })();
    return this.closing;
  }

  /** The synchronous last resort for the `exit` event: the caller has already SIGKILLed the servers. */
  removeDirectorySync(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** SIGINT is PostgreSQL's fast shutdown (disconnect clients, no waiting); SIGQUIT the immediate one. */
function stopPostgres(server: ManagedProcess): Promise<void> {
  return server.stop([
    ["SIGINT", 15_000],
    ["SIGQUIT", 5_000],
  ]);
}
