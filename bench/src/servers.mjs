// @ts-check
// Starts benchmark servers in child processes (see server-child.mjs) on 127.0.0.1, port 0, and
// makes sure every one of them is stopped: by the benchmark, or at the latest when the runner exits.

import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./server-child.mjs", import.meta.url));

/** @type {Set<import("node:child_process").ChildProcess>} */
const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * @typedef {object} RunningServer
 * @property {string} url base URL, without a trailing slash
 * @property {number | undefined} pid
 * @property {Record<string, string>} info string fields the server reported (module servers)
 * @property {() => Promise<void>} stop
 */

/**
 * @param {import("./server-child.mjs").ServerSpec} spec
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<RunningServer>}
 */
export function startServer(spec, options = {}) {
  const child = fork(CHILD, [JSON.stringify(spec)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        running.delete(child);
        return resolve(undefined);
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      child.once("exit", () => {
        clearTimeout(timer);
        running.delete(child);
        resolve(undefined);
      });
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${spec.kind} server did not start within ${options.timeoutMs ?? 20000} ms\n${stderr}`));
    }, options.timeoutMs ?? 20000);
    child.once("message", (/** @type {any} */ message) => {
      clearTimeout(timer);
      if (message?.url) resolve({ url: message.url.replace(/\/$/, ""), pid: child.pid, info: message.info ?? {}, stop });
      else {
        void stop();
        reject(new Error(`${spec.kind} server failed to start: ${message?.error ?? "no reason"}\n${stderr}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`${spec.kind} server exited with ${code} before listening\n${stderr}`));
    });
  });
}

/**
 * Runs `body` with a started server and always stops it.
 * @template T
 * @param {import("./server-child.mjs").ServerSpec} spec
 * @param {(server: RunningServer) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withServer(spec, body) {
  const server = await startServer(spec);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/**
 * Runs `total` calls of `task` with `concurrency` in flight and returns the elapsed milliseconds.
 * @param {number} total
 * @param {number} concurrency
 * @param {(i: number) => Promise<unknown>} task
 */
export async function drive(total, concurrency, task) {
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return Number(process.hrtime.bigint() - start) / 1e6;
}
