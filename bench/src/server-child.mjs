// @ts-check
// A benchmark server run in its own process, so that on a 2-core machine the server and the
// load generator each get a core and a ratio measures the client, not a contended event loop.
// Started by servers.mjs with one JSON argument; reports `{ url }` over IPC once listening and
// stops on SIGTERM or when its parent goes away.

import http from "node:http";
import { pathToFileURL } from "node:url";
import { FIXED_PORTS_BODY, port } from "./fixtures.mjs";

/**
 * @typedef {object} ServerSpec
 * @property {"fixed" | "paged" | "prism" | "module"} kind
 * @property {number} [delayMs] paged: added to every response
 * @property {number} [total] paged: total_num
 * @property {string} [modulePath] module: file to import; its start export gives `{ url, close }`
 * @property {string} [exportName] module: the export to call (default: the first function found
 *   among start, startServer, startReferenceServer, createReferenceServer, default)
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

/** listPorts with real offset/limit paging over `total` ports and a fixed added latency. */
function pagedServer() {
  const total = spec.total ?? 10_000;
  const delayMs = spec.delayMs ?? 0;
  const items = Array.from({ length: total }, (_, i) => JSON.stringify(port(i)));
  return listen((req, res) => {
    req.resume();
    const url = new URL(req.url ?? "/", "http://x");
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

async function prismServer() {
  const { startMock } = await import("@hss-kit/mock");
  return startMock({ port: 0, host: "127.0.0.1" });
}

async function moduleServer() {
  if (!spec.modulePath) throw new Error("module server needs modulePath");
  /** @type {Record<string, unknown>} */
  const mod = await import(pathToFileURL(spec.modulePath).href);
  const names = spec.exportName
    ? [spec.exportName]
    : ["start", "startServer", "startReferenceServer", "startReference", "createReferenceServer", "default"];
  const name = names.find((n) => typeof mod[n] === "function");
  if (!name) throw new Error(`${spec.modulePath} exports none of ${names.join(", ")}; it has ${Object.keys(mod).join(", ")}`);
  const started = await /** @type {(o: object) => Promise<any>} */ (mod[name])({ port: 0, host: "127.0.0.1" });
  const running = await normalizeStarted(started);
  return { ...running, info: { ...stringFields(mod), ...stringFields(started) } };
}

/**
 * Top-level string values of an object and of its plain-object members or first array elements
 * (one level down), such as a reference server's project ID, token or a host ID of its data, so
 * the caller can address it.
 * @param {any} value
 * @returns {Record<string, string>}
 */
function stringFields(value) {
  /** @type {Record<string, string>} */
  const out = {};
  if (!value || typeof value !== "object") return out;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string") out[key] = field;
    // A plain object, or the first element of an array (such as a data set's first host).
    const nested = Array.isArray(field) ? field[0] : field;
    const prefix = Array.isArray(field) ? `${key}[0]` : key;
    if (nested && typeof nested === "object" && Object.getPrototypeOf(nested) === Object.prototype) {
      for (const [inner, v] of Object.entries(nested)) if (typeof v === "string") out[`${prefix}.${inner}`] = v;
    }
  }
  return out;
}

/**
 * Accepts the shapes a "start a server" function commonly returns: `{ url, close }`, a
 * node:http Server (listening or not) or `{ server }`.
 * @param {any} started
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function normalizeStarted(started) {
  if (started && typeof started.url === "string") {
    return { url: started.url.replace(/\/$/, ""), close: async () => { await started.close?.(); } };
  }
  const server = started?.server ?? started;
  if (server instanceof http.Server) {
    if (!server.listening) await new Promise((r) => server.listen(0, "127.0.0.1", () => r(undefined)));
    const address = /** @type {import("node:net").AddressInfo} */ (server.address());
    return {
      url: `http://127.0.0.1:${address.port}`,
      close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }),
    };
  }
  throw new Error(`cannot tell the URL of the started server (got ${Object.keys(started ?? {}).join(", ")})`);
}

const starters = { fixed: fixedServer, paged: pagedServer, prism: prismServer, module: moduleServer };

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
