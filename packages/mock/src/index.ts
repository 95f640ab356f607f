import { createRequire } from "node:module";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

/** Options of {@link startMock}. */
export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; loopback by default so the mock is never exposed. */
  host?: string;
  /** The spec to serve; defaults to the bundled HSS spec of `@hss-kit/spec`. */
  specPath?: string;
  /** Prism's log level; `silent` by default so tests stay quiet. */
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
  /**
   * Forward valid requests to this URL and validate its responses against the spec (Prism's
   * validation proxy) instead of answering from the spec's examples.
   */
  upstream?: string;
}

/** A running mock server. */
export interface RunningMock {
  /** Base URL of the server, such as `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Path of the bundled HSS spec that the mock serves by default. */
export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve("@hss-kit/spec/openapi.json");
}

/**
 * Starts Prism in this process: a mock that answers every HSS operation with the spec's
 * examples and refuses invalid requests with the spec's documented errors.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const operations = await getHttpOperationsFromSpec(options.specPath ?? bundledSpecPath());
  const logger = createLogger("hss-mock", { level: options.logLevel ?? "silent" });
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.upstream !== undefined,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const config = options.upstream
    ? { ...shared, isProxy: true as const, upstream: new URL(options.upstream) }
    : { ...shared, isProxy: false as const };
  const server = createServer(operations, { cors: false, config, components: { logger } });
  const url = await server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return { url, close: () => server.close() };
}
