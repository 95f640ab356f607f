// The `hss` executable: runs the command line and exits with its code.

import { runHss } from "./run.js";

// `hss ... | head` closes the pipe early: stop quietly, as other command line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

process.exitCode = await runHss(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
