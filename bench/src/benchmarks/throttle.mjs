// @ts-check
// Throttle: what a user of HSS feels. The gateway lets one credential call an operation a few
// times per window (five a minute); here a server (child process) throttles listPorts the same
// way with the mock's Throttle, its window scaled so a round takes seconds. Figures:
// - a walk of PAGES pages (hss.paginate), and a fan-out of CALLS calls (hss.fanOut),
//   each divided by the least time the limit allows (request k of a run can go no sooner than
//   floor(k / requests) windows after the first): 1 is perfect, the goal is <= 1.05;
// - the 429s the server sent over all of it, with the client's default budget told the server's
//   window (goal 0), and the same without a budget (rateLimit: false), for comparison;
// - peak memory of a walk of 100,000 items, in a process of its own (walk-child.mjs), against
//   the same process making one call.
// Every walk is checked to yield every item in order, every call to yield its page.

import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadModel } from "@hss-kit/spec";
import { createHssClient } from "../client-api.mjs";
import { HOST_ID, PROJECT_ID, TOKEN } from "../fixtures.mjs";
import { withServer } from "../servers.mjs";
import { now, summarize } from "../stats.mjs";

export const name = "throttle";

/** The server's limit: as many calls as the spec says HSS allows, in a window 60 times shorter. */
const SPEC_LIMIT = loadModel().rateLimit?.perCredential;
if (!SPEC_LIMIT) throw new Error("the spec states no x-hss-rate-limit: the throttle benchmark has no limit to scale");
const LIMIT = { requests: SPEC_LIMIT.requests, windowMs: SPEC_LIMIT.windowMs / 60 };
const PAGE_SIZE = 200;
/** Pages of a walk, and calls of a fan-out: two windows' worth and one more. */
const PAGES = 11;
const CALLS = 11;
const MEMORY_ITEMS = 100_000;
/**
 * The memory walk's budget: far above what the walk sends, so that it measures the walk's own
 * memory in seconds, not the wait of 500 pages at five a minute.
 */
const MEMORY_BUDGET = { requests: 10_000, windowMs: 1_000 };

const WALK_CHILD = fileURLToPath(new URL("../walk-child.mjs", import.meta.url));

/**
 * The least time `count` requests take under `limit`: the last can go no sooner than
 * floor((count - 1) / requests) windows after the first.
 * @param {number} count
 * @param {{ requests: number, windowMs: number }} limit
 */
export function leastTimeMs(count, limit) {
  return Math.floor((count - 1) / limit.requests) * limit.windowMs;
}

/**
 * The client options that give it a budget of `limit` for every operation (the spec's figures
 * otherwise), or none.
 * @param {{ requests: number, windowMs: number } | false} limit
 */
export function budget(limit) {
  return { rateLimit: limit === false ? false : { requests: limit.requests, windowMs: limit.windowMs } };
}

/** @param {string} url */
async function stats(url) {
  return /** @type {{ requests: number, throttled: number }} */ (await (await fetch(`${url}/_bench/stats`)).json());
}

/**
 * Waits out the server's window, so a round starts with the whole budget (and the client's
 * budget, made anew each round, agrees with it).
 */
const quiet = () => new Promise((resolve) => setTimeout(resolve, LIMIT.windowMs + 50));

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds: requested, quick }) {
  const rounds = quick ? 1 : requested;
  const create = await createHssClient();
  const total = PAGES * PAGE_SIZE;
  /** @type {any[]} */
  const rows = [];
  for (const retryAfter of [false, true]) {
    await withServer({ kind: "paged", total, rateLimit: LIMIT, retryAfter }, async ({ url }) => {
      /** @param {{ requests: number, windowMs: number } | false} limit */
      const client = (limit) => create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN }, ...budget(limit) });

      /** @param {any} hss */
      const walk = async (hss) => {
        const start = now();
        let count = 0;
        for await (const item of hss.paginate.listPorts({ host_id: HOST_ID }, { pageSize: PAGE_SIZE })) {
          if (item.pid !== 1000 + count) throw new Error(`walk: item ${count} is pid ${item.pid}, expected ${1000 + count} (out of order or missing)`);
          count++;
        }
        if (count !== total) throw new Error(`walk: ${count} items, expected ${total}`);
        return now() - start;
      };
      /** @param {any} hss */
      const fanOut = async (hss) => {
        const start = now();
        const hosts = Array.from({ length: CALLS }, (_, i) => `${HOST_ID.slice(0, -4)}${String(i).padStart(4, "0")}`);
        let calls = 0;
        for await (const { params, data } of hss.fanOut.listPorts(hosts.map((host_id) => ({ host_id, limit: PAGE_SIZE })))) {
          if (params.host_id !== hosts[calls]) throw new Error(`fan-out: result ${calls} is for ${params.host_id}, expected ${hosts[calls]} (out of order)`);
          if (data.data_list?.length !== PAGE_SIZE) throw new Error(`fan-out: a call gave ${data.data_list?.length} items, expected ${PAGE_SIZE}`);
          calls++;
        }
        if (calls !== CALLS) throw new Error(`fan-out: ${calls} results, expected ${CALLS}`);
        return now() - start;
      };

      /** @type {number[]} */ const walks = [];
      /** @type {number[]} */ const fanOuts = [];
      const before = await stats(url);
      for (let round = 0; round < rounds; round++) {
        await quiet();
        walks.push((await walk(client(LIMIT))) / leastTimeMs(PAGES, LIMIT));
        await quiet();
        fanOuts.push((await fanOut(client(LIMIT))) / leastTimeMs(CALLS, LIMIT));
      }
      const after = await stats(url);
      const drawn = after.throttled - before.throttled;

      // Without a budget, the same walk: how many 429s the client draws (and whether it finishes).
      await quiet();
      const bare = await stats(url);
      let bareOutcome = "finished";
      try {
        await walk(client(false));
      } catch (error) {
        bareOutcome = `failed: ${error instanceof Error ? error.constructor.name : "error"}`;
      }
      const bareDrawn = (await stats(url)).throttled - bare.throttled;

      const label = retryAfter ? "with Retry-After" : "no Retry-After";
      const w = summarize(walks);
      const f = summarize(fanOuts);
      rows.push(
        {
          metric: `walk of ${PAGES} pages / least time, ${label}`,
          value: w.median,
          unit: "x",
          digits: 3,
          summary: w,
          goal: { op: "<=", value: 1.05 },
          detail: `${total} ports at ${PAGE_SIZE} a page; server allows ${LIMIT.requests} per ${LIMIT.windowMs} ms per credential: least ${leastTimeMs(PAGES, LIMIT)} ms`,
        },
        {
          metric: `fan-out of ${CALLS} calls / least time, ${label}`,
          value: f.median,
          unit: "x",
          digits: 3,
          summary: f,
          goal: { op: "<=", value: 1.05 },
          detail: `hss.fanOut.listPorts over ${CALLS} hosts; least ${leastTimeMs(CALLS, LIMIT)} ms`,
        },
        {
          metric: `429s drawn with the default budget, ${label}`,
          value: drawn,
          unit: "429s",
          digits: 0,
          goal: { op: "<=", value: 0 },
          detail: `over ${rounds} walk(s) and fan-out(s), ${after.requests - before.requests} requests`,
        },
        {
          metric: `429s drawn without a budget (rateLimit: false), one walk, ${label}`,
          value: bareDrawn,
          unit: "429s",
          digits: 0,
          detail: `the walk ${bareOutcome}`,
        },
      );
    });
  }
  rows.push(...(await memory(quick)));
  return rows;
}

/**
 * Peak memory of a walk of 100,000 items (500 pages) in a process of its own, against the same
 * process that only loads the client and makes one call: maxRSS from process.resourceUsage().
 * @param {boolean} quick
 */
async function memory(quick) {
  const items = quick ? 10_000 : MEMORY_ITEMS;
  return withServer({ kind: "paged", total: items }, async ({ url }) => {
    const baseline = await walkChild(url, 0);
    const walked = await walkChild(url, items);
    const mib = (/** @type {number} */ kib) => kib / 1024;
    return [
      {
        metric: `peak RSS of a walk of ${items.toLocaleString("en-US")} items`,
        value: mib(walked.maxRssKiB),
        unit: "MiB",
        detail: `${items / PAGE_SIZE} pages of ${PAGE_SIZE} in ${(walked.ms / 1000).toFixed(1)} s (server not throttling); peak heap ${mib(walked.peakHeapKiB).toFixed(1)} MiB`,
      },
      {
        metric: "peak RSS of the same process, one call and no walk",
        value: mib(baseline.maxRssKiB),
        unit: "MiB",
        detail: `peak heap ${mib(baseline.peakHeapKiB).toFixed(1)} MiB`,
      },
    ];
  });
}

/**
 * @param {string} url
 * @param {number} items 0: one call only
 * @returns {Promise<{ maxRssKiB: number, peakHeapKiB: number, ms: number }>}
 */
function walkChild(url, items) {
  return new Promise((resolve, reject) => {
    const child = fork(WALK_CHILD, [JSON.stringify({ url, items, pageSize: PAGE_SIZE, limit: MEMORY_BUDGET })], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.once("message", (/** @type {any} */ message) => {
      clearTimeout(timer);
      if (message?.error) reject(new Error(`walk child: ${message.error}`));
      else resolve(message);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`walk child exited with ${code} before reporting\n${stderr}`));
    });
  });
}
