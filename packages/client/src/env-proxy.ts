// Outside Node (browsers, Deno, Bun, edge runtimes) the runtime's own fetch decides about
// proxies, so there is nothing to set up. The Node build replaces this module with
// env-proxy.node.ts (see tsup.config.ts).
import type { Fetch } from "./transport.js";

/** A fetch that honours `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` when one is set; undefined outside Node. */
export function proxyFetchFromEnv(_env: Readonly<Record<string, string | undefined>>): Fetch | undefined {
  return undefined;
}
