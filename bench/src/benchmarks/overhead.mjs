// @ts-check
// Client overhead: what a call through `hss.listPorts` costs the caller beyond the engine the
// client sends with. On Node that engine is undici's `fetch` with an `EnvHttpProxyAgent`
// dispatcher capped at the client's connections per origin, so the same `fetch` with the same
// dispatcher, sending the same headers, is the floor; the client's own cost is the CPU time per
// call above it, in microseconds (goal: at most 100 µs, 1% of a 10 ms round trip). CPU time of
// this process (process.cpuUsage), not wall time: the server runs in a child process, and on a
// shared machine wall time mostly measures the other processes. Bare global `fetch` and
// openapi-fetch alone are shown for reference. All variants drive the same keep-alive server
// (answering a fixed valid listPorts page) with the same concurrency.
//
// Each round interleaves the variants finely (blocks of 250 requests: every variant, rotated
// every block) and adds up each variant's time, which cancels drift; the figure is the median of
// the rounds' differences.

import createClient from "openapi-fetch";
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import { createHssClient, loadSigning } from "../client-api.mjs";
import { ACCESS_KEY, HOST_ID, PORTS_PATH, PROJECT_ID, SECRET_KEY, TOKEN } from "../fixtures.mjs";
import { drive, withServer } from "../servers.mjs";
import { summarize } from "../stats.mjs";

export const name = "overhead";

/** The client's connections per origin (packages/client/src/engine.node.ts), so the floor queues as the client does. */
const CONNECTIONS = 16;

/** @param {{ rounds: number, quick: boolean }} options */
export async function run({ rounds, quick }) {
  const block = 250;
  const blocksPerRound = quick ? 2 : 4;
  const requests = block * blocksPerRound;
  const overheadRounds = quick ? rounds : rounds * 3;
  const concurrency = 8;
  const create = await createHssClient();

  return withServer({ kind: "fixed" }, async ({ url }) => {
    const target = `${url}${PORTS_PATH}?host_id=${HOST_ID}&limit=10`;
    // The client's own cost per call: without the request budget, which would let 5 calls a minute through.
    const tokenClient = create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN }, logLevel: "off", rateLimit: false });
    const akskClient = create({
      baseUrl: url,
      projectId: PROJECT_ID,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      logLevel: "off",
      rateLimit: false,
    });
    const dispatcher = new EnvHttpProxyAgent({ httpProxy: "", httpsProxy: "", noProxy: "", connections: CONNECTIONS });
    const userAgent = "hss-kit-client/bench node";

    const raw = createClient({ baseUrl: url, headers: { "X-Auth-Token": TOKEN } });
    // The headers a signed call sends, signed once: the engine with them costs the wire and the
    // server what the AK/SK client's requests cost, so the difference leaves the wire out.
    const { api: signing } = await loadSigning();
    const sdk = await signing.signRequest(
      { method: "GET", url: target, headers: { "x-project-id": PROJECT_ID }, accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      signing.nodeCrypto ?? signing.defaultCrypto,
    );
    const signedHeaders = { "x-project-id": PROJECT_ID, "x-sdk-date": sdk["X-Sdk-Date"], authorization: sdk.Authorization, "user-agent": userAgent };
    /**
     * @param {Record<string, string>} headers
     * @param {string} label
     */
    const engine = (headers, label) => async () => {
      const response = await undiciFetch(target, { headers, redirect: "manual", dispatcher });
      if (response.status !== 200) throw new Error(`${label} got ${response.status}`);
      return response.json();
    };
    /** @type {Record<string, () => Promise<unknown>>} */
    const variants = {
      bare: async () => {
        const response = await fetch(target, { headers: { "X-Auth-Token": TOKEN } });
        if (response.status !== 200) throw new Error(`bare fetch got ${response.status}`);
        return response.json();
      },
      engine: engine({ "x-auth-token": TOKEN, "user-agent": userAgent }, "undici fetch"),
      engineSigned: engine(signedHeaders, "undici fetch with signed headers"),
      openapiFetch: async () => {
        const { data, response } = await raw.GET("/v5/{project_id}/asset/ports", {
          params: { path: { project_id: PROJECT_ID }, query: { host_id: HOST_ID, limit: 10 } },
        });
        if (response.status !== 200) throw new Error(`openapi-fetch got ${response.status}`);
        return data;
      },
      token: () => tokenClient.listPorts({ host_id: HOST_ID, limit: 10 }),
      aksk: () => akskClient.listPorts({ host_id: HOST_ID, limit: 10 }),
    };

    const akskProblem = await checkAuth(create, url);
    if (akskProblem) delete variants.aksk;
    // Check each variant answers the page, then warm up (JIT, sockets).
    for (const [variant, call] of Object.entries(variants)) {
      const body = /** @type {any} */ (await call());
      if (!Array.isArray(body?.data_list) || body.data_list.length !== 10) {
        throw new Error(`${variant}: unexpected listPorts result ${JSON.stringify(body)?.slice(0, 200)}`);
      }
    }
    for (const call of Object.values(variants)) await drive(1000, concurrency, call);

    /** CPU microseconds per call, round by round. @type {Record<string, number[]>} */
    const us = Object.fromEntries(Object.keys(variants).map((v) => [v, /** @type {number[]} */ ([])]));
    const order = Object.keys(variants);
    for (let round = 0; round < overheadRounds; round++) {
      /** @type {Record<string, number>} */
      const ms = Object.fromEntries(order.map((v) => [v, 0]));
      for (let b = 0; b < blocksPerRound; b++) {
        const shift = (round * blocksPerRound + b) % order.length;
        for (const variant of [...order.slice(shift), ...order.slice(0, shift)]) {
          const before = process.cpuUsage();
          await drive(block, concurrency, variants[variant]);
          const spent = process.cpuUsage(before);
          ms[variant] += (spent.user + spent.system) / 1000;
        }
      }
      for (const variant of order) us[variant].push((ms[variant] * 1000) / requests);
    }
    await dispatcher.close();

    /**
     * @param {string} a
     * @param {string} b
     */
    const over = (a, b) => summarize(us[a].map((value, i) => value - us[b][i]));
    const perCall = (/** @type {string} */ v) => ({ value: summarize(us[v]).median, unit: "µs", summary: summarize(us[v]) });
    const setup = `${requests} requests per variant x ${overheadRounds} rounds, interleaved in blocks of ${block}, ${concurrency} in flight, server in a child process; CPU time of this process per call`;
    const tokenOver = over("token", "engine");
    return [
      { metric: "bare global fetch, per call, CPU (reference)", ...perCall("bare"), detail: setup },
      { metric: "openapi-fetch alone, token header, per call, CPU (reference)", ...perCall("openapiFetch") },
      { metric: "undici fetch with the client's dispatcher, per call, CPU (the engine)", ...perCall("engine") },
      { metric: "hss.listPorts, token, per call, CPU", ...perCall("token") },
      {
        metric: "the client's own cost per call over its engine, token",
        value: tokenOver.median,
        unit: "µs",
        summary: tokenOver,
        goal: { op: "<=", value: 100 },
      },
      ...(akskProblem
        ? [{ metric: "the client's own cost per call over its engine, AK/SK signed", error: akskProblem, goal: { op: "<=", value: 100 } }]
        : [
            { metric: "hss.listPorts, AK/SK signed, per call, CPU", ...perCall("aksk") },
            {
              metric: "the client's own cost per call over its engine sending the same signed headers, AK/SK (signing included)",
              value: over("aksk", "engineSigned").median,
              unit: "µs",
              summary: over("aksk", "engineSigned"),
              goal: { op: "<=", value: 100 },
            },
          ]),
    ];
  });
}

/**
 * Makes one call with each kind of credentials through a recording fetch and checks what was
 * sent, so the AK/SK figure cannot silently measure an unsigned request. Throws if the token
 * client is wrong; returns why AK/SK is unusable, or undefined when it signs.
 * @param {(options: Record<string, unknown>) => any} create
 * @param {string} url
 */
async function checkAuth(create, url) {
  /** @type {Headers | undefined} */
  let seen;
  const recording = async (/** @type {Request} */ request) => {
    seen = new Headers(request.headers);
    return fetch(request);
  };
  const token = create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN }, fetch: recording });
  await token.listPorts({ host_id: HOST_ID, limit: 10 });
  if (seen?.get("x-auth-token") !== TOKEN) throw new Error("the token client did not send X-Auth-Token");
  seen = undefined;
  const aksk = create({
    baseUrl: url,
    projectId: PROJECT_ID,
    credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    fetch: recording,
  });
  await aksk.listPorts({ host_id: HOST_ID, limit: 10 });
  const authorization = seen?.get("authorization") ?? "";
  if (!authorization.startsWith("SDK-HMAC-SHA256 ") || !seen?.get("x-sdk-date")) {
    return (
      `the AK/SK client did not sign the request (Authorization: ${JSON.stringify(authorization.slice(0, 40))}, ` +
        `X-Auth-Token: ${JSON.stringify(seen?.get("x-auth-token"))}): this build of @hss-kit/client does not sign with AK/SK credentials`
    );
  }
  return undefined;
}
