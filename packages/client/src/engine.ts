// How a client without a `fetch` option sends, outside Node (browsers, Deno, Bun, edge runtimes):
// through the runtime's own fetch, which decides about proxies, certificates and connections.
// The Node build replaces this module with engine.node.ts (see tsup.config.ts).

/** A fetch as `send` calls it: one attempt, a URL string and a plain init. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The runtime's `fetch`, looked up on every attempt so one installed after the client was made
 * (a mock, tracing) is used.
 */
export function defaultFetch(_env: Readonly<Record<string, string | undefined>>): Fetch {
  return (url, init) => globalThis.fetch(url, init);
}
