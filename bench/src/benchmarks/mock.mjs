// @ts-check
// Mock: requests per second through Prism (startMock of @hss-kit/mock, the spec's examples,
// with request and response validation) against the contract package's reference
// implementation, each in its own child process, driven by bare fetch with 8 in flight. The
// same valid listPorts request (limit 10) goes to both, with the reference implementation's own
// project, token and first host; rounds alternate between them.

import { HOST_ID, PROJECT_ID, TOKEN } from "../fixtures.mjs";
import { addressOf } from "../reference.mjs";
import { bundleReference, START_EXPORTS } from "../reference.mjs";
import { drive, startServer } from "../servers.mjs";
import { pairedRatios, summarize } from "../stats.mjs";

export const name = "mock";

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const concurrency = 8;
  const requests = { prism: quick ? 300 : 1000, reference: quick ? 500 : 2000 };
  /** @type {import("../servers.mjs").RunningServer[]} */
  const servers = [];
  /** @type {any[]} */
  const rows = [];
  try {
    const prism = await startServer({ kind: "prism" });
    servers.push(prism);
    /** @type {Record<string, () => Promise<unknown>>} */
    const targets = { prism: requester(prism.url, { projectId: PROJECT_ID, token: TOKEN, hostId: HOST_ID }) };

    let referenceProblem;
    try {
      const modulePath = await bundleReference();
      const reference = await startServer({ kind: "module", modulePath });
      servers.push(reference);
      const address = addressOf(reference.info);
      targets.reference = requester(reference.url, { ...address, hostId: address.hostId ?? HOST_ID });
    } catch (error) {
      referenceProblem = error instanceof Error ? error.message.split("\n")[0] : String(error);
      referenceProblem += ` (looked for an export named one of ${START_EXPORTS.join(", ")})`;
    }

    for (const call of Object.values(targets)) await call(); // answers 200, or throws
    // Prism speeds up over its first few thousand requests (about 300 req/s at first, steady
    // after roughly 4,000), so it gets a long warm-up; the reference implementation a short one.
    const warmUp = { prism: quick ? 1000 : 4000, reference: quick ? 500 : 1500 };
    for (const [key, call] of Object.entries(targets)) await drive(warmUp[key], concurrency, call);

    /** @type {Record<string, number[]>} */
    const rps = { prism: [], reference: [] };
    const keys = Object.keys(targets);
    for (let round = 0; round < rounds; round++) {
      for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
        const ms = await drive(requests[key], concurrency, targets[key]);
        rps[key].push((requests[key] / ms) * 1000);
      }
    }
    const p = summarize(rps.prism);
    rows.push({ metric: "Prism (startMock), listPorts", value: p.median, unit: "req/s", summary: p, detail: `${concurrency} in flight, servers in child processes` });
    if (referenceProblem) {
      rows.push({ metric: "reference implementation, listPorts", error: referenceProblem });
    } else {
      const r = summarize(rps.reference);
      rows.push({ metric: "reference implementation, listPorts", value: r.median, unit: "req/s", summary: r });
      const ratio = summarize(pairedRatios(rps.reference, rps.prism));
      rows.push({ metric: "reference / Prism", value: ratio.median, unit: "x", summary: ratio, digits: 1 });
    }
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
