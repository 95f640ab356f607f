// Node's built-in fetch ignores HTTP_PROXY, HTTPS_PROXY and NO_PROXY (Node 24 only with
// NODE_USE_ENV_PROXY=1). When one is set, requests go through undici's EnvHttpProxyAgent, which
// reads them as curl does; undici is loaded only then. Its own fetch is used, not the global
// one, so the agent always matches the fetch whatever undici version Node bundles.
import type { Fetch } from "./transport.js";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/** A fetch that honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` when one of the first two is set. */
export function proxyFetchFromEnv(env: Readonly<Record<string, string | undefined>>): Fetch | undefined {
  if (!PROXY_VARIABLES.some((name) => (env[name] ?? "") !== "")) return undefined;
  let proxied: Promise<Fetch> | undefined;
  return async (input, init) => {
    proxied ??= import("undici").then(({ EnvHttpProxyAgent, fetch }) => {
      const dispatcher = new EnvHttpProxyAgent();
      return (url, options) => fetch(url as string, { ...options, dispatcher } as Parameters<typeof fetch>[1]) as unknown as Promise<Response>;
    });
    const send = await proxied;
    if (typeof input === "string") return send(input, init);
    // undici's fetch takes only its own Request class: a Request middleware shaped goes as its parts.
    return send(input.url, { method: input.method, headers: input.headers, body: input.body, duplex: "half", redirect: input.redirect, ...init } as RequestInit);
  };
}
