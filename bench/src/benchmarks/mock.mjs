// @ts-check
// Mock: requests per second through Prism (startMock of @hss-kit/mock, the spec's examples,
// with request and response validation) against the stateful mock (startStatefulMock: seeded
// records, filtered and paged), each in its own child process, driven by bare fetch with 8 in
// flight. The same valid listPorts request (limit 10) goes to both; rounds alternate.

import { HOST_ID, PROJECT_ID, TOKEN } from "../fixtures.mjs";
import { drive, startServer } from "../servers.mjs";
import { pairedRatios, summarize } from "../stats.mjs";

export const name = "mock";

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const concurrency = 8;
  const requests = { prism: quick ? 300 : 1000, stateful: quick ? 500 : 2000 };
  /** @type {import("../servers.mjs").RunningServer[]} */
  const servers = [];
  /** @type {any[]} */
  const rows = [];
  try {
    const prism = await startServer({ kind: "prism" });
    servers.push(prism);
    /** @type {Record<string, () => Promise<unknown>>} */
    const targets = { prism: requester(prism.url, { projectId: PROJECT_ID, token: TOKEN, hostId: HOST_ID }) };

    const stateful = await startServer({ kind: "stateful" });
    servers.push(stateful);
    targets.stateful = requester(stateful.url, { projectId: PROJECT_ID, token: TOKEN, hostId: HOST_ID });

    for (const call of Object.values(targets)) await call(); // answers 200, or throws
    // Prism speeds up over its first few thousand requests (about 300 req/s at first, steady
    // after roughly 4,000), so it gets a long warm-up; the stateful mock a short one.
    const warmUp = { prism: quick ? 1000 : 4000, stateful: quick ? 500 : 1500 };
    for (const [key, call] of Object.entries(targets)) await drive(warmUp[key], concurrency, call);

    /** @type {Record<string, number[]>} */
    const rps = { prism: [], stateful: [] };
    const keys = Object.keys(targets);
    for (let round = 0; round < rounds; round++) {
      for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
        const ms = await drive(requests[key], concurrency, targets[key]);
        rps[key].push((requests[key] / ms) * 1000);
      }
    }
    const p = summarize(rps.prism);
    rows.push({ metric: "Prism (startMock), listPorts", value: p.median, unit: "req/s", summary: p, detail: `${concurrency} in flight, servers in child processes` });
    const r = summarize(rps.stateful);
    rows.push({ metric: "stateful mock (hss-mock --stateful), listPorts", value: r.median, unit: "req/s", summary: r });
    const ratio = summarize(pairedRatios(rps.stateful, rps.prism));
    rows.push({ metric: "stateful mock / Prism", value: ratio.median, unit: "x", summary: ratio, digits: 1, goal: { op: ">=", value: 2 } });
    return rows;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * @param {string} base
 * @param {{ projectId: string, token: string, hostId: string }} address
 */
function requester(base, { projectId, token, hostId }) {
  const target = `${base}/v5/${projectId}/asset/ports?host_id=${encodeURIComponent(hostId)}&limit=10`;
  return async () => {
    const response = await fetch(target, { headers: { "X-Auth-Token": token } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${base} answered ${response.status} to listPorts: ${text.slice(0, 200)}`);
    return text;
  };
}
