// @ts-check
// Client overhead: requests per second through `hss.listPorts` against bare `fetch`, both driving
// the same keep-alive server (a child process answering a fixed valid listPorts page) with the
// same concurrency and request count. On Node the client sends through undici's dispatcher, not
// through fetch, so bare `undici.request` is measured too: the client's own cost is its ratio to
// that floor.
//
// This machine's noise is about +-10% between two identical 0.7 s runs of bare fetch (an A/A
// test), too much for a 3% goal. So each round interleaves the variants finely (blocks of 250
// requests: every variant, rotated every block) and adds up each variant's time, which
// cancels drift; the figure is the median of the rounds' ratios, over 3x the usual rounds.

import createClient from "openapi-fetch";
import { request } from "undici";
import { createHssClient, loadSigning } from "../client-api.mjs";
import { ACCESS_KEY, HOST_ID, PORTS_PATH, PROJECT_ID, SECRET_KEY, TOKEN } from "../fixtures.mjs";
import { drive, withServer } from "../servers.mjs";
import { pairedRatios, summarize } from "../stats.mjs";

export const name = "overhead";

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
    const tokenClient = create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN } });
    const akskClient = create({
      baseUrl: url,
      projectId: PROJECT_ID,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    });

    const raw = createClient({ baseUrl: url, headers: { "X-Auth-Token": TOKEN } });
    // The headers a signed call sends, signed once: bare fetch with them costs the wire and the
    // server what the AK/SK client's requests cost, so the ratio to it leaves the wire out.
    const { api: signing } = await loadSigning();
    const sdk = await signing.signRequest(
      { method: "GET", url: target, headers: { "x-project-id": PROJECT_ID }, accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      signing.nodeCrypto ?? signing.defaultCrypto,
    );
    const signedHeaders = { "x-project-id": PROJECT_ID, "x-sdk-date": sdk["X-Sdk-Date"], authorization: sdk.Authorization };
    /** @type {Record<string, () => Promise<unknown>>} */
    const variants = {
      bare: async () => {
        const response = await fetch(target, { headers: { "X-Auth-Token": TOKEN } });
        if (response.status !== 200) throw new Error(`bare fetch got ${response.status}`);
        return response.json();
      },
      bareSigned: async () => {
        const response = await fetch(target, { headers: signedHeaders });
        if (response.status !== 200) throw new Error(`bare fetch with signed headers got ${response.status}`);
        return response.json();
      },
      // undici's dispatcher API alone, as the Node build sends: the floor the client builds on there.
      undiciRequest: async () => {
        const response = await request(target, { headers: { "X-Auth-Token": TOKEN } });
        if (response.statusCode !== 200) throw new Error(`undici request got ${response.statusCode}`);
        return response.body.json();
      },
      // openapi-fetch alone with the token as a default header, what a fetch-based client builds on.
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

    /** @type {Record<string, number[]>} */
    const rps = Object.fromEntries(Object.keys(variants).map((v) => [v, /** @type {number[]} */ ([])]));
    const order = Object.keys(variants);
    for (let round = 0; round < overheadRounds; round++) {
      /** @type {Record<string, number>} */
      const ms = Object.fromEntries(order.map((v) => [v, 0]));
      for (let b = 0; b < blocksPerRound; b++) {
        const shift = (round * blocksPerRound + b) % order.length;
        for (const variant of [...order.slice(shift), ...order.slice(0, shift)]) {
          ms[variant] += await drive(block, concurrency, variants[variant]);
        }
      }
      for (const variant of order) rps[variant].push((requests / ms[variant]) * 1000);
    }

    const bare = summarize(rps.bare);
    const setup = `${requests} requests per variant x ${overheadRounds} rounds, interleaved in blocks of ${block}, ${concurrency} in flight, server in a child process`;
    return [
      { metric: "bare fetch", value: bare.median, unit: "req/s", summary: bare, detail: setup },
      { metric: "openapi-fetch alone, token header (reference)", value: summarize(rps.openapiFetch).median, unit: "req/s", summary: summarize(rps.openapiFetch) },
      { metric: "undici request alone, token header (reference)", value: summarize(rps.undiciRequest).median, unit: "req/s", summary: summarize(rps.undiciRequest) },
      { metric: "hss.listPorts, token", value: summarize(rps.token).median, unit: "req/s", summary: summarize(rps.token) },
      ...(akskProblem
        ? [{ metric: "hss.listPorts, AK/SK signed", error: akskProblem }]
        : [{ metric: "hss.listPorts, AK/SK signed", value: summarize(rps.aksk).median, unit: "req/s", summary: summarize(rps.aksk) }]),
      { ...ratioRow("openapi-fetch/bare (reference)", pairedRatios(rps.openapiFetch, rps.bare), 0), goal: undefined },
      ratioRow("client/bare, token", pairedRatios(rps.token, rps.bare), 0.97),
      {
        ...ratioRow("client/undici request alone, token (the client's own cost over the engine it sends with)", pairedRatios(rps.token, rps.undiciRequest), 0),
        goal: undefined,
      },
      ...(akskProblem
        ? [{ metric: "client/bare, AK/SK", error: akskProblem, goal: { op: ">=", value: 0.93 } }]
        : [
            ratioRow("client/bare, AK/SK", pairedRatios(rps.aksk, rps.bare), 0.93),
            {
              ...ratioRow("client/bare fetch with the same signed headers, AK/SK", pairedRatios(rps.aksk, rps.bareSigned), 0),
              goal: undefined,
            },
          ]),
    ];
  });
}

/**
 * @param {string} metric
 * @param {number[]} ratios
 * @param {number} goal
 */
function ratioRow(metric, ratios, goal) {
  const summary = summarize(ratios);
  return { metric, value: summary.median, unit: "x", summary, goal: { op: ">=", value: goal }, digits: 3 };
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
