// `npm run demo`: the packaged extension in a local VS Code (code-server) on the repository's own
// scenarios/ folder, for a person to try in a browser. Runs until Ctrl-C, then stops code-server's
// whole process group. `npm run demo -- --port 8080` for a fixed port (default: a free one).
import * as path from "node:path";
import { cacheDir, createProfile, removeProfile, repoRoot, runSetup, runStep, startCodeServer, type RunningCodeServer } from "./codeServer";

async function main(): Promise<void> {
  const portArg = process.argv.indexOf("--port");
  const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a port number, not '${process.argv[portArg + 1]}'`);

  runStep("build the .vsix", "npm", ["run", "--silent", "package"]);
  runSetup();
  const profile = createProfile("demo");
  let server: RunningCodeServer | undefined;
  process.on("exit", () => server?.killNow());
  try {
    const folder = path.join(repoRoot, "scenarios");
    // The log stays after the demo (the profile does not), for a look when something went wrong.
    server = await startCodeServer(profile, folder, path.join(cacheDir, "demo-code-server.log"), port);
    console.log(`\nScenario Lint in VS Code (code-server 4.100.3), on this repository's scenarios:\n\n  ${server.baseUrl}/?folder=${encodeURIComponent(folder).replace(/%2F/g, "/")}\n\nCode-server's log: ${server.logFile}\nPress Ctrl-C to stop.`);
    const signal = await Promise.race([
      new Promise<string>((resolve) => process.once("SIGINT", () => resolve("SIGINT"))),
      new Promise<string>((resolve) => process.once("SIGTERM", () => resolve("SIGTERM"))),
      server.exited.then(() => "exit"),
    ]);
    if (signal === "exit") throw new Error(`code-server exited by itself; see ${server.logFile}`);
    console.log(`\n${signal}: stopping code-server`);
  } finally {
    await server?.stop();
    removeProfile(profile);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
