// @ts-check
// Runs turbo from the workspace root with telemetry off and times it.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const TURBO = `${ROOT}/node_modules/.bin/turbo`;

/**
 * @param {string[]} args
 * @returns {{ ok: boolean, status: number | string | null, seconds: number, output: string, tail: string }}
 */
export function runTurbo(args) {
  if (!existsSync(TURBO)) throw new Error(`turbo not found at ${TURBO}: run pnpm install`);
  const start = process.hrtime.bigint();
  const result = spawnSync(TURBO, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_UI: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const lines = output.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
  const failedTasks = lines.find((l) => /^\s*Failed:/.test(l))?.trim();
  const tail = [failedTasks, ...lines.slice(-12)].filter(Boolean).join("\n");
  // Interrupted (Ctrl-C), turbo prints "Shutting down Turborepo tasks..." and still exits 0, so a
  // run counts as a success only if every task it planned succeeded.
  const tasks = output.match(/Tasks:\s+(\d+) successful, (\d+) total/);
  const interrupted = /Shutting down Turborepo tasks/.test(output) || result.signal !== null;
  const complete = !tasks || tasks[1] === tasks[2];
  const ok = result.status === 0 && !interrupted && complete;
  return { ok, status: interrupted ? "interrupted" : result.status, seconds, output, tail };
}
