import { bundledSpecPath } from "@hss-kit/spec";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { startGuard } from "./guard.js";
import { DEFAULT_MAX_UPSTREAM_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS } from "./limits.js";
import { startUpstreamGuard, type RunningUpstreamGuard } from "./upstream.js";

export { DEFAULT_MAX_UPSTREAM_BODY_BYTES, DEFAULT_UPSTREAM_TIMEOUT_MS } from "./limits.js";
export { checkCredentials, readKeyFile, verifySignedRequest, type MockCredentials } from "./auth/index.js";
export {
  FAULTS,
  Throttle,
  callerOf,
  isFault,
  parseRateLimit,
  startStatefulMock,
  throttleMessage,
  type Fault,
  type RateLimitOptions,
  type RunningStatefulMock,
  type StatefulMockOptions,
  type Throttled,
} from "./stateful/index.js";

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
  /**
   * With `upstream`: milliseconds the upstream may take to answer, body included, before the
   * proxy answers 504 with an Error body. Default 30,000.
   */
  upstreamTimeoutMs?: number;
  /**
   * With `upstream`: most bytes of one upstream body, counted after decompression, before the
   * proxy answers 502 with an Error body. Default 16 MiB.
   */
  maxUpstreamBodyBytes?: number;
  /** The only `X-Auth-Token` accepted; without it or `keys`, Prism accepts any non-empty token. */
  token?: string;
  /** AK/SK pairs (access key to secret key): a signed request must verify under one of them. */
  keys?: ReadonlyMap<string, string>;
  /**
   * With `upstream`: the key pair to re-sign every signed request with before it goes to the
   * upstream, whose host differs from the one the caller signed.
   */
  resignWith?: { accessKey: string; secretKey: string };
}

/** A running mock server. */
export interface RunningMock {
  /** Base URL of the server, such as `http://127.0.0.1:4010`. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts Prism in this process: a mock that answers every HSS operation with the spec's
 * examples and refuses invalid requests with the spec's documented errors. Prism listens on an
 * internal loopback port behind a guard that answers what Prism cannot survive (a malformed
 * escape in the path) with a 400; with `upstream`, the upstream's answers are bounded in time
 * and size and its redirects are never followed.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const operations = await getHttpOperationsFromSpec(options.specPath ?? bundledSpecPath);
  let upstreamGuard: RunningUpstreamGuard | undefined;
  if (options.upstream !== undefined) {
    upstreamGuard = await startUpstreamGuard({
      upstream: new URL(options.upstream),
      timeoutMs: options.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      maxBodyBytes: options.maxUpstreamBodyBytes ?? DEFAULT_MAX_UPSTREAM_BODY_BYTES,
      ...(options.resignWith ? { resign: options.resignWith } : {}),
    });
  }
  const logger = createLogger("hss-mock", { level: options.logLevel ?? "silent" });
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: options.upstream !== undefined,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const config = upstreamGuard
    ? { ...shared, isProxy: true as const, upstream: new URL(upstreamGuard.url) }
    : { ...shared, isProxy: false as const };
  const prism = createServer(operations, { cors: false, config, components: { logger } });
  const internal = new URL(await prism.listen(0, "127.0.0.1"));
  const credentials = { ...(options.token !== undefined ? { token: options.token } : {}), ...(options.keys !== undefined ? { keys: options.keys } : {}) };
  const guard = await startGuard({ host: internal.hostname, port: Number(internal.port) }, options.port ?? 0, options.host ?? "127.0.0.1", credentials).catch(
    async (error: unknown) => {
      await prism.close();
      await upstreamGuard?.close();
      throw error;
    },
  );
  return {
    url: guard.url,
    async close() {
      await guard.close();
      await prism.close();
      await upstreamGuard?.close();
    },
  };
}
