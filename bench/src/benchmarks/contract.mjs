// @ts-check
// Contract suite: wall time of a default run (every check family, default options, a random
// seed) against the stateful mock of @hss-kit/mock (hss-mock --stateful), started in a child
// process; and checks per second (checks that ran, i.e. passed or failed, per second
// of wall time). Measured twice: the CLI as a user runs it (node bin/hss-contract.js, from
// process start to exit, 3 runs), and `runContract` in this process (first run, then the median
// of later runs, repeated while they are short).

import { spawnSync } from "node:child_process";
import { ROOT } from "../turbo.mjs";
import { startServer } from "../servers.mjs";
import { now, summarize } from "../stats.mjs";

export const name = "contract";

const CLI = `${ROOT}/packages/contract/bin/hss-contract.js`;

/** Stop repeating runs once this much time went into them. */
const BUDGET_MS = 45_000;

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

  const server = await startServer({ kind: "stateful" });
  try {
    // Default options, plus what any target needs: where it is, its project and token, and its
    // scan task (which cannot be discovered); the host_id is left for the run to discover.
    const { projectId, token, taskId } = server.info;
    const options = { baseUrl: server.url, projectId, token, ...(taskId ? { taskId } : {}) };

    // The command a user runs: node, the CLI, a default run, the report printed.
    /** @type {number[]} */ const cliWall = [];
    /** @type {number[]} */ const cliRate = [];
    let cliSummary = "";
    let cliRequests = "";
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const t0 = now();
      const result = spawnSync(process.execPath, [CLI, ...(taskId ? ["--task-id", taskId] : [])], {
        encoding: "utf8",
        env: { ...process.env, HSS_BASE_URL: server.url, HSS_PROJECT_ID: projectId, HSS_TOKEN: token, NO_COLOR: "1" },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      });
      const seconds = (now() - t0) / 1000;
      const line = `${result.stdout}`.match(/(\d+) passed, (\d+) failed, (\d+) skipped/);
      if (!line) throw new Error(`hss-contract printed no summary line (exit ${result.status}): ${`${result.stderr}${result.stdout}`.trim().slice(-300)}`);
      cliSummary = line[0];
      cliRequests = `${result.stdout}`.match(/(\d+) requests in/)?.[1] ?? "?";
      cliWall.push(seconds);
      cliRate.push((Number(line[1]) + Number(line[2])) / seconds);
    }

    // What the CLI costs before it sends a request: node start-up and loading its modules.
    /** @type {number[]} */ const startup = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const t0 = now();
      const result = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8", timeout: 60_000 });
      if (result.status !== 0) throw new Error(`hss-contract --help exited ${result.status}: ${result.stderr.slice(-300)}`);
      startup.push((now() - t0) / 1000);
    }

    // The library in this process: the first run pays for loading and compiling the spec's
    // schemas; the runs after it show the suite's own speed.
    /** @type {number[]} */ const wall = [];
    /** @type {number[]} */ const perSecond = [];
    /** @type {any} */ let last;
    const started = now();
    const maxRuns = (quick ? 1 : rounds) + 1;
    while (wall.length < maxRuns && (wall.length === 0 || now() - started < BUDGET_MS)) {
      const t0 = now();
      const report = await contract.runContract(options);
      const ms = now() - t0;
      const ran = report.summary.passed + report.summary.failed;
      wall.push(ms / 1000);
      perSecond.push(ran / (ms / 1000));
      last = report;
    }
    const first = wall.shift() ?? NaN;
    perSecond.shift();
    const { passed, failed, skipped } = last.summary;
    const cw = summarize(cliWall);
    const cr = summarize(cliRate);
    const rows = [
      {
        metric: "default run of the CLI vs the stateful mock, wall time",
        value: cw.median,
        unit: "s",
        summary: cw,
        detail: `node bin/hss-contract.js, process start to exit; ${cliRequests} requests; ${cliSummary}`,
        goal: { op: "<=", value: 2 },
      },
      { metric: "checks per second, CLI (passed + failed)", value: cr.median, unit: "checks/s", summary: cr },
      { metric: "CLI start-up alone (hss-contract --help)", value: summarize(startup).median, unit: "s", summary: summarize(startup) },
      { metric: "runContract in process, first run", value: first, unit: "s" },
    ];
    if (wall.length > 0) {
      const w = summarize(wall);
      const c = summarize(perSecond);
      rows.push(
        {
          metric: "runContract in process, later runs",
          value: w.median,
          unit: "s",
          summary: w,
          detail: `last: ${passed} passed, ${failed} failed, ${skipped} skipped, ${last.requests} requests, seed ${last.seed}`,
        },
        { metric: "checks per second, in process (passed + failed)", value: c.median, unit: "checks/s", summary: c },
      );
    }
    if (failed > 0) {
      const names = last.results.filter((/** @type {any} */ r) => r.status === "fail").map((/** @type {any} */ r) => `${r.operation} ${r.check}`);
      rows.push({
        metric: "stateful mock conforms",
        error: `${failed} check(s) failed against the stateful mock: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""}`,
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
