// How a client without a `fetch` option sends on Node: undici's own fetch (the engine under Node's
// fetch) with a dispatcher of undici's own, for what Node's fetch does not give users:
// HTTP_PROXY, HTTPS_PROXY and NO_PROXY honoured through a CONNECT tunnel (EnvHttpProxyAgent, as
// curl reads them), and connections to one origin capped, so a burst of calls queues for a few
// sockets instead of opening one each. Bun and Deno resolve the "node" export condition too;
// they have fetches (and undici shims) of their own, so they send with their fetch.
import type { Dispatcher } from "undici";
import type { Fetch } from "./engine.js";

export type { Fetch } from "./engine.js";

/** Sockets open to one origin at most; calls beyond them wait for one (within their timeout). */
export const MAX_CONNECTIONS_PER_ORIGIN = 16;

/**
 * The client that asks the proxy for each tunnel (undici's own `Pool`, as ProxyAgent makes by
 * default), with one change: a proxy that drops the connection instead of answering the CONNECT
 * fails with undici's "socket" error code, which undici treats as recoverable and answers by
 * connecting again, at once and for as long as requests wait: thousands of CONNECTs a second.
 * Renamed to an error undici does not retry, it fails the waiting requests, so the client's own
 * retry policy and timeout decide what happens next.
 */
function tunnelClientFactory(undici: Undici) {
  return (origin: URL, options: object): Dispatcher => {
    const pool = new undici.Pool(origin, options);
    const connect = pool.connect.bind(pool) as (options: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;
    return Object.assign(pool, {
      connect: async (options: Dispatcher.ConnectOptions) => {
        try {
          return await connect(options);
        } catch (error) {
          if ((error as { code?: unknown }).code !== "UND_ERR_SOCKET") throw error;
          throw Object.assign(new Error(`the proxy closed the connection instead of opening a tunnel (${(error as Error).message})`), {
            code: "HSS_PROXY_TUNNEL_CLOSED",
          });
        }
      },
    }) as Dispatcher;
  };
}

const isNode =
  typeof process === "object" && process.versions?.node !== undefined && process.versions.bun === undefined && !("Deno" in globalThis);

type Undici = typeof import("undici");
let loading: Promise<Undici> | undefined;

/** One dispatcher per proxy setting, shared by every client with that setting, so the cap holds across clients. */
const dispatchers = new Map<string, Dispatcher>();

function dispatcherFor(undici: Undici, env: Readonly<Record<string, string | undefined>>): Dispatcher {
  const pick = (...names: string[]) => names.map((name) => env[name]).find((value) => value !== undefined && value !== "");
  const settings = {
    httpProxy: pick("http_proxy", "HTTP_PROXY"),
    httpsProxy: pick("https_proxy", "HTTPS_PROXY"),
    noProxy: pick("no_proxy", "NO_PROXY") ?? "",
  };
  const key = JSON.stringify(settings);
  let dispatcher = dispatchers.get(key);
  if (dispatcher === undefined) {
    // Unset proxies are passed as "" rather than left out: undici would read process.env itself.
    dispatcher = new undici.EnvHttpProxyAgent({
      httpProxy: settings.httpProxy ?? "",
      httpsProxy: settings.httpsProxy ?? "",
      noProxy: settings.noProxy,
      connections: MAX_CONNECTIONS_PER_ORIGIN,
      clientFactory: tunnelClientFactory(undici),
    } as ConstructorParameters<Undici["EnvHttpProxyAgent"]>[0]);
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** The fetch of a client given none, on Node: undici's fetch through the dispatcher of the environment's proxy settings. */
export function defaultFetch(env: Readonly<Record<string, string | undefined>>): Fetch {
  if (!isNode) return (url, init) => globalThis.fetch(url, init);
  let dispatcher: Dispatcher | undefined;
  return async (url, init) => {
    // Imported on the first request rather than with the client.
    const undici = await (loading ??= import("undici"));
    dispatcher ??= dispatcherFor(undici, env);
    return (await undici.fetch(url, { ...(init as object), dispatcher })) as unknown as Response;
  };
}
