// @ts-check
// Child processes for the ecosystem run: each with a deadline (nothing hangs CI), its output
// kept for the report, and stopped with its whole process group.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "");

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs] default 5 minutes
 * @property {boolean} [allowFailure] resolve with the exit code instead of rejecting
 * @property {boolean} [controlPipe] start: also watch a pipe on descriptor 3 for `ready` (workerd's --control-fd)
 */

/**
 * Runs a command to its end.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function run(command, args, options = {}) {
  const { timeoutMs = 300_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      kill(child.pid);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code === 0 || options.allowFailure) resolve(result);
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}:\n${tail(stdout + stderr)}`));
    });
  });
}

/**
 * Starts a long-running command and resolves once a line of its output matches `ready`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RegExp} ready
 * @param {RunOptions} [options]
 * @returns {Promise<{ match: RegExpMatchArray, stop: () => Promise<void>, output: () => string }>}
 */
export function start(command, args, ready, options = {}) {
  const { timeoutMs = 60_000 } = options;
  return new Promise((resolve, reject) => {
    const stdio = /** @type {import("node:child_process").StdioPipe[]} */ (["ignore", "pipe", "pipe", ...(options.controlPipe ? ["pipe"] : [])]);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio, detached: true });
    let output = "";
    let settled = false;
    const closed = new Promise((done) => child.on("close", done));
    const stop = async () => {
      kill(child.pid);
      await closed;
    };
    const timer = setTimeout(() => fail(new Error(`${command} did not print ${ready} within ${timeoutMs} ms:\n${tail(output)}`)), timeoutMs);
    const fail = (/** @type {Error} */ error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().then(() => reject(error));
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      const match = output.match(ready);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ match, stop, output: () => output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.stdio[3]?.on("data", onData);
    child.on("error", fail);
    child.on("close", (code) => fail(new Error(`${command} exited with ${code} before it was ready:\n${tail(output)}`)));
  });
}

/** Stops a process group, if it is still there. */
function kill(/** @type {number | undefined} */ pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** The end of a long output, for an error message. */
export function tail(/** @type {string} */ text, lines = 40) {
  return text.trim().split("\n").slice(-lines).join("\n");
}
