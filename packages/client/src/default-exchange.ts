// How a client without a `fetch` option sends, outside Node (browsers, Deno, Bun, edge runtimes):
// through the runtime's own fetch, which decides about proxies and certificates. The Node build
// replaces this module with default-exchange.node.ts (see tsup.config.ts).
import { fetchExchange, type Exchange } from "./exchange.js";

/**
 * The exchange of a client given no fetch: `globalThis.fetch`, looked up on every attempt so a
 * fetch patched in after the client was made (mocks, tracing) is used.
 */
export function defaultExchange(_env: Readonly<Record<string, string | undefined>>): Exchange {
  return fetchExchange((input, init) => globalThis.fetch(input, init));
}
