// @ts-check
// Contract suite: wall time of a default `runContract` (the library behind `pnpm hss-contract`,
// every check family, default options) against the contract package's reference implementation
// of the five endpoints, started in a child process; and checks per second (checks that ran, i.e.
// passed or failed, per second of wall time). Runs are repeated while they are short.

import { bundleReference } from "../reference.mjs";
import { startServer } from "../servers.mjs";
import { now, summarize } from "../stats.mjs";

export const name = "contract";

/** Stop repeating runs once this much time went into them. */
const BUDGET_MS = 45_000;

/**
 * The first reported value whose key matches, e.g. `projectId`, `PROJECT_ID` or `ids.projectId`.
 * @param {Record<string, string>} info
 * @param {RegExp} pattern
 */
function pick(info, pattern) {
  const key = Object.keys(info).find((k) => pattern.test(k.split(".").pop() ?? k));
  return key === undefined ? undefined : info[key];
}

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  /** @type {Record<string, any>} */
  let contract;
  try {
    contract = await import("@hss-kit/contract");
  } catch (error) {
    throw new Error(`cannot import @hss-kit/contract (is it built?): ${error instanceof Error ? error.message : error}`);
  }
  if (typeof contract.runContract !== "function") {
    throw new Error(`@hss-kit/contract exports no runContract (it exports ${Object.keys(contract).join(", ")})`);
  }

  const modulePath = await bundleReference();
  const server = await startServer({ kind: "module", modulePath });
  try {
    const { info } = server;
    const options = {
      baseUrl: server.url,
      projectId: pick(info, /^project_?id$/i) ?? "2b31ed520xxxxxxebedb6e57xxxxxxxx",
      token: pick(info, /^(token|auth_?token|iam_?token)$/i) ?? "reference-token",
      ...(pick(info, /^host_?id$/i) ? { hostId: pick(info, /^host_?id$/i) } : {}),
      ...(pick(info, /^task_?id$/i) ? { taskId: pick(info, /^task_?id$/i) } : {}),
    };

    /** @type {number[]} */ const wall = [];
    /** @type {number[]} */ const perSecond = [];
    /** @type {any} */ let last;
    const started = now();
    const maxRuns = quick ? 1 : rounds;
    while (wall.length < maxRuns && (wall.length === 0 || now() - started < BUDGET_MS)) {
      const t0 = now();
      const report = await contract.runContract(options);
      const ms = now() - t0;
      const ran = report.summary.passed + report.summary.failed;
      wall.push(ms / 1000);
      perSecond.push(ran / (ms / 1000));
      last = report;
    }
    const { passed, failed, skipped } = last.summary;
    const w = summarize(wall);
    const c = summarize(perSecond);
    const rows = [
      {
        metric: "default run vs the reference implementation, wall time",
        value: w.median,
        unit: "s",
        summary: w,
        detail: `${wall.length} run(s); last: ${passed} passed, ${failed} failed, ${skipped} skipped, ${last.requests} requests, seed ${last.seed}`,
      },
      { metric: "checks per second (passed + failed)", value: c.median, unit: "checks/s", summary: c },
    ];
    if (failed > 0) {
      const names = last.results.filter((/** @type {any} */ r) => r.status === "fail").map((/** @type {any} */ r) => `${r.operation} ${r.check}`);
      rows.push({
        metric: "reference implementation conforms",
        error: `${failed} check(s) failed against the reference implementation: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""}`,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
