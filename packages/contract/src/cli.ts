import { main } from "./main.js";

// The CLI entry: real streams, the user's directory (pnpm runs root scripts from the root and
// keeps the caller's in INIT_CWD), and SIGINT/SIGTERM to stop the proxy, or a run (which, within
// a gateway's budget, can take many minutes) at once.
const stopSignal = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});
if (process.argv[2] !== "proxy") {
  void stopSignal.then(() => {
    process.stderr.write("hss-contract: stopped before the run ended; no report.\n");
    process.exit(130);
  });
}
const status = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stopSignal,
});
process.exit(status);
