// @ts-check
// `pnpm --filter @hss-kit/bench hostile`: every mode of the hostile server against the client,
// the contract CLI and the validation proxy, plus the malformed request that used to kill the
// mock, each in its own process. Prints a Markdown table: outcome, wall time, peak RSS.

import { HOSTILE_MODES, startHostileServer } from "@hss-kit/hostile-server";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const casePath = fileURLToPath(new URL("./case.mjs", import.meta.url));
const server = await startHostileServer();
/** @type {Record<string, Record<string, string>>} */
const table = {};
const subjects = ["client", "cli", "proxy"];
try {
  for (const { name } of HOSTILE_MODES) {
    table[name] = {};
    for (const subject of subjects) {
      let cell;
      try {
        const { stdout } = await run(process.execPath, [casePath, subject, name, server.url], { timeout: 120_000, maxBuffer: 1 << 20 });
        const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
        cell = `${result.outcome}; ${result.ms} ms; ${result.peakRssMiB} MiB`;
      } catch (error) {
        const e = /** @type {NodeJS.ErrnoException & { killed?: boolean, signal?: string }} */ (error);
        cell = `CRASHED (${e.signal ?? e.code ?? e.message.split("\n")[0]})`;
      }
      table[name][subject] = cell;
    }
  }
  const { stdout } = await run(process.execPath, [casePath, "mock", "malformed-path", server.url], { timeout: 120_000 });
  const mock = JSON.parse(stdout.trim());
  console.log(`| mode | client | CLI | proxy |\n|---|---|---|---|`);
  for (const [mode, cells] of Object.entries(table)) console.log(`| ${mode} | ${subjects.map((s) => cells[s]).join(" | ")} |`);
  console.log(`\nmock, GET /v5/%zz/asset/users then a valid request: ${mock.outcome}; ${mock.ms} ms; ${mock.peakRssMiB} MiB`);
} finally {
  await server.close();
}
