// How a client without a `fetch` option sends on Node: through undici's dispatcher API, the engine
// under Node's own fetch, without fetch's WHATWG layer (its Request, Response, Headers guards and
// web streams cost more per call than all the rest of a call together; `pnpm bench` measures it).
// The dispatcher is Node's global one, so what a program sets with undici's
// `setGlobalDispatcher` (an Agent with its own CA, a ProxyAgent, a MockAgent) applies here as it
// does to fetch; HTTP_PROXY, HTTPS_PROXY and NO_PROXY, which Node's fetch ignores, go through
// undici's EnvHttpProxyAgent as curl reads them.
//
// What this does not do that fetch would: follow redirects (the transport refuses them anyway)
// and let a patched `globalThis.fetch` see the request. So once `globalThis.fetch` is no longer
// the function it was when this module loaded (msw, `vi.stubGlobal`, tracing), the client calls it
// instead, as the other builds do. Bun and Deno resolve the "node" export condition too, with
// undici shims of their own: there the runtime's fetch is used.
import type { Dispatcher } from "undici";
import { fetchExchange, type Answer, type Exchange } from "./exchange.js";
import { readNodeBody } from "./node-body.js";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

const fetchAtLoad = globalThis.fetch;
const isNode = typeof process === "object" && process.versions?.node !== undefined && process.versions.bun === undefined && !("Deno" in globalThis);

type Undici = typeof import("undici");
let undici: Undici | undefined;
let loading: Promise<Undici> | undefined;
/** undici, imported on the first request rather than with the client. */
const loadUndici = async (): Promise<Undici> => (undici ??= await (loading ??= import("undici")));

/** Adds what fetch would send unless told otherwise, minus what only browsers mean (Sec-Fetch-Mode). */
function addDefaultHeaders(headers: Record<string, string>, https: boolean): Record<string, string> {
  headers.accept ??= "application/json";
  headers["accept-encoding"] ??= https ? "gzip, deflate, br" : "gzip, deflate";
  headers["user-agent"] ??= "node";
  return headers;
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (typeof value === "string") headers.append(name, value);
    else if (value !== undefined) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/**
 * The exchange of a client given no fetch, on Node: undici's dispatcher (an EnvHttpProxyAgent when
 * a proxy variable is set), or `globalThis.fetch` once something replaced it.
 */
export function defaultExchange(env: Readonly<Record<string, string | undefined>>): Exchange {
  const viaFetch = fetchExchange((input, init) => globalThis.fetch(input, init));
  if (!isNode) return viaFetch;
  const proxied = PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "");
  let proxyAgent: Dispatcher | undefined;

  async function viaDispatcher(request: Parameters<Exchange>[0], headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
    const { request: send, EnvHttpProxyAgent } = undici ?? (await loadUndici());
    if (proxied) proxyAgent ??= new EnvHttpProxyAgent();
    const https = request.url.startsWith("https:");
    const response = await send(request.url, {
      method: request.method as Dispatcher.HttpMethod,
      headers: addDefaultHeaders(headers, https),
      body: request.body,
      signal,
      ...(proxyAgent ? { dispatcher: proxyAgent } : {}),
    });
    const { body } = response;
    // A body destroyed unread emits an error (its abort) that nobody else listens for.
    body.on("error", () => undefined);
    const answerHeaders = headersOf(response.headers);
    return {
      status: response.statusCode,
      opaqueRedirect: false,
      headers: answerHeaders,
      read: (limit) => readNodeBody(body, answerHeaders, limit),
      discard: async () => {
        body.destroy();
      },
    };
  }

  return (request, headers, signal) =>
    globalThis.fetch === fetchAtLoad ? viaDispatcher(request, headers, signal) : viaFetch(request, headers, signal);
}
