import { main } from "./main.js";

// The CLI entry: real streams, the user's directory (pnpm runs root scripts from the root and
// keeps the caller's in INIT_CWD), and SIGINT/SIGTERM to stop the proxy.
const stopSignal = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});
const status = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stopSignal,
});
process.exit(status);
