// @ts-check
// Pagination: time to walk 10,000 ports at 200 per page (50 requests) with
// `hss.paginate.listPorts`, from a server (child process) that adds 5 ms to every response, with 4
// page requests in flight against 1. Rounds alternate the two; every walk is checked to yield all
// 10,000 distinct items in order.

import { createHssClient } from "../client-api.mjs";
import { HOST_ID, PROJECT_ID, TOKEN } from "../fixtures.mjs";
import { withServer } from "../servers.mjs";
import { now, pairedRatios, summarize } from "../stats.mjs";

export const name = "pagination";

const TOTAL = 10_000;
const PAGE_SIZE = 200;
const DELAY_MS = 5;

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds: requested }) {
  // Cheap (about 0.5 s a round), so more rounds than the default for a steadier median.
  const rounds = Math.max(requested, 7);
  const create = await createHssClient();
  return withServer({ kind: "paged", total: TOTAL, delayMs: DELAY_MS }, async ({ url }) => {
    // The walk's own cost on loopback: without the request budget, which would pace 50 pages at 5 a minute.
    const hss = create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN }, rateLimit: false });
    if (typeof hss.paginate?.listPorts !== "function") throw new Error("the client has no hss.paginate.listPorts");

    /** @param {number} concurrency */
    const walk = async (concurrency) => {
      const start = now();
      let count = 0;
      for await (const item of hss.paginate.listPorts({ host_id: HOST_ID }, { pageSize: PAGE_SIZE, concurrency })) {
        if (item.pid !== 1000 + count) {
          throw new Error(`concurrency ${concurrency}: item ${count} is pid ${item.pid}, expected ${1000 + count} (out of order or missing)`);
        }
        count++;
      }
      if (count !== TOTAL) throw new Error(`concurrency ${concurrency}: walked ${count} items, expected ${TOTAL}`);
      return now() - start;
    };

    await walk(1); // warm-up
    await walk(4);
    /** @type {number[]} */ const serial = [];
    /** @type {number[]} */ const parallel = [];
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        serial.push(await walk(1));
        parallel.push(await walk(4));
      } else {
        parallel.push(await walk(4));
        serial.push(await walk(1));
      }
    }
    const s = summarize(serial);
    const p = summarize(parallel);
    const speedup = summarize(pairedRatios(serial, parallel));
    return [
      {
        metric: "walk 10,000 items, concurrency 1",
        value: s.median,
        unit: "ms",
        summary: s,
        detail: `${TOTAL / PAGE_SIZE} pages of ${PAGE_SIZE}, server adds ${DELAY_MS} ms per request`,
      },
      { metric: "walk 10,000 items, concurrency 4", value: p.median, unit: "ms", summary: p },
      { metric: "speed-up, concurrency 4 vs 1", value: speedup.median, unit: "x", summary: speedup, goal: { op: ">=", value: 3.5 } },
    ];
  });
}
