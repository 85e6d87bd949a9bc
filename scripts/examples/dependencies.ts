import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { run } from "./process";

/**
 * The Debian packages the examples run on: Ruby 3.1 with the only libraries a runnable block
 * may use (redis 4.8, pg 1.4, minitest 5.17, connection_pool, concurrent-ruby), Redis 7.0 and
 * PostgreSQL 15. This is the one place the list is spelt: the installer below, the error
 * message for non-root users and `--install-only` (what CI calls) all read it.
 */
export const APT_PACKAGES = [
  "ruby",
  "ruby-redis",
  "ruby-pg",
  "ruby-minitest",
  "ruby-connection-pool",
  "ruby-concurrent",
  "redis-server",
  "postgresql",
  "postgresql-client",
] as const;

/** PostgreSQL's server binaries are not on PATH on Debian; the scenarios target major 15. */
export const PG_BIN = "/usr/lib/postgresql/15/bin";

/** Ruby libraries a runnable block may require, checked by loading them (a package can be half-removed). */
const RUBY_LIBRARIES = ["redis", "pg", "minitest/autorun", "connection_pool", "concurrent"];

export interface Needs {
  ruby: boolean;
  redis: boolean;
  postgres: boolean;
}

export class EnvironmentError extends Error {}

/** The full path of an executable found on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Describes each missing piece the given needs depend on; empty when everything is there. */
export async function findMissing(needs: Needs): Promise<string[]> {
  const missing: string[] = [];
  if (needs.ruby) {
    if (findExecutable("ruby") === undefined) {
      missing.push("ruby (not on PATH)");
    } else {
      // `require` inside the check loads the minitest autorun hook too; exit! skips it so the
      // check prints only the names that failed to load.
      const script = `ARGV.each { |name| begin; require name; rescue LoadError; puts name; end }; $stdout.flush; exit!(0)`;
      const check = await run("ruby", { args: ["-e", script, ...RUBY_LIBRARIES] });
      if (check.code !== 0) missing.push(`a working ruby (\`ruby -e\` failed: ${check.output.trim() || `exit ${check.code}`})`);
      for (const name of check.stdout.split("\n").filter(Boolean)) missing.push(`the Ruby library '${name}' (require failed)`);
    }
  }
  if (needs.redis && findExecutable("redis-server") === undefined) missing.push("redis-server (not on PATH)");
  if (needs.postgres) {
    for (const binary of ["initdb", "postgres", "psql", "pg_isready"]) {
      if (!isExecutable(join(PG_BIN, binary))) missing.push(join(PG_BIN, binary));
    }
  }
  return missing;
}

const aptInstallArgs = (packages: readonly string[]): string[] => ["install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", ...packages];
const APT_INSTALL_ARGS = aptInstallArgs(APT_PACKAGES);

/** The command a person runs to install the packages, for error messages and docs. */
export const INSTALL_COMMAND = `apt-get update && apt-get ${APT_INSTALL_ARGS.join(" ")}`;

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * Makes sure what the run needs is installed. As root it installs the missing packages with
 * apt-get (CI runs as root on a fresh Debian); otherwise it fails with the packages to install,
 * because a harness must not ask for a password halfway through.
 */
export async function ensureDependencies(needs: Needs, log: (line: string) => void): Promise<void> {
  const missing = await findMissing(needs);
  if (missing.length === 0) return;
  const list = missing.map((item) => `  - ${item}`).join("\n");
  if (!isRoot()) {
    throw new EnvironmentError(
      `These are missing:\n${list}\nInstall them as root (the harness does it itself when run as root):\n  ${INSTALL_COMMAND}`,
    );
  }
  if (findExecutable("apt-get") === undefined) {
    throw new EnvironmentError(`These are missing:\n${list}\nand apt-get is not available to install the Debian packages ${APT_PACKAGES.join(" ")}.`);
  }
  log(`Missing:\n${list}\nInstalling with apt-get: ${APT_PACKAGES.join(" ")}`);
  await installDebianPackages(APT_PACKAGES);
  const stillMissing = await findMissing(needs);
  if (stillMissing.length > 0) {
    throw new EnvironmentError(`Still missing after apt-get install:\n${stillMissing.map((item) => `  - ${item}`).join("\n")}`);
  }
  log("Installed.");
}

/**
 * Installs Debian packages with apt-get (as root; callers check first). Shared by the examples
 * harness and the test set-up, so there is one way packages get installed.
 */
export async function installDebianPackages(packages: readonly string[]): Promise<void> {
  if (!isRoot()) throw new EnvironmentError(`Install as root: apt-get update && apt-get ${aptInstallArgs(packages).join(" ")}`);
  if (findExecutable("apt-get") === undefined) throw new EnvironmentError(`apt-get is not available to install the Debian packages ${packages.join(" ")}.`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], aptInstallArgs(packages)]) {
    const result = await run("apt-get", { args, env, onOutput: (chunk) => process.stderr.write(chunk) });
    if (result.code !== 0) {
      throw new EnvironmentError(`\`apt-get ${args.join(" ")}\` failed (exit ${result.code ?? result.signal}):\n${result.output.trim().split("\n").slice(-15).join("\n")}`);
    }
  }
}
