#!/usr/bin/env node
// Walks and fans out against `hss-mock --stateful --rate-limit`, the mock that throttles as HSS's
// gateway does, with @hss-kit/client as a user would call it, and prints for each run the items
// it got, its wall time against the least time the limit allows, and the 429s the mock sent.
//
//   node scripts/throttle-demo.mjs              # the limit scaled to 5 in 2 s: seconds per run
//   node scripts/throttle-demo.mjs --limit spec # the spec's own limit (5 a minute): about a minute per run
//   node scripts/throttle-demo.mjs --limit 5/1s --only walk,fan-out
//
// Runs (each against a mock of its own, so each starts with the whole budget):
//   walk              hss.paginate.listUsers over 7 pages of 200 (1,200 to 1,400 users)
//   walk-retry-after  the same, the mock sending Retry-After
//   fan-out           7 listPorts calls side by side (hss.fanOut), one per server, each answering
//                     all of that server's ports
// The client is told the mock's limit when it is scaled (`rateLimit: { requests, windowMs }`);
// with --limit spec it runs with its defaults, which are the spec's. Build first (`pnpm build`).

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    limit: { type: "string", default: "5/2s" },
    only: { type: "string" },
  },
});
const { createHssClient } = await import(join(root, "packages/client/dist/index.js"));
const { parseRateLimit } = await import(join(root, "packages/mock/dist/stateful/index.js"));
const { loadModel } = await import(join(root, "spec/dist/index.js"));

const specLimit = loadModel().rateLimit.perCredential;
const limit = values.limit === "spec" ? specLimit : parseRateLimit(values.limit);
const TOKEN = "demo-token";
const PROJECT = "demo-project";
const PAGES = 7;
const PAGE_SIZE = 200;
/** Records per data set such that listUsers (its filters' defaults) holds between 1,200 and 1,400 users: 7 pages of 200. */
const RECORDS = 1_800;
const HOSTS = 7;

/** Starts `hss-mock` as a user would, on a free port; resolves its URL and a stop function. */
function startMock(extra) {
  const args = [join(root, "packages/mock/bin/hss-mock.js"), "--stateful", "--token", TOKEN, "--project-id", PROJECT, "--port", "0",
    "--rate-limit", ...(values.limit === "spec" ? [] : [values.limit]), ...extra];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+?),/.exec(out)?.[1];
      const throttling = /throttling: (.*)/.exec(out)?.[1];
      if (url && throttling) {
        child.stdout.removeAllListeners("data");
        child.stdout.resume();
        resolve({ url, throttling, stop: () => new Promise((done) => { child.once("exit", done); child.kill("SIGTERM"); }) });
      }
    });
    child.once("exit", (code) => reject(new Error(`hss-mock exited with ${code}: ${out}`)));
  });
}

/** A client for the mock, counting the statuses it gets. */
function clientFor(url, statuses) {
  return createHssClient({
    baseUrl: url,
    projectId: PROJECT,
    credentials: { token: TOKEN },
    ...(values.limit === "spec" ? {} : { rateLimit: { requests: limit.requests, windowMs: limit.windowMs } }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
}

/** The least time `count` requests take: the last can go no sooner than floor((count - 1) / requests) windows after the first. */
const leastMs = (count) => Math.floor((count - 1) / limit.requests) * limit.windowMs;

const runs = {
  async walk(retryAfter = false) {
    const mock = await startMock(["--records", String(RECORDS), ...(retryAfter ? ["--retry-after"] : [])]);
    try {
      const statuses = [];
      const hss = clientFor(mock.url, statuses);
      const started = performance.now();
      const seen = new Set();
      let total;
      for await (const page of hss.paginate.listUsers.pages({}, { pageSize: PAGE_SIZE })) {
        total = page.total_num;
        for (const user of page.data_list) seen.add(JSON.stringify(user));
      }
      const ms = performance.now() - started;
      const pages = statuses.filter((s) => s === 200).length;
      return { mock, ms, requests: statuses.length, throttled: statuses.filter((s) => s === 429).length, least: leastMs(pages),
        items: `${seen.size} distinct users of total_num ${total} in ${pages} pages`, ok: seen.size === total && pages === PAGES };
    } finally {
      await mock.stop();
    }
  },
  "walk-retry-after": () => runs.walk(true),
  async "fan-out"() {
    const mock = await startMock([]);
    try {
      const statuses = [];
      const hss = clientFor(mock.url, statuses);
      const hosts = Array.from({ length: HOSTS }, (_, i) => `host-${i + 1}`);
      const started = performance.now();
      const pages = [];
      for await (const { params, data } of hss.fanOut.listPorts(hosts.map((host_id) => ({ host_id, limit: PAGE_SIZE })))) pages.push({ host: params.host_id, ...data });
      const ms = performance.now() - started;
      const complete = pages.filter((page, i) => page.host === hosts[i] && page.data_list.length === page.total_num && page.data_list.every((port) => port.host_id === page.host));
      return { mock, ms, requests: statuses.length, throttled: statuses.filter((s) => s === 429).length, least: leastMs(HOSTS),
        items: `${pages.length} calls, ${pages.reduce((n, page) => n + page.data_list.length, 0)} ports, every call all of its server's ports: ${complete.length === HOSTS}`,
        ok: pages.length === HOSTS && complete.length === HOSTS };
    } finally {
      await mock.stop();
    }
  },
};

const selected = values.only ? values.only.split(",") : Object.keys(runs);
console.log(`limit: ${limit.requests} requests per ${limit.windowMs} ms per credential and operation${values.limit === "spec" ? " (the spec's)" : ` (scaled; the spec's is ${specLimit.requests} per ${specLimit.windowMs} ms)`}`);
let failed = false;
for (const name of selected) {
  if (!runs[name]) throw new Error(`unknown run ${name}; runs: ${Object.keys(runs).join(", ")}`);
  try {
    const result = await runs[name]();
    failed ||= !result.ok;
    console.log(`\n${name}: ${result.ok ? "ok" : "INCOMPLETE"}: ${result.items}`);
    console.log(`  mock: ${result.mock.throttling}`);
    console.log(`  wall ${(result.ms / 1000).toFixed(2)} s, least the limit allows ${(result.least / 1000).toFixed(2)} s: ${(result.ms / result.least).toFixed(3)}x`);
    console.log(`  ${result.requests} requests, ${result.throttled} answered 429`);
  } catch (error) {
    failed = true;
    console.log(`\n${name}: FAILED: ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : error}`);
  }
}
process.exitCode = failed ? 1 : 0;
