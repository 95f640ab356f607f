// @ts-check
// A benchmark server run in its own process, so that on a 2-core machine the server and the
// load generator each get a core and a ratio measures the client, not a contended event loop.
// Started by servers.mjs with one JSON argument; reports `{ url }` over IPC once listening and
// stops on SIGTERM or when its parent goes away.

import http from "node:http";
import { FIXED_PORTS_BODY, PROJECT_ID, TOKEN, port } from "./fixtures.mjs";

/**
 * @typedef {object} ServerSpec
 * @property {"fixed" | "paged" | "prism" | "stateful"} kind
 * @property {number} [delayMs] paged: added to every response
 * @property {number} [total] paged: total_num
 * @property {{ requests: number, windowMs: number }} [rateLimit] paged: throttle each credential
 *   (token) and operation to this, as HSS's gateway does (the mock's Throttle), with its 429
 * @property {boolean} [retryAfter] paged, with rateLimit: a 429 carries Retry-After
 */

/** @type {ServerSpec} */
const spec = JSON.parse(process.argv[2] ?? "{}");

/**
 * @param {http.RequestListener} handler
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function listen(handler) {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = /** @type {import("node:net").AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done(undefined));
        }),
      });
    });
  });
}

let requestCounter = 0;
const headersFor = (/** @type {number} */ length) => ({
  "Content-Type": "application/json",
  "Content-Length": String(length),
  "X-Request-Id": `bench-${++requestCounter}`,
});

/** Always the same valid listPorts page. */
function fixedServer() {
  const body = Buffer.from(FIXED_PORTS_BODY);
  return listen((req, res) => {
    req.resume();
    res.writeHead(200, headersFor(body.length));
    res.end(body);
  });
}

/**
 * listPorts with real offset/limit paging over `total` ports and a fixed added latency; with
 * `rateLimit`, behind the gateway's throttle. `GET /_bench/stats` answers how many requests it
 * answered and how many of them it throttled, and is itself neither throttled nor counted.
 */
async function pagedServer() {
  const total = spec.total ?? 10_000;
  const delayMs = spec.delayMs ?? 0;
  const items = Array.from({ length: total }, (_, i) => JSON.stringify(port(i)));
  const throttle = spec.rateLimit ? await throttleOf(spec.rateLimit) : undefined;
  const stats = { requests: 0, throttled: 0 };
  return listen((req, res) => {
    req.resume();
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/_bench/stats") {
      const body = JSON.stringify(stats);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) });
      res.end(body);
      return;
    }
    stats.requests++;
    const refused = throttle?.(req);
    if (refused) {
      stats.throttled++;
      const body = Buffer.from(JSON.stringify({ ...refused.body, request_id: `bench-${++requestCounter}` }));
      res.writeHead(429, { "Content-Type": "application/json", "Content-Length": String(body.length), "X-Request-Id": `bench-${requestCounter}`, ...refused.headers });
      res.end(body);
      return;
    }
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const body = Buffer.from(`{"total_num":${total},"data_list":[${items.slice(offset, offset + limit).join(",")}]}`);
    const send = () => {
      res.writeHead(200, headersFor(body.length));
      res.end(body);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
}

/**
 * The gateway's throttle of @hss-kit/mock on listPorts, and its 429: the spec's error code, the
 * gateway's message, Retry-After when asked.
 * @param {{ requests: number, windowMs: number }} rateLimit
 */
async function throttleOf(rateLimit) {
  const { Throttle, callerOf, throttleMessage } = await import("@hss-kit/mock/stateful");
  const { documentedResponse, loadModel, operationById } = await import("@hss-kit/spec");
  const operation = operationById(loadModel(), "listPorts");
  const code = /** @type {any} */ (documentedResponse(operation, 429)?.example)?.error_code;
  const throttle = new Throttle((id) => (id === operation.id ? operation.rateLimit : undefined), { perCredential: rateLimit });
  return (/** @type {http.IncomingMessage} */ req) => {
    const throttled = throttle.admit(operation.id, callerOf(req.headers, req.socket.remoteAddress));
    if (!throttled) return undefined;
    const seconds = String(Math.max(1, Math.ceil(throttled.retryAfterMs / 1000)));
    return { body: { error_code: code, error_msg: throttleMessage(throttled) }, headers: spec.retryAfter ? { "Retry-After": seconds } : {} };
  };
}

async function prismServer() {
  const { startMock } = await import("@hss-kit/mock");
  return startMock({ port: 0, host: "127.0.0.1" });
}

/** The stateful mock of @hss-kit/mock, with the benchmarks' project and token (and its throttle, with rateLimit). */
async function statefulServer() {
  const { startStatefulMock } = await import("@hss-kit/mock/stateful");
  const rateLimit = spec.rateLimit ? { rateLimit: { perCredential: spec.rateLimit, retryAfter: spec.retryAfter ?? false } } : {};
  const mock = await startStatefulMock({ port: 0, host: "127.0.0.1", token: TOKEN, projectId: PROJECT_ID, ...rateLimit });
  return { url: mock.url, close: mock.close, info: { projectId: PROJECT_ID, token: TOKEN, taskId: mock.knownValues.task_id?.[0] ?? "" } };
}

const starters = { fixed: fixedServer, paged: pagedServer, prism: prismServer, stateful: statefulServer };

try {
  const starter = starters[spec.kind];
  if (!starter) throw new Error(`unknown server kind ${spec.kind}`);
  const running = await starter();
  const stop = async () => {
    await Promise.race([running.close(), new Promise((r) => setTimeout(r, 2000))]);
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
  process.send?.({ url: running.url, info: /** @type {any} */ (running).info ?? {} });
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
}
